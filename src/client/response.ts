/**
 * HTTPResponse: CPython http.client.HTTPResponse over the engine's BodyReader.
 *
 * The body is pulled with back pressure: nothing is buffered beyond one engine chunk, except by
 * `read()` without a size, which (as in Python) returns the whole rest. "fp" semantics follow
 * CPython: the response counts as closed (`isclosed()`) once a read observed the end of the body,
 * after `close()`, or after an error; a bodiless response stays open until it is read.
 * Truncation: `read()` raises IncompleteRead(partial, expected); `read(n)` on a Content-Length
 * body returns the short data and then b'' (CPython: "might break compatibility" comment);
 * chunked bodies raise IncompleteRead(partial) with `expected` null, as CPython does.
 */
import type { BodyReader, Response } from '../engine/types.js';
import { ProtocolError } from '../protocol/errors.js';
import { IncompleteRead } from './errors.js';
import { HTTPMessage } from './message.js';
import { translateError } from './translate.js';

const EMPTY = new Uint8Array(0);

/**
 * The method through which a response hands its socket back. A symbol: the owner is the
 * HTTPConnection itself (no owner object or closure per connection), and the hook stays off
 * its public, Python-shaped surface.
 */
export const RELEASED: unique symbol = Symbol('httpkit.released');

/** How the response hands its socket back to its HTTPConnection once the body is finished or abandoned. */
export interface ResponseOwner {
  /** Called once when the body ended (`complete`) or the response was closed before that. */
  [RELEASED](response: HTTPResponse, complete: boolean): void;
}

export class HTTPResponse implements AsyncIterable<Uint8Array> {
  /** Status code (Python's `status` and `code`). */
  readonly status: number;
  /** Reason phrase, stripped ('' when absent). */
  readonly reason: string;
  /** 10 for HTTP/1.0 (and 0.9), 11 for HTTP/1.x. */
  readonly version: 10 | 11;
  /** The response headers (Python's `msg`, same object as `headers`). */
  readonly headers: HTTPMessage;
  /** Transfer-Encoding: chunked. */
  readonly chunked: boolean;
  /** The connection closes after this response (CPython's `will_close`). */
  readonly willClose: boolean;
  /** Remaining body bytes for a Content-Length body, 0 for bodiless, null when unknown (chunked/until close). */
  length: number | null;
  /** The URL, set by urllib (Python's `url`); null otherwise. */
  url: string | null = null;
  /** Debug level inherited from the connection. */
  debuglevel: number;
  /** Chunked trailers once the body was read to the end, else null. */
  trailers: HTTPMessage | null = null;

  #body: BodyReader | null;
  #method: string;
  #pending: Uint8Array = EMPTY;
  #owner: ResponseOwner | null;
  #closedFlag = false;
  /** The body is actually framed by chunks (the engine's decision; `chunked` is CPython's flag). */
  #framedChunked: boolean;

  /** Built by HTTPConnection.getresponse(); not meant to be constructed by users. */
  constructor(res: Response, method: string, owner: ResponseOwner | null, debuglevel = 0) {
    this.status = res.status;
    this.reason = res.reason.trim();
    this.version = res.version;
    this.headers = new HTTPMessage(res.headers);
    // CPython begin(): chunked when the (first) Transfer-Encoding is exactly "chunked", even for
    // HEAD/204/304 where there is no body to read.
    this.chunked = res.chunked || this.headers.get('transfer-encoding')?.toLowerCase() === 'chunked';
    this.willClose = res.willClose;
    this.length = res.chunked ? null : res.length;
    this.#framedChunked = res.chunked;
    this.#body = res.body;
    this.#method = method.toUpperCase();
    this.#owner = owner;
    this.debuglevel = debuglevel;
  }

  /** Python's `msg` (the same HTTPMessage as `headers`). */
  get msg(): HTTPMessage {
    return this.headers;
  }

  /** Python's `code` (deprecated alias of status). */
  get code(): number {
    return this.status;
  }

  /** True after close() (io.IOBase.closed); reading to the end does not set it (see isclosed()), as in CPython. */
  get closed(): boolean {
    return this.#closedFlag;
  }

  /** True when the body was consumed or the response closed (CPython: `fp is None`). */
  isclosed(): boolean {
    return this.#body === null;
  }

  /** The headers (urllib's info()). */
  info(): HTTPMessage {
    return this.headers;
  }

  geturl(): string | null {
    return this.url;
  }

  getcode(): number {
    return this.status;
  }

  /** One header's value; repeated fields joined with ', ' (CPython); `defaultValue` (null) when absent. */
  getheader<T = null>(name: string, defaultValue: T = null as T): string | T {
    const all = this.headers.getAll(name);
    if (all !== null && all.length > 0) return all.join(', ');
    if (Array.isArray(defaultValue)) return defaultValue.join(', ');
    return defaultValue;
  }

