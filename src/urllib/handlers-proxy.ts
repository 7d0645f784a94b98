/**
 * ProxyHandler and the environment proxy settings (CPython getproxies_environment /
 * proxy_bypass_environment on POSIX). For each scheme with a proxy the handler grows a
 * `<scheme>Open` method that rewrites the request to go through the proxy: absolute-form for
 * http, a CONNECT tunnel for https; credentials in the proxy URL become a Basic
 * Proxy-authorization header.
 */
import { unquote } from '../parse/quote.js';
import { BaseHandler } from './handler.js';
import { pyRepr, splitpasswd, splitport, splittype, splituser } from './pyutil.js';
import type { Request } from './request.js';
import type { addinfourl } from './response.js';

/**
 * scheme → proxy URL from `<scheme>_proxy` variables; lower-case names win over upper-case ones,
 * and HTTP_PROXY is ignored under CGI (REQUEST_METHOD set; CVE-2016-1000110). Includes `no`.
 */
export function getproxies(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const proxies: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(env)) {
    const name = rawName.toLowerCase();
    if (value && name.endsWith('_proxy')) proxies[name.slice(0, -6)] = value;
  }
  if ('REQUEST_METHOD' in env) delete proxies.http;
  for (const [rawName, value] of Object.entries(env)) {
    if (rawName.endsWith('_proxy')) {
      const name = rawName.toLowerCase().slice(0, -6);
      if (value) proxies[name] = value;
      else delete proxies[name];
    }
  }
  return proxies;
}

/** True when `host` matches no_proxy ('*', or a suffix list such as 'example.com,.local'). */
export function proxyBypass(host: string, proxies: Record<string, string> = getproxies()): boolean {
  const noProxy = proxies.no;
  if (noProxy === undefined) return false;
  if (noProxy === '*') return true;
  const lower = host.toLowerCase();
  const [hostonly] = splitport(lower);
  for (let name of noProxy.split(',')) {
    name = name.trim();
    if (!name) continue;
    name = name.replace(/^\.+/, '').toLowerCase();
    if (hostonly === name || lower === name) return true;
    name = '.' + name;
    if (hostonly.endsWith(name) || lower.endsWith(name)) return true;
  }
  return false;
}

/** [scheme | null, user | null, password | null, host:port] of a proxy URL or bare authority. */
export function parseProxy(proxy: string): [string | null, string | null, string | null, string] {
  const split = splittype(proxy);
  let scheme = split[0];
  const rScheme = split[1];
  let authority: string;
  if (!rScheme.startsWith('/')) {
    scheme = null;
    authority = proxy;
  } else {
    // RFC 3986 §3: a URL with an authority has '//' after the scheme.
    if (!rScheme.startsWith('//')) throw new RangeError(`proxy URL with no authority: ${pyRepr(proxy)}`);
    const at = rScheme.indexOf('@');
    const end = at >= 0 ? rScheme.indexOf('/', at) : rScheme.indexOf('/', 2);
    authority = end === -1 ? rScheme.slice(2) : rScheme.slice(2, end);
  }
  const [userinfo, hostport] = splituser(authority);
  if (userinfo === null) return [scheme, null, null, hostport];
  const [user, password] = splitpasswd(userinfo);
  return [scheme, user, password, hostport];
}

/** Sends requests through proxies: `new ProxyHandler({ http: 'http://proxy:3128' })`; default: the environment. */
export class ProxyHandler extends BaseHandler {
  override handlerOrder = 100; // proxies must be in front
  /** scheme → proxy URL. */
  proxies: Record<string, string>;

  constructor(proxies: Record<string, string> | Map<string, string> | null = null) {
    super();
    const map = proxies ?? getproxies();
    this.proxies = map instanceof Map ? Object.fromEntries(map) : { ...map };
    for (const [rawType, url] of Object.entries(this.proxies)) {
      const type = rawType.toLowerCase();
      (this as unknown as Record<string, unknown>)[`${type}Open`] = (r: Request) => this.proxyOpen(r, url, type);
    }
  }

  /** Rewrites `req` for the proxy; re-opens it when the proxy speaks another scheme. */
  async proxyOpen(req: Request, proxy: string, _type: string): Promise<addinfourl | undefined> {
    const origType = req.type;
    const [parsedType, user, password, rawHostport] = parseProxy(proxy);
    const proxyType = parsedType ?? origType;
    if (req.host && proxyBypass(req.host)) return undefined;
    if (user && password) {
      const creds = Buffer.from(`${unquote(user)}:${unquote(password)}`, 'utf8').toString('base64');
      req.addHeader('Proxy-authorization', 'Basic ' + creds);
    }
    req.setProxy(unquote(rawHostport), proxyType);
    // Same scheme (or https, tunnelled): let the other handlers take care of it.
    if (origType === proxyType || origType === 'https') return undefined;
    // Other handlers don't grok the proxy's URL type: start over.
    return this.parent.open(req, { timeout: req.timeout });
  }
}
