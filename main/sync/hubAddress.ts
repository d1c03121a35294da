/**
 * Where a hub is, and the one rule for sending it a token: only to that hub's own
 * origin, and never in clear text across a network.
 */
import { CrosscheckError } from '../contract/errors.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface HubAddress {
  /** The base every endpoint is resolved against, ending in "/". */
  base: URL;
  /** scheme://host:port — the only origin the token is ever sent to. */
  origin: string;
  /** The key a saved login is stored under. */
  key: string;
}

export function parseHubAddress(text: string): HubAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CrosscheckError('invalid_input', `${JSON.stringify(text)} is not a hub address; give one like https://hub.example.org`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new CrosscheckError('invalid_input', `a hub address starts with https://, not ${url.protocol}//`);
  if (url.username || url.password) throw new CrosscheckError('invalid_input', 'put no user name or password in the hub address; the token authenticates');
  if (url.search || url.hash) throw new CrosscheckError('invalid_input', 'a hub address has no query or fragment');
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    throw new CrosscheckError(
      'invalid_input',
      `refusing to send a token in clear text to ${url.host}: use https:// (plain http:// is only for a hub on this machine)`,
    );
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { base: url, origin: url.origin, key: url.href };
}

/** An endpoint of this hub; throws if the result would leave the hub's origin (a token must never follow it elsewhere). */
export function endpoint(address: HubAddress, path: string): URL {
  const url = new URL(path, address.base);
  if (url.origin !== address.origin) throw new CrosscheckError('forbidden', `${url.href} is not on the hub's origin ${address.origin}`);
  return url;
}
