import type { Input, Method, Output } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import type { Session } from '../api/session.ts';

/** The request's fields, holding what the user typed: the contract's own schema checks the values. */
export type TypedInput<M extends Method> = { [K in keyof Input<M>]?: unknown };

/** A request through the same validation as the app's, so the CLI refuses exactly what the app refuses. */
export function callContract<M extends Method>(session: Session, method: M, input: TypedInput<M>): Output<M> {
  const result = session.dispatch(method, input);
  if (!result.ok) throw new CrosscheckError(result.error.code, result.error.message);
  return result.value as Output<M>;
}
