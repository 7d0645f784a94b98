// JSON as Flask's jsonify writes it (Python's json.dumps with sort_keys=True, compact separators
// and ensure_ascii=True) plus the trailing newline httpbin adds, so our bodies match the real
// httpbin byte for byte, not only after parsing.

/** A Python int parsed from JSON: kept exact (Python ints have no size limit). */
export class PyInt {
  constructor(readonly value: bigint) {}
}

/** A Python float parsed from JSON ("1.0" stays a float and prints as 1.0). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A JSON value as the echo routes produce it. Plain numbers print as int when integral. */
export type JsonValue = null | boolean | number | PyInt | PyFloat | string | JsonValue[] | { [key: string]: JsonValue };

/** A dict without a prototype, so keys like "__proto__" are ordinary keys, as in Python. */
export function dict<T = JsonValue>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

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

// Python float.__repr__: shortest round-trip digits; scientific when the exponent is < -4 or >= 16.
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const [mantissa, exp] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const decpt = Number(exp) + 1;
  if (decpt >= -3 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const e = decpt - 1;
  const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
  return `${sign}${digits[0]}${rest}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

function pyNumber(n: number): string {
  return Number.isInteger(n) && !Object.is(n, -0) ? String(n) : pyFloatRepr(n);
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
  if (value instanceof PyInt) return value.value.toString();
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return '[' + value.map(pyDumps).join(',') + ']';
  const keys = Object.keys(value).sort(byCodePoint);
  return '{' + keys.map((k) => pyString(k) + ':' + pyDumps(value[k])).join(',') + '}';
}

/** Parse text as Python's `json.loads` does, or null when it is not JSON (httpbin's json field). */
export function pyLoads(text: string): JsonValue {
  try {
    const parser = new PyJsonParser(text);
    const value = parser.value();
    parser.end();
    return value;
  } catch {
    return null;
  }
}

// json.scanner: NUMBER_RE, the constants NaN/Infinity/-Infinity, strict strings (no raw controls).
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const CONSTANTS: Array<[string, JsonValue]> = [['null', null], ['true', true], ['false', false],
  ['NaN', new PyFloat(NaN)], ['Infinity', new PyFloat(Infinity)], ['-Infinity', new PyFloat(-Infinity)]];
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class PyJsonParser {
  #i = 0;
  readonly #s: string;

  constructor(s: string) {
    this.#s = s;
  }

  #ws(): void {
    while (' \t\n\r'.includes(this.#s[this.#i] ?? 'x')) this.#i++;
  }

  end(): void {
    this.#ws();
    if (this.#i !== this.#s.length) throw new SyntaxError('Extra data');
  }

  value(depth = 0): JsonValue {
    if (depth > 1000) throw new SyntaxError('too deep');
    this.#ws();
    const ch = this.#s[this.#i];
    if (ch === '{') return this.#object(depth);
    if (ch === '[') return this.#array(depth);
    if (ch === '"') return this.#string();
    for (const [word, v] of CONSTANTS) {
      if (this.#s.startsWith(word, this.#i)) { this.#i += word.length; return v; }
    }
    NUMBER.lastIndex = this.#i;
    const m = NUMBER.exec(this.#s);
    if (m === null) throw new SyntaxError('Expecting value');
    this.#i += m[0].length;
    return m[1] !== undefined || m[2] !== undefined ? new PyFloat(Number(m[0])) : new PyInt(BigInt(m[0]));
  }

  #expect(ch: string): void {
    this.#ws();
    if (this.#s[this.#i] !== ch) throw new SyntaxError(`Expecting ${ch}`);
    this.#i++;
  }

  #object(depth: number): JsonValue {
    const out = dict();
    this.#i++;
    this.#ws();
    if (this.#s[this.#i] === '}') { this.#i++; return out; }
    for (;;) {
      this.#ws();
      if (this.#s[this.#i] !== '"') throw new SyntaxError('Expecting property name');
      const key = this.#string();
      this.#expect(':');
      out[key] = this.value(depth + 1);
      this.#ws();
      if (this.#s[this.#i++] === '}') return out;
      if (this.#s[this.#i - 1] !== ',') throw new SyntaxError("Expecting ',' delimiter");
    }
  }

  #array(depth: number): JsonValue {
    const out: JsonValue[] = [];
    this.#i++;
    this.#ws();
    if (this.#s[this.#i] === ']') { this.#i++; return out; }
    for (;;) {
      out.push(this.value(depth + 1));
      this.#ws();
      if (this.#s[this.#i++] === ']') return out;
      if (this.#s[this.#i - 1] !== ',') throw new SyntaxError("Expecting ',' delimiter");
    }
  }

  #string(): string {
    let out = '';
    for (this.#i++; ;) {
      const ch = this.#s[this.#i++];
      if (ch === undefined || ch < ' ') throw new SyntaxError('Invalid control character or unterminated string');
      if (ch === '"') return out;
      if (ch !== '\\') { out += ch; continue; }
      const esc = this.#s[this.#i++] ?? '';
      if (esc === 'u') {
        const hex = this.#s.slice(this.#i, this.#i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new SyntaxError('Invalid \\uXXXX escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.#i += 4;
      } else if (ESCAPES[esc] !== undefined) {
        out += ESCAPES[esc];
      } else {
        throw new SyntaxError('Invalid \\escape');
      }
    }
  }
}

/** Plain `json.dumps(value)`: ", " and ": " separators, keys in insertion order (used by /stream). */
export function pyDumpsPlain(value: JsonValue | undefined): string {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof PyInt || value instanceof PyFloat) return pyDumps(value);
  if (Array.isArray(value)) return '[' + value.map(pyDumpsPlain).join(', ') + ']';
  return '{' + Object.keys(value).map((k) => pyString(k) + ': ' + pyDumpsPlain(value[k])).join(', ') + '}';
}
