/**
 * Following redirects as Requests' SessionRedirectMixin does (requests/sessions.py): the target
 * from Location (its bytes read as UTF-8), scheme-relative and relative targets resolved,
 * fragments carried over, the method rebuilt (301/302 POST → GET, 303 → GET except HEAD, 307/308
 * unchanged), body and body headers dropped when not 307/308, the Cookie header re-derived from
 * the jar for each hop, proxies and auth rebuilt, one-shot bodies refused, history kept,
 * `maxRedirects` enforced with TooManyRedirects.
 *
 * Credentials (ARCHITECTURE.md): `Authorization` is dropped on any change of scheme, host or
 * port (an https → http downgrade included); Requests' one exception, http:80 → https:443 on
 * the same host, is not made. `Proxy-Authorization` is rebuilt from the proxy for each hop.
 * netrc credentials are looked up again for the new host (and only for it).
 */
import { urljoin } from '../parse/join.js';
import { urlsplit, urlunsplit } from '../parse/split.js';
import type { AdapterSendOptions } from './adapters.js';
import { extractCookiesToJar, mergeCookies, type RequestsCookieJar } from './cookies.js';
import { getNetrcAuth, resolveProxies } from './env.js';
import { TooManyRedirects } from './errors.js';
import type { PreparedRequest } from './models.js';
import { ownProxies, type Proxies } from './proxies.js';
import type { Response } from './response.js';
import { assertRewindable } from './rewind.js';
import { requoteUri } from './url.js';

/**
 * What the redirect logic needs from the session. The rebuild steps are called through the
 * host, so a Session subclass can override them as with Requests' SessionRedirectMixin.
 */
