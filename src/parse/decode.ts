/**
 * bytes.decode(encoding, errors) for the codecs of codecs.ts. The UTF-8 decoder reports error
 * spans the way CPython's does (one span per maximal invalid subsequence: 'invalid start byte',
 * 'invalid continuation byte', 'unexpected end of data'), so errors='replace' yields the same
 * number of U+FFFD characters as Python.
 */
import { lookup, unknownHandler, viaRegistry, type Codec } from './codecs.js';
import { UnicodeDecodeError } from './errors.js';

/** Collects UTF-16 code units and turns them into a string in bounded chunks. */
class UnitSink {
  #units: number[] = [];
  #text = '';
  push(u: number): void {
    this.#units.push(u);
    if (this.#units.length >= 8192) this.#flush();
  }
  pushCodePoint(cp: number): void {
    if (cp > 0xffff) {
      this.push(0xd800 + ((cp - 0x10000) >> 10));
      this.push(0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else this.push(cp);
  }
  pushText(s: string): void {
    for (let k = 0; k < s.length; k++) this.push(s.charCodeAt(k));
  }
  #flush(): void {
    this.#text += String.fromCharCode.apply(null, this.#units);
    this.#units = [];
  }
  result(): string {
    this.#flush();
    return this.#text;
  }
}

/** bytes.decode(). */
export function decode(bytes: Uint8Array, encoding = 'utf-8', errors = 'strict'): string {
  const codec = lookup(encoding);
  return viaRegistry('decoding', encoding, () => {
    const out = new UnitSink();
    const ctx: Ctx = { codec, errors, bytes, out };
    if (codec.kind === 'utf-8') decodeUtf8(ctx);
    else if (codec.kind === 'ucs1') decodeUcs1(ctx);
    else if (codec.kind === 'charmap') decodeCharmap(ctx);
    else decodeWide(ctx);
    return out.result();
  });
}

interface Ctx {
  codec: Codec;
  errors: string;
  bytes: Uint8Array;
  out: UnitSink;
}

/** Applies the error handler to bytes[start, end); returns where decoding resumes. */
function onError(ctx: Ctx, start: number, end: number, reason: string): number {
  const { bytes, out } = ctx;
  const fail = (): never => {
    throw new UnicodeDecodeError(ctx.codec.name, bytes, start, end, reason);
  };
  switch (ctx.errors) {
    case 'strict':
      return fail();
    case 'ignore':
      return end;
    case 'replace':
      out.push(0xfffd);
      return end;
    case 'backslashreplace':
      for (let k = start; k < end; k++) out.pushText('\\x' + (bytes[k] as number).toString(16).padStart(2, '0'));
      return end;
    case 'surrogateescape': {
      // PyCodec_SurrogateEscapeErrors: escape at most 4 bytes of the span, stopping at an ASCII
      // byte, and resume right after them (which can re-align a UTF-16/32 decoder).
      let k = start;
      while (k < end && k - start < 4 && (bytes[k] as number) >= 0x80) out.push(0xdc00 + (bytes[k++] as number));
      return k === start ? fail() : k;
    }
    case 'surrogatepass':
      return surrogatePass(ctx, start, fail);
    default:
      return unknownHandler(ctx.errors);
  }
}

function surrogatePass(ctx: Ctx, start: number, fail: () => never): number {
  const b = ctx.bytes;
  const { kind, littleEndian } = ctx.codec;
  if (kind === 'utf-8') {
    const b0 = b[start] ?? 0, b1 = b[start + 1] ?? 0, b2 = b[start + 2] ?? 0;
    if (b0 !== 0xed || b1 < 0xa0 || b1 > 0xbf || b2 < 0x80 || b2 > 0xbf) return fail();
    ctx.out.push(0xd000 | ((b1 & 0x3f) << 6) | (b2 & 0x3f));
    return start + 3;
  }
  // PyCodec_SurrogatePassErrors knows only the UTF-8/16/32 codecs.
  if (kind !== 'utf-16' && kind !== 'utf-32') return fail();
  const size = kind === 'utf-16' ? 2 : 4;
  if (start + size > b.length) return fail();
  const unit = readWord(b, start, size, littleEndian);
  if (unit < 0xd800 || unit > 0xdfff) return fail();
  ctx.out.push(unit);
  return start + size;
}

function decodeUtf8(ctx: Ctx): void {
  const { bytes, out } = ctx;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      out.push(b);
      i++;
    } else if (b < 0xc2 || b > 0xf4) {
      i = onError(ctx, i, i + 1, 'invalid start byte');
    } else {
      i = decodeUtf8Sequence(ctx, i, b);
    }
  }
}

