/**
 * `Request` and `PreparedRequest` (requests/models.py): the user's request, and the request
 * prepared for the wire: method upper-cased, URL normalised (urllib3 parse_url + requote_uri,
 * params appended, IDNA host), headers validated, cookies and body encoded, auth applied, hooks
 * registered, in Requests' order.
 */
import { urlsplit } from '../parse/split.js';
import { applyAuth, type AuthInput } from './auth-apply.js';
import { encodeParams, isStreamLike, toStream, type FormValue } from './body.js';
import { RequestsCookieJar, cookiejarFromDict, type CookiesInput } from './cookies.js';
import { InvalidHeader, InvalidJSONError, InvalidURL, MissingSchema } from './errors.js';
import { defaultHooks, hookList, HOOKS, type Hook, type HookEvent, type HookMap, type HooksInput } from './hooks.js';
import { pyJsonDumps } from './json.js';
import { encodeFiles, type FileSpec } from './multipart.js';
import { CaseInsensitiveDict, entriesOf, type DictInput } from './structures.js';
import { LocationParseError, parseUrl, requoteUri, unsplit, unquote } from './url.js';
import { OneShotBody, replayableFile } from './rewind.js';
import { startsWithIgnoreCase, upperCased } from '../internal/ascii.js';

/** A prepared body: a string, bytes, or a stream (async iterable of bytes). */
export type PreparedBody = string | Uint8Array | AsyncIterable<Uint8Array> | null;

/** `params`: a query string, or a dict-like whose array values repeat the key. */
export type ParamsInput = string | DictInput<FormValue> | null | undefined;

/** `data`: a dict-like (form-encoded), a string or bytes (sent as is), or a stream (Node/web stream, Blob, async or sync iterable of chunks). */
export type DataInput = string | Uint8Array | ArrayBuffer | DictInput<FormValue> | Blob | AsyncIterable<unknown> | Iterable<Uint8Array | string> | NodeJS.ReadableStream | null | undefined;

/** `headers`: a dict-like; in merges a `null` value removes the key. */
export type HeadersInput = DictInput<string | null> | CaseInsensitiveDict<string | null> | null | undefined;

/** What `new Request()` and `PreparedRequest.prepare()` take. */
export interface RequestInit {
  method?: string | null;
  url?: string | URL | null;
  headers?: HeadersInput;
  files?: DictInput<FileSpec> | null;
  data?: DataInput;
  json?: unknown;
  params?: ParamsInput;
  auth?: AuthInput;
  cookies?: CookiesInput | null;
  hooks?: HooksInput | HookMap | null;
}

/** The hook registration shared by Request and PreparedRequest. */
abstract class Hooked {
  #hooks: HookMap | null = null;

  /** Hook functions by event (`{ response: [...] }`); made on first use: most requests have none. */
  get hooks(): HookMap {
    return (this.#hooks ??= defaultHooks());
  }

  set hooks(hooks: HookMap) {
    this.#hooks = hooks;
  }

  /** @internal a response hook is registered (asked on every response; does not make the map). */
  get hasResponseHooks(): boolean {
    return this.#hooks !== null && this.#hooks.response.length > 0;
  }

  /** Adds a hook (or each function of a list) for `event`. */
  registerHook(event: string, hook: Hook | readonly Hook[] | null | undefined): void {
    if (!(HOOKS as readonly string[]).includes(event)) throw new RangeError(`Unsupported event specified, with event name "${event}"`);
    this.hooks[event as HookEvent].push(...hookList(hook));
  }

  /** Removes a hook; true if it was registered. */
  deregisterHook(event: string, hook: Hook): boolean {
    const list = this.hooks[event as HookEvent];
    const i = list?.indexOf(hook) ?? -1;
    if (i === -1) return false;
    list?.splice(i, 1);
    return true;
  }
}

/** A user-created request, prepared into a PreparedRequest by `prepare()` or a Session. */
export class Request extends Hooked {
  method: string | null;
  url: string | null;
  headers: HeadersInput;
  files: DictInput<FileSpec> | null;
  data: DataInput;
  json: unknown;
  params: ParamsInput;
  auth: AuthInput;
  cookies: CookiesInput | null;

