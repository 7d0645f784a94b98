/**
 * Bytes → text with Python codec names and `errors='replace'`, as `str(content, encoding,
 * errors='replace')` in `Response.text`. WHATWG TextDecoder labels differ from Python's codecs
 * in places that matter: `latin-1`/`ISO-8859-1` is windows-1252 for TextDecoder but a plain
 * byte → U+00XX map in Python, and `ascii` likewise; those are handled here.
 *
 * `detectEncoding` is Requests' `apparent_encoding` via chardet, loaded on first use only.
 */
import { createRequire } from 'node:module';

const LATIN1 = new Set(['latin-1', 'latin1', 'latin_1', 'iso-8859-1', 'iso8859-1', 'iso_8859_1', 'iso8859_1', '8859', 'cp819', 'l1', 'iso-ir-100', 'iso_8859-1']);
const ASCII = new Set(['ascii', 'us-ascii', 'us_ascii', '646']);
const CP1252 = new Set(['cp1252', 'windows-1252', '1252']);

/** Python's cp1252 for 0x80-0x9F (U+FFFD where cp1252 leaves the byte undefined); Node's TextDecoder treats it as latin-1. */
const CP1252_HIGH = '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd'
  + '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** Normalised lower-case name with `_` → `-` (Python's codec lookup is similarly lenient). */
function norm(encoding: string): string {
  return encoding.trim().toLowerCase().replace(/_/g, '-');
}

/** True when Python would know this codec (approximated by TextDecoder's labels plus the cases above). */
export function isKnownEncoding(encoding: string): boolean {
  const n = norm(encoding);
  if (LATIN1.has(n) || LATIN1.has(encoding.toLowerCase()) || ASCII.has(n) || n === 'utf-8-sig' || n === 'utf8-sig') return true;
  try {
    new TextDecoder(whatwgLabel(n));
    return true;
  } catch {
    return false;
  }
}

function whatwgLabel(n: string): string {
  if (n === 'utf8' || n === 'u8' || n === 'utf') return 'utf-8';
  if (n === 'utf-16' || n === 'utf16') return 'utf-16le';
  if (n === 'utf-16-le' || n === 'utf-16le') return 'utf-16le';
  if (n === 'utf-16-be' || n === 'utf-16be') return 'utf-16be';
  return n;
}

/** Python `bytes.decode(encoding, 'replace')`; unknown encodings fall back to UTF-8 as Requests does. */
export function decodeBytes(bytes: Uint8Array, encoding: string | null): string {
  const n = norm(encoding ?? 'utf-8');
  if (LATIN1.has(n)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (ASCII.has(n)) return decodeAscii(bytes);
  if (CP1252.has(n)) return decodeCp1252(bytes);
  if (n === 'utf-8-sig' || n === 'utf8-sig') return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  if (n === 'utf-16' || n === 'utf16') return decodeUtf16(bytes);
  try {
    // ignoreBOM: Python keeps a BOM for utf-8 (only utf-8-sig strips it).
    return new TextDecoder(whatwgLabel(n), { ignoreBOM: true }).decode(bytes);
  } catch {
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  }
}

function decodeAscii(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b < 128 ? String.fromCharCode(b) : '\ufffd';
  return out;
}

/** Python's utf-16: a BOM picks the byte order and is dropped; no BOM means little-endian. */
function decodeUtf16(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-16le', { ignoreBOM: false }).decode(bytes);
}

/** An incremental decoder for `iterContent({ decodeUnicode: true })` (codecs.getincrementaldecoder). */
export function incrementalDecoder(encoding: string): { decode(chunk: Uint8Array, final?: boolean): string } {
  const n = norm(encoding);
  if (LATIN1.has(n)) return { decode: (c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('latin1') };
  if (ASCII.has(n)) return { decode: (c) => decodeAscii(c) };
  if (CP1252.has(n)) return { decode: (c) => decodeCp1252(c) };
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(whatwgLabel(n), { ignoreBOM: !(n === 'utf-8-sig' || n === 'utf8-sig' || n === 'utf-16') });
  } catch {
    decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  }
  return { decode: (c, final = false) => decoder.decode(c, { stream: !final }) };
}

type Chardet = { detect(buf: Uint8Array): string | null };
let chardet: Chardet | null = null;

/** chardet's guess for `bytes` with Python chardet's spelling for ascii/utf-8; null when unsure. */
export function detectEncoding(bytes: Uint8Array): string | null {
  // chardet (Python) answers 'ascii' for pure 7-bit input, without escape sequences, and
  // 'UTF-8-SIG' when a UTF-8 BOM leads; the JS detector ranks latin-1 first there.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'UTF-8-SIG';
  if (bytes.length === 0) return null;
  if (isPureAscii(bytes)) return 'ascii';
  // Loaded on first use: most programs never ask for apparentEncoding.
  chardet ??= createRequire(import.meta.url)('chardet') as Chardet;
  const guess = chardet.detect(bytes);
  if (guess === null) return null;
  if (guess === 'ASCII') return 'ascii';
  if (guess === 'UTF-8') return 'utf-8';
  return guess;
}

function isPureAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80 || b === 0x1b) return false;
  return true;
}
