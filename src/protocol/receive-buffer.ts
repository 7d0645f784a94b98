/**
 * Received bytes not yet turned into events: a queue of the chunks the socket delivered.
 *
 * Invariants: body bytes are handed out as `subarray` views of the received chunks (never
 * copied); only a line split across chunks is copied, once, into a buffer of the line's size,
 * and a line is bounded by the caller's limit.
 */
import { toBuffer } from '../internal/bytes.js';

const LF = 0x0a;

/** Returned by `readLine` when the pending line already exceeds the limit. */
export const TOO_LONG: unique symbol = Symbol('line too long');
/** nextLine results. */
export const LINE = 1;
export const NO_LINE = 0;
export const TOO_LONG_LINE = -1;
const EMPTY_LINE = Buffer.alloc(0);

export class ReceiveBuffer {
  #chunks: Buffer[] = [];
  /** Read offset into #chunks[0]. */
  #off = 0;
  /** Unread bytes in total. */
  #len = 0;
  /** Bytes from #off through the end of #chunks[#scanIdx - 1] already searched for LF in vain. */
  #scanned = 0;
  /** Chunks [0, #scanIdx) were searched in full; 0: only #scanned bytes of #chunks[0] were. */
  #scanIdx = 0;

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
   * The line found by the last successful `nextLine`: bytes [lineStart, lineEnd) of lineBuf,
   * terminator included. Valid until the buffer is used again (the bytes themselves stay valid).
   */
  lineBuf: Buffer = EMPTY_LINE;
  lineStart = 0;
  lineEnd = 0;

  /**
   * Finds and consumes one line, terminator included (LF, usually preceded by CR), exposing it
   * as lineBuf/lineStart/lineEnd without allocating. Returns LINE, NO_LINE (not complete yet) or
   * TOO_LONG when the line has more than `max` bytes (terminator included, as CPython's
   * readline(_MAXLINE + 1) check). Each byte is searched once and a line split across chunks
   * is copied once, when its LF arrives (a peer dribbling a long line costs linear work).
   */
  nextLine(max: number): number {
    const chunks = this.#chunks;
    const first = chunks[0];
    if (first === undefined) return NO_LINE;
    const start = this.#off;
    if (this.#scanIdx === 0) {
      const lf = first.indexOf(LF, start + this.#scanned);
      if (lf !== -1) {
        const total = lf - start + 1;
        if (total > max) return TOO_LONG_LINE;
        this.lineBuf = first;
        this.lineStart = start;
        this.lineEnd = lf + 1;
        this.#consume(total);
        return LINE;
      }
      this.#scanned = first.length - start;
      this.#scanIdx = 1;
    }
    for (let k = this.#scanIdx; k < chunks.length; k++) {
      const c = chunks[k]!;
      const lf = c.indexOf(LF);
      if (lf !== -1) {
        const total = this.#scanned + lf + 1;
        if (total > max) return TOO_LONG_LINE;
        this.lineBuf = this.#joinLine(k, lf + 1, total);
        this.lineStart = 0;
        this.lineEnd = total;
        return LINE;
      }
      this.#scanned += c.length;
      this.#scanIdx = k + 1;
    }
    return this.#scanned > max ? TOO_LONG_LINE : NO_LINE;
  }

  /** nextLine as a view: the line, null when incomplete, TOO_LONG over the limit. */
  readLine(max: number): Buffer | null | typeof TOO_LONG {
    const r = this.nextLine(max);
    if (r === LINE) return this.lineBuf.subarray(this.lineStart, this.lineEnd);
    return r === NO_LINE ? null : TOO_LONG;
  }

  /** Copies the line that ends at chunks[k][endInK] into one buffer and consumes it. */
  #joinLine(k: number, endInK: number, total: number): Buffer {
    const chunks = this.#chunks;
    const line = Buffer.allocUnsafe(total);
    let at = chunks[0]!.copy(line, 0, this.#off);
    for (let i = 1; i < k; i++) at += chunks[i]!.copy(line, at);
    chunks[k]!.copy(line, at, 0, endInK);
    const last = chunks[k]!;
    chunks.splice(0, k);
    this.#off = 0;
    this.#len -= total - endInK; // bytes of the chunks before k
    this.#scanIdx = 0;
    this.#scanned = 0;
    if (endInK === last.length) {
      chunks.shift();
      this.#len -= endInK;
    } else {
      this.#off = endInK;
      this.#len -= endInK;
    }
    return line;
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

  /**
   * Between exchanges: forgets the last line's chunk and, when nothing is buffered, the queue's
   * spare capacity, so an idle connection pins no received bytes.
   */
  releaseIdle(): void {
    this.lineBuf = EMPTY_LINE;
    this.lineStart = 0;
    this.lineEnd = 0;
    // V8 frees a fast array's backing store when its length is set to 0.
    if (this.#len === 0) this.#chunks.length = 0;
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
    this.#scanIdx = 0;
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
    this.#scanIdx = 0;
    this.#scanned = 0;
  }
}

const EMPTY = Buffer.alloc(0);