  constructor(method?: string | null, url?: string | URL | null, init: Omit<RequestInit, 'method' | 'url'> = {}) {
    super();
    for (const [k, v] of Object.entries(init.hooks ?? {})) this.registerHook(k, v as Hook[]);
    this.method = method ?? null;
    this.url = url === null || url === undefined ? null : String(url);
    this.headers = init.headers ?? {};
    this.files = init.files ?? [];
    this.data = init.data ?? [];
    this.json = init.json ?? null;
    this.params = init.params ?? {};
    this.auth = init.auth ?? null;
    this.cookies = init.cookies ?? null;
  }

  /** A PreparedRequest of this request (without any Session settings). */
  prepare(): PreparedRequest {
    const p = new PreparedRequest();
    p.prepare({ ...this, method: this.method, url: this.url, hooks: this.hooks });
    return p;
  }

  override toString(): string {
    return `<Request [${this.method ?? 'None'}]>`;
  }
}

/** The exact request that goes on the wire. Mutable, as in Requests. */
export class PreparedRequest extends Hooked {
  method: string | null = null;
  url: string | null = null;
  #headers: CaseInsensitiveDict<string> | null = null;
  /**
   * Validated headers shared with others (a Session's own), copied into `#headers` on first use:
   * most requests send them as they are and never look.
   */
  #sharedHeaders: CaseInsensitiveDict<string> | null = null;
  body: PreparedBody = null;
  /** EMPTY_JAR_PENDING: prepared without cookies, `cookieJar` is an empty jar made on first use (most requests never ask). */
  #cookieJar: RequestsCookieJar | null | typeof EMPTY_JAR_PENDING = null;
  /** Known length of a stream body, else null. */
  bodyLength: number | null = null;

  /** The request's headers (made on first use: preparing replaces them with the session's copy). */
  get headers(): CaseInsensitiveDict<string> {
    if (this.#headers === null) {
      this.#headers = this.#sharedHeaders === null ? new CaseInsensitiveDict() : this.#sharedHeaders.copy();
      this.#sharedHeaders = null;
    }
    return this.#headers;
  }

  set headers(headers: CaseInsensitiveDict<string>) {
    this.#headers = headers;
    this.#sharedHeaders = null;
  }

  /** @internal the headers to read without making this request's own copy (do not change them). */
  get headersForReading(): CaseInsensitiveDict<string> {
    return this.#headers ?? this.#sharedHeaders ?? NO_HEADERS;
  }

