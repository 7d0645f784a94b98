/**
 * `Session` (requests/sessions.py): settings merged into every request (headers, auth, proxies,
 * hooks, params, stream, verify, cert, cookies), adapters by URL prefix, redirects, and the
 * environment when `trustEnv`. Precedence: explicit argument > session setting > environment.
 *
 * A Session is safe to share between concurrent calls: per-call state lives in the call; the
 * cookie jar (synchronous) is the shared state, as in Requests.
 */
import { performance } from 'node:perf_hooks';
import { BaseAdapter, HTTPAdapter, sendThen, settleResponse, type AdapterSendOptions, type SettleHost, type Timeout } from './adapters.js';
import type { AuthInput } from './auth-apply.js';
import type { FormValue } from './body.js';
import { RequestsCookieJar, cookiejarFromDict, extractCookiesToJar, mergeCookies, type CookiesInput } from './cookies.js';
import { caBundleThisTurn, environProxiesFor, getNetrcAuth, noEnvProxies, resolveProxies, turnEnv, type TurnEnv } from './env.js';
import { InvalidSchema } from './errors.js';
import { defaultHooks, dispatchHook, type HookMap, type HooksInput } from './hooks.js';
import { PreparedRequest, Request, markValidated, type DataInput, type HeadersInput, type ParamsInput } from './models.js';
import type { FileSpec } from './multipart.js';
import { ownProxies, withOwnProxies, type Proxies } from './proxies.js';
import * as redirects from './redirects.js';
import type { RedirectHost } from './redirects.js';
import type { Response } from './response.js';
import { mergeHooks, mergeParams, mergeHeaders, pick } from './merge.js';
import { CaseInsensitiveDict, type DictInput } from './structures.js';
import { startsWithIgnoreCase, upperCased } from '../internal/ascii.js';

/** Requests' DEFAULT_REDIRECT_LIMIT. */
export const DEFAULT_REDIRECT_LIMIT = 30;
/** The User-Agent we send by default (Requests sends python-requests/<version>). */
export const DEFAULT_USER_AGENT = 'python-httpkit/0.1.0';

/** `default_headers()`: User-Agent, Accept-Encoding, Accept, Connection. */
export function defaultHeaders(): CaseInsensitiveDict<string> {
  return new CaseInsensitiveDict<string>({ 'User-Agent': DEFAULT_USER_AGENT, 'Accept-Encoding': 'gzip, deflate, br', Accept: '*/*', Connection: 'keep-alive' });
}

/** Options of every request call (Requests' keyword arguments, camelCase). */
export interface RequestOptions {
  params?: ParamsInput;
  data?: DataInput;
  json?: unknown;
  headers?: HeadersInput;
  cookies?: CookiesInput | null;
  files?: DictInput<FileSpec> | null;
  auth?: AuthInput;
  /** ms for connect and read, or `{ connect, read, total }`; null: none. Default connect 10 s, read 300 s. */
  timeout?: Timeout;
  /** Follow redirects. Default true (false for `head`). */
  allowRedirects?: boolean;
  proxies?: Proxies | null;
  hooks?: HooksInput | null;
  /** Do not read the body before returning. Default: the session's (false). */
  stream?: boolean | null;
  /** Verify TLS certificates (or a CA bundle path). Default: the session's (true). */
  verify?: boolean | string | null;
  cert?: string | readonly [string, string] | null;
  signal?: AbortSignal | null;
}

/** Options of `send`. */
export interface SendOptions extends AdapterSendOptions {
  allowRedirects?: boolean;
}

/**
 * The proxies of a request that has none (shared and frozen: a new `{}` per request is bytes
 * allocated for nothing; the redirect loop and mergeEnvironmentSettings hand out copies).
 */
const NO_PROXIES: Proxies = Object.freeze({});

/** The options of a call without any (shared: a default `{}` would be a new object per call). */
const NO_OPTIONS: RequestOptions = Object.freeze({});

/** Session.adapters: a Map that counts its changes, so getAdapter can keep a list of its entries. */
class AdapterMap extends Map<string, BaseAdapter> {
  version = 0;

  override set(prefix: string, adapter: BaseAdapter): this {
    this.version++;
    return super.set(prefix, adapter);
  }

  override delete(prefix: string): boolean {
    this.version++;
    return super.delete(prefix);
  }

  override clear(): void {
    this.version++;
    super.clear();
  }
}

