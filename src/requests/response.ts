/**
 * `Response` (requests/models.py). Without `stream` the Session has read the whole body before
 * returning, so `content`, `text` and `json()` are synchronous, as in Requests. With
 * `stream: true` the body is pulled through `iterContent()` / `iterLines()` (or loaded with
 * `await loadContent()`); the connection goes back to the pool when the body was consumed or on
 * `close()`. Reading a consumed stream again raises StreamConsumedError.
 */
import type { PoolResponse } from '../pool/types.js';
import { decodeBytes, detectEncoding, incrementalDecoder } from './codec.js';
import { RequestsCookieJar } from './cookies.js';
import { HTTPError, JSONDecodeError, StreamConsumedError } from './errors.js';
import { guessJsonUtf, parseHeaderLinks } from './header-utils.js';
import type { PreparedRequest } from './models.js';
import { codes } from './status-codes.js';
import { CaseInsensitiveDict } from './structures.js';
import { translateError } from './translate.js';
import { iterLinesOf, sliceChunks } from './lines.js';

/** Redirect statuses Requests follows (REDIRECT_STATI). */
export const REDIRECT_STATI: ReadonlySet<number> = new Set([codes.moved, codes.found, codes.other, codes.temporary_redirect, codes.permanent_redirect]);

const NO_SET_COOKIE: readonly string[] = Object.freeze([]);

/** Requests' ITER_CHUNK_SIZE, the default chunk size of iterLines. */
const ITER_CHUNK_SIZE = 512;

/** Options of `iterContent`. */
export interface IterContentOptions {
  /** Bytes per chunk; null: as they arrive. Default 1 (Requests' default; pass a real size). */
  chunkSize?: number | null;
  /** Decode to strings with `encoding` (bytes pass through when it is null). Default false. */
  decodeUnicode?: boolean;
}

/** Options of `iterLines`. */
export interface IterLinesOptions extends IterContentOptions {
  /** Split on this instead of universal newlines. */
  delimiter?: string | Uint8Array | null;
}

/** An HTTP response. */
export class Response implements AsyncIterable<Uint8Array | string> {
  statusCode: number | null = null;
  /** The headers, or the wire list the dict is built from on first access (most callers never look). */
  #headers: CaseInsensitiveDict<string> | readonly string[] | null = null;
  /** The pool response the body is read from (urllib3's HTTPResponse); null for a synthetic one. */
  raw: PoolResponse | null = null;
  url: string | null = null;
  /** Encoding for `text` (settable); from Content-Type when the response was built. */
  encoding: string | null = null;
  /** Earlier responses (see `history`); made on first use: most responses have none. */
  #history: Response[] | null = null;
  reason: string | null = null;
  #cookies: RequestsCookieJar | null = null;
  /** Milliseconds between sending the request and receiving the response head. */
  elapsed = 0;
  request: PreparedRequest | null = null;
  /** The adapter that sent the request (Requests' `connection`). */
  connection: any = null;
  /** Raw Set-Cookie header values, in order (replaced, not appended to: the empty one is shared). */
  setCookieHeaders: readonly string[] = NO_SET_COOKIE;
  /** @internal the AbortSignal of the call, to report aborts while reading the body. */
  signal: AbortSignal | null = null;

  #content: Uint8Array | null | false = false;
  #consumed = false;
  /** What few responses need (a body error, the guessed encoding, the next request): one field, made on first use. */
  #rare: RareState | null = null;

