/**
 * The few Python codecs urllib.parse needs (str.encode / bytes.decode), with CPython's error
 * handlers. JavaScript strings are UTF-16: a valid surrogate pair is one code point, as in Python;
 * a lone surrogate is a Python surrogate code point, which UTF-8 strict refuses to encode.
 * Positions in error messages count code points, as Python does.
 */
import { LookupError, UnicodeEncodeError } from './errors.js';
import { reprStr } from './pyrepr.js';

/** A resolved codec: its CPython display name and how it maps code points to bytes. */
export interface Codec {
  readonly name: string;
  readonly kind: 'utf-8' | 'ucs1' | 'charmap' | 'utf-16' | 'utf-32';
  /** ucs1 only: first code point that does not fit (128 for ascii, 256 for latin-1). */
  readonly limit: number;
  readonly littleEndian: boolean;
  /** utf-16/utf-32 without an explicit byte order: write a BOM, honour one when decoding. */
  readonly bom: boolean;
  /** charmap only: byte → code point (-1: undefined), and its inverse. */
  readonly table?: readonly number[];
  readonly encodeMap?: ReadonlyMap<number, number>;
}

// encodings/cp1252.py: ASCII and Latin-1 except 0x80-0x9F (five of them undefined).
const CP1252_HIGH = [0x20ac, -1, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, -1,
  0x17d, -1, -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, -1, 0x17e, 0x178];

function charmap(high: readonly number[]): Codec {
  const table = Array.from({ length: 256 }, (_, b) => (b >= 0x80 && b < 0x80 + high.length ? (high[b - 0x80] as number) : b));
  const encodeMap = new Map<number, number>();
  table.forEach((cp, b) => {
    if (cp >= 0) encodeMap.set(cp, b);
  });
  // CPython's charmap codecs name themselves 'charmap' in their errors.
  return { name: 'charmap', kind: 'charmap', limit: 0, littleEndian: false, bom: false, table, encodeMap };
}

const CODECS: Record<string, Codec> = {
  utf_8: { name: 'utf-8', kind: 'utf-8', limit: 0, littleEndian: false, bom: false },
  latin_1: { name: 'latin-1', kind: 'ucs1', limit: 256, littleEndian: false, bom: false },
  ascii: { name: 'ascii', kind: 'ucs1', limit: 128, littleEndian: false, bom: false },
  utf_16: { name: 'utf-16', kind: 'utf-16', limit: 0, littleEndian: true, bom: true },
  utf_16_le: { name: 'utf-16-le', kind: 'utf-16', limit: 0, littleEndian: true, bom: false },
  utf_16_be: { name: 'utf-16-be', kind: 'utf-16', limit: 0, littleEndian: false, bom: false },
  utf_32: { name: 'utf-32', kind: 'utf-32', limit: 0, littleEndian: true, bom: true },
  utf_32_le: { name: 'utf-32-le', kind: 'utf-32', limit: 0, littleEndian: true, bom: false },
  utf_32_be: { name: 'utf-32-be', kind: 'utf-32', limit: 0, littleEndian: false, bom: false },
  cp1252: charmap(CP1252_HIGH),
};

// encodings/aliases.py, restricted to the codecs above.
const ALIASES: Record<string, string> = {
  u8: 'utf_8', utf: 'utf_8', utf8: 'utf_8', utf8_ucs2: 'utf_8', utf8_ucs4: 'utf_8', cp65001: 'utf_8',
  '8859': 'latin_1', cp819: 'latin_1', csisolatin1: 'latin_1', ibm819: 'latin_1', iso8859: 'latin_1',
  iso8859_1: 'latin_1', iso_8859_1: 'latin_1', iso_8859_1_1987: 'latin_1', iso_ir_100: 'latin_1',
  l1: 'latin_1', latin: 'latin_1', latin1: 'latin_1',
  '646': 'ascii', 'ansi_x3.4_1968': 'ascii', ansi_x3_4_1968: 'ascii', 'ansi_x3.4_1986': 'ascii',
  cp367: 'ascii', csascii: 'ascii', ibm367: 'ascii', iso646_us: 'ascii', 'iso_646.irv_1991': 'ascii',
  iso_ir_6: 'ascii', us: 'ascii', us_ascii: 'ascii',
  u16: 'utf_16', utf16: 'utf_16', unicodebigunmarked: 'utf_16_be', utf_16be: 'utf_16_be',
  unicodelittleunmarked: 'utf_16_le', utf_16le: 'utf_16_le',
  u32: 'utf_32', utf32: 'utf_32', utf_32be: 'utf_32_be', utf_32le: 'utf_32_le',
  '1252': 'cp1252', windows_1252: 'cp1252',
};

