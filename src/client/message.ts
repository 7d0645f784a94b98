/**
 * HTTPMessage: http.client's header container (an email.message.Message under compat32).
 *
 * Ordered, case-insensitive on names, repeated fields kept in wire order with their original
 * case. Map-like per API.md (`get`, `set`, `has`, `delete`, `keys`/`values`/`entries`, iteration
 * over `[name, value]`, `size`) plus email.message's methods that http.client users call:
 * `getAll`, `items`, `addHeader`, `replaceHeader`, `getContentType`, `getParam`, `getParams`,
 * `getContentCharset`, `getFilename`, `getBoundary`, `toString()` (Python's `str(msg)`).
 *
 * Python differences kept on purpose: `get(name)` returns the FIRST value (msg['x']); `set`
 * replaces every occurrence (Map semantics; Python's `msg['x'] = v` appends, which is `addHeader`).
 */

export class HTTPMessage implements Iterable<[string, string]> {
  #names: string[] = [];
  #values: string[] = [];
  #defaultType = 'text/plain';

  /** From a flat [name, value, ...] list (the engine's HeaderList), pairs, or nothing. */
  constructor(headers?: readonly string[] | Iterable<readonly [string, string]>) {
    if (headers === undefined) return;
    if (Array.isArray(headers) && (headers.length === 0 || typeof headers[0] === 'string')) {
      const flat = headers as readonly string[];
      for (let i = 0; i + 1 < flat.length; i += 2) this.#push(flat[i]!, flat[i + 1]!);
      return;
    }
    for (const [name, value] of headers as Iterable<readonly [string, string]>) this.#push(name, value);
  }