/** A Requests session. `await using s = new Session()` closes it. */
export class Session implements RedirectHost, SettleHost {
  headers: CaseInsensitiveDict<string | null> = defaultHeaders();
  auth: AuthInput = null;
  proxies: Proxies = {};
  hooks: HookMap = defaultHooks();
  params: DictInput<FormValue> | string = {};
  stream = false;
  verify: boolean | string = true;
  cert: string | readonly [string, string] | null = null;
  maxRedirects = DEFAULT_REDIRECT_LIMIT;
  trustEnv = true;
  cookies: RequestsCookieJar = new RequestsCookieJar();
  readonly #adapters = new AdapterMap();
  /** Adapters by prefix, longest prefix first. */
  readonly adapters: Map<string, BaseAdapter> = this.#adapters;
  /** The entries of `adapters` as of `#entriesVersion`: scanned per request without an iterator. */
  #adapterEntries: Array<[string, BaseAdapter]> = [];
  #entriesVersion = -1;
  /** getAdapter's last answer, for the URL it was asked about and the entries it was found in. */
  #lastAdapterUrl: string | null = null;
  #lastAdapter: BaseAdapter | null = null;
  #lastAdapterVersion = -1;
  /** The adapter options of requests without settings of their own nor hooks (see #settings). */
  #plainKwargs: AdapterSendOptions | null = null;
  /** The session headers merged and validated, for requests without headers of their own. */
  #headerCache: { source: CaseInsensitiveDict<string | null>; version: number; merged: CaseInsensitiveDict<string> } | null = null;

  constructor() {
    this.mount('https://', new HTTPAdapter());
    this.mount('http://', new HTTPAdapter());
  }

  /** Registers an adapter for a URL prefix (kept sorted: longest prefix first). */
  mount(prefix: string, adapter: BaseAdapter): void {
    this.adapters.set(prefix, adapter);
    for (const key of [...this.adapters.keys()]) {
      if (key.length < prefix.length) {
        const a = this.adapters.get(key) as BaseAdapter;
        this.adapters.delete(key);
        this.adapters.set(key, a);
      }
    }
  }

  /** The adapter whose prefix matches `url` (case-insensitively), longest first; InvalidSchema if none. */
  getAdapter(url: string): BaseAdapter {
    if (this.#entriesVersion !== this.#adapters.version) {
      this.#adapterEntries = [...this.#adapters];
      this.#entriesVersion = this.#adapters.version;
    }
    // A Map assigned to `adapters` (JavaScript ignores readonly) is read as it is.
    if (this.adapters !== this.#adapters) return findAdapter([...this.adapters], url);
    // The same URL as the last request (a prepared URL is often the very same string): the same answer.
    if (url === this.#lastAdapterUrl && this.#lastAdapterVersion === this.#entriesVersion) return this.#lastAdapter!;
    const adapter = findAdapter(this.#adapterEntries, url);
    this.#lastAdapterUrl = url;
    this.#lastAdapter = adapter;
    this.#lastAdapterVersion = this.#entriesVersion;
    return adapter;
  }

  /** Merges the session's settings into `request` and prepares it. */
  prepareRequest(request: Request): PreparedRequest {
    return this.#prepare(request.method, request.url, request, this.#envThisTurn());
  }

  /** The environment's reading for this turn when `trustEnv`, else null (asked once per request). */
  #envThisTurn(): TurnEnv | null {
    return this.trustEnv ? turnEnv() : null;
  }

  /** prepare_request over the fields of a Request (a Request, or the call's options on the hot path; undefined is null). */
  #prepare(method: string | null, url: string | null, request: RequestFields, env: TurnEnv | null): PreparedRequest {
    // Requests merges into a new jar; without cookies on either side the prepared request makes
    // its empty jar only if asked.
    let merged: RequestsCookieJar | null = null;
    if (this.cookies.size > 0) mergeCookies(merged = new RequestsCookieJar(), this.cookies);
    if (request.cookies !== null && request.cookies !== undefined) {
      mergeCookies(merged ??= new RequestsCookieJar(), request.cookies instanceof RequestsCookieJar ? request.cookies : cookiejarFromDict(request.cookies as DictInput<string | null>));
    }
    let auth = request.auth;
    if (env !== null && !auth && !this.auth) auth = getNetrcAuth(url ?? '', env);
    // A GET or HEAD with nothing to merge or encode (the usual call): the steps that would find
    // nothing to do are skipped (about a tenth of the layer's CPU with 64 requests in flight).
    if ((method === 'GET' || method === 'HEAD') && merged === null && !auth && !this.auth && onlyUrl(request) && this.#noHooks() && isEmptyDict(this.params)) {
      return new PreparedRequest().preparePlain(method, url, this.#sessionHeaders());
    }
    return new PreparedRequest().prepareFields(
      method ?? '', // upper-cased by prepareMethod
      url,
      mergeParams(request.params, this.params),
      isEmptyDict(request.headers) ? this.#sessionHeaders() : mergeHeaders(request.headers, this.headers),
      merged,
      request.data,
      request.files,
      request.json,
      auth !== null && auth !== undefined && auth !== false ? auth : this.auth,
      // No hooks on either side (the usual case): nothing to merge or register.
      (request.hooks === null || request.hooks === undefined) && this.#noHooks() ? null : mergeHooks(request.hooks, this.hooks),
    );
  }

  /** The session has no response hook (its list is empty; Requests also takes a bare function there). */
  #noHooks(): boolean {
    const hooks = this.hooks.response as unknown;
    return hooks === null || hooks === undefined || (Array.isArray(hooks) && hooks.length === 0);
  }

  /** The session's own headers, merged (nulls dropped) and validated once per change. */
  #sessionHeaders(): CaseInsensitiveDict<string> {
    const c = this.#headerCache;
    if (c !== null && c.source === this.headers && c.version === this.headers.version) return c.merged;
    const merged = mergeHeaders(null, this.headers);
    try {
      markValidated(merged);
    } catch {
      return merged;
    }
    this.#headerCache = { source: this.headers, version: this.headers.version, merged };
    return merged;
  }