export interface RedirectHost {
  readonly maxRedirects: number;
  readonly trustEnv: boolean;
  readonly cookies: RequestsCookieJar;
  send(request: PreparedRequest, opts: AdapterSendOptions & { allowRedirects?: boolean }): Promise<Response>;
  getRedirectTarget(resp: Response): string | null;
  rebuildMethod(prepared: PreparedRequest, resp: Response): void;
  rebuildProxies(prepared: PreparedRequest, proxies: Proxies | null | undefined): Proxies;
  rebuildAuth(prepared: PreparedRequest, resp: Response): void;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

/** The redirect target of a response (Location read as UTF-8 bytes), or null. */
export function getRedirectTarget(resp: Response): string | null {
  if (!resp.isRedirect) return null;
  const location = resp.headers.get('location') ?? '';
  // Requests: location.encode('latin1').decode('utf8') — the header's bytes are UTF-8.
  return /[\u0080-\u00ff]/.test(location) ? Buffer.from(location, 'latin1').toString('utf8') : location;
}

/** True when `Authorization` must not follow from `oldUrl` to `newUrl` (another scheme, host or port). */
export function shouldStripAuth(oldUrl: string, newUrl: string): boolean {
  const a = urlsplit(oldUrl);
  const b = urlsplit(newUrl);
  if (a.hostname !== b.hostname) return true;
  if (a.scheme !== b.scheme) return true;
  const pa = a.port ?? DEFAULT_PORTS[a.scheme] ?? null;
  const pb = b.port ?? DEFAULT_PORTS[b.scheme] ?? null;
  return pa !== pb;
}

/** Requests' rebuild_method. */
export function rebuildMethod(prepared: PreparedRequest, resp: Response): void {
  let method = prepared.method;
  if (resp.statusCode === 303 && method !== 'HEAD') method = 'GET';
  if (resp.statusCode === 302 && method !== 'HEAD') method = 'GET';
  if (resp.statusCode === 301 && method === 'POST') method = 'GET';
  prepared.method = method;
}

/** The next URL: scheme-relative completed, fragment carried, relative resolved, requoted. */
function nextUrl(target: string, resp: Response, previous: { fragment: string }): string {
  let url = target;
  if (url.startsWith('//')) url = `${urlsplit(resp.url ?? '').scheme}:${url}`;
  let parsed = urlsplit(url);
  if (parsed.fragment === '' && previous.fragment !== '') parsed = parsed.replace({ fragment: previous.fragment });
  else if (parsed.fragment !== '') previous.fragment = parsed.fragment;
  url = urlunsplit(parsed);
  return parsed.netloc === '' ? urljoin(resp.url ?? '', requoteUri(url)) : requoteUri(url);
}

/** Consumes and releases a redirect response's body so its connection can be reused. */
async function drain(resp: Response): Promise<void> {
  try {
    await resp.loadContent();
  } catch {
    resp.raw?.release();
  }
}

/** The request for the next hop (Requests' loop body before `send`). */
function prepareHop(host: RedirectHost, resp: Response, req: PreparedRequest, url: string, proxies: Proxies | null | undefined): { prepared: PreparedRequest; proxies: Proxies } {
  const prepared = req.copy();
  prepared.url = url;
  host.rebuildMethod(prepared, resp);
  if (resp.statusCode !== 307 && resp.statusCode !== 308) {
    for (const h of ['Content-Length', 'Content-Type', 'Transfer-Encoding']) prepared.headers.delete(h);
    prepared.body = null;
    prepared.bodyLength = null;
  }
  prepared.headers.delete('Cookie');
  const jar = prepared.cookieJar ?? host.cookies.copy();
  extractCookiesToJar(jar, req.url ?? '', resp.setCookieHeaders);
  mergeCookies(jar, host.cookies);
  prepared.prepareCookies(jar);
  const newProxies = host.rebuildProxies(prepared, proxies);
  host.rebuildAuth(prepared, resp);
  assertRewindable(prepared.body);
  return { prepared, proxies: newProxies };
}

/** Requests' rebuild_proxies: proxies re-resolved for the new URL; Proxy-Authorization rebuilt by the pool. */
export function rebuildProxies(prepared: PreparedRequest, proxies: Proxies | null | undefined, trustEnv: boolean): Proxies {
  prepared.headers.delete('Proxy-Authorization');
  return resolveProxies(prepared.url ?? '', proxies, trustEnv);
}

/** Requests' rebuild_auth: drop Authorization across origins, then netrc for the new host. */
export function rebuildAuth(prepared: PreparedRequest, resp: Response, trustEnv: boolean): void {
  if (prepared.headers.has('Authorization') && shouldStripAuth(resp.request?.url ?? '', prepared.url ?? '')) {
    prepared.headers.delete('Authorization');
  }
  const netrc = trustEnv ? getNetrcAuth(prepared.url ?? '') : null;
  if (netrc !== null) prepared.prepareAuth(netrc);
}

/**
 * Requests' resolve_redirects: follows the chain from `resp`, yielding each new response (or,
 * with `yieldRequests`, only the next request without sending it).
 */
export async function* resolveRedirects(
  host: RedirectHost,
  first: Response,
  firstReq: PreparedRequest,
  opts: AdapterSendOptions & { yieldRequests?: boolean },
): AsyncGenerator<Response | PreparedRequest> {
  const hist: Response[] = [];
  let resp = first;
  let req = firstReq;
  let target = host.getRedirectTarget(resp);
  const previous = { fragment: urlsplit(req.url ?? '').fragment };
  // A subclass's rebuildProxies may change the dict (the session's shared empty one is frozen).
  let proxies = ownProxies(opts.proxies);
  // Bounded: each pass either raises TooManyRedirects past maxRedirects or stops. An empty
  // Location stops too (Requests: `while url:`).
  while (target !== null && target !== '') {
    hist.push(resp);
    resp.history = hist.slice(1);
    await drain(resp);
    if (resp.history.length >= host.maxRedirects) throw new TooManyRedirects(`Exceeded ${host.maxRedirects} redirects.`, { response: resp });
    resp.close();
    const hop = prepareHop(host, resp, req, nextUrl(target, resp, previous), proxies);
    req = hop.prepared;
    proxies = hop.proxies;
    if (opts.yieldRequests === true) {
      yield req;
      return;
    }
    const { yieldRequests: _unused, ...sendOpts } = opts;
    resp = await host.send(req, { ...sendOpts, proxies, allowRedirects: false });
    extractCookiesToJar(host.cookies, req.url ?? '', resp.setCookieHeaders);
    target = host.getRedirectTarget(resp);
    yield resp;
  }
}
