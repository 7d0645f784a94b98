/**
 * str ⇄ bytes coercion as urllib.parse does it (_coerce_args): bytes arguments are decoded as
 * ASCII (strict) and results encoded back as ASCII (strict). Internally bytes are viewed as
 * latin-1 strings (one char per byte) so one string algorithm serves both.
 */
import { encode } from './codecs.js';
import { decode } from './decode.js';
import { latin1Decode } from '../internal/bytes.js';

/** A str-or-bytes argument as the string algorithms see it. */
export type StrOrBytes = string | Uint8Array;

/** bytes.decode('ascii') — throws UnicodeDecodeError on a byte ≥ 0x80, as _coerce_args does. */
export function asciiDecode(b: Uint8Array): string {
  for (let i = 0; i < b.length; i++) if ((b[i] as number) >= 0x80) return decode(b, 'ascii', 'strict');
  return latin1(b);
}

/** str.encode('ascii') — throws UnicodeEncodeError on a non-ASCII character. */
export function asciiEncode(s: string): Uint8Array {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return encode(s, 'ascii', 'strict');
  return fromLatin1(s);
}

/** Bytes as a string of the same length, one char per byte. */
export function latin1(b: Uint8Array): string {
  return latin1Decode(b);
}

/** Inverse of latin1(); every char must be < 256. */
export function fromLatin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Python truthiness of a str/bytes/None argument. */
export function isEmpty(v: StrOrBytes | null | undefined): boolean {
  return v === null || v === undefined || v.length === 0;
}

/**
 * _coerce_args: all non-empty arguments must share the first one's kind (str or bytes).
 * Returns true when the call works on bytes.
 */
export function coerceKind(first: StrOrBytes | null | undefined, ...rest: Array<StrOrBytes | null | undefined>): boolean {
  const strInput = typeof first === 'string';
  for (const arg of rest) {
    if (!isEmpty(arg) && (typeof arg === 'string') !== strInput) {
      throw new TypeError('Cannot mix str and non-str arguments');
    }
  }
  return !strInput;
}

/** _decode_args for one argument: bytes → ASCII string, empty/None → ''. */
export function toStr(v: StrOrBytes | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return asciiDecode(v);
  throw new TypeError(`expected a string or Uint8Array, got ${describe(v)}`);
}

/** Refuses anything but a string or a Uint8Array as the main argument of a parse function. */
export function requireStrOrBytes(fn: string, v: unknown): asserts v is StrOrBytes {
  if (typeof v !== 'string' && !(v instanceof Uint8Array)) {
    throw new TypeError(`${fn}() expected a string or Uint8Array, got ${describe(v)}`);
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}
