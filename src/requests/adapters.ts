/**
 * Transport adapters (requests/adapters.py). `HTTPAdapter` sends a PreparedRequest through the
 * pool (our urllib3): picks the proxy, builds the TLS options from `verify`/`cert`, chooses
 * chunked framing when the body has no Content-Length, runs the Retry policy (default: no
 * retries, `Retry(0, read=False)` as Requests), and turns the pool's response into a Response.
 * Pool errors become Requests errors in translate.ts, the one boundary.
 */
import { performance } from 'node:perf_hooks';
import { existsSync, statSync } from 'node:fs';
import { urlsplit, urlunsplit } from '../parse/split.js';
import { PoolManager } from '../pool/manager.js';
import { Retry } from '../pool/retry.js';
import type { PoolResponse, PoolTlsOptions, ProxyConfig, TimeoutInput, UrlopenOptions, UrlopenReceiver } from '../pool/types.js';
import { InvalidProxyURL } from './errors.js';
import { extractCookiesToJar } from './cookies.js';
import { getEncodingFromHeaders } from './header-utils.js';
import { pyRepr, type PreparedBody, type PreparedRequest } from './models.js';
import { Response } from './response.js';
import type { CaseInsensitiveDict } from './structures.js';
import { translateError } from './translate.js';
import { selectProxyFor, withOwnProxies, type Proxies } from './proxies.js';
import { startsWithIgnoreCase } from '../internal/ascii.js';

/**
 * @internal `adapter[sendThen](request, opts, host, allowRedirects)`: `send`, then the Session's
 * bookkeeping (`host[settleResponse]`) in the same step, without a promise of its own.
 */
export const sendThen = Symbol('httpkit.HTTPAdapter.sendThen');

/** @internal The method HTTPAdapter calls on its SettleHost with each response (Session's hooks, cookies, redirects). */
export const settleResponse = Symbol('httpkit.Session.settleResponse');

/** @internal What finishes a response sent through `sendThen` (a Session). */
export interface SettleHost {
  [settleResponse](response: Response, request: PreparedRequest, opts: AdapterSendOptions, allowRedirects: boolean): Response | Promise<Response>;
}

/** TLS options when verification is on with the default CAs and no client certificate. */
const NO_TLS_OPTIONS: PoolTlsOptions = Object.freeze({});

/** Requests' DEFAULT_POOLSIZE, DEFAULT_RETRIES, DEFAULT_POOLBLOCK. */
export const DEFAULT_POOLSIZE = 10;
export const DEFAULT_RETRIES = 0;
export const DEFAULT_POOLBLOCK = false;

/**
 * `timeout`: ms for connect and read, each part as an object (or Requests' `(connect, read)`
 * pair); null: none. Default connect 10 s, read 300 s.
 */
export type Timeout = number | { connect?: number | null; read?: number | null; total?: number | null } | readonly [number | null, number | null] | null;

/** What `send` takes besides the request. */
export interface AdapterSendOptions {
  stream?: boolean;
  timeout?: Timeout;
  /** true/false, or the path of a CA bundle file or directory. */
  verify?: boolean | string;
  /** Client certificate path, or [certPath, keyPath]. */
  cert?: string | readonly [string, string] | null;
  proxies?: Proxies | null;
  signal?: AbortSignal | null;
}

/** Base of transport adapters: `send` and `close`. */
export abstract class BaseAdapter {
  abstract send(request: PreparedRequest, opts?: AdapterSendOptions): Promise<Response>;
  abstract close(): void;
}

/** Options of HTTPAdapter (Requests' constructor arguments). */
export interface HTTPAdapterOptions {
  /** Number of per-origin pools kept. Default 10. */
  poolConnections?: number;
  /** Connections kept per pool. Default 10. */
  poolMaxsize?: number;
  /** A number of retries on connection failures, or a Retry. Default 0 (Retry(0, read=false)). */
  maxRetries?: number | Retry;
  /** Wait for a free connection instead of opening an extra one. Default false. */
  poolBlock?: boolean;
}

/** The adapter for http:// and https:// on the pool. */
export class HTTPAdapter extends BaseAdapter {
  maxRetries: Retry;
  poolmanager!: PoolManager;
  #poolConnections = DEFAULT_POOLSIZE;
  #poolMaxsize = DEFAULT_POOLSIZE;
  #poolBlock = DEFAULT_POOLBLOCK;
  /** The header list of the last request, frozen: reused while requests carry the same headers. */
  #lastHeaders: string[] | null = null;
  /** The entries `#lastHeaders` was built from (CaseInsensitiveDict.entriesKey). */
  #lastHeadersKey: object | null = null;

