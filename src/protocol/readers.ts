/**
 * Body readers, one per framing of RFC 9112 §6.3: content-length, chunked (§7.1) and
 * until-close. Each turns buffered bytes into data events (views, never copies) and one end
 * event, and knows what a premature EOF means (INCOMPLETE with the bytes still expected).
 *
 * Chunked: chunk-size is 1–13 hex digits (stricter than CPython's int(line, 16), which accepts
 * "0x", signs and underscores); extensions are bounded by MAX_CHUNK_EXT_BYTES and may not hold
 * a bare CR or NUL; the CRLF after chunk data is required (CPython discards any two bytes);
 * trailers are parsed like header fields and exposed. An EOF inside the trailer section ends
 * the body, as CPython's _read_and_discard_trailer does.
 */
import { latin1Slice } from '../internal/bytes.js';
import { ProtocolError } from './errors.js';
import { NEED_DATA } from './events.js';
import type { DataEvent, EndOfMessageEvent, HeaderList } from './events.js';
import { contentEnd, isBlankLine, parseFieldLine } from './head.js';
import { MAX_CHUNK_EXT_BYTES, MAX_CHUNK_SIZE_DIGITS, MAX_LINE_BYTES, MAX_TRAILERS, MAX_TRAILER_BYTES } from './limits.js';
import { NO_LINE, TOO_LONG_LINE } from './receive-buffer.js';
import type { ReceiveBuffer } from './receive-buffer.js';

export type ReaderResult = DataEvent | EndOfMessageEvent | typeof NEED_DATA;

export interface BodyFramer {
  /** The next event from `buf`; `eof`: the peer closed and nothing more will arrive. */
  next(buf: ReceiveBuffer, eof: boolean): ReaderResult;
  /** Bytes still expected when known (content-length), else null. */
  readonly remaining: number | null;
}

const END_NO_TRAILERS: EndOfMessageEvent = Object.freeze({ type: 'end', trailers: null });

function data(bytes: Uint8Array): DataEvent {
  return { type: 'data', data: bytes };
}

function incomplete(expected: number | null, what: string): ProtocolError {
  return new ProtocolError('INCOMPLETE', `Connection closed with ${what}`, { partial: new Uint8Array(0), expected });
}

/** Content-Length framed body. */
export class ContentLengthReader implements BodyFramer {
  remaining: number;
  constructor(length: number) {
    this.remaining = length;
  }

  next(buf: ReceiveBuffer, eof: boolean): ReaderResult {
    const left = this.remaining;
    if (left === 0) return END_NO_TRAILERS;
    if (buf.length > 0) {
      const view = buf.take(left);
      this.remaining = left - view.length;
      return data(view);
    }
    if (eof) throw incomplete(left, `${left} bytes of the body still expected`);
    return NEED_DATA;
  }
}

/** Body delimited by the connection's close. */
export class UntilCloseReader implements BodyFramer {
  readonly remaining = null;
  next(buf: ReceiveBuffer, eof: boolean): ReaderResult {
    if (buf.length > 0) return data(buf.take(buf.length));
    return eof ? END_NO_TRAILERS : NEED_DATA;
  }
}

/** Chunked decoder states. */
const Chunk = { SIZE: 0, DATA: 1, DATA_END: 2, TRAILERS: 3, DONE: 4 } as const;

/** Chunked transfer coding (RFC 9112 §7.1). */
export class ChunkedReader implements BodyFramer {
  readonly remaining = null;
  #state: number = Chunk.SIZE;
  #left = 0;
  #trailers: HeaderList = [];
  #trailerBytes = 0;

