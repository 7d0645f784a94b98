/**
 * Byte helpers shared by the protocol core and the engine: latin-1 (ISO-8859-1) encoding, which
 * is HTTP/1.1's wire alphabet for heads (RFC 9110 §5.5: field values are octets; CPython
 * http.client decodes heads as iso-8859-1), and line-terminator search.
 *
 * Invariants: no copies unless the function says so; searches never read past `end`.
 */

const CR = 0x0d;
const LF = 0x0a;

/** Encodes a string whose code points are all ≤ U+00FF into one byte each (caller validated). */
export function latin1Encode(s: string): Uint8Array {
  return Buffer.from(s, 'latin1');
}

/** Node's unadvertised (but long-stable) fast paths that skip the encoding switch of toString/write. */
interface FastBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  latin1Write(s: string, offset: number, length: number): number;
}

/** Decodes bytes one byte per character (never fails, never allocates a copy of the bytes). */
export function latin1Decode(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return (toBuffer(bytes) as FastBuffer).latin1Slice(start, end);
}

/** Decodes buf[start, end) as latin-1. */
export function latin1Slice(buf: Buffer, start: number, end: number): string {
  return (buf as FastBuffer).latin1Slice(start, end);
}

/** Writes `s` (all code points ≤ U+00FF) into `buf` at `offset`; returns bytes written. */
export function latin1Write(buf: Buffer, s: string, offset: number): number {
  return (buf as FastBuffer).latin1Write(s, offset, s.length);
}

/** Encodes a string as UTF-8. */
export function utf8Encode(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}

/** A Buffer view over the same memory as `bytes` (no copy). */
export function toBuffer(bytes: Uint8Array): Buffer {
  if (Buffer.isBuffer(bytes)) return bytes;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Index of the first LF in bytes[start, end), or -1. */
export function indexOfLf(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const i = bytes.indexOf(LF, start);
  return i === -1 || i >= end ? -1 : i;
}

/** Index of the first CRLF pair in bytes[start, end), or -1. */
export function indexOfCrlf(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let i = start;
  for (;;) {
    i = indexOfLf(bytes, i, end);
    if (i === -1) return -1;
    if (i > start && bytes[i - 1] === CR) return i - 1;
    i++;
  }
}

/** True when some string's code point is above U+00FF (cannot be sent as latin-1). */
export function hasNonLatin1(s: string): boolean {
  return /[^\u0000-\u00ff]/.test(s);
}