  /** The jar the Cookie header came from (re-derived per redirect hop); null before prepareCookies. */
  get cookieJar(): RequestsCookieJar | null {
    if (this.#cookieJar === EMPTY_JAR_PENDING) this.#cookieJar = new RequestsCookieJar();
    return this.#cookieJar;
  }

  set cookieJar(jar: RequestsCookieJar | null) {
    this.#cookieJar = jar;
  }

  /** Prepares everything, in Requests' order (auth last but before hooks). */
  prepare(init: RequestInit = {}): this {
    return this.prepareFields(init.method, init.url, init.params, init.headers, init.cookies, init.data, init.files, init.json, init.auth, init.hooks);
  }

  /**
   * @internal prepareFields for a GET or HEAD with nothing but the URL and validated headers: the
   * same result (no body, hence no framing header; no cookies; auth only from the URL's userinfo).
   */
  preparePlain(method: 'GET' | 'HEAD', url: string | null, headers: CaseInsensitiveDict<string>): this {
    this.method = method;
    this.prepareUrl(url, null);
    this.prepareHeaders(headers);
    this.#cookieJar = EMPTY_JAR_PENDING;
    this.prepareAuth(null, url);
    return this;
  }

  /** @internal prepare() with the fields as arguments (a Session prepares every request: no init object). */
  prepareFields(method: string | null | undefined, url: string | URL | null | undefined, params: ParamsInput, headers: HeadersInput,
    cookies: CookiesInput | null | undefined, data: DataInput, files: DictInput<FileSpec> | null | undefined, json: unknown, auth: AuthInput,
    hooks: HooksInput | HookMap | null | undefined): this {
    this.prepareMethod(method);
    this.prepareUrl(url, params);
    this.prepareHeaders(headers);
    this.prepareCookies(cookies);
    this.prepareBody(data, files, json);
    this.prepareAuth(auth, url);
    this.prepareHooks(hooks);
    return this;
  }

  /** A copy sharing the body and hooks, with its own headers and cookie jar (Requests' `copy`). */
  copy(): PreparedRequest {
    const p = new PreparedRequest();
    p.method = this.method;
    p.url = this.url;
    p.headers = this.headersForReading.copy();
    const jar = this.#cookieJar;
    p.#cookieJar = jar === null || jar === EMPTY_JAR_PENDING ? jar : jar.copy();
    p.body = this.body;
    p.bodyLength = this.bodyLength;
    p.hooks = this.hooks;
    return p;
  }

  /** The path and query to put on the request line (`/` when the path is empty). */
  get pathUrl(): string {
    const p = urlsplit(this.url ?? '');
    const path = p.path === '' ? '/' : p.path;
    return p.query === '' ? path : `${path}?${p.query}`;
  }

  prepareMethod(method: string | null | undefined): void {
    this.method = method === null || method === undefined ? null : upperCased(method);
  }

  /** Normalises the URL and appends `params` (requests `prepare_url`). */
  prepareUrl(input: string | URL | null | undefined, params: ParamsInput): void {
    const raw = String(input ?? '');
    // Python's lstrip(): the regex only when the first character could be whitespace.
    const first = raw.charCodeAt(0);
    const url = first > 0x20 && first < 0x7f ? raw : raw.replace(/^\s+/, '');
    // Requests leaves non-HTTP schemes (mailto:, data:, ...) alone.
    if (!startsWithIgnoreCase(url, 'http') && url.includes(':')) {
      this.url = url;
      return;
    }
    const encoded = typeof params === 'string' ? params : isEmpty(params) ? '' : encodeParams(entriesOf(params as DictInput<FormValue> | null | undefined));
    if (encoded === '') {
      // The same URL as the last request (a loop): no hashing of the string.
      if (url === lastUrl.input) {
        this.url = lastUrl.prepared;
        return;
      }
      const cached = URL_CACHE.get(url);
      if (cached !== undefined) {
        lastUrl.input = url;
        lastUrl.prepared = cached;
        this.url = cached;
        return;
      }
    }
    this.url = prepareUrlUncached(url, encoded);
    if (encoded === '') cacheUrl(url, this.url);
  }

  /** Validates and stores the headers (requests `check_header_validity`). */
  prepareHeaders(headers: HeadersInput): void {
    if (headers instanceof CaseInsensitiveDict && (headers === lastValidated || VALIDATED.has(headers))) {
      this.#headers = null;
      this.#sharedHeaders = headers as CaseInsensitiveDict<string>;
      return;
    }
    this.headers = new CaseInsensitiveDict<string>();
    if (headers === null || headers === undefined) return;
    for (const [name, value] of entriesOf(headers as DictInput<unknown>)) {
      checkHeaderValidity(name, value);
      this.headers.set(name, typeof value === 'string' ? value : Buffer.from(value as Uint8Array).toString('latin1'));
    }
  }

  /** Adds the Cookie header from the jar, unless the caller set one (cookielib's rule). */
  prepareCookies(cookies: CookiesInput | null | undefined): void {
    if (cookies === null || cookies === undefined) {
      // An empty jar adds no header: it is made if someone asks for it.
      this.#cookieJar = EMPTY_JAR_PENDING;
      return;
    }
    const jar = cookies instanceof RequestsCookieJar ? cookies : cookiejarFromDict(cookies as DictInput<string | null>);
    this.cookieJar = jar;
    const header = jar.cookieHeaderFor(this.url ?? '');
    if (header !== null && !this.headersForReading.has('Cookie')) this.headers.set('Cookie', header);
  }

  /** Encodes `json`, `data` or `files` into the body and its framing headers. */
  prepareBody(data: DataInput, files: DictInput<FileSpec> | null | undefined, json: unknown): void {
    let body: PreparedBody = null;
    let contentType: string | null = null;
    if (isEmpty(data) && json !== null && json !== undefined) {
      contentType = 'application/json';
      body = jsonBody(json, this);
    }
    if (data !== null && data !== undefined && isStreamLike(data)) {
      this.#prepareStream(data as object, files);
      return;
    }
    if (!isEmpty(files)) {
      const mp = encodeFiles(files as DictInput<FileSpec>, isEmpty(data) ? null : (data as DictInput<unknown>));
      body = mp.body instanceof Uint8Array ? mp.body : new OneShotBody(mp.body);
      contentType = mp.contentType;
      this.bodyLength = mp.length;
    } else if (!isEmpty(data)) {
      body = dataBody(data);
      contentType = typeof data === 'string' || body instanceof Uint8Array ? null : 'application/x-www-form-urlencoded';
    }
    this.body = body;
    this.prepareContentLength(body);
    if (contentType !== null && !this.headersForReading.has('content-type')) this.headers.set('Content-Type', contentType);
  }

  #prepareStream(data: object, files: DictInput<FileSpec> | null | undefined): void {
    if (!isEmpty(files)) throw new Error('Streamed bodies and files are mutually exclusive.');
    const file = replayableFile(data);
    const { stream, length } = file ?? toStream(data);
    this.body = file === null ? new OneShotBody(stream) : stream;
    this.bodyLength = length;
    if (length !== null && length > 0) this.headers.set('Content-Length', String(length));
    else this.headers.set('Transfer-Encoding', 'chunked');
  }

