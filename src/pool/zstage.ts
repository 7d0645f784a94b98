/**
 * One zlib/brotli/zstd stream driven by pull: the consumer asks for the next decoded piece and
 * the stage feeds the next compressed chunk only when everything decoded so far has been taken.
 * Memory stays near QUEUE_LIMIT + zlib's chunkSize whatever the compression ratio (urllib3 2.6's
 * max_length stepping, CVE-2025-66471): zlib streams stop inflating when their readable side is
 * paused and full, and resume when it is read.
 */
import type { Transform } from 'node:stream';

/** Next input chunk, or null at the end of the input. */
export type Pull = () => Promise<Uint8Array | null>;

/** Builds the stream from the first input chunk (deflate picks zlib or raw from it). */
export type StreamFactory = (first: Uint8Array) => Transform;

/** zlib's output block and the bytes the stage keeps decoded ahead of the consumer. */
export const DECODE_CHUNK = 32 * 1024;
const QUEUE_LIMIT = 64 * 1024;
const EMPTY = new Uint8Array(0);

/** A failure of the input (socket, timeout, inner stage): passed on unchanged, never a decode error. */
export class UpstreamError extends Error {
  constructor(readonly error: unknown) {
    super('upstream failure');
  }

  /** The original failure under any number of wrappings. */
  static unwrap(err: unknown): unknown {
    let e = err;
    for (let depth = 0; depth < 16 && e instanceof UpstreamError; depth++) e = e.error;
    return e;
  }
}

export class ZStage {
  readonly #factory: StreamFactory;
  readonly #pull: Pull;
  readonly #count: (n: number) => void;
  #s: Transform | null = null;
  #queue: Buffer[] = [];
  #queued = 0;
  #writing = false;
  #last: Uint8Array = EMPTY;
  #fed = 0;
  #leftover: Uint8Array = EMPTY;
  #ending = false;
  #ended = false;
  #selfEnded = false;
  #error: Error | null = null;
  #wake: (() => void) | null = null;

  /** `count` sees every decoded piece's length first (throws to stop a bomb). */
  constructor(factory: StreamFactory, pull: Pull, count: (n: number) => void) {
    this.#factory = factory;
    this.#pull = pull;
    this.#count = count;
  }

  /** The stream ended before its input did (bytes after a deflate stream): those bytes. */
  get leftover(): Uint8Array {
    return this.#leftover;
  }

  /** Whether the stream ended by itself (its format's end) rather than at the end of the input. */
  get selfEnded(): boolean {
    return this.#selfEnded;
  }

  /** The next decoded piece (at most DECODE_CHUNK bytes), or null when the stream has ended. */
  async next(): Promise<Buffer | null> {
    // Each turn takes a piece, feeds one chunk, or waits for zlib's next event.
    for (;;) {
      const piece = this.#queue.shift();
      if (piece !== undefined) {
        this.#queued -= piece.length;
        return piece;
      }
      if (this.#error !== null) return this.#failed(this.#error);
      if (this.#ended) return null;
      const s = this.#s;
      if (s !== null && s.destroyed) return null;
      if (s !== null && s.isPaused()) s.resume();
      if (!this.#writing && !this.#ending && !this.#selfEnded) {
        await this.#feed();
        continue;
      }
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  destroy(): void {
    this.#s?.destroy();
    this.#queue = [];
  }

  async #feed(): Promise<void> {
    let chunk: Uint8Array | null;
    try {
      chunk = await this.#pull();
    } catch (err) {
      throw err instanceof UpstreamError ? err : new UpstreamError(err);
    }
    if (chunk !== null && chunk.length === 0) return;
    const s = this.#s ?? (chunk === null ? null : this.#open(chunk));
    if (chunk === null) {
      this.#ending = true;
      if (s === null) this.#ended = true; // no input at all: nothing to decode
      else s.end();
      return;
    }
    this.#writing = true;
    this.#last = chunk;
    this.#fed += chunk.length;
    s!.write(chunk, () => {
      this.#writing = false;
      // zlib stops consuming at its format's end and ends the readable side (lib/zlib.js
      // processCallback): whatever it did not consume is the tail of this chunk.
      const unread = this.#fed - (s as Transform & { bytesWritten: number }).bytesWritten;
      if (unread > 0 && !this.#selfEnded) {
        this.#selfEnded = true;
        this.#leftover = this.#last.subarray(this.#last.length - Math.min(unread, this.#last.length));
      }
      this.#notify();
    });
  }

  #open(first: Uint8Array): Transform {
    const s = this.#factory(first);
    s.on('data', (b: Buffer) => this.#onData(s, b));
    s.on('end', () => {
      this.#ended = true;
      this.#notify();
    });
    s.on('error', (err: Error) => {
      this.#error ??= err;
      this.#notify();
    });
    s.on('close', () => this.#notify());
    this.#s = s;
    return s;
  }

  #onData(s: Transform, b: Buffer): void {
    try {
      this.#count(b.length);
    } catch (err) {
      this.#error ??= err as Error;
      s.destroy();
      this.#notify();
      return;
    }
    this.#queue.push(b);
    this.#queued += b.length;
    if (this.#queued >= QUEUE_LIMIT) s.pause();
    this.#notify();
  }

  #failed(err: Error): null {
    // A stream cut short at the end of the input (no gzip trailer...) is tolerated, as urllib3's flush() is.
    if (this.#ending && (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') {
      this.#ended = true;
      return null;
    }
    throw err;
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}
