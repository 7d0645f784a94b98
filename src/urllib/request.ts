/**
 * urllib.request.Request: the URL split into type/host/selector, the body, and two header
 * dicts (`headers`, sent again after a redirect, and `unredirectedHdrs`, not). Header names are
 * stored as CPython stores them, `key.capitalize()` ('content-TYPE' → 'Content-type'), and
 * looked up exactly as given, as CPython's dict lookups are.
 */
import { unquote } from '../parse/quote.js';
import { urlparse } from '../parse/split.js';
import { capitalize, pyRepr, splithost, splittag, splittype, unwrap } from './pyutil.js';

/** A request body: bytes, or a stream/iterable of bytes (sent chunked unless Content-length is set). */
export type RequestData = Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Header dict argument: a plain object, a Map, or [name, value] pairs. */
export type HeadersInit = Record<string, string | number> | Map<string, string | number> | Iterable<readonly [string, string | number]>;

/** Options of {@link Request}: CPython's keyword arguments. */
export interface RequestOptions {
  /** Body; `null`/omitted for none. A string is rejected when sent (CPython: "POST data should be bytes"). */
  data?: RequestData | string | null;
  /** Headers, each added with addHeader (so names get capitalised). */
  headers?: HeadersInit;
  /** RFC 2965 request-host of the origin transaction; default: derived from the URL. */
  originReqHost?: string | null;
  /** True when the user had no option to approve the request (redirects set it). Default false. */
  unverifiable?: boolean;
  /** HTTP method; default GET, or POST when there is data. */
  method?: string | null;
}

/** Iterates a plain object, Map or pairs as [key, value] entries. */
export function headerEntries(headers: HeadersInit | undefined | null): Array<[string, string]> {
  if (!headers) return [];
  const raw: Iterable<readonly [string, unknown]> =
    headers instanceof Map || Symbol.iterator in Object(headers) ? (headers as Iterable<readonly [string, unknown]>) : Object.entries(headers);
  return [...raw].map(([k, v]) => [String(k), String(v)]);
}

/** Python `==` on bodies: bytes compare by value, anything else by identity. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** RFC 2965 request-host, lower-cased and without port (CPython's request_host). */
export function requestHost(request: Request): string {
  let host = urlparse(request.fullUrl).netloc;
  if (host === '') host = request.getHeader('Host', '') ?? '';
  return host.replace(/:\d+$/, '').toLowerCase();
}

/** An HTTP(S), file: or data: request, as urllib.request.Request. */
export class Request {
  /** Headers sent on this request and on redirected ones (capitalised names). */
  headers: Record<string, string> = {};
  /** Headers not carried over to a redirected request (Host, Content-type, Authorization...). */
  unredirectedHdrs: Record<string, string> = {};
  /** URL scheme, lower-cased ('http', 'file', ...). */
  type!: string;
  /** Host (and port) from the URL, percent-decoded; after setProxy, the proxy's. */
  host!: string | null;
  /** What goes on the request line: path + query (or the full URL when proxied). */
  selector!: string;
  /** The fragment split off the URL, or null. */
  fragment: string | null = null;
  /** RFC 2965 request-host of the origin transaction. */
  originReqHost: string;
  /** True when the user could not approve this request (redirects). */
  unverifiable: boolean;
  /** Explicit method, or null for the default (GET, or POST with data). */
  method: string | null = null;
  /** Milliseconds, set by OpenerDirector.open; undefined: the library default; null: none. */
  timeout?: number | null;
  /** URLs visited by HTTPRedirectHandler in this chain, with counts (loop detection). */
  redirectDict?: Map<string, number>;
  /** Origin host:port for an https request sent through a CONNECT tunnel (set by setProxy). */
  _tunnelHost: string | null = null;
  #fullUrl = '';
  #data: RequestData | string | null = null;