  constructor(opts: HTTPAdapterOptions = {}) {
    super();
    const retries = opts.maxRetries ?? DEFAULT_RETRIES;
    this.maxRetries = retries === DEFAULT_RETRIES ? new Retry({ total: 0, read: false }) : Retry.fromInt(retries);
    this.initPoolmanager(opts.poolConnections ?? DEFAULT_POOLSIZE, opts.poolMaxsize ?? DEFAULT_POOLSIZE, opts.poolBlock ?? DEFAULT_POOLBLOCK);
  }

  /** (Re)creates the pool manager. */
  initPoolmanager(connections: number, maxsize: number, block = DEFAULT_POOLBLOCK): void {
    this.#poolConnections = connections;
    this.#poolMaxsize = maxsize;
    this.#poolBlock = block;
    this.poolmanager = new PoolManager({ numPools: connections, maxsize, block });
  }

  get poolConnections(): number {
    return this.#poolConnections;
  }

  get poolMaxsize(): number {
    return this.#poolMaxsize;
  }

  get poolBlock(): boolean {
    return this.#poolBlock;
  }

  /** TLS options for `verify` and `cert` (Requests' cert_verify; missing files are OSErrors). */
  certVerify(url: string, verify: boolean | string | undefined, cert: AdapterSendOptions['cert']): PoolTlsOptions {
    const tls: PoolTlsOptions = {};
    if (startsWithIgnoreCase(url, 'https') && verify !== false) {
      if (typeof verify === 'string') {
        if (!existsSync(verify)) throw new Error(`Could not find a suitable TLS CA certificate bundle, invalid path: ${verify}`);
        if (statSync(verify).isDirectory()) tls.caDir = verify;
        else tls.caFile = verify;
      }
    } else if (verify === false) {
      tls.verify = false;
    }
    if (cert !== null && cert !== undefined && cert !== '') {
      const [certFile, keyFile] = typeof cert === 'string' ? [cert, null] : cert;
      if (!existsSync(certFile)) throw new Error(`Could not find the TLS certificate file, invalid path: ${certFile}`);
      if (keyFile !== null && !existsSync(keyFile)) throw new Error(`Could not find the TLS key file, invalid path: ${keyFile}`);
      tls.certFile = certFile;
      if (keyFile !== null) tls.keyFile = keyFile;
    }
    return tls;
  }

  /** The request target: the path, or the absolute URL through an HTTP proxy (the pool builds it the same way). */
  requestUrl(request: PreparedRequest, proxies: Proxies | null | undefined): string {
    return requestUrl(request, proxies);
  }

  /** Hook for subclasses: add headers before sending. Does nothing by default. */
  addHeaders(_request: PreparedRequest, _opts: AdapterSendOptions): void {}

  /** Headers for a proxy (Proxy-Authorization from its userinfo is added by the pool). */
  proxyHeaders(_proxy: string): Record<string, string> {
    return {};
  }

  /**
   * Sends the request and returns the Response, its body read unless `stream` (the Session
   * throws a failed read after the hooks). Not an async function: the pool's own async step
   * builds the Response (AdapterCall), so this adds no promise of its own.
   */
  send(request: PreparedRequest, opts: AdapterSendOptions = {}): Promise<Response> {
    return this[sendThen](request, opts, null, true);
  }

