/**
 * HTTP proxies (urllib3's ProxyManager mechanics):
 *
 * - http:// targets go to the proxy in absolute-form (RFC 9112 §3.2.2) over the proxy's own
 *   pool, with the proxy headers (and Proxy-Authorization) on each request.
 * - https:// targets get a CONNECT tunnel (RFC 9110 §9.3.6): authority-form target, proxy
 *   headers only on the CONNECT, then TLS to the origin through the tunnel with the origin's
 *   certificate verified. A non-2xx answer drops the socket and is a ProxyError.
 * - Credentials in the proxy URL become `Proxy-Authorization: Basic ...` (Requests'
 *   HTTPAdapter.proxy_headers), sent only to the proxy — never to the origin through a tunnel.
 */
import type { Connection, TlsSettings } from '../engine/types.js';
import { ProxyError, ProxySchemeUnknown, TunnelError } from './errors.js';
import { hasHeader, toHeaderList } from './headers.js';
import { parseTarget, type Target } from './url.js';
import type { HeaderList, ProxyConfig } from './types.js';

export interface ProxyInfo {
  readonly target: Target;
  /** Headers for the proxy: the configured ones plus Proxy-Authorization from the URL's userinfo. */
  readonly headers: HeaderList;
  /** The proxy URL without credentials (for diagnostics and ConnectionInfo). */
  readonly safeUrl: string;
  /** Stable identity for pool keys. */
  readonly key: string;
}

const cache = new Map<string, ProxyInfo>();

/** Validates and normalises a proxy; a URL without a scheme is taken as http:// (Requests prepends it). */
export function resolveProxy(cfg: ProxyConfig): ProxyInfo {
  const extra = toHeaderList(cfg.headers);
  const cacheKey = `${cfg.url}\n${extra.join('\n')}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const url = cfg.url.includes('://') ? cfg.url : `http://${cfg.url}`;
  const scheme = url.slice(0, url.indexOf('://')).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw new ProxySchemeUnknown(scheme);
  const target = parseTarget(url);
  const headers = extra.slice();
  if (target.username !== null && !hasHeader(headers, 'proxy-authorization')) {
    headers.push('Proxy-Authorization', basicAuth(target.username, target.password ?? ''));
  }
  const safeUrl = `${target.scheme}://${target.authority}`;
  const info: ProxyInfo = Object.freeze({ target, headers, safeUrl, key: `${safeUrl}\n${headers.join('\n')}` });
  if (cache.size >= 64) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, info);
  return info;
}

/** Requests' _basic_auth_str: latin-1 user:password, base64. */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'latin1').toString('base64')}`;
}

/**
 * Sends CONNECT host:port on a fresh proxy connection and checks the answer. On a non-2xx the
 * connection is closed and a ProxyError(TunnelError) thrown; other failures propagate.
 */
export async function openTunnel(conn: Connection, origin: Target, proxy: ProxyInfo, readTimeout: number | null, signal: AbortSignal | undefined): Promise<void> {
  const authority = `${origin.host.includes(':') ? `[${origin.host}]` : origin.host}:${origin.port}`;
  const headers: HeaderList = ['Host', authority, ...proxy.headers];
  const opts = signal ? { readTimeout, signal, addFraming: false } : { readTimeout, addFraming: false };
  const res = await conn.request({ method: 'CONNECT', target: authority, headers }, null, opts);
  if (res.status >= 200 && res.status < 300) return;
  res.body.cancel();
  conn.close();
  throw new ProxyError('Unable to connect to proxy', new TunnelError(res.status, res.reason, res.headers));
}

/** TLS towards the origin through the tunnel: origin's name for SNI and verification. */
export async function startOriginTls(conn: Connection, origin: Target, tls: Readonly<TlsSettings>): Promise<void> {
  await conn.startTls(tls, origin.host);
}