  /** Builds, prepares and sends a request. Errors (bad URL, bad header...) come back as rejections. */
  request(method: string, url: string | URL, opts: RequestOptions = NO_OPTIONS): Promise<Response> {
    // Not `async`: returning send()'s promise directly saves the extra promise and ticks an
    // async wrapper costs on every request; synchronous errors still become rejections.
    try {
      return this.#request(method, url, opts);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  #request(method: string, url: string | URL, opts: RequestOptions): Promise<Response> {
    if (opts.hooks !== null && opts.hooks !== undefined) checkHookEvents(opts.hooks);
    // The call's options are the fields of Requests' `Request(...)`: read once, not copied.
    const env = this.#envThisTurn();
    // A subclass's prepareRequest (Requests' extension point) prepares a Request of the call
    // (Requests builds it with method.upper()).
    const prep = this.prepareRequest === Session.prototype.prepareRequest
      ? this.#prepare(method, String(url), opts, env)
      : this.prepareRequest(new Request(upperCased(method), url, opts));
    // A subclass's mergeEnvironmentSettings (Requests' extension point) decides the settings.
    const kwargs = this.mergeEnvironmentSettings === Session.prototype.mergeEnvironmentSettings
      ? this.#settings(prep.url ?? '', opts.proxies ?? null, opts.stream, opts.verify, opts.cert, opts.timeout, opts.signal ?? null, env, !prep.hasResponseHooks)
      : { ...this.mergeEnvironmentSettings(prep.url ?? '', opts.proxies ?? null, opts.stream, opts.verify, opts.cert), timeout: opts.timeout, signal: opts.signal ?? null };
    // A subclass that overrides send() (Requests' extension point) still gets every request.
    if (this.send !== Session.prototype.send) return this.send(prep, { ...kwargs, proxies: ownProxies(kwargs.proxies), allowRedirects: opts.allowRedirects ?? true });
    return this.#send(prep, kwargs, opts.allowRedirects ?? true);
  }

  /** The options of a call made without any: shared, unless a subclass's request() receives them (Requests' kwargs is a new dict it may change). */
  #noOptions(): RequestOptions {
    return this.request === Session.prototype.request ? NO_OPTIONS : {};
  }

  get(url: string | URL, opts: RequestOptions = this.#noOptions()): Promise<Response> {
    return this.request('GET', url, opts);
  }

  options(url: string | URL, opts: RequestOptions = this.#noOptions()): Promise<Response> {
    return this.request('OPTIONS', url, opts);
  }

