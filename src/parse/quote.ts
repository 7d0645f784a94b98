/**
 * quote / quotePlus / quoteFromBytes / unquote / unquotePlus / unquoteToBytes, CPython 3.11
 * exact. Always safe: ASCII letters, digits and '_.-~' (RFC 3986 unreserved; '~' since 3.7).
 * Only the ASCII characters of `safe` count. The UTF-8 path quotes straight from UTF-16 code
 * units; other encodings, and lone surrogates, go through codecs.ts with Python's error handlers.
 */
import { fromLatin1, type StrOrBytes } from './bytes.js';
import { encode, lookup } from './codecs.js';
import { decode } from './decode.js';
import { isAscii, isHexDigit } from './validate.js';

/** Options of quote()/quotePlus(). */
export interface QuoteOptions {
  /** Characters never quoted besides letters, digits and '_.-~'. Default '/' (quotePlus: ''). */
  safe?: StrOrBytes;
  /** Encoding of a str argument. Default 'utf-8'. Not allowed with bytes. */
  encoding?: string | null;
  /** Encoding error handler ('strict', 'replace', 'ignore', ...). Default 'strict'. Not allowed with bytes. */
  errors?: string | null;
}

/** Options of unquote()/unquotePlus(). */
export interface UnquoteOptions {
  /** Encoding the percent-escapes are decoded with. Default 'utf-8'. */
  encoding?: string | null;
  /** Decoding error handler. Default 'replace' (invalid UTF-8 becomes U+FFFD). */
  errors?: string | null;
}

const HEX = '0123456789ABCDEF';
const PCT: readonly string[] = Array.from({ length: 256 }, (_, b) => '%' + HEX[b >> 4] + HEX[b & 15]);
const ALWAYS_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~';
const safeTables = new Map<string, Uint8Array>();

/** 128-entry table: 1 where the ASCII byte stays as is (CPython's _Quoter cache, per safe set). */
function safeTable(safe: StrOrBytes): Uint8Array {
  const key = typeof safe === 'string' ? safe : 'b:' + Array.from(safe).join(',');
  let table = safeTables.get(key);
  if (table) return table;
  table = new Uint8Array(128);
  for (let i = 0; i < ALWAYS_SAFE.length; i++) table[ALWAYS_SAFE.charCodeAt(i)] = 1;
  if (typeof safe === 'string') {
    for (let i = 0; i < safe.length; i++) if (safe.charCodeAt(i) < 128) table[safe.charCodeAt(i)] = 1;
  } else {
    for (const b of safe) if (b < 128) table[b] = 1;
  }
  if (safeTables.size > 64) safeTables.clear();
  safeTables.set(key, table);
  return table;
}

/** quote('abc def') → 'abc%20def'. */
export function quote(s: StrOrBytes, opts?: QuoteOptions): string {
  const safe = opts?.safe ?? '/';
  const encoding = opts?.encoding ?? null;
  const errors = opts?.errors ?? null;
  if (typeof s === 'string') {
    if (!s) return s;
    const table = safeTable(safe);
    if (encoding === null || encoding === 'utf-8' || lookup(encoding).kind === 'utf-8') {
      const fast = quoteUtf8(s, table);
      if (fast !== null) return fast;
    }
    return quoteBytesWith(encode(s, encoding ?? 'utf-8', errors ?? 'strict'), table);
  }
  if (encoding !== null) throw new TypeError("quote() doesn't support 'encoding' for bytes");
  if (errors !== null) throw new TypeError("quote() doesn't support 'errors' for bytes");
  return quoteFromBytes(s, { safe });
}

/** Like quote(), but ' ' becomes '+' and `safe` defaults to '' (HTML form encoding). */
export function quotePlus(s: StrOrBytes, opts?: QuoteOptions): string {
  const safe = opts?.safe ?? '';
  const hasSpace = typeof s === 'string' ? s.includes(' ') : s instanceof Uint8Array && s.includes(0x20);
  if (hasSpace) {
    const spaced = typeof safe === 'string' ? safe + ' ' : concatSpace(safe);
    return quote(s, { ...opts, safe: spaced }).replace(/ /g, '+');
  }
  return quote(s, { ...opts, safe });
}

function concatSpace(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  out[b.length] = 0x20;
  return out;
}

/** quote() for bytes: no encoding step, always an ASCII string. */
export function quoteFromBytes(bs: Uint8Array, opts?: { safe?: StrOrBytes }): string {
  if (!(bs instanceof Uint8Array)) throw new TypeError('quote_from_bytes() expected bytes');
  if (bs.length === 0) return '';
  return quoteBytesWith(bs, safeTable(opts?.safe ?? '/'));
}

function quoteBytesWith(bs: Uint8Array, table: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bs.length; i++) {
    const b = bs[i] as number;
    out += b < 128 && table[b] ? String.fromCharCode(b) : (PCT[b] as string);
  }
  return out;
}