  /** send() followed by `host[settleResponse]` (see `sendThen`). */
  [sendThen](request: PreparedRequest, opts: AdapterSendOptions, host: SettleHost | null, allowRedirects: boolean): Promise<Response> {
    let call: AdapterCall;
    try {
      const url = request.url ?? '';
      checkMethod(request.method ?? 'GET');
      const proxy = this.#proxyFor(url, opts.proxies);
      const verify = opts.verify ?? true;
      // The usual case sets nothing: one shared (frozen) object lets the pool's per-target cache
      // match by identity. Only when certVerify is ours: an override may change what it returns.
      const tls = verify === true && noCert(opts.cert) && this.certVerify === HTTPAdapter.prototype.certVerify
        ? NO_TLS_OPTIONS : this.certVerify(url, verify, opts.cert);
      // Requests calls add_headers with keyword arguments of its own: a copy (the options may be the session's shared ones).
      if (this.addHeaders !== HTTPAdapter.prototype.addHeaders) this.addHeaders(request, withOwnProxies(opts));
      const headers = request.headersForReading;
      call = new AdapterCall(this, request, opts, host, allowRedirects, this.#headerList(headers), request.body !== null && !headers.has('Content-Length'),
        timeoutInput(opts.timeout), tls, proxy === null ? null : { url: proxy, headers: this.proxyHeaders(proxy) });
      const pm = this.poolmanager;
      // A pool manager of the caller's may only have urlopen, or its own (a subclass's): that one is called.
      return pm.urlopen === PoolManager.prototype.urlopen && typeof pm.urlopenFor === 'function'
        ? pm.urlopenFor(request.method ?? 'GET', url, call, call) : call.through(pm);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  #proxyFor(url: string, proxies: Proxies | null | undefined): string | null {
    const proxy = selectProxyFor(url, proxies);
    if (proxy === null) return null;
    const withScheme = proxy.includes('://') ? proxy : `http://${proxy}`;
    let host: string | null;
    try {
      host = urlsplit(withScheme).hostname;
    } catch {
      host = null;
    }
    if (host === null || host === '') throw new InvalidProxyURL('Please check proxy URL. It is malformed and could be missing the host.');
    return withScheme;
  }

  /**
   * The headers as a flat list: the previous list when nothing changed, so the pool and the
   * engine find their cached forms (a frozen list is validated and serialised once).
   */
  #headerList(headers: CaseInsensitiveDict<string>): string[] {
    // A prepared request's headers are a copy of the session's that most requests never change:
    // the same entries, found by identity without comparing them.
    const key = headers.entriesKey();
    if (key === this.#lastHeadersKey) return this.#lastHeaders!;
    const last = this.#lastHeaders;
    const list = last !== null && sameHeaders(last, headers) ? last : Object.freeze(headerList(headers)) as string[];
    this.#lastHeaders = list;
    this.#lastHeadersKey = key;
    return list;
  }

  /** Requests' build_response: status, headers (repeats joined with ', '), encoding, cookies, url. */
  buildResponse(req: PreparedRequest, raw: PoolResponse): Response {
    const response = new Response();
    response.statusCode = raw.status;
    const flat = raw.headers;
    response.setRawHeaders(flat);
    // One pass for the two fields every response needs (names compared by length first: no
    // lower-cased copy of each name).
    let contentType: string | undefined;
    let setCookies: string[] | null = null;
    for (let i = 0; i < flat.length; i += 2) {
      const name = flat[i] as string;
      if (name.length === 12 && startsWithIgnoreCase(name, 'content-type')) {
        contentType = contentType === undefined ? flat[i + 1] : `${contentType}, ${flat[i + 1]}`;
      } else if (name.length === 10 && startsWithIgnoreCase(name, 'set-cookie')) {
        (setCookies ??= []).push(flat[i + 1] as string);
      }
    }
    response.encoding = getEncodingFromHeaders(contentType);
    response.raw = raw;
    response.reason = raw.reason;
    response.url = req.url;
    if (setCookies !== null) {
      response.setCookieHeaders = setCookies;
      extractCookiesToJar(response.cookies, req.url ?? '', setCookies);
    }
    response.request = req;
    response.connection = this;
    return response;
  }

  /** Closes every pooled connection. */
  close(): void {
    this.poolmanager.clear();
  }
}

/** Requests' HTTPAdapter.send: a (connect, read) pair, else the value for both. */
function timeoutInput(t: Timeout | undefined): TimeoutInput {
  if (!Array.isArray(t)) return t as TimeoutInput;
  if (t.length !== 2) throw new RangeError(`Invalid timeout ${JSON.stringify(t)}. Pass a (connect, read) timeout tuple, or a single float to set both timeouts to the same value.`);
  return { connect: t[0] ?? null, read: t[1] ?? null };
}

/** Requests' HTTPAdapter.request_url: the path, or the whole URL (no fragment, no userinfo) through an HTTP proxy. */
export function requestUrl(request: PreparedRequest, proxies: Proxies | null | undefined): string {
  const url = request.url ?? '';
  const proxied = selectProxyFor(url, proxies) !== null && !startsWithIgnoreCase(url, 'https:');
  if (!proxied) return request.pathUrl;
  const p = urlsplit(url);
  return urlunsplit([p.scheme, p.netloc.slice(p.netloc.lastIndexOf('@') + 1), p.path, p.query, '']);
}

const NON_TOKEN = /[^-!#$%&'*+.^_`|~0-9a-zA-Z]/;

/** urllib3 1.26 HTTPConnection.putrequest: a method with a non-token character is a ValueError. */
function checkMethod(method: string): void {
  if (method === 'GET' || method === 'POST') return;
  const m = NON_TOKEN.exec(method);
  if (m !== null) throw new RangeError(`Method cannot contain non-token characters ${pyRepr(method)} (found at least ${pyRepr(m[0])})`);
}

/** A flat header list from a CaseInsensitiveDict (remembered case, insertion order). */
function headerList(headers: CaseInsensitiveDict<string>): string[] {
  const out: string[] = [];
  for (const [k, v] of headers.storedEntries()) out.push(k, v);
  return out;
}

function noCert(cert: AdapterSendOptions['cert']): boolean {
  return cert === null || cert === undefined || cert === '';
}

/** True when `list` holds exactly the entries of `headers`, in order. */
function sameHeaders(list: readonly string[], headers: CaseInsensitiveDict<string>): boolean {
  if (list.length !== headers.size * 2) return false;
  let i = 0;
  for (const [k, v] of headers.storedEntries()) {
    if (list[i] !== k || list[i + 1] !== v) return false;
    i += 2;
  }
  return true;
}

/**
 * One request through HTTPAdapter: the pool's options for it, and the steps after the answer
 * (the pool calls `received` or `failed` in its own last step). One object per request where a
 * `.then` would cost two closures, their context, a promise and a reaction: with 64 requests in
 * flight, bytes allocated per request cost more than the instructions that allocate them.
 */
class AdapterCall implements UrlopenOptions, UrlopenReceiver<Response> {
  /** When the request started, for a pool manager of the caller's (ours tells when the exchange started). */
  #start: number | undefined = undefined;

  constructor(
    readonly adapter: HTTPAdapter,
    readonly request: PreparedRequest,
    readonly opts: AdapterSendOptions,
    readonly host: SettleHost | null,
    readonly allowRedirects: boolean,
    readonly headers: string[],
    readonly encodeChunked: boolean,
    readonly timeout: TimeoutInput,
    readonly tls: PoolTlsOptions,
    readonly proxy: ProxyConfig | null,
  ) {}

  // The rest of the pool's options, read from what the call holds (fields would be bytes per request).

  get body(): PreparedBody {
    return this.request.body;
  }

  get bodyLength(): number | undefined {
    const length = this.request.bodyLength;
    return length !== null && !this.encodeChunked ? length : undefined;
  }

  get preloadContent(): false | 'keepErrors' {
    return this.opts.stream === true ? false : 'keepErrors';
  }

  get retries(): Retry {
    return this.adapter.maxRetries;
  }

  get signal(): AbortSignal | undefined {
    return this.opts.signal ?? undefined;
  }

  /** Requests follows redirects itself. */
  get redirect(): boolean {
    return false;
  }

  get decodeContent(): boolean {
    return true;
  }

  /**
   * The Response, with its body unless `stream`, then the Session's step. Requests reads a
   * non-streamed body in Session.send, after the hooks; the pool reads it before (`preloadContent:
   * 'keepErrors'`), which gives the connection back before the session's bookkeeping. A failed
   * read is kept and thrown by Session.send after the hooks and cookies, in Requests' order; a
   * redirect's is dropped by the redirect loop, as Requests ignores errors draining a redirect.
   */
  received(raw: PoolResponse): Response | Promise<Response> {
    const response = this.adapter.buildResponse(this.request, raw);
    // Requests' elapsed: from the start of the exchange to the head's arrival.
    const now = raw.headAt ?? performance.now();
    response.elapsed = now - (raw.startedAt ?? this.#start ?? now);
    const signal = this.opts.signal;
    if (signal !== null && signal !== undefined) response.signal = signal;
    if (this.opts.stream !== true) {
      if (raw.data !== null) {
        response.setContent(raw.data);
      } else if (raw.preloadError !== undefined) {
        response.deferBodyError(raw.preloadError);
      } else {
        return this.#readThenSettle(response, raw);
      }
    }
    return this.#settle(response);
  }

  /**
   * A pool manager of the caller's that does not preload. (Closures live in their own methods:
   * in `received` or `sendThen` they would cost a context object on every request.)
   */
  #readThenSettle(response: Response, raw: PoolResponse): Promise<Response> {
    return raw.readAll().then(
      (content) => {
        response.setContent(content);
        return this.#settle(response);
      },
      (err: unknown) => {
        response.deferBodyError(err);
        return this.#settle(response);
      },
    );
  }

  /**
   * The call through a pool manager of the caller's (its own urlopen): the options as a plain
   * object, as before, since a caller's urlopen may copy them (a spread drops getters).
   */
  through(pm: Pick<PoolManager, 'urlopen'>): Promise<Response> {
    this.#start = performance.now();
    return pm.urlopen(this.request.method ?? 'GET', this.request.url ?? '', this.#plainOptions()).then((raw) => this.received(raw), (err: unknown) => {
      throw this.failed(err);
    });
  }

  #plainOptions(): UrlopenOptions {
    const o: UrlopenOptions = {
      headers: this.headers, body: this.body, encodeChunked: this.encodeChunked, redirect: this.redirect,
      preloadContent: this.preloadContent, decodeContent: this.decodeContent, retries: this.retries,
      timeout: this.timeout, tls: this.tls, proxy: this.proxy,
    };
    const bodyLength = this.bodyLength;
    if (bodyLength !== undefined) o.bodyLength = bodyLength;
    const signal = this.signal;
    if (signal !== undefined) o.signal = signal;
    return o;
  }

  failed(err: unknown): unknown {
    return translateError(err, 'send', this.request, this.opts.signal, this.proxy !== null);
  }

  #settle(response: Response): Response | Promise<Response> {
    return this.host === null ? response : this.host[settleResponse](response, this.request, this.opts, this.allowRedirects);
  }
}