const cache = new Map<string, Codec>();

/** codecs.lookup(): normalises the name as encodings.normalize_encoding does, then resolves aliases. */
export function lookup(encoding: string): Codec {
  const hit = cache.get(encoding);
  if (hit) return hit;
  const norm = normalizeEncoding(encoding.toLowerCase());
  const codec = CODECS[norm] ?? CODECS[ALIASES[norm] ?? ''];
  if (!codec) throw new LookupError(`unknown encoding: ${encoding}`);
  if (cache.size < 64) cache.set(encoding, codec);
  return codec;
}

// encodings.normalize_encoding: runs of non-alphanumerics (except '.') become one '_', ends trimmed.
function normalizeEncoding(name: string): string {
  let out = '';
  let punct = false;
  for (const c of name) {
    if (/^[\p{L}\p{N}.]$/u.test(c)) {
      if (punct && out) out += '_';
      if (c.charCodeAt(0) < 0x80) out += c;
      punct = false;
    } else {
      punct = true;
    }
  }
  return out;
}

/** A growable byte buffer. */
export class ByteSink {
  #buf = new Uint8Array(64);
  #len = 0;
  push(b: number): void {
    if (this.#len === this.#buf.length) this.#grow();
    this.#buf[this.#len++] = b;
  }
  #grow(): void {
    const next = new Uint8Array(this.#buf.length * 2);
    next.set(this.#buf);
    this.#buf = next;
  }
  result(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}

// PyUnicode_AsEncodedString / PyUnicode_Decode call these codecs directly; other names go through
// the codec registry, which wraps a LookupError from the error handler with the codec's name.
const FAST_PATH = new Set(['utf_8', 'utf8', 'utf_16', 'utf16', 'utf_32', 'utf32', 'ascii', 'us_ascii',
  'latin1', 'latin_1', 'iso_8859_1', 'iso8859_1']);

/** Thrown for an unknown error-handler name, before the registry's wrapping. */
class HandlerLookupError extends LookupError {}

/** Raise CPython's LookupError for an unknown error-handler name. */
export function unknownHandler(errors: string): never {
  throw new HandlerLookupError(`unknown error handler name '${errors}'`);
}

/** Runs a codec call, re-wrapping an unknown-handler error the way the codec registry does. */
export function viaRegistry<T>(op: 'encoding' | 'decoding', encoding: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof HandlerLookupError) || FAST_PATH.has(normalizeEncoding(encoding.toLowerCase()))) throw e;
    throw new LookupError(`${op} with ${reprStr(encoding)} codec failed (LookupError: ${e.message})`);
  }
}

/** str.encode(encoding, errors). */
export function encode(s: string, encoding = 'utf-8', errors = 'strict'): Uint8Array {
  const codec = lookup(encoding);
  return viaRegistry('encoding', encoding, () => encodeWith(codec, s, errors));
}

function encodeWith(codec: Codec, s: string, errors: string): Uint8Array {
  const sink = new ByteSink();
  if (codec.bom) writeUnit(sink, codec, 0xfeff);
  let cpIndex = 0;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i) as number;
    const step = cp > 0xffff ? 2 : 1;
    if (canEncode(codec, cp)) {
      writeUnit(sink, codec, cp);
      i += step;
      cpIndex++;
      continue;
    }
    // The UTF-8 and one-byte encoders hand the whole run of unencodable code points to the error
    // handler; the UTF-16/32 encoders hand over one code point at a time.
    const wide = codec.kind === 'utf-16' || codec.kind === 'utf-32';
    let j = i;
    const run: number[] = [];
    while (j < s.length && !(wide && run.length === 1)) {
      const c = s.codePointAt(j) as number;
      if (canEncode(codec, c)) break;
      run.push(c);
      j += c > 0xffff ? 2 : 1;
    }
    handleEncodeError(sink, codec, errors, s, run, cpIndex);
    cpIndex += run.length;
    i = j;
  }
  return sink.result();
}

