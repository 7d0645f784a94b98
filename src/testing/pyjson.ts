// JSON as Flask's jsonify writes it (Python's json.dumps with sort_keys=True, compact separators
// and ensure_ascii=True) plus the trailing newline httpbin adds, so our bodies match the real
// httpbin byte for byte, not only after parsing.

/** A JSON value as the echo routes produce it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// Python json ESCAPE_ASCII: everything outside ' '..'~' is escaped, DEL (0x7f) included.
const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f',
};

function escapeChar(ch: string): string {
  const short = SHORT_ESCAPES[ch];
  if (short !== undefined) return short;
  return '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
}

/** Python's `json.dumps(s, ensure_ascii=True)` for one string (surrogate pairs as two escapes). */
export function pyString(s: string): string {
  return '"' + s.replace(/[^ -~]|["\\]/g, escapeChar) + '"';
}

function pyNumber(n: number): string {
  // Python writes non-finite floats as bare words (allow_nan=True is the default).
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}

// Python sorts str keys by code point; compare that way, not by UTF-16 units.
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i]!.codePointAt(0) ?? 0) - (y[i]!.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** `json.dumps(value, sort_keys=True, separators=(",", ":"))`. */
export function pyDumps(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return '[' + value.map(pyDumps).join(',') + ']';
  const keys = Object.keys(value).sort(byCodePoint);
  return '{' + keys.map((k) => pyString(k) + ':' + pyDumps(value[k])).join(',') + '}';
}

/** Parse a request body as Python's `json.loads` would, or null when it is not JSON. */
export function pyLoads(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return pyLoadsLoose(text);
  }
}

// Python's json.loads also accepts NaN, Infinity and -Infinity as bare words; JSON.parse does not.
function pyLoadsLoose(text: string): JsonValue {
  const words: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };
  const bare = words[text.trim()];
  return bare === undefined ? null : bare;
}

/** Plain `json.dumps(value)`: ", " and ": " separators, keys in insertion order (used by /stream). */
export function pyDumpsPlain(value: JsonValue | undefined): string {
  if (value === null || value === undefined || typeof value !== 'object') return pyDumps(value);
  if (Array.isArray(value)) return '[' + value.map(pyDumpsPlain).join(', ') + ']';
  return '{' + Object.keys(value).map((k) => pyString(k) + ': ' + pyDumpsPlain(value[k])).join(', ') + '}';
}