  head(url: string | URL, opts: RequestOptions = NO_OPTIONS): Promise<Response> {
    return this.request('HEAD', url, { allowRedirects: false, ...opts });
  }

  post(url: string | URL, opts: RequestOptions = this.#noOptions()): Promise<Response> {
    return this.request('POST', url, opts);
  }

  put(url: string | URL, opts: RequestOptions = this.#noOptions()): Promise<Response> {
    return this.request('PUT', url, opts);
  }

  patch(url: string | URL, opts: RequestOptions = this.#noOptions()): Promise<Response> {
    return this.request('PATCH', url, opts);
  }

  delete(url: string | URL, opts: RequestOptions = this.#noOptions()): Promise<Response> {
    return this.request('DELETE', url, opts);
  }

  /** Sends a PreparedRequest: adapter, hooks, cookies, redirects, and the body unless streaming. */
  send(request: PreparedRequest, opts: SendOptions = {}): Promise<Response> {
    if (request instanceof Request) return Promise.reject(new TypeError('You can only send PreparedRequests.'));
    const kwargs: AdapterSendOptions = {
      stream: opts.stream ?? this.stream,
      timeout: opts.timeout,
      verify: opts.verify ?? this.verify,
      cert: opts.cert === undefined ? this.cert : opts.cert,
      proxies: opts.proxies === undefined ? resolveProxies(request.url ?? '', this.proxies, this.trustEnv) : opts.proxies,
      signal: opts.signal ?? null,
    };
    return this.#send(request, kwargs, opts.allowRedirects ?? true);
  }

