import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { chordOf } from './chord.ts';
import { buildKeyLookup, KEY_TABLE, SCOPES, type CommandOf, type Scope } from './keyTable.ts';
import { activatesControl, isTyping } from './typing.ts';

/** A command's handler; returning false means "not applicable now" and leaves the key to the browser. */
export type KeyHandler = (event: KeyboardEvent) => boolean | void;
export type KeyHandlers<S extends Scope> = Partial<Record<CommandOf<S>, KeyHandler>>;

interface Registration {
  scope: Scope;
  handlers: { current: Partial<Record<string, KeyHandler>> };
  order: number;
}

interface Router {
  register(registration: Registration): () => void;
  /** The scopes that would get a key now, most specific first. */
  activeScopes(): Scope[];
  subscribe(listener: () => void): () => void;
}

const RouterContext = createContext<Router | null>(null);
const LOOKUP = buildKeyLookup(KEY_TABLE);

/** Which registrations get keys: the newest modal one alone, else every enabled one, newest first. */
function receiving(registrations: readonly Registration[]): Registration[] {
  const newestFirst = [...registrations].sort((a, b) => b.order - a.order);
  const modal = newestFirst.find((r) => SCOPES[r.scope].modal);
  return modal ? [modal] : newestFirst;
}

/**
 * The app's one keyboard listener. Components say which scope they own while
 * they are on screen (useKeyScope); a key goes to the newest modal scope
 * alone (a dialog, a popup menu), otherwise to the view on screen and the
 * global scope. A hidden view registers nothing, so its keys cannot act.
 */
export function KeyRouter({ children }: { children: ReactNode }) {
  const router = useMemo<Router>(() => {
    const registrations: Registration[] = [];
    const listeners = new Set<() => void>();
    const notify = () => listeners.forEach((listener) => listener());
    return {
      register(registration) {
        registrations.push(registration);
        notify();
        return () => {
          registrations.splice(registrations.indexOf(registration), 1);
          notify();
        };
      },
      activeScopes: () => [...new Set(receiving(registrations).map((r) => r.scope))],
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      dispatch(event: KeyboardEvent) {
        if (event.defaultPrevented || event.isComposing) return;
        const targets = receiving(registrations);
        const modal = targets.length === 1 && SCOPES[targets[0]!.scope].modal;
        if (isTyping(event.target) && !(modal && event.key === 'Escape')) return;
        if (activatesControl(event)) return;
        const chord = chordOf(event);
        for (const registration of targets) {
          const command = LOOKUP.get(registration.scope)?.get(chord);
          const handler = command === undefined ? undefined : registration.handlers.current[command];
          if (handler && handler(event) !== false) {
            event.preventDefault();
            return;
          }
        }
      },
    } as Router & { dispatch(event: KeyboardEvent): void };
  }, []);

  useEffect(() => {
    const dispatch = (event: KeyboardEvent) => (router as Router & { dispatch(event: KeyboardEvent): void }).dispatch(event);
    window.addEventListener('keydown', dispatch);
    return () => window.removeEventListener('keydown', dispatch);
  }, [router]);

  return <RouterContext value={router}>{children}</RouterContext>;
}

let nextOrder = 0;

/**
 * Owns a scope while `enabled`: its keys call these handlers (the latest ones
 * given, so they may close over fresh state).
 */
export function useKeyScope<S extends Scope>(scope: S, handlers: KeyHandlers<S>, enabled = true): void {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useKeyScope needs a KeyRouter above it.');
  const latest = useRef<Partial<Record<string, KeyHandler>>>(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    return router.register({ scope, handlers: latest, order: nextOrder++ });
  }, [router, scope, enabled]);
}

/** The scopes that get keys now, for the key map: what `?` shows is what the keys do. */
export function useActiveScopes(): Scope[] {
  const router = useContext(RouterContext)!;
  const [scopes, setScopes] = useState(() => router.activeScopes());
  useEffect(() => {
    const update = () => setScopes(router.activeScopes());
    update();
    return router.subscribe(update);
  }, [router]);
  return scopes;
}

/** Reads the active scopes once, when asked (the key map is opened from a key). */
export function useKeyRouter(): Pick<Router, 'activeScopes'> {
  return useContext(RouterContext)!;
}
