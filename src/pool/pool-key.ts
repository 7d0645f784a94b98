/**
 * Which pool a request goes to (urllib3's PoolKey): scheme, host, port, every TLS option and
 * the proxy. Plain http:// through a proxy shares one pool per proxy (absolute-form requests
 * to any origin reuse the proxy connection, as urllib3's ProxyManager does); https:// through
 * a proxy gets one pool per (origin, TLS options, proxy) because each tunnel is origin-bound.
 */
import type { TlsSettings } from '../engine/types.js';
import type { ProxyInfo } from './proxy.js';
import { resolveTls, tlsKey } from './tls.js';
import type { PoolTlsOptions } from './types.js';
import type { Target } from './url.js';

export interface PoolSpec {
  readonly key: string;
  /** Where TCP goes: the origin, or the proxy. */
  readonly host: string;
  readonly port: number;
  /** TLS for the first hop (origin when direct https, proxy when the proxy is https://), else null. */
  readonly hopTls: Readonly<TlsSettings> | null;
  /** Origin TLS inside a CONNECT tunnel, else null. */
  readonly tunnelTls: Readonly<TlsSettings> | null;
  /** The origin for tunnels (CONNECT target, TLS name); for a shared proxy pool, null. */
  readonly origin: Target | null;
  readonly proxy: ProxyInfo | null;
  /** Requests use absolute-form (plain http through a proxy). */
  readonly absoluteForm: boolean;
  readonly secure: boolean;
  /** urllib3's pool repr for messages: HTTPSConnectionPool(host='h', port=443); the proxy's pool for proxied http://. */
  readonly name: string;
}

/** urllib3's repr of a connection pool, as its messages show it. */
export function poolName(scheme: string, host: string, port: number): string {
  return `${scheme === 'https' ? 'HTTPS' : 'HTTP'}ConnectionPool(host='${host}', port=${port})`;
}

const NO_TLS = '';

export function poolSpecFor(target: Target, tlsOpts: PoolTlsOptions, proxy: ProxyInfo | null): PoolSpec {
  const https = target.scheme === 'https';
  const tk = https ? tlsKey(tlsOpts) : NO_TLS;
  if (proxy === null) {
    return {
      key: `${target.scheme}|${target.host}|${target.port}|${tk}`, host: target.host, port: target.port,
      hopTls: https ? resolveTls(tlsOpts, tk) : null, tunnelTls: null, origin: target, proxy: null,
      absoluteForm: false, secure: https, name: poolName(target.scheme, target.host, target.port),
    };
  }
  const proxyHttps = proxy.target.scheme === 'https';
  const pk = proxyHttps ? tlsKey(tlsOpts) : NO_TLS;
  const hopTls = proxyHttps ? resolveTls(tlsOpts, pk) : null;
  if (!https) {
    return {
      key: `proxy|${proxy.key}|${pk}`, host: proxy.target.host, port: proxy.target.port, hopTls, tunnelTls: null,
      origin: null, proxy, absoluteForm: true, secure: false, name: poolName(proxy.target.scheme, proxy.target.host, proxy.target.port),
    };
  }
  return {
    key: `https|${target.host}|${target.port}|${tk}|via|${proxy.key}|${pk}`, host: proxy.target.host, port: proxy.target.port,
    hopTls, tunnelTls: resolveTls(tlsOpts, tk), origin: target, proxy, absoluteForm: false, secure: true,
    name: poolName('https', target.host, target.port),
  };
}