  /**
   * send() with its settings resolved (request() resolves them once, without a second object).
   * Requests' order: adapter, elapsed, response hooks, cookies into the jar, redirects, body.
   * Most responses need none of the asynchronous steps (no hooks, no redirect, body already read
   * by HTTPAdapter): they finish in #settle without another async function and its promises.
   */
  #send(request: PreparedRequest, kwargs: AdapterSendOptions, allowRedirects: boolean): Promise<Response> {
    let adapter: BaseAdapter;
    try {
      adapter = this.getAdapter(request.url ?? '');
    } catch (err) {
      return Promise.reject(err);
    }
    // HTTPAdapter measures `elapsed` and calls back [settleResponse] in its own last step (no
    // promise of our own); a subclass that overrides send() is called as any adapter.
    if (adapter instanceof HTTPAdapter && adapter.send === HTTPAdapter.prototype.send) return adapter[sendThen](request, kwargs, this, allowRedirects);
    return this.#sendThrough(adapter, request, kwargs, allowRedirects);
  }

  /** Any other adapter: Requests' order, elapsed measured here. (Its own method: a closure in #send would cost a context per request.) */
  #sendThrough(adapter: BaseAdapter, request: PreparedRequest, kwargs: AdapterSendOptions, allowRedirects: boolean): Promise<Response> {
    const start = performance.now();
    // Requests gives every adapter its own kwargs (and a proxies dict it may change).
    const opts = withOwnProxies(kwargs);
    return adapter.send(request, opts).then((r) => {
      r.elapsed = performance.now() - start;
      return this.#settle(r, request, kwargs, allowRedirects);
    });
  }

  /** @internal HTTPAdapter's call back with each response (see SettleHost). */
  [settleResponse](r: Response, request: PreparedRequest, kwargs: AdapterSendOptions, allowRedirects: boolean): Response | Promise<Response> {
    return this.#settle(r, request, kwargs, allowRedirects);
  }

  #settle(r: Response, request: PreparedRequest, kwargs: AdapterSendOptions, allowRedirects: boolean): Response | Promise<Response> {
    if (request.hasResponseHooks) return this.#finish(r, request, kwargs, allowRedirects, true);
    this.#keepCookies(r, request);
    if (r.isRedirect || (kwargs.stream !== true && !r.contentLoaded)) return this.#finish(r, request, kwargs, allowRedirects, false);
    return r;
  }

  async #finish(r: Response, request: PreparedRequest, kwargs: AdapterSendOptions, allowRedirects: boolean, hooksPending: boolean): Promise<Response> {
    if (hooksPending) {
      r = await dispatchHook('response', request.hooks, r, kwargs);
      this.#keepCookies(r, request);
    }
    if (r.isRedirect) r = allowRedirects ? await this.#follow(r, request, kwargs) : await this.#peekNext(r, request, kwargs);
    if (kwargs.stream !== true && !r.contentLoaded) await r.loadContent();
    return r;
  }

  /** The cookies of every response of the chain go into the session's jar. */
  #keepCookies(r: Response, request: PreparedRequest): void {
    if (r.hasHistory) for (const h of r.history) extractCookiesToJar(this.cookies, h.request?.url ?? '', h.setCookieHeaders);
    if (r.setCookieHeaders.length > 0) extractCookiesToJar(this.cookies, request.url ?? '', r.setCookieHeaders);
  }

  async #follow(r: Response, request: PreparedRequest, kwargs: AdapterSendOptions): Promise<Response> {
    if (!r.isRedirect) return r;
    const history: Response[] = [];
    for await (const resp of redirects.resolveRedirects(this, r, request, kwargs)) history.push(resp as Response);
    if (history.length === 0) return r;
    history.unshift(r);
    const last = history.pop() as Response;
    last.history = history;
    return last;
  }

  async #peekNext(r: Response, request: PreparedRequest, kwargs: AdapterSendOptions): Promise<Response> {
    if (!r.isRedirect) return r;
    for await (const next of redirects.resolveRedirects(this, r, request, { ...kwargs, yieldRequests: true })) {
      r.nextRequest = next as PreparedRequest;
      break;
    }
    return r;
  }

  /** Follows the redirect chain of `resp` (Requests' resolve_redirects): yields each response, or only the next request. */
  resolveRedirects(resp: Response, req: PreparedRequest, opts: AdapterSendOptions & { yieldRequests?: boolean } = {}): AsyncGenerator<Response | PreparedRequest> {
    return redirects.resolveRedirects(this, resp, req, opts);
  }

  /** The Location to follow (its bytes read as UTF-8), or null when `resp` is not a redirect. */
  getRedirectTarget(resp: Response): string | null {
    return redirects.getRedirectTarget(resp);
  }

  /** True when Authorization must not go from `oldUrl` to `newUrl` (any change of scheme, host or port). */
  shouldStripAuth(oldUrl: string, newUrl: string): boolean {
    return redirects.shouldStripAuth(oldUrl, newUrl);
  }

  /** 301/302 POST → GET, 303 → GET (HEAD stays), 307/308 unchanged. */
  rebuildMethod(prepared: PreparedRequest, resp: Response): void {
    redirects.rebuildMethod(prepared, resp);
  }

  /** Proxies re-resolved for the new URL; Proxy-Authorization dropped (the pool re-adds the proxy's own). */
  rebuildProxies(prepared: PreparedRequest, proxies: Proxies | null | undefined): Proxies {
    return redirects.rebuildProxies(prepared, proxies, this.trustEnv);
  }

  /** Authorization dropped across origins (via shouldStripAuth), then netrc for the new host when trustEnv. */
  rebuildAuth(prepared: PreparedRequest, resp: Response): void {
    if (prepared.headers.has('Authorization') && this.shouldStripAuth(resp.request?.url ?? '', prepared.url ?? '')) prepared.headers.delete('Authorization');
    redirects.rebuildAuth(prepared, resp, this.trustEnv);
  }

  /** Environment proxies and CA bundle (when trustEnv), then the session's settings under the explicit ones. */
  mergeEnvironmentSettings(url: string, proxies: Proxies | null, stream: boolean | null | undefined, verify: boolean | string | null | undefined, cert: RequestOptions['cert'] | undefined): AdapterSendOptions {
    const { timeout: _timeout, signal: _signal, ...settings } = this.#settings(url, proxies, stream, verify, cert, undefined, null, this.#envThisTurn(), false);
    // Requests returns a new dict the caller may change.
    return { ...settings, proxies: { ...settings.proxies } };
  }

  /**
   * mergeEnvironmentSettings with the call's timeout and signal: the adapter's options in one
   * object. `shareable`: no hook will see the object, so a request without settings of its own
   * gets the session's frozen one (our adapter and redirect loop only read it; other adapters get
   * a copy, see #sendThrough).
   */
  #settings(url: string, proxies: Proxies | null, stream: boolean | null | undefined, verify: boolean | string | null | undefined,
    cert: RequestOptions['cert'] | undefined, timeout: Timeout | undefined, signal: AbortSignal | null, env: TurnEnv | null,
    shareable: boolean): AdapterSendOptions {
    // The common case: no proxies anywhere (explicit, session, environment) and nothing to take
    // from the environment for TLS: skip the copies below.
    if ((proxies === null || isEmptyDict(proxies)) && isEmptyDict(this.proxies) && (env === null || (noEnvProxies(url, env) && !startsWithIgnoreCase(url, 'https')))) {
      const s = pick(stream, this.stream);
      const v = pick(verify, this.verify);
      const c = pick(cert, this.cert);
      // Hooks get these options: their proxies are a dict of their own, as in Requests.
      if (!shareable || timeout !== undefined || signal !== null) return { stream: s, timeout, verify: v, cert: c, proxies: shareable ? NO_PROXIES : {}, signal };
      const plain = this.#plainKwargs;
      if (plain !== null && plain.stream === s && plain.verify === v && plain.cert === c) return plain;
      return (this.#plainKwargs = Object.freeze({ stream: s, timeout: undefined, verify: v, cert: c, proxies: NO_PROXIES, signal: null }));
    }
    return this.#settingsWithProxies(url, proxies, stream, verify, cert, timeout, signal, env);
  }

  /** #settings when some proxy (explicit, session, environment) or the environment's CA bundle may apply. */
  #settingsWithProxies(url: string, proxies: Proxies | null, stream: boolean | null | undefined, verify: boolean | string | null | undefined,
    cert: RequestOptions['cert'] | undefined, timeout: Timeout | undefined, signal: AbortSignal | null, env: TurnEnv | null): AdapterSendOptions {
    const px: Proxies = { ...(proxies ?? {}) };
    let v = verify;
    if (env !== null) {
      for (const [k, val] of Object.entries(environProxiesFor(url, px['no_proxy'] ?? null, env))) if (px[k] === undefined) px[k] = val;
      // The bundle only matters for https (HTTPAdapter.cert_verify): skip the env reads otherwise.
      if ((v === true || v === null || v === undefined) && startsWithIgnoreCase(url, 'https')) v = caBundleThisTurn(env) ?? v;
    }
    return {
      stream: pick(stream, this.stream),
      timeout,
      verify: pick(v, this.verify),
      cert: pick(cert, this.cert),
      proxies: dropNulls({ ...this.proxies, ...px }),
      signal,
    };
  }

  /** Closes every adapter (and their pooled connections). */
  close(): void {
    for (const adapter of this.adapters.values()) adapter.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }
}

