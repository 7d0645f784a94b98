/**
 * Python's repr()/str() of the values urllib.parse prints or stringifies: error messages name the
 * bad value the way CPython's f"{value!r}" does, and urlencode() applies Python's str() to keys
 * and values that are not strings or bytes.
 */

import { isNewerThanUnicode14 } from './unicode14.js';

// Py_UNICODE_ISPRINTABLE is false for Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than ' '.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's repr() of a str, e.g. `'80x'` or `"it's"`. */
export function reprStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) out += reprChar(ch, quote);
  return out + quote;
}

function reprChar(ch: string, quote: string): string {
  const cp = ch.codePointAt(0) as number;
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (ch === '\t') return '\\t';
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
  if (cp < 0x7f) return ch;
  if (NON_PRINTABLE.test(ch) || isNewerThanUnicode14(cp)) {
    if (cp <= 0xff) return '\\x' + hex(cp, 2);
    if (cp <= 0xffff) return '\\u' + hex(cp, 4);
    return '\\U' + hex(cp, 8);
  }
  return ch;
}

/** Python's repr() of a bytes object, e.g. `b'80x'`. */
export function reprBytes(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    else if (c === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = 'b' + String.fromCharCode(quote);
  for (const c of b) {
    if (c === quote || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + hex(c, 2);
    else out += String.fromCharCode(c);
  }
  return out + String.fromCharCode(quote);
}

/** repr() of a str or bytes value. */
export function repr(v: string | Uint8Array): string {
  return typeof v === 'string' ? reprStr(v) : reprBytes(v);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * Python's str() of a JavaScript value, as urlencode() applies it: null/undefined → 'None',
 * booleans → 'True'/'False', integral numbers as Python ints, other numbers as Python float reprs,
 * arrays as list reprs, Maps and plain objects as dict reprs, Sets as set reprs.
 */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  return pyRepr(v, false);
}

function pyRepr(v: unknown, nested: boolean): string {
  if (typeof v === 'string') return nested ? reprStr(v) : v;
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return numberStr(v);
  if (v instanceof Uint8Array) return reprBytes(v);
  if (Array.isArray(v)) return '[' + v.map((x) => pyRepr(x, true)).join(', ') + ']';
  if (v instanceof Map) return dictRepr([...v.entries()]);
  if (v instanceof Set) return v.size ? '{' + [...v].map((x) => pyRepr(x, true)).join(', ') + '}' : 'set()';
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return dictRepr(Object.entries(v as object));
  return String(v);
}

/** A Python dict's repr: `{'a': 1, 'b': [2]}`. */
function dictRepr(entries: Array<[unknown, unknown]>): string {
  return '{' + entries.map(([k, x]) => `${pyRepr(k, true)}: ${pyRepr(x, true)}`).join(', ') + '}';
}

function numberStr(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return floatRepr(n);
}

/** Python's repr(float): shortest round-trip digits, exponent form when exp < -4 or >= 16. */
function floatRepr(n: number): string {
  const [mant, expText] = n.toExponential().split('e') as [string, string];
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const exp = Number(expText);
  const sign = neg ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const e = Math.abs(exp);
    return sign + m + 'e' + (exp < 0 ? '-' : '+') + (e < 10 ? '0' : '') + e;
  }
  if (exp < 0) return sign + '0.' + '0'.repeat(-exp - 1) + digits;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return sign + intPart + '.' + (frac || '0');
}