/** One multi-byte sequence starting with lead byte `b` at `i`; returns the next position. */
function decodeUtf8Sequence(ctx: Ctx, i: number, b: number): number {
  const { bytes } = ctx;
  const need = b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
  // Unicode Table 3-7: the second byte's range excludes overlongs, surrogates and > U+10FFFF.
  const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
  const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
  let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
  let j = i + 1;
  for (let k = 0; k < need; k++, j++) {
    if (j >= bytes.length) return onError(ctx, i, bytes.length, 'unexpected end of data');
    const c = bytes[j] as number;
    if (c < (k === 0 ? lo : 0x80) || c > (k === 0 ? hi : 0xbf)) return onError(ctx, i, j, 'invalid continuation byte');
    cp = (cp << 6) | (c & 0x3f);
  }
  ctx.out.pushCodePoint(cp);
  return j;
}

function decodeUcs1(ctx: Ctx): void {
  const { bytes, out, codec } = ctx;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < codec.limit) {
      out.push(b);
      i++;
    } else {
      i = onError(ctx, i, i + 1, `ordinal not in range(${codec.limit})`);
    }
  }
}

function decodeCharmap(ctx: Ctx): void {
  const { bytes, out } = ctx;
  const table = ctx.codec.table as readonly number[];
  let i = 0;
  while (i < bytes.length) {
    const cp = table[bytes[i] as number] as number;
    if (cp >= 0) {
      out.push(cp);
      i++;
    } else {
      i = onError(ctx, i, i + 1, 'character maps to <undefined>');
    }
  }
}

function readWord(b: Uint8Array, at: number, size: number, le: boolean): number {
  let v = 0;
  for (let k = 0; k < size; k++) {
    const byte = b[le ? at + size - 1 - k : at + k] as number;
    v = v * 256 + byte;
  }
  return v;
}

/** UTF-16 / UTF-32, with BOM detection for the byte-order-less names. */
function decodeWide(ctx: Ctx): void {
  const { bytes } = ctx;
  const size = ctx.codec.kind === 'utf-16' ? 2 : 4;
  let le = ctx.codec.littleEndian;
  let i = 0;
  if (ctx.codec.bom && bytes.length >= size) {
    const mark = readWord(bytes, 0, size, true);
    if (mark === 0xfeff) i = size;
    else if (mark === (size === 2 ? 0xfffe : 0xfffe0000)) {
      le = false;
      i = size;
    }
  }
  const name = ctx.codec.bom ? `${ctx.codec.name}-${le ? 'le' : 'be'}` : ctx.codec.name;
  const wctx: Ctx = { ...ctx, codec: { ...ctx.codec, name, littleEndian: le } };
  while (i < bytes.length) {
    if (i + size > bytes.length) {
      i = onError(wctx, i, bytes.length, 'truncated data');
    } else if (size === 4) {
      i = decodeUtf32Unit(wctx, i, readWord(bytes, i, 4, le));
    } else {
      i = decodeUtf16Unit(wctx, i, le);
    }
  }
}

function decodeUtf32Unit(ctx: Ctx, i: number, cp: number): number {
  if (cp > 0x10ffff) return onError(ctx, i, i + 4, 'code point not in range(0x110000)');
  if (cp >= 0xd800 && cp <= 0xdfff) return onError(ctx, i, i + 4, 'code point in surrogate code point range(0xd800, 0xe000)');
  ctx.out.pushCodePoint(cp);
  return i + 4;
}

function decodeUtf16Unit(ctx: Ctx, i: number, le: boolean): number {
  const { bytes, out } = ctx;
  const u = readWord(bytes, i, 2, le);
  if (u < 0xd800 || u > 0xdfff) {
    out.push(u);
    return i + 2;
  }
  if (u >= 0xdc00) return onError(ctx, i, i + 2, 'illegal encoding');
  if (i + 4 > bytes.length) return onError(ctx, i, bytes.length, 'unexpected end of data');
  const v = readWord(bytes, i + 2, 2, le);
  if (v < 0xdc00 || v > 0xdfff) return onError(ctx, i, i + 2, 'illegal UTF-16 surrogate');
  out.push(u);
  out.push(v);
  return i + 4;
}
