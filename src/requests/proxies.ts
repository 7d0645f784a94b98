/** Proxy selection for one URL (requests.utils.select_proxy) on the pool's helper. */
import { selectProxy } from '../pool/env-proxies.js';

/** Proxies per scheme (`http`, `https`, `all`, `scheme://host`), plus an optional `no_proxy` list. */
export type Proxies = Record<string, string | null | undefined>;

/** The proxy URL for `url`, or null (an empty or null entry means direct). */
export function selectProxyFor(url: string, proxies: Proxies | null | undefined): string | null {
  if (proxies === null || proxies === undefined || isEmptyObject(proxies)) return null;
  const p = selectProxy(url, proxies);
  return p === null || p === undefined || p === '' ? null : p;
}

function isEmptyObject(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/**
 * `proxies` as a dict the caller may change: a copy when it is frozen (the Session's shared empty
 * proxies of its plain requests). Requests hands hooks, adapters, send() and rebuild_proxies a
 * dict of the request's own.
 */
export function ownProxies<P extends Proxies | null | undefined>(proxies: P): P {
  return proxies !== null && proxies !== undefined && Object.isFrozen(proxies) ? { ...proxies } as P : proxies;
}

/** `opts` with proxies of its own (see ownProxies), for user code. */
export function withOwnProxies<O extends { proxies?: Proxies | null }>(opts: O): O {
  return { ...opts, proxies: ownProxies(opts.proxies) };
}