  /** Earlier responses of a redirect chain (or of a digest retry), oldest first. */
  get history(): Response[] {
    return (this.#history ??= []);
  }

  set history(history: Response[]) {
    this.#history = history;
  }

  /** @internal the response has earlier responses (asked on every response; does not make the list). */
  get hasHistory(): boolean {
    return this.#history !== null && this.#history.length > 0;
  }

  /** Cookies the server set in this response. */
  get cookies(): RequestsCookieJar {
    this.#cookies ??= new RequestsCookieJar();
    return this.#cookies;
  }

  set cookies(jar: RequestsCookieJar) {
    this.#cookies = jar;
  }

  /** Response headers, case-insensitive; repeated fields joined with ', ' (urllib3's HTTPHeaderDict). */
  get headers(): CaseInsensitiveDict<string> {
    const h = this.#headers;
    if (h instanceof CaseInsensitiveDict) return h;
    return (this.#headers = h === null ? new CaseInsensitiveDict() : joinHeaders(h));
  }

  set headers(headers: CaseInsensitiveDict<string>) {
    this.#headers = headers;
  }

  /** @internal sets the headers from a flat wire list; the dict is built when first read. */
  setRawHeaders(flat: readonly string[]): void {
    this.#headers = flat;
  }

  /** Header presence without building the dict. */
  #hasHeader(lower: string): boolean {
    const raw = this.#headers;
    if (raw === null || raw instanceof CaseInsensitiveDict) return this.headers.has(lower);
    for (let i = 0; i < raw.length; i += 2) if ((raw[i] as string).length === lower.length && (raw[i] as string).toLowerCase() === lower) return true;
    return false;
  }

  /** True unless the status is 4xx or 5xx. */
  get ok(): boolean {
    const s = this.statusCode ?? 0;
    return !(s >= 400 && s < 600);
  }

  /** A well-formed redirect Requests would follow (Location and a redirect status). */
  get isRedirect(): boolean {
    return REDIRECT_STATI.has(this.statusCode ?? 0) && this.#hasHeader('location');
  }

  /** A permanent redirect (301, 308) with a Location. */
  get isPermanentRedirect(): boolean {
    return (this.statusCode === 301 || this.statusCode === 308) && this.#hasHeader('location');
  }

  /** The next PreparedRequest of a redirect chain that was not followed, else null. */
  get next(): PreparedRequest | null {
    return this.nextRequest;
  }

  /** @internal the next request of a redirect chain when redirects were not followed. */
  get nextRequest(): PreparedRequest | null {
    return this.#rare?.nextRequest ?? null;
  }

  set nextRequest(request: PreparedRequest | null) {
    this.#rareState().nextRequest = request;
  }

  #rareState(): RareState {
    return (this.#rare ??= { nextRequest: null, bodyError: null, apparent: undefined });
  }

  /** The whole body. Loaded already unless the request used `stream: true` (then `await loadContent()`). */
  get content(): Uint8Array | null {
    if (this.#content === false) {
      this.#throwBodyError();
      if (this.#consumed) throw new Error('The content for this response was already consumed');
      if (this.raw === null) return null;
      throw new Error('The body of a streamed response is not loaded: `await response.loadContent()` first (or iterate iterContent())');
    }
    return this.#content;
  }

  /** Reads the rest of the body (once) and returns it. */
  async loadContent(): Promise<Uint8Array | null> {
    if (this.#content !== false) return this.#content;
    this.#throwBodyError();
    if (this.#consumed) throw new Error('The content for this response was already consumed');
    if (this.raw === null || this.statusCode === 0) {
      this.#content = null;
      return null;
    }
    const raw = this.raw;
    this.#consumed = true;
    try {
      this.#content = await raw.readAll();
    } catch (err) {
      throw this.#bodyFailed(err);
    }
    return this.#content;
  }

  /** @internal true once the body is in `content` (loaded, or set). */
  get contentLoaded(): boolean {
    return this.#content !== false;
  }

  /** A body read failed: gives up the connection and returns the error to throw (Requests' class for it). */
  #bodyFailed(err: unknown): unknown {
    if (this.raw !== null && !this.raw.done) this.raw.release();
    return translateError(err, 'body', this.request, this.signal);
  }

  /**
   * @internal HTTPAdapter read a non-streamed body and that failed. Requests reads the body last
   * in Session.send (after the response hooks and the cookie extraction), so the error is kept
   * and thrown by the reads of the content (Session.send's, a hook's, the redirect loop's), each
   * time: Requests' second read of a short body fails again (urllib3 still expects the missing
   * bytes), so a caught failure is not followed by a plain "already consumed" Error.
   */
  deferBodyError(err: unknown): void {
    this.#consumed = true;
    this.#rareState().bodyError = { error: this.#bodyFailed(err) };
  }

  #throwBodyError(): void {
    const pending = this.#rare?.bodyError ?? null;
    if (pending === null) return;
    throw pending.error;
  }

  /** @internal sets the body (synthetic responses, tests). */
  setContent(content: Uint8Array | null): void {
    this.#content = content;
    this.#consumed = true;
  }

  /** The body decoded with `encoding`, or with `apparentEncoding` when that is null. */
  get text(): string {
    const content = this.content;
    if (content === null || content.length === 0) return '';
    return decodeBytes(content, this.encoding ?? this.apparentEncoding);
  }

  /** The encoding chardet guesses from the content (loaded on first use). */
  get apparentEncoding(): string | null {
    const rare = this.#rareState();
    if (rare.apparent === undefined) rare.apparent = detectEncoding(this.content ?? new Uint8Array(0));
    return rare.apparent;
  }

  /** The body parsed as JSON; JSONDecodeError when it is not JSON. */
  json(reviver?: (this: any, key: string, value: any) => any): any {
    const content = this.content;
    if (this.encoding === null && content !== null && content.length > 3) {
      const enc = guessJsonUtf(content);
      if (enc !== null) return parseJson(decodeBytes(content, enc), reviver, this);
    }
    return parseJson(this.text, reviver, this);
  }

  /** The Link header parsed, keyed by `rel` (or by url). */
  get links(): Record<string, Record<string, string>> {
    const header = this.headers.get('link');
    const resolved: Record<string, Record<string, string>> = {};
    if (header === undefined || header === '') return resolved;
    for (const link of parseHeaderLinks(header)) resolved[link['rel'] ?? link['url'] ?? ''] = link;
    return resolved;
  }

  /** Throws HTTPError for 4xx and 5xx: `404 Client Error: NOT FOUND for url: http://...`. */
  raiseForStatus(): void {
    const s = this.statusCode ?? 0;
    let message = '';
    if (s >= 400 && s < 500) message = `${s} Client Error: ${this.reason ?? 'None'} for url: ${this.url ?? 'None'}`;
    else if (s >= 500 && s < 600) message = `${s} Server Error: ${this.reason ?? 'None'} for url: ${this.url ?? 'None'}`;
    if (message !== '') throw new HTTPError(message, { response: this });
  }

  /**
   * The body in chunks: from the network with `stream: true` (once), else slices of `content`.
   * Throws StreamConsumedError when a streamed body was already read.
   */
  iterContent(opts: IterContentOptions | number | null = {}): AsyncIterable<Uint8Array | string> {
    const o = typeof opts === 'number' || opts === null ? { chunkSize: opts } : opts;
    const chunkSize = o.chunkSize === undefined ? 1 : o.chunkSize;
    if (this.#content === false) this.#throwBodyError();
    if (this.#consumed && this.#content === false) throw new StreamConsumedError();
    if (chunkSize !== null && (!Number.isInteger(chunkSize) || chunkSize < 0)) throw new TypeError(`chunk_size must be an int, it is instead a ${typeof chunkSize}.`);
    const chunks = this.#consumed ? reuse(this.#content as Uint8Array | null, chunkSize) : sliceChunks(this.#rawChunks(), chunkSize);
    return o.decodeUnicode === true ? this.#decodeStream(chunks) : chunks;
  }

  /** The body line by line (universal newlines, or `delimiter`), as Requests' iter_lines. */
  iterLines(opts: IterLinesOptions = {}): AsyncIterable<Uint8Array | string> {
    const chunks = this.iterContent({ chunkSize: opts.chunkSize === undefined ? ITER_CHUNK_SIZE : opts.chunkSize, decodeUnicode: opts.decodeUnicode ?? false });
    return iterLinesOf(chunks, opts.delimiter ?? null);
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array | string> {
    return this.iterContent({ chunkSize: 128 })[Symbol.asyncIterator]();
  }

  /** Releases the connection: kept for reuse when the body was fully read, else closed. */
  close(): void {
    if (this.raw === null) return;
    // Requests: an unconsumed body closes the raw response (and its connection), which also ends
    // a read another task is waiting on; a fully read one only releases the connection.
    if (this.raw.done) this.raw.release();
    else this.raw.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  toString(): string {
    return `<Response [${this.statusCode ?? 'None'}]>`;
  }

  /** Reads the body for Requests' `content` default chunking and marks it consumed. */
  async *#rawChunks(): AsyncGenerator<Uint8Array> {
    const raw = this.raw;
    if (raw === null) return;
    this.#consumed = true;
    try {
      for (;;) {
        const chunk = await raw.read();
        if (chunk === null) break;
        // No copy: engine chunks are never overwritten (engine/types.ts BodyReader note) and
        // decoded chunks are fresh zlib output, so the caller may keep what we yield.
        if (chunk.length > 0) yield chunk;
      }
    } catch (err) {
      throw translateError(err, 'body', this.request, this.signal);
    } finally {
      if (!raw.done) raw.release();
    }
  }

  async *#decodeStream(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
    if (this.encoding === null) {
      yield* chunks;
      return;
    }
    const decoder = incrementalDecoder(this.encoding);
    for await (const chunk of chunks) {
      const s = decoder.decode(chunk as Uint8Array);
      if (s !== '') yield s;
    }
    const rest = decoder.decode(new Uint8Array(0), true);
    if (rest !== '') yield rest;
  }
}

/** Response state few responses need. */
interface RareState {
  nextRequest: PreparedRequest | null;
  /** The adapter's read of a non-streamed body failed: thrown by the next read of `content` (see deferBodyError). */
  bodyError: { error: unknown } | null;
  /** apparentEncoding's guess, undefined until asked. */
  apparent: string | null | undefined;
}

/** urllib3 HTTPHeaderDict → CaseInsensitiveDict: repeated fields joined with ', '. */
export function joinHeaders(flat: readonly string[]): CaseInsensitiveDict<string> {
  const dict = new CaseInsensitiveDict<string>();
  for (let i = 0; i < flat.length; i += 2) {
    const name = flat[i] as string;
    const value = flat[i + 1] as string;
    const prev = dict.get(name);
    dict.set(name, prev === undefined ? value : `${prev}, ${value}`);
  }
  return dict;
}

/** `iter_slices` over already-read content. */
async function* reuse(content: Uint8Array | null, size: number | null): AsyncGenerator<Uint8Array> {
  if (content === null) return;
  const step = size === null || size <= 0 ? content.length : size;
  for (let pos = 0; pos < content.length; pos += step) yield content.subarray(pos, pos + step);
}

function parseJson(text: string, reviver: ((this: any, key: string, value: any) => any) | undefined, response: Response): any {
  try {
    return JSON.parse(text, reviver);
  } catch (err) {
    const pos = errorPosition(err, text);
    throw new JSONDecodeError(pos >= text.length || /^\s*$/.test(text.slice(pos)) || pos === 0 ? 'Expecting value' : 'Invalid JSON', text, pos, { response, cause: err });
  }
}

/** Where JSON.parse stopped (from its message), or the first non-space character. */
function errorPosition(err: unknown, text: string): number {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  if (m !== null) return Number(m[1]);
  const first = text.search(/\S/);
  return first === -1 ? text.length : first;
}
