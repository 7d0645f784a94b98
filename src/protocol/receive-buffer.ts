/**
 * Received bytes not yet turned into events: a queue of the chunks the socket delivered.
 *
 * Invariants: body bytes are handed out as `subarray` views of the received chunks (never
 * copied); only a line split across chunks is merged into one buffer, and a line is bounded by
 * the caller's limit, so merging never copies more than that limit plus one chunk.
 */
import { toBuffer } from '../internal/bytes.js';

const LF = 0x0a;

/** Returned by `readLine` when the pending line already exceeds the limit. */
export const TOO_LONG: unique symbol = Symbol('line too long');

export class ReceiveBuffer {
  #chunks: Buffer[] = [];
  /** Read offset into #chunks[0]. */
  #off = 0;
  /** Unread bytes in total. */
  #len = 0;
  /** Bytes of #chunks[0] (from #off) already searched for LF without success. */
  #scanned = 0;

  /** Unread bytes held. */
  get length(): number {
    return this.#len;
  }

  /** Queues a received chunk (kept by reference, not copied). */
  append(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.#chunks.push(toBuffer(chunk));
    this.#len += chunk.byteLength;
  }

  /**
   * Takes one line, terminator included (LF, usually preceded by CR), as a view. Returns null
   * when no complete line is buffered yet, TOO_LONG when the line has more than `max` bytes
   * (terminator included, as CPython's readline(_MAXLINE + 1) check).
   */
  readLine(max: number): Buffer | null | typeof TOO_LONG {
    for (;;) {
      const first = this.#chunks[0];
      if (first === undefined) return null;
      const start = this.#off;
      const lf = first.indexOf(LF, start + this.#scanned);
      if (lf !== -1) {
        const total = lf - start + 1;
        if (total > max) return TOO_LONG;
        const line = first.subarray(start, lf + 1);
        this.#consume(total);
        return line;
      }
      const avail = first.length - start;
      if (avail > max) return TOO_LONG;
      this.#scanned = avail;
      if (this.#chunks.length === 1) return null;
      this.#mergeAll();
    }
  }

  /** Takes up to `max` bytes (> 0) as a view of one received chunk; empty when nothing is buffered. */
  take(max: number): Buffer {
    const first = this.#chunks[0];
    if (first === undefined) return EMPTY;
    const start = this.#off;
    const n = Math.min(max, first.length - start);
    const view = first.subarray(start, start + n);
    this.#consume(n);
    return view;
  }

  /** The byte `i` positions ahead, or -1 when not buffered yet. */
  peek(i: number): number {
    let idx = this.#off + i;
    for (const c of this.#chunks) {
      if (idx < c.length) return c[idx]!;
      idx -= c.length;
    }
    return -1;
  }

  /** Drops `n` buffered bytes (n ≤ length). */
  skip(n: number): void {
    while (n > 0) {
      const first = this.#chunks[0]!;
      const k = Math.min(n, first.length - this.#off);
      this.#consume(k);
      n -= k;
    }
  }

  /** Everything still buffered, as one buffer (copies when several chunks are held). */
  takeAll(): Buffer {
    if (this.#len === 0) return EMPTY;
    this.#mergeAll();
    return this.take(this.#len);
  }

  #consume(n: number): void {
    this.#off += n;
    this.#len -= n;
    this.#scanned = 0;
    if (this.#off === this.#chunks[0]!.length) {
      this.#chunks.shift();
      this.#off = 0;
    }
  }

  /** Joins all held chunks into one (only for a line or a tail split across chunks). */
  #mergeAll(): void {
    if (this.#chunks.length < 2) return;
    const parts = this.#chunks;
    parts[0] = parts[0]!.subarray(this.#off);
    this.#chunks = [Buffer.concat(parts, this.#len)];
    this.#off = 0;
  }
}

const EMPTY = Buffer.alloc(0);