  /** Content-Length from the body; `0` for body-less methods other than GET/HEAD. */
  prepareContentLength(body: PreparedBody): void {
    if (body !== null) {
      const length = typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.length : this.bodyLength;
      if (length !== null && length > 0) this.headers.set('Content-Length', String(length));
    } else if (this.method !== 'GET' && this.method !== 'HEAD' && !this.headersForReading.has('Content-Length')) {
      this.headers.set('Content-Length', '0');
    }
  }

  /** Applies auth (an explicit one, or the URL's user:pass), then recomputes Content-Length. */
  prepareAuth(auth: AuthInput, _url?: unknown): void {
    let effective = auth;
    if (effective === null || effective === undefined) {
      const fromUrl = authFromUrl(this.url ?? '');
      effective = fromUrl[0] !== '' || fromUrl[1] !== '' ? fromUrl : null;
    }
    if (effective === null || effective === undefined || effective === false) return;
    applyAuth(effective, this);
    this.prepareContentLength(this.body);
  }

  prepareHooks(hooks: HooksInput | HookMap | null | undefined): void {
    if (hooks === null || hooks === undefined) return;
    for (const event in hooks) {
      const hook = (hooks as Record<string, Hook | Hook[] | null | undefined>)[event];
      if (hook === undefined || hook === null || (Array.isArray(hook) && hook.length === 0 && event === 'response')) continue;
      this.registerHook(event, hook);
    }
  }

  override toString(): string {
    return `<PreparedRequest [${this.method ?? 'None'}]>`;
  }
}

/** The preparation of an HTTP URL with already-encoded params. */
function prepareUrlUncached(url: string, encoded: string): string {
  const parts = parseOrThrow(url);
  if (parts.scheme === null) throw new MissingSchema(`Invalid URL ${pyRepr(url)}: No scheme supplied. Perhaps you meant http://${url}?`);
  if (parts.host === null) throw new InvalidURL(`Invalid URL ${pyRepr(url)}: No host supplied`);
  if (parts.host.startsWith('*') || parts.host.startsWith('.')) throw new InvalidURL('URL has an invalid label.');
  let netloc = parts.auth === null ? '' : `${parts.auth}@`;
  netloc += parts.host;
  if (parts.port !== null) netloc += `:${parts.port}`;
  let query = parts.query ?? '';
  if (encoded !== '') query = query !== '' ? `${query}&${encoded}` : encoded;
  return requoteUri(unsplit(parts.scheme, netloc, parts.path ?? '/', query, parts.fragment ?? ''));
}

/** Prepared URLs by input (without params): preparation is a pure function of the string. */
const URL_CACHE = new Map<string, string>();
const URL_CACHE_SIZE = 256;
/** The last URL found in URL_CACHE. */
const lastUrl: { input: string | null; prepared: string } = { input: null, prepared: '' };

function cacheUrl(input: string, prepared: string): void {
  if (URL_CACHE.size >= URL_CACHE_SIZE) URL_CACHE.delete(URL_CACHE.keys().next().value as string);
  URL_CACHE.set(input, prepared);
}

/** The headers of a request that has none, to read (never changed: writes go through `headers`). */
const NO_HEADERS = new CaseInsensitiveDict<string>();

/** PreparedRequest's cookie jar before anyone asked for its (empty) jar. */
const EMPTY_JAR_PENDING = Symbol('empty jar');

/** Header dicts known to be valid (Session's cached merge of its own headers): copied, not re-checked. */
const VALIDATED = new WeakSet<object>();
/** The dict marked last (one session's headers, in the usual program): found without the WeakSet's lookup. */
let lastValidated: object | null = null;

/** @internal validates every header of `headers` and marks the dict as validated. */
export function markValidated(headers: CaseInsensitiveDict<string>): CaseInsensitiveDict<string> {
  for (const [name, value] of headers) checkHeaderValidity(name, value);
  VALIDATED.add(headers);
  lastValidated = headers;
  return headers;
}

function parseOrThrow(url: string): ReturnType<typeof parseUrl> {
  try {
    return parseUrl(url);
  } catch (err) {
    if (err instanceof LocationParseError) throw new InvalidURL(err.message, { cause: err });
    throw err;
  }
}

/** Python's falsiness for data/files/json arguments. */
function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === false) return true;
  if (v instanceof Uint8Array) return v.length === 0;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const _ in v) return false; // no array of keys: this runs several times per request
    return true;
  }
  return false;
}