  #push(name: string, value: string): void {
    this.#names.push(name);
    this.#values.push(value);
  }

  #indexes(name: string): number[] {
    const lower = name.toLowerCase();
    const found: number[] = [];
    for (let i = 0; i < this.#names.length; i++) if (this.#names[i]!.toLowerCase() === lower) found.push(i);
    return found;
  }

  /** Number of header fields, repeats included (Python's len(msg)). */
  get size(): number {
    return this.#names.length;
  }

  /** The first value of `name` (case-insensitive), else `failobj` (default null). */
  get<T = null>(name: string, failobj: T = null as T): string | T {
    const i = this.#indexes(name)[0];
    return i === undefined ? failobj : this.#values[i]!;
  }

  /** Every value of `name` in wire order, else `failobj` (default null) — Python's get_all. */
  getAll<T = null>(name: string, failobj: T = null as T): string[] | T {
    const found = this.#indexes(name);
    return found.length === 0 ? failobj : found.map((i) => this.#values[i]!);
  }

  has(name: string): boolean {
    return this.#indexes(name).length > 0;
  }

  /** Replaces every occurrence of `name` with one field at the end (Map semantics). */
  set(name: string, value: string): this {
    this.delete(name);
    this.#push(name, String(value));
    return this;
  }

  /** Removes every occurrence (Python's `del msg[name]`); true when one existed. */
  delete(name: string): boolean {
    const found = this.#indexes(name);
    for (let k = found.length - 1; k >= 0; k--) {
      this.#names.splice(found[k]!, 1);
      this.#values.splice(found[k]!, 1);
    }
    return found.length > 0;
  }

  /** Appends a field (Python's `msg[name] = value` / add_header), with optional `key=value` params. */
  addHeader(name: string, value: string, params: Record<string, string | null> = {}): void {
    const parts = [value];
    for (const [k, v] of Object.entries(params)) parts.push(v === null ? k.replace(/_/g, '-') : `${k.replace(/_/g, '-')}=${formatParam(v)}`);
    this.#push(name, parts.join('; '));
  }

  /** Replaces the first occurrence keeping its position; throws RangeError when absent (Python's KeyError). */
  replaceHeader(name: string, value: string): void {
    const i = this.#indexes(name)[0];
    if (i === undefined) throw new RangeError(`header not found: ${name}`);
    this.#values[i] = value;
  }

  /** Field names in wire order, repeats included. */
  keys(): string[] {
    return [...this.#names];
  }

  values(): string[] {
    return [...this.#values];
  }

  /** [name, value] pairs in wire order (Python's items()). */
  items(): [string, string][] {
    return this.#names.map((n, i) => [n, this.#values[i]!]);
  }

  entries(): [string, string][] {
    return this.items();
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.items()[Symbol.iterator]();
  }

  forEach(cb: (value: string, name: string, msg: this) => void): void {
    for (const [n, v] of this.items()) cb(v, n, this);
  }

  /** The flat [name, value, ...] list. */
  toHeaderList(): string[] {
    return this.#names.flatMap((n, i) => [n, this.#values[i]!]);
  }

  getDefaultType(): string {
    return this.#defaultType;
  }

  setDefaultType(ctype: string): void {
    this.#defaultType = ctype;
  }

  /** Lower-cased maintype/subtype of Content-Type; the default type when missing or malformed. */
  getContentType(): string {
    const value = this.get('content-type');
    if (value === null) return this.#defaultType;
    const ctype = splitParams(value)[0]!.toLowerCase();
    return ctype.split('/').length === 2 ? ctype : 'text/plain';
  }

  getContentMaintype(): string {
    return this.getContentType().split('/')[0]!;
  }

  getContentSubtype(): string {
    return this.getContentType().split('/')[1]!;
  }

  /** Parameters of a header as [name, value] pairs, the first being the value itself; null when absent. */
  getParams(opts: { header?: string; unquote?: boolean } = {}): [string, string][] | null {
    const value = this.get(opts.header ?? 'content-type');
    if (value === null) return null;
    return paramPairs(value).map(([k, v]) => [k, opts.unquote === false ? v : unquoteParam(v)]);
  }

  /** One parameter (case-insensitive name) of a header, default Content-Type; `failobj` (null) when absent. */
  getParam<T = null>(param: string, opts: { failobj?: T; header?: string; unquote?: boolean } = {}): string | T {
    const value = this.get(opts.header ?? 'content-type');
    const fail = (opts.failobj ?? null) as T;
    if (value === null) return fail;
    const lower = param.toLowerCase();
    for (const [k, v] of paramPairs(value)) if (k.toLowerCase() === lower) return opts.unquote === false ? v : unquoteParam(v);
    return fail;
  }

  /** The lower-cased charset parameter of Content-Type, else `failobj` (null); non-ASCII values count as absent. */
  getContentCharset<T = null>(failobj: T = null as T): string | T {
    const charset = this.getParam('charset', { failobj: null });
    if (charset === null || /[^\x00-\x7f]/.test(charset)) return failobj;
    return charset.toLowerCase();
  }

  /** Content-Disposition's filename (or Content-Type's name), stripped; else `failobj` (null). */
  getFilename<T = null>(failobj: T = null as T): string | T {
    const name = this.getParam('filename', { header: 'content-disposition' }) ?? this.getParam('name');
    return name === null ? failobj : name.trim();
  }

  /** Content-Type's boundary parameter, right-stripped; else `failobj` (null). */
  getBoundary<T = null>(failobj: T = null as T): string | T {
    const boundary = this.getParam('boundary');
    return boundary === null ? failobj : boundary.trimEnd();
  }

  /** Python's str(msg): "Name: value\n" per field, then an empty line. */
  toString(): string {
    return this.#names.map((n, i) => `${n}: ${this.#values[i]}\n`).join('') + '\n';
  }

  /** Python's as_string(). */
  asString(): string {
    return this.toString();
  }
}

/** email.message._parseparam: split on ';' outside double quotes; lower-case and trim names. */
function splitParams(value: string): string[] {
  let s = ';' + value;
  const out: string[] = [];
  while (s.startsWith(';')) {
    s = s.slice(1);
    let end = s.indexOf(';');
    while (end > 0 && unescapedQuotes(s.slice(0, end)) % 2 === 1) end = s.indexOf(';', end + 1);
    if (end < 0) end = s.length;
    let f = s.slice(0, end);
    const eq = f.indexOf('=');
    if (eq >= 0) f = f.slice(0, eq).trim().toLowerCase() + '=' + f.slice(eq + 1).trim();
    out.push(f.trim());
    s = s.slice(end);
  }
  return out;
}

function unescapedQuotes(s: string): number {
  return (s.match(/"/g)?.length ?? 0) - (s.match(/\\"/g)?.length ?? 0);
}

function paramPairs(value: string): [string, string][] {
  return splitParams(value).map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? [p.trim(), ''] : [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
  });
}

/** email.utils.unquote. */
function unquoteParam(v: string): string {
  if (v.length > 1) {
    if (v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/\\\\/g, '\\').replace(/\\"/g, '"');
    if (v.startsWith('<') && v.endsWith('>')) return v.slice(1, -1);
  }
  return v;
}

/** email.message._formatparam (without RFC 2231): quote when tspecials occur. */
function formatParam(v: string): string {
  return /[()<>@,;:\\"/[\]?= \t]/.test(v) ? `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : v;
}
