/**
 * `json.dumps(obj, allow_nan=False)` byte-for-byte, as Requests encodes `json=` bodies: separators
 * `', '` and `': '`, `ensure_ascii` (every character outside space..`~` escaped as `\uXXXX`,
 * lower-case hex, astral characters as surrogate pairs), NaN/Infinity refused.
 *
 * JavaScript values map as JSON.stringify maps them (toJSON honoured, `undefined`/functions
 * dropped from objects and `null` in arrays), plus: Map → object, BigInt → integer digits.
 */

/** Thrown for values Python's json.dumps refuses (NaN, Infinity, cycles). Message as Python's. */
export class JsonEncodeError extends Error {
  override name = 'ValueError';
}

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** Python's `json.dumps(value, allow_nan=False)`. */
export function pyJsonDumps(value: unknown): string {
  const out = encode(value, new Set<object>(), '');
  return out ?? 'null';
}

function encode(value: unknown, seen: Set<object>, key: string): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(k: string): unknown }).toJSON(key);
  }
  switch (typeof value) {
    case 'string':
      return quoteString(value);
    case 'number':
      return encodeNumber(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return value === null ? 'null' : encodeContainer(value, seen);
    default:
      return undefined;
  }
}

function encodeNumber(n: number): string {
  if (!Number.isFinite(n)) throw new JsonEncodeError(`Out of range float values are not JSON compliant: ${pyFloatName(n)}`);
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  // Python's float repr switches to exponent form below 1e-4 and pads the exponent to 2 digits.
  if (Math.abs(n) >= 1e-4) return String(n);
  return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
}

function pyFloatName(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  return n > 0 ? 'inf' : '-inf';
}

function encodeContainer(value: object, seen: Set<object>): string {
  if (seen.has(value)) throw new JsonEncodeError('Circular reference detected');
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((v, i) => encode(v, seen, String(i)) ?? 'null').join(', ')}]`;
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    const parts: string[] = [];
    for (const [k, v] of entries) {
      const encoded = encode(v, seen, String(k));
      if (encoded !== undefined) parts.push(`${quoteString(String(k))}: ${encoded}`);
    }
    return `{${parts.join(', ')}}`;
  } finally {
    seen.delete(value);
  }
}

/** Python's `py_encode_basestring_ascii`. */
export function quoteString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(start, i);
    const ch = s[i] ?? '';
    out += SHORT[ch] ?? `\\u${c.toString(16).padStart(4, '0')}`;
    start = i + 1;
  }
  return `${out}${s.slice(start)}"`;
}