function canEncode(codec: Codec, cp: number): boolean {
  if (codec.kind === 'ucs1') return cp < codec.limit;
  if (codec.kind === 'charmap') return (codec.encodeMap as ReadonlyMap<number, number>).has(cp);
  return cp < 0xd800 || cp > 0xdfff;
}

function writeUnit(sink: ByteSink, codec: Codec, cp: number): void {
  if (codec.kind === 'ucs1') sink.push(cp);
  else if (codec.kind === 'charmap') sink.push((codec.encodeMap as ReadonlyMap<number, number>).get(cp) as number);
  else if (codec.kind === 'utf-8') writeUtf8(sink, cp);
  else if (codec.kind === 'utf-16') {
    if (cp > 0xffff) {
      writeWord(sink, 0xd800 + ((cp - 0x10000) >> 10), 2, codec.littleEndian);
      writeWord(sink, 0xdc00 + ((cp - 0x10000) & 0x3ff), 2, codec.littleEndian);
    } else writeWord(sink, cp, 2, codec.littleEndian);
  } else writeWord(sink, cp, 4, codec.littleEndian);
}

/** UTF-8 bytes of one code point (surrogates included, for surrogatepass). */
export function writeUtf8(sink: ByteSink, cp: number): void {
  if (cp < 0x80) sink.push(cp);
  else if (cp < 0x800) {
    sink.push(0xc0 | (cp >> 6));
    sink.push(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    sink.push(0xe0 | (cp >> 12));
    sink.push(0x80 | ((cp >> 6) & 0x3f));
    sink.push(0x80 | (cp & 0x3f));
  } else {
    sink.push(0xf0 | (cp >> 18));
    sink.push(0x80 | ((cp >> 12) & 0x3f));
    sink.push(0x80 | ((cp >> 6) & 0x3f));
    sink.push(0x80 | (cp & 0x3f));
  }
}

function writeWord(sink: ByteSink, v: number, size: 2 | 4, le: boolean): void {
  for (let k = 0; k < size; k++) {
    const shift = le ? k * 8 : (size - 1 - k) * 8;
    sink.push((v >>> shift) & 0xff);
  }
}

function writeAscii(sink: ByteSink, codec: Codec, text: string): void {
  for (let k = 0; k < text.length; k++) writeUnit(sink, codec, text.charCodeAt(k));
}

function handleEncodeError(sink: ByteSink, codec: Codec, errors: string, s: string, run: number[], start: number): void {
  const fail = (): never => {
    throw encodeError(codec, s, run, start);
  };
  switch (errors) {
    case 'strict':
      return fail();
    case 'ignore':
      return;
    case 'replace':
      for (let k = 0; k < run.length; k++) writeUnit(sink, codec, 0x3f);
      return;
    case 'xmlcharrefreplace':
      for (const cp of run) writeAscii(sink, codec, `&#${cp};`);
      return;
    case 'backslashreplace':
      for (const cp of run) writeAscii(sink, codec, backslashEscape(cp));
      return;
    case 'surrogateescape':
      for (const cp of run) {
        if (cp < 0xdc80 || cp > 0xdcff) fail();
        sink.push(cp - 0xdc00);
      }
      return;
    case 'surrogatepass':
      if (codec.kind === 'ucs1' || codec.kind === 'charmap') fail();
      for (const cp of run) writeUnit(sink, codec, cp);
      return;
    default:
      return unknownHandler(errors);
  }
}

function backslashEscape(cp: number): string {
  if (cp <= 0xff) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp <= 0xffff) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

function encodeError(codec: Codec, s: string, run: number[], start: number): UnicodeEncodeError {
  const reason = codec.kind === 'ucs1' ? `ordinal not in range(${codec.limit})`
    : codec.kind === 'charmap' ? 'character maps to <undefined>' : 'surrogates not allowed';
  const first = run[0] as number;
  return new UnicodeEncodeError(codec.name, s, start, start + run.length, reason, "'" + backslashEscape(first) + "'");
}