  next(buf: ReceiveBuffer, eof: boolean): ReaderResult {
    for (;;) {
      switch (this.#state) {
        case Chunk.SIZE: {
          const r = buf.nextLine(MAX_LINE_BYTES);
          if (r === TOO_LONG_LINE) throw new ProtocolError('LINE_TOO_LONG', `Chunk size line longer than ${MAX_LINE_BYTES} bytes`);
          if (r === NO_LINE) return this.#starved(eof, 'in a chunk size line');
          this.#left = parseChunkSize(buf.lineBuf, buf.lineStart, buf.lineEnd);
          this.#state = this.#left === 0 ? Chunk.TRAILERS : Chunk.DATA;
          break;
        }
        case Chunk.DATA: {
          if (buf.length === 0) return this.#starved(eof, `${this.#left} bytes of a chunk still expected`);
          const view = buf.take(this.#left);
          this.#left -= view.length;
          if (this.#left === 0) this.#state = Chunk.DATA_END;
          return data(view);
        }
        case Chunk.DATA_END:
          if (!this.#chunkEnd(buf, eof)) return NEED_DATA;
          this.#state = Chunk.SIZE;
          break;
        case Chunk.TRAILERS: {
          const r = this.#trailer(buf, eof);
          if (r !== null) return r;
          break;
        }
        default:
          return { type: 'end', trailers: this.#trailers };
      }
    }
  }

  /** Consumes the CRLF (or LF) after chunk data; false when more bytes are needed. */
  #chunkEnd(buf: ReceiveBuffer, eof: boolean): boolean {
    const a = buf.peek(0);
    if (a === 0x0a) {
      buf.skip(1);
      return true;
    }
    if (a === 0x0d) {
      const b = buf.peek(1);
      if (b === 0x0a) {
        buf.skip(2);
        return true;
      }
      if (b !== -1) throw new ProtocolError('BAD_CHUNK', 'Chunk data not followed by CRLF');
    } else if (a !== -1) {
      throw new ProtocolError('BAD_CHUNK', 'Chunk data longer than its declared size (no CRLF after it)');
    }
    if (eof) throw incomplete(null, 'a chunk missing its CRLF');
    return false;
  }

  /** One trailer line: null to continue the loop, or an event / NEED_DATA. */
  #trailer(buf: ReceiveBuffer, eof: boolean): ReaderResult | null {
    const r = buf.nextLine(MAX_LINE_BYTES);
    if (r === TOO_LONG_LINE) throw new ProtocolError('LINE_TOO_LONG', `Trailer line longer than ${MAX_LINE_BYTES} bytes`);
    if (r === NO_LINE) {
      if (!eof) return NEED_DATA;
      this.#state = Chunk.DONE; // CPython: EOF ends the trailer section
      return null;
    }
    const line = buf.lineBuf;
    const start = buf.lineStart;
    const end = buf.lineEnd;
    this.#trailerBytes += end - start;
    if (this.#trailerBytes > MAX_TRAILER_BYTES) throw new ProtocolError('BAD_CHUNK', `Trailer section larger than ${MAX_TRAILER_BYTES} bytes`);
    if (isBlankLine(line, start, end)) {
      this.#state = Chunk.DONE;
      return null;
    }
    parseFieldLine(line, start, end, this.#trailers, 'trailer');
    if (this.#trailers.length / 2 > MAX_TRAILERS) throw new ProtocolError('TOO_MANY_HEADERS', `got more than ${MAX_TRAILERS} headers`);
    return null;
  }

  #starved(eof: boolean, what: string): ReaderResult {
    if (eof) throw incomplete(null, what);
    return NEED_DATA;
  }
}

/** chunk-size [ BWS chunk-ext ] (RFC 9112 §7.1, §7.1.1), from bytes [start, end) of `line`. */
function parseChunkSize(line: Buffer, start: number, end: number): number {
  const stop = contentEnd(line, start, end);
  let size = 0;
  let i = start;
  for (; i < stop; i++) {
    const d = hexValue(line[i]!);
    if (d < 0) break;
    size = size * 16 + d;
  }
  if (i === start || i - start > MAX_CHUNK_SIZE_DIGITS) throw badSize(line, start, stop);
  while (i < stop && (line[i] === 0x20 || line[i] === 0x09)) i++;
  if (i === stop) return size;
  if (line[i] !== 0x3b) throw badSize(line, start, stop);
  if (stop - i > MAX_CHUNK_EXT_BYTES) throw new ProtocolError('BAD_CHUNK', `Chunk extensions longer than ${MAX_CHUNK_EXT_BYTES} bytes`);
  for (let j = i; j < stop; j++) {
    const c = line[j]!;
    if (c === 0x0d || c === 0 || c === 0x0a) throw new ProtocolError('BAD_CHUNK', 'Chunk extension holds a CR or NUL');
  }
  return size;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

function badSize(line: Buffer, start: number, stop: number): ProtocolError {
  const text = latin1Slice(line, start, stop);
  return new ProtocolError('BAD_CHUNK', `Invalid chunk size line ${JSON.stringify(text)}`, { line: text });
}