function jsonBody(json: unknown, request: PreparedRequest): Uint8Array {
  try {
    return Buffer.from(pyJsonDumps(json), 'utf8');
  } catch (err) {
    throw new InvalidJSONError(err, { request, cause: err });
  }
}

function dataBody(data: DataInput): PreparedBody {
  if (typeof data === 'string') return data;
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return encodeParams(entriesOf(data as DictInput<FormValue>));
}

const VALID_NAME = /^[^:\s][^:\r\n]*$/;
const VALID_VALUE = /^\S[^\r\n]*$|^$/;

/** requests `check_header_validity`: strings only; no CR/LF, leading whitespace, or colon in names. */
export function checkHeaderValidity(name: unknown, value: unknown): void {
  for (const part of [name, value]) {
    if (typeof part !== 'string' && !(part instanceof Uint8Array)) {
      throw new InvalidHeader(`Header part (${pyRepr(part)}) from {${pyRepr(name)}: ${pyRepr(value)}} must be of type str or bytes, not ${typeName(part)}`);
    }
  }
  const n = typeof name === 'string' ? name : Buffer.from(name as Uint8Array).toString('latin1');
  const v = typeof value === 'string' ? value : Buffer.from(value as Uint8Array).toString('latin1');
  if (!VALID_NAME.test(n)) throw new InvalidHeader(`Invalid leading whitespace, reserved character(s), or returncharacter(s) in header name: ${pyRepr(n)}`);
  if (!VALID_VALUE.test(v)) throw new InvalidHeader(`Invalid leading whitespace, reserved character(s), or returncharacter(s) in header value: ${pyRepr(v)}`);
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return "<class 'NoneType'>";
  if (typeof v === 'number') return Number.isInteger(v) ? "<class 'int'>" : "<class 'float'>";
  if (typeof v === 'boolean') return "<class 'bool'>";
  return `<class '${typeof v}'>`;
}

/** A short Python-style repr for messages (quotes chosen as Python does, control characters escaped). */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v !== 'string') return String(v);
  const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of v) {
    const c = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

/** authFromUrl's answer for a URL without userinfo (shared: most URLs have none). */
const NO_URL_AUTH: readonly [string, string] = Object.freeze(['', ''] as const);

/** requests `get_auth_from_url`: the unquoted user and password of a URL ('' when absent). */
export function authFromUrl(url: string): readonly [string, string] {
  if (!url.includes('@')) return NO_URL_AUTH;
  try {
    const p = urlsplit(url);
    // Python: unquote(None) raises TypeError, caught → ('', ''): a user without password is no auth.
    if (p.username === null || p.password === null) return ['', ''];
    return [unquote(p.username), unquote(p.password)];
  } catch {
    return ['', ''];
  }
}
