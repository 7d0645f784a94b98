/**
 * The pool's response (urllib3's HTTPResponse): a lazily pulled, optionally decoded body that
 * gives its connection back exactly once — to the pool when the raw body was read to its end on
 * a connection that may be kept, closed otherwise (error, release mid-body, Connection: close).
 *
 * Chunks handed out are owned by the caller: engine chunks are views into receive buffers, so
 * each is copied once as it is read (before the connection may be handed to another request).
 */
import type { Response } from '../engine/types.js';
import type { Lease } from './connection-pool.js';
import type { PoolSpec } from './pool-key.js';
import { ContentDecoder, parseCodings } from './decode.js';
import { getHeader, getHeaders } from './headers.js';
import { translateBodyError } from './translate.js';
import type { Retry } from './retry.js';
import type { ConnectionInfo, HeaderList, PoolResponse } from './types.js';

/** Bytes drainAndRelease() reads to keep a connection before giving up and closing it. */
export const DRAIN_LIMIT = 64 * 1024;

/** An empty body: a Buffer, as Buffer.concat gives for any other body (Requests' content). */
const EMPTY: Uint8Array = Buffer.alloc(0);
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** What the body needs from the attempt (send.ts's AttemptSpec satisfies it). */
export interface BodyOptions {
  readonly url: string;
  readonly decodeContent: boolean;
  readonly maxDecodedBytes: number | null;
  readonly maxCodings: number;
  readonly timeout: { readonly read: number | null };
  readonly signal: AbortSignal | undefined;
}

/** Where the connection goes back: exactly once, true → the idle list, false → closed. */
export interface Releaser {
  release(lease: Lease, reusable: boolean): void;
}

export class PoolResponseImpl implements PoolResponse {
  readonly status: number;
  readonly reason: string;
  readonly version: 10 | 11;
  readonly headers: HeaderList;
  readonly url: string;
  retries: Retry | null = null;
  data: Uint8Array | null = null;
  preloadError: unknown = undefined;
  headAt: number | undefined = undefined;
  readonly #raw: Response;
  readonly #opts: BodyOptions;
  readonly #pool: Releaser;
  readonly #lease: Lease;
  readonly #spec: PoolSpec;
  #info: ConnectionInfo | null = null;

  #decoder: ContentDecoder | null = null;
  #decoderChecked = false;
  #leftover: Uint8Array | null = null;
  #finished = false;
  #ended = false;

  constructor(raw: Response, opts: BodyOptions, pool: Releaser, lease: Lease, spec: PoolSpec) {
    this.status = raw.status;
    this.reason = raw.reason;
    this.version = raw.version;
    this.headers = raw.headers;
    this.url = opts.url;
    this.#raw = raw;
    this.#opts = opts;
    this.#pool = pool;
    this.#lease = lease;
    this.#spec = spec;
    // An unread body must not keep the process alive (a script that is done exits, as the
    // idle pool's sockets do): the socket is ref'd only while a read is awaited.
    if (raw.body.done) this.#finish(true);
    else lease.conn.setRef(false);
  }

  /** performance.now() when the exchange started (the lease's; no clock reading of its own). */
  get startedAt(): number {
    return this.#lease.at;
  }

  get connection(): ConnectionInfo {
    this.#info ??= Object.freeze({
      reused: this.#lease.reused,
      secure: this.#spec.secure,
      alpnProtocol: this.#lease.conn.alpnProtocol,
      proxy: this.#spec.proxy?.safeUrl ?? null,
    });
    return this.#info;
  }

  get redirectLocation(): string | null {
    return REDIRECT_STATUSES.has(this.status) ? this.getHeader('location') : null;
  }

  get bytesReceived(): number {
    return this.#raw.body.received;
  }

  get done(): boolean {
    return this.#ended;
  }

  getHeader(name: string): string | null {
    return getHeader(this.headers, name);
  }

  getHeaders(name: string): string[] {
    return getHeaders(this.headers, name);
  }

  async read(max?: number): Promise<Uint8Array | null> {
    let chunk = this.#leftover;
    this.#leftover = null;
    if (chunk === null) chunk = await this.#nextDecoded();
    if (chunk === null || max === undefined || chunk.length <= max) return chunk;
    if (!(max > 0)) throw new RangeError(`read(max): max must be > 0, got ${max}`);
    this.#leftover = chunk.subarray(max);
    return chunk.subarray(0, max);
  }

  readAll(): Promise<Uint8Array> {
    // Not async itself: the common undecoded body goes straight to #readAllRaw (one promise less).
    try {
      if (this.#leftover === null && !this.#ended && this.#getDecoderSafe() === null) return this.#readAllRaw();
    } catch (err) {
      return Promise.reject(err);
    }
    return this.#readAllDecoded();
  }

  async #readAllDecoded(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let c = await this.read(); c !== null; c = await this.read()) {
      parts.push(c);
      total += c.length;
    }
    if (parts.length === 1) return parts[0]!;
    return Buffer.concat(parts, total);
  }

  /** Reads the whole body into `data` (preload_content). */
  async preload(): Promise<void> {
    this.data = await this.readAll();
  }

  /** readAll without decoding or leftovers: raw chunks straight from the engine, kept as they are. */
  async #readAllRaw(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let c = await this.#readRaw(); c !== null; c = this.#raw.body.done ? this.#endRaw() : await this.#readRaw()) {
      parts.push(c);
      total += c.length;
    }
    this.#ended = true;
    return parts.length === 1 ? parts[0]! : parts.length === 0 ? EMPTY : Buffer.concat(parts, total);
  }

  /** The raw body ended (known without another read): give the connection back. */
  #endRaw(): null {
    this.#finish(true);
    return null;
  }

  #getDecoderSafe(): ContentDecoder | null {
    try {
      return this.#getDecoder();
    } catch (err) {
      this.close();
      throw err;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (let c = await this.read(); c !== null; c = await this.read()) yield c;
  }

  release(): void {
    if (this.#finished) return;
    this.#decoder?.destroy();
    const body = this.#raw.body;
    if (!body.done) body.cancel();
    // The engine may have kept the connection (the rest was already buffered): reuse it then.
    const conn = this.#lease.conn;
    this.#finish(body.done && conn.isIdle() && !conn.isClosed() && !this.#raw.willClose);
  }

  async drainAndRelease(): Promise<void> {
    if (this.#finished) return;
    const body = this.#raw.body;
    this.#lease.conn.setRef(true);
    try {
      for (let n = 0; !body.done && n <= DRAIN_LIMIT;) {
        const c = await body.read();
        if (c === null) break;
        n += c.length;
      }
    } catch {
      this.#finish(false);
      return;
    }
    if (body.done) this.#finish(!this.#raw.willClose);
    else this.release();
  }

  close(): void {
    this.#decoder?.destroy();
    if (!this.#raw.body.done) this.#raw.body.cancel();
    this.#finish(false);
    this.#lease.conn.close();
  }

  #finish(reusable: boolean): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#pool.release(this.#lease, reusable && !this.#raw.willClose);
  }

  #getDecoder(): ContentDecoder | null {
    if (this.#decoderChecked) return this.#decoder;
    this.#decoderChecked = true;
    if (!this.#opts.decodeContent) return null;
    const value = getHeaders(this.headers, 'content-encoding').join(', ');
    const codings = parseCodings(value === '' ? null : value, this.#opts.maxCodings);
    if (codings) this.#decoder = new ContentDecoder(codings, () => this.#readRaw(), { maxBytes: this.#opts.maxDecodedBytes, label: value });
    return this.#decoder;
  }

  async #nextDecoded(): Promise<Uint8Array | null> {
    if (this.#ended) return null;
    const decoder = this.#getDecoderSafe();
    let out: Uint8Array | null;
    try {
      // The decoder pulls raw chunks through #readRaw only as far as this one piece needs.
      out = decoder === null ? await this.#readRaw() : await decoder.read();
    } catch (err) {
      this.#ended = true;
      if (!this.#finished) this.close();
      throw err; // #readRaw translated a body failure; the decoder raises DecodeError for its own
    }
    if (out === null) this.#ended = true;
    return out;
  }

  async #readRaw(): Promise<Uint8Array | null> {
    const body = this.#raw.body;
    if (body.done) {
      this.#finish(true);
      return null;
    }
    const conn = this.#lease.conn;
    conn.setRef(true);
    try {
      // No copy: the engine never reuses or overwrites a receive buffer (engine/types.ts,
      // BodyReader), so a chunk stays valid after the connection goes back to the pool, and
      // zlib may read it on the thread pool meanwhile.
      const chunk = await body.read();
      if (!body.done) conn.setRef(false);
      if (chunk === null || body.done) this.#finish(true);
      return chunk;
    } catch (err) {
      this.#ended = true;
      this.#finish(false);
      this.#lease.conn.close();
      throw translateBodyError(err, this.#opts.url, this.#spec.name, this.#opts.timeout.read, this.#opts.signal, body.received);
    }
  }
}