  /** Every [name, value] pair in wire order. */
  getheaders(): [string, string][] {
    return this.headers.items();
  }

  /** Reads `amt` bytes (fewer only at the end), or the whole rest when omitted/null/negative. */
  async read(amt?: number | null): Promise<Uint8Array> {
    if (this.#body === null) return EMPTY;
    if (this.#method === 'HEAD') return this.#finish(true, EMPTY);
    if (amt === undefined || amt === null || amt < 0) return this.#readAll();
    return this.#readAmount(this.#clip(amt));
  }

  /** Reads into `buf` (up to its length); returns the number of bytes written. */
  async readinto(buf: Uint8Array): Promise<number> {
    if (this.#body === null) return 0;
    if (this.#method === 'HEAD') return this.#finish(true, EMPTY).length;
    const data = await this.#readAmount(this.#clip(buf.byteLength));
    buf.set(data, 0);
    return data.byteLength;
  }

  /** At most `n` bytes (all available when n < 0) from at most one socket read. */
  async read1(n = -1): Promise<Uint8Array> {
    if (this.#body === null || this.#method === 'HEAD') return EMPTY;
    if (n === 0) return EMPTY;
    const max = this.#clip(n < 0 ? Infinity : n);
    if (max === 0) return this.#finish(true, EMPTY);
    let got: Uint8Array;
    try {
      got = await this.#fill(max);
    } catch (err) {
      return this.#shortRead(err, []);
    }
    return this.#after(got, max);
  }

  /** Bytes available without consuming them (at least one unless at the end; may exceed `n`). */
  async peek(_n = -1): Promise<Uint8Array> {
    if (this.#body === null || this.#method === 'HEAD') return EMPTY;
    if (this.#pending.byteLength === 0 && !this.#body.done) {
      try {
        const chunk = await this.#body.read();
        if (chunk !== null) this.#pending = own(chunk);
      } catch {
        return EMPTY; // CPython _peek_chunked: "peek doesn't worry about protocol".
      }
    }
    return this.#pending.slice(0, this.length === null ? undefined : this.length);
  }

  /** One line up to and including "\n" (at most `limit` bytes when limit >= 0). */
  async readline(limit = -1): Promise<Uint8Array> {
    if (this.#body === null || this.#method === 'HEAD') return EMPTY;
    const max = this.#clip(limit < 0 ? Infinity : limit);
    if (max === 0) return this.#finish(this.length === 0, EMPTY);
    const parts: Uint8Array[] = [];
    let total = 0;
    try {
      while (total < max) {
        const got = await this.#fill(max - total, true);
        if (got.byteLength === 0) break;
        parts.push(got);
        total += got.byteLength;
        if (got[got.byteLength - 1] === 0x0a) break;
      }
    } catch (err) {
      return this.#shortRead(err, parts);
    }
    return this.#after(concat(parts, total), max);
  }

  /** Every remaining line (io.IOBase.readlines): stops once `hint` > 0 bytes were collected. */
  async readlines(hint = -1): Promise<Uint8Array[]> {
    const lines: Uint8Array[] = [];
    let total = 0;
    for (let line = await this.readline(); line.byteLength > 0; line = await this.readline()) {
      lines.push(line);
      total += line.byteLength;
      if (hint > 0 && total >= hint) break;
    }
    return lines;
  }

  /** Always true (io.IOBase.readable, as CPython's HTTPResponse). */
  readable(): boolean {
    return true;
  }

  /** Async iteration over body chunks (each is yours to keep). */
  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const chunk = await this.read1(-1);
      if (chunk.byteLength === 0) return;
      yield chunk;
    }
  }

  /** Closes the response: abandons the rest of the body (the engine drains a small rest or drops the socket). */
  close(): void {
    this.#closedFlag = true;
    if (this.#body !== null) this.#closeConn(false);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  /** Python's `fileno()` has no equivalent over the engine. */
  fileno(): never {
    throw new Error('HTTPResponse.fileno() is not supported: the socket belongs to the engine');
  }

  // ---- internals ----

  /** Clip a read to the remaining Content-Length (CPython: "clip the read to the end of response"). */
  #clip(n: number): number {
    return this.length !== null && n > this.length ? this.length : n;
  }

  async #readAll(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let total = 0;
    if (this.#pending.byteLength > 0) {
      parts.push(this.#pending);
      total = this.#pending.byteLength;
      this.#pending = EMPTY;
    }
    const body = this.#body!;
    try {
      for (let chunk = await body.read(); chunk !== null; chunk = await body.read()) {
        parts.push(own(chunk));
        total += chunk.byteLength;
      }
    } catch (err) {
      throw this.#fail(err, parts, total);
    }
    if (this.length !== null) this.length = 0;
    return this.#finish(true, concat(parts, total));
  }

  /** Reads exactly `amt` bytes unless the body ends first. */
  async #readAmount(amt: number): Promise<Uint8Array> {
    if (amt === 0) return EMPTY;
    const parts: Uint8Array[] = [];
    let total = 0;
    try {
      while (total < amt) {
        const got = await this.#fill(amt - total);
        if (got.byteLength === 0) break;
        parts.push(got);
        total += got.byteLength;
      }
    } catch (err) {
      return this.#shortRead(err, parts);
    }
    return this.#after(concat(parts, total), amt);
  }

  /**
   * Takes up to `max` bytes: from the pending buffer first, else one engine read. With `toNewline`
   * it stops after the first "\n". Returns an empty array at the end of the body.
   */
  async #fill(max: number, toNewline = false): Promise<Uint8Array> {
    if (this.#pending.byteLength === 0) {
      // body.read(), not readUpTo(): bytes delivered before a truncation must reach the caller
      // (CPython read(n) returns them), and the rest of a chunk waits in #pending.
      const chunk = await this.#body!.read();
      if (chunk === null) return EMPTY;
      this.#pending = own(chunk);
    }
    let take = Math.min(max, this.#pending.byteLength);
    if (toNewline) {
      const nl = this.#pending.subarray(0, take).indexOf(0x0a);
      if (nl >= 0) take = nl + 1;
    }
    const out = this.#pending.subarray(0, take);
    this.#pending = take === this.#pending.byteLength ? EMPTY : this.#pending.subarray(take);
    return out;
  }

  /** Bookkeeping after a sized read: update `length`, close at the end (CPython _close_conn). */
  #after(data: Uint8Array, asked: number): Uint8Array {
    if (data.byteLength === 0 && asked > 0) return this.#finish(true, data);
    if (this.length !== null) {
      this.length -= data.byteLength;
      if (this.length === 0) return this.#finish(true, data);
    }
    if (this.#pending.byteLength === 0 && this.#body!.done && this.length === null) return this.#finish(true, data);
    return data;
  }

  /**
   * A sized read (read(n), readinto, read1, readline) hit an error. CPython returns the short
   * data without error when a Content-Length or until-close body is cut off ("Ideally, we would
   * raise IncompleteRead ... but it might break compatibility"), then b''. Chunked bodies and
   * every other error raise (IncompleteRead with what this call read, or the translated error).
   */
  #shortRead(err: unknown, parts: Uint8Array[]): Uint8Array {
    const total = parts.reduce((n, p) => n + p.byteLength, 0);
    if (this.#framedChunked || !(err instanceof ProtocolError && err.code === 'INCOMPLETE')) throw this.#fail(err, parts, total);
    if (err.partial !== undefined && err.partial.byteLength > 0) parts.push(own(err.partial));
    const data = concat(parts, total + (err.partial?.byteLength ?? 0));
    if (this.length !== null) this.length -= data.byteLength;
    this.#closeConn(false);
    return data;
  }

  #fail(err: unknown, parts: Uint8Array[], total: number): unknown {
    this.#closeConn(false);
    if (err instanceof ProtocolError && (err.code === 'INCOMPLETE' || err.code === 'BAD_CHUNK')) {
      if (err.partial !== undefined && err.partial.byteLength > 0 && !this.#framedChunked) {
        parts.push(err.partial);
        total += err.partial.byteLength;
      }
      const expected = this.#framedChunked ? null : (err.expected ?? null);
      return new IncompleteRead(concat(parts, total), expected, { cause: err });
    }
    return translateError(err);
  }

  #finish(complete: boolean, data: Uint8Array): Uint8Array {
    if (this.#body !== null) this.#closeConn(complete && this.#body.done);
    return data;
  }

  #closeConn(complete: boolean): void {
    const body = this.#body;
    if (body === null) return;
    this.#body = null;
    this.#pending = EMPTY;
    if (body.trailers !== null && complete) this.trailers = new HTTPMessage(body.trailers);
    if (!complete || !body.done) body.cancel();
    const owner = this.#owner;
    this.#owner = null;
    owner?.[RELEASED](this, complete && body.done);
  }
}

/**
 * Makes an engine chunk the caller's to keep. The engine hands out `subarray` views of the
 * Buffers the socket delivered (protocol/receive-buffer.ts: "kept by reference, not copied"),
 * and Node allocates a fresh Buffer for every socket read, so the views stay valid: no copy is
 * needed. Should the engine ever reuse receive memory (net `onread`), copy here (`slice()`).
 */
function own(chunk: Uint8Array): Uint8Array {
  return chunk;
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 0) return EMPTY;
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

