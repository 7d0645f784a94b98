/**
 * The response body as the engine hands it out: pulled with back pressure, chunk by chunk.
 * Chunks are views into received socket buffers (no copies), except `readUpTo`, which fills one
 * buffer when a chunk is shorter than asked. Errors are sticky: once a read failed, every later
 * read fails the same way.
 */
import { ProtocolError } from '../protocol/errors.js';
import type { NextEvent } from '../protocol/events.js';
import type { BodyReader, HeaderList } from './types.js';

/** What a body needs from its connection (implemented by HttpConnection). */
export interface BodyHost {
  /** The next protocol event of this response (throws on protocol/socket failure). */
  pullBody(): NextEvent;
  /** Resolves when more bytes (or EOF, or an error to report) arrived. */
  waitData(): Promise<void>;
  /** Bytes still expected of a length-delimited body, else null. */
  readonly bodyRemaining: number | null;
  /** The caller gave up on the body: drain what is buffered or close. */
  cancelBody(): void;
}

const EMPTY = new Uint8Array(0);

/** An INCOMPLETE error carrying the bytes this read had gathered (IncompleteRead.partial). */
function withPartial(e: unknown, partial: Uint8Array): unknown {
  if (!(e instanceof ProtocolError) || e.code !== 'INCOMPLETE' || partial.length === 0) return e;
  return new ProtocolError('INCOMPLETE', e.message, { partial, expected: e.expected ?? null, cause: e });
}

export class EngineBody implements BodyReader {
  #host: BodyHost;
  #done = false;
  #trailers: HeaderList | null = null;
  #received = 0;
  #leftover: Uint8Array | null = null;
  #error: unknown = null;

  constructor(host: BodyHost, done: boolean) {
    this.#host = host;
    this.#done = done;
  }

  get done(): boolean {
    return this.#done && this.#leftover === null;
  }
  get trailers(): HeaderList | null {
    return this.#trailers;
  }
  get received(): number {
    return this.#received;
  }

  /** Called by the connection when the end event was consumed outside read() (bodiless, cancel). */
  markDone(trailers: HeaderList | null): void {
    this.#done = true;
    this.#trailers = trailers;
  }

  read(): Promise<Uint8Array | null> {
    const left = this.#leftover;
    if (left !== null) {
      this.#leftover = null;
      this.#received += left.length;
      return Promise.resolve(left);
    }
    if (this.#error !== null) return Promise.reject(this.#error);
    if (this.#done) return Promise.resolve(null);
    // Fast path: bytes already buffered need no async machinery (one settled promise).
    let r: Uint8Array | null | undefined;
    try {
      r = this.#tryNext();
    } catch (e) {
      return Promise.reject(this.#failWith(e));
    }
    return r !== undefined ? Promise.resolve(r) : this.#readSlow();
  }

  async #readSlow(): Promise<Uint8Array | null> {
    try {
      for (;;) {
        await this.#host.waitData();
        const r = this.#tryNext();
        if (r !== undefined) return r;
      }
    } catch (e) {
      throw this.#failWith(e);
    }
  }

  #failWith(e: unknown): unknown {
    this.#error = e;
    this.#done = true;
    return e;
  }

  /** The next chunk, null at the end, undefined when the connection must wait for bytes. */
  #tryNext(): Uint8Array | null | undefined {
    for (;;) {
      const ev = this.#host.pullBody();
      if (ev.type === 'data') {
        if (ev.data.length === 0) continue;
        this.#received += ev.data.length;
        // Length-delimited and complete: consume the end now, so `done` is true with the last
        // chunk and the connection is free without one more read().
        if (this.#host.bodyRemaining === 0) {
          const end = this.#host.pullBody();
          if (end.type === 'end') this.markDone(end.trailers);
        }
        return ev.data;
      }
      if (ev.type === 'end') {
        this.markDone(ev.trailers);
        return null;
      }
      if (ev.type !== 'need-data') {
        this.#done = true;
        return null;
      }
      return undefined;
    }
  }

  async readUpTo(max: number): Promise<Uint8Array | null> {
    if (!(max > 0)) throw new RangeError(`readUpTo needs a positive size, got ${max}`);
    const first = await this.read();
    if (first === null) return null;
    if (first.length >= max) return this.#split(first, max);
    const out = Buffer.allocUnsafe(max);
    out.set(first, 0);
    let n = first.length;
    while (n < max) {
      let c: Uint8Array | null;
      try {
        c = await this.read();
      } catch (e) {
        throw withPartial(e, out.subarray(0, n));
      }
      if (c === null) break;
      const take = Math.min(c.length, max - n);
      out.set(take === c.length ? c : c.subarray(0, take), n);
      if (take < c.length) this.#keep(c.subarray(take));
      n += take;
    }
    return out.subarray(0, n);
  }

  #split(chunk: Uint8Array, max: number): Uint8Array {
    if (chunk.length === max) return chunk;
    this.#keep(chunk.subarray(max));
    return chunk.subarray(0, max);
  }

  /** Puts back the unread tail of a chunk (it was counted as received: uncount it). */
  #keep(rest: Uint8Array): void {
    this.#leftover = rest;
    this.#received -= rest.length;
  }

  cancel(): void {
    this.#leftover = null;
    if (this.#done) return;
    this.#done = true;
    this.#host.cancelBody();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    try {
      for (;;) {
        const c = await this.read();
        if (c === null) return;
        yield c;
      }
    } finally {
      if (!this.#done) this.cancel();
    }
  }
}

export const EMPTY_BYTES = EMPTY;