  constructor(url: string | URL, options: RequestOptions = {}) {
    this.fullUrl = url;
    this.data = options.data ?? null;
    for (const [key, value] of headerEntries(options.headers)) this.addHeader(key, value);
    this.originReqHost = options.originReqHost ?? requestHost(this);
    this.unverifiable = options.unverifiable ?? false;
    if (options.method) this.method = options.method;
  }

  /** The URL with its fragment (if any) re-attached. */
  get fullUrl(): string {
    return this.fragment ? `${this.#fullUrl}#${this.fragment}` : this.#fullUrl;
  }

  /** Setting it re-parses type, host and selector; '<URL:...>' wrappers are removed. */
  set fullUrl(url: string | URL) {
    const [base, fragment] = splittag(unwrap(url));
    this.#fullUrl = base;
    this.fragment = fragment;
    this.#parse();
  }

  #parse(): void {
    const [type, rest] = splittype(this.#fullUrl);
    // CPython: ValueError("unknown url type: %r" % self.full_url)
    if (type === null) throw new RangeError(`unknown url type: ${pyRepr(this.fullUrl)}`);
    this.type = type;
    const [host, selector] = splithost(rest);
    this.host = host ? unquote(host) : host;
    this.selector = selector;
  }

  /** The body. Assigning a different value drops a Content-length header (CPython issue 16464). */
  get data(): RequestData | string | null {
    return this.#data;
  }

  set data(data: RequestData | string | null | undefined) {
    const value = data ?? null;
    if (!sameData(value, this.#data)) {
      this.#data = value;
      if (this.hasHeader('Content-length')) this.removeHeader('Content-length');
    }
  }

  /** The explicit method, else POST when there is data, else GET. */
  getMethod(): string {
    return this.method ?? (this.data !== null ? 'POST' : 'GET');
  }

  /** Same as `fullUrl`. */
  getFullUrl(): string {
    return this.fullUrl;
  }

  /** Routes the request through a proxy at `host` speaking `type` (https requests get a tunnel). */
  setProxy(host: string, type: string): void {
    if (this.type === 'https' && !this._tunnelHost) {
      this._tunnelHost = this.host;
    } else {
      this.type = type;
      this.selector = this.fullUrl;
    }
    this.host = host;
  }

  /** True when the selector is the full URL (an absolute-form request to a proxy). */
  hasProxy(): boolean {
    return this.selector === this.fullUrl;
  }

  /** Adds a header kept across redirects; the name is capitalised ('x-foo' → 'X-foo'). */
  addHeader(key: string, val: string | number): void {
    this.headers[capitalize(key)] = String(val);
  }

  /** Adds a header dropped on redirect; the name is capitalised. */
  addUnredirectedHeader(key: string, val: string | number): void {
    this.unredirectedHdrs[capitalize(key)] = String(val);
  }

  /** Exact-name lookup in both dicts (pass the capitalised form: 'Content-type'). */
  hasHeader(headerName: string): boolean {
    return Object.hasOwn(this.headers, headerName) || Object.hasOwn(this.unredirectedHdrs, headerName);
  }

  /** The header's value (redirected headers win), or `fallback` (default null). */
  getHeader(headerName: string, fallback: string | null = null): string | null {
    if (Object.hasOwn(this.headers, headerName)) return this.headers[headerName]!;
    if (Object.hasOwn(this.unredirectedHdrs, headerName)) return this.unredirectedHdrs[headerName]!;
    return fallback;
  }

  /** Removes the header from both dicts. */
  removeHeader(headerName: string): void {
    delete this.headers[headerName];
    delete this.unredirectedHdrs[headerName];
  }

  /** All headers as [name, value] pairs: unredirected first, overridden by redirected ones of the same name. */
  headerItems(): Array<[string, string]> {
    const merged = new Map<string, string>(Object.entries(this.unredirectedHdrs));
    for (const [k, v] of Object.entries(this.headers)) merged.set(k, v);
    return [...merged];
  }
}