/** The fields prepare_request reads from a Request. */
type RequestFields = Partial<Pick<Request, 'headers' | 'files' | 'data' | 'json' | 'params' | 'auth' | 'cookies'>> & { hooks?: HooksInput | HookMap | null };

/** The call sets none of the fields that preparing merges or encodes (cookies and auth are checked apart). */
function onlyUrl(request: RequestFields): boolean {
  if (request === NO_OPTIONS) return true;
  return (request.params === null || request.params === undefined) && (request.data === null || request.data === undefined)
    && (request.json === null || request.json === undefined) && (request.files === null || request.files === undefined)
    && (request.hooks === null || request.hooks === undefined) && isEmptyDict(request.headers);
}

/** Request.register_hook's check: only the `response` event exists. */
function checkHookEvents(hooks: HooksInput): void {
  for (const event in hooks) if (event !== 'response') throw new RangeError(`Unsupported event specified, with event name "${event}"`);
}

/** The adapter of the longest prefix (entries are longest first) matching `url`, case-insensitively. */
function findAdapter(entries: ReadonlyArray<readonly [string, BaseAdapter]>, url: string): BaseAdapter {
  for (let i = 0; i < entries.length; i++) if (startsWithIgnoreCase(url, entries[i]![0])) return entries[i]![1];
  throw new InvalidSchema(`No connection adapters were found for ${quoteRepr(url)}`);
}

function isEmptyDict(h: unknown): boolean {
  if (h === null || h === undefined) return true;
  // A plain object first: the session's proxies and the call's options are, on every request.
  if (typeof h === 'object' && Object.getPrototypeOf(h) === Object.prototype) {
    for (const _ in h) return false;
    return true;
  }
  if (Array.isArray(h)) return h.length === 0;
  if (h instanceof Map || h instanceof CaseInsensitiveDict) return h.size === 0;
  return false;
}

function dropNulls(p: Proxies): Proxies {
  const out: Proxies = {};
  for (const [k, v] of Object.entries(p)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

function quoteRepr(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s}'`;
}
