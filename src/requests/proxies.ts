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