/** UTF-8 quoting straight from code units; null when a lone surrogate needs the codec path. */
function quoteUtf8(s: string, table: Uint8Array): string | null {
  const n = s.length;
  let out = '';
  let run = 0; // start of the pending run of safe characters, appended as one slice
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && table[c]) continue;
    if (i > run) out += s.slice(run, i);
    if (c < 128) out += PCT[c];
    else if (c < 0x800) out += (PCT[0xc0 | (c >> 6)] as string) + PCT[0x80 | (c & 0x3f)];
    else if (c < 0xd800 || c > 0xdfff) {
      out += (PCT[0xe0 | (c >> 12)] as string) + PCT[0x80 | ((c >> 6) & 0x3f)] + PCT[0x80 | (c & 0x3f)];
    } else {
      const d = s.charCodeAt(i + 1);
      if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return null;
      const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      out += (PCT[0xf0 | (cp >> 18)] as string) + PCT[0x80 | ((cp >> 12) & 0x3f)] + PCT[0x80 | ((cp >> 6) & 0x3f)] + PCT[0x80 | (cp & 0x3f)];
      i++;
    }
    run = i + 1;
  }
  return run === 0 ? s : run < n ? out + s.slice(run) : out;
}

/** unquoteToBytes('abc%20def') → bytes 'abc def'. A str is UTF-8 encoded first (strict). */
export function unquoteToBytes(s: StrOrBytes): Uint8Array {
  if (typeof s === 'string') {
    if (!s) return new Uint8Array(0);
    return percentDecode(utf8Bytes(s));
  }
  if (!(s instanceof Uint8Array)) throw new TypeError('unquote_to_bytes() expected str or bytes');
  return percentDecode(s);
}

function utf8Bytes(s: string): Uint8Array {
  return isAscii(s) ? fromLatin1(s) : encode(s, 'utf-8', 'strict');
}

/** '%' + two hex digits → that byte; any other '%' stays literal. */
function percentDecode(b: Uint8Array): Uint8Array {
  if (!b.includes(0x25)) return b.slice();
  const out = new Uint8Array(b.length);
  let o = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    if (c === 0x25 && i + 2 < b.length && isHexDigit(b[i + 1] as number) && isHexDigit(b[i + 2] as number)) {
      out[o++] = (hexVal(b[i + 1] as number) << 4) | hexVal(b[i + 2] as number);
      i += 2;
    } else out[o++] = c;
  }
  return out.slice(0, o);
}

function hexVal(c: number): number {
  return c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57;
}

/**
 * unquote('abc%20def') → 'abc def'. Escapes are decoded per run of ASCII characters with
 * `encoding`/`errors` (default utf-8/replace); non-ASCII characters pass through unchanged.
 */
export function unquote(s: StrOrBytes, opts?: UnquoteOptions): string {
  const encoding = opts?.encoding ?? 'utf-8';
  const errors = opts?.errors ?? 'replace';
  if (typeof s !== 'string') {
    if (!(s instanceof Uint8Array)) throw new TypeError('unquote() expected str or bytes');
    return decode(unquoteToBytes(s), encoding, errors);
  }
  if (!s.includes('%')) return s;
  const kind = lookup(encoding).kind;
  if (kind === 'utf-8' && LENIENT.has(errors)) return unquoteUtf8Lenient(s, errors);
  const asciiCompatible = kind === 'utf-8' || kind === 'ucs1' || kind === 'charmap';
  let out = '';
  const n = s.length;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && s.charCodeAt(j) >= 0x80) j++;
    if (j > i) out += s.slice(i, j);
    i = j;
    while (j < n && s.charCodeAt(j) < 0x80) j++;
    if (j === i) break;
    const run = s.slice(i, j);
    out += asciiCompatible && !run.includes('%') ? run : decode(percentDecode(fromLatin1(run)), encoding, errors);
    i = j;
  }
  return out;
}

// Handlers that never raise on UTF-8 input, so decoding escape runs separately cannot change
// which error is reported or where.
const LENIENT = new Set(['replace', 'ignore', 'backslashreplace', 'surrogateescape']);

/**
 * unquote() for UTF-8 with a non-strict handler: each run of consecutive escapes is decoded on
 * its own. For UTF-8 this gives the same text as decoding the whole ASCII run (a literal ASCII
 * byte ends any pending sequence with the same error span); only the positions in a raised
 * error would differ, so handlers that can raise take the general path.
 */
function unquoteUtf8Lenient(s: string, errors: string): string {
  const n = s.length;
  let out = '';
  let literal = 0;
  let p = s.indexOf('%');
  while (p >= 0) {
    if (!isEscapeAt(s, p)) {
      p = s.indexOf('%', p + 1);
      continue;
    }
    if (p > literal) out += s.slice(literal, p);
    let bytes: number[] | null = null;
    let ascii = '';
    while (p < n && isEscapeAt(s, p)) {
      const b = (hexVal(s.charCodeAt(p + 1)) << 4) | hexVal(s.charCodeAt(p + 2));
      if (bytes === null && b < 0x80) ascii += String.fromCharCode(b);
      else (bytes ??= []).push(b);
      p += 3;
    }
    out += ascii;
    if (bytes !== null) out += decode(Uint8Array.from(bytes), 'utf-8', errors);
    literal = p;
    p = s.indexOf('%', p);
  }
  return literal < n ? out + s.slice(literal) : out;
}

function isEscapeAt(s: string, p: number): boolean {
  return s.charCodeAt(p) === 0x25 && p + 2 < s.length && isHexDigit(s.charCodeAt(p + 1)) && isHexDigit(s.charCodeAt(p + 2));
}

/** Like unquote(), but '+' becomes ' ' first (HTML form decoding). str only, as in CPython. */
export function unquotePlus(s: string, opts?: UnquoteOptions): string {
  if (typeof s !== 'string') throw new TypeError("a bytes-like object is required, not 'str'");
  return unquote(s.includes('+') ? s.replace(/\+/g, ' ') : s, opts);
}
