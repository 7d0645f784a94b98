/**
 * urlencode / parseQs / parseQsl, CPython 3.11 exact: '&' (or `separator`) splits fields, the
 * first '=' splits name from value, '+' means space, escapes decode with encoding/errors
 * (default utf-8/replace). bytes in → bytes out (through ASCII, as _coerce_args does).
 */
import { asciiEncode, toStr, type StrOrBytes } from './bytes.js';
import { pyStr, reprStr } from './pyrepr.js';
import { quotePlus, unquote } from './quote.js';

/** Options of parseQs()/parseQsl(). */
export interface ParseQsOptions {
  /** Keep fields with empty values ('a=' and a bare 'a') as ''. Default false. */
  keepBlankValues?: boolean;
  /** Throw a RangeError on a field without '=' (and on empty fields). Default false. */
  strictParsing?: boolean;
  /** Encoding of the percent-escapes. Default 'utf-8'. */
  encoding?: string;
  /** Decoding error handler. Default 'replace'. */
  errors?: string;
  /** Throw a RangeError when the query has more fields than this. Default: no limit. */
  maxNumFields?: number | null;
  /** Field separator. Default '&'. */
  separator?: StrOrBytes;
}

/** parse_qsl: the query as ordered [name, value] pairs. */
export function parseQsl(qs: string | null | undefined, opts?: ParseQsOptions): [string, string][];
export function parseQsl(qs: Uint8Array, opts?: ParseQsOptions): [Uint8Array, Uint8Array][];
export function parseQsl(qs: StrOrBytes | null | undefined, opts?: ParseQsOptions): [StrOrBytes, StrOrBytes][];
export function parseQsl(qs: StrOrBytes | null | undefined, opts?: ParseQsOptions): [StrOrBytes, StrOrBytes][] {
  const isBytes = qs instanceof Uint8Array;
  const text = toStr(qs);
  const separator = opts?.separator ?? '&';
  if (typeof separator !== 'string' && !(separator instanceof Uint8Array)) {
    throw new TypeError('Separator must be of type string or bytes.');
  }
  const sep = toStr(separator);
  if (!sep) throw new RangeError('Separator must be of type string or bytes.');
  const max = opts?.maxNumFields;
  if (max !== undefined && max !== null) {
    const numFields = text ? text.split(sep).length : 0;
    if (max < numFields) throw new RangeError('Max number of fields exceeded');
  }
  const keepBlank = opts?.keepBlankValues ?? false;
  const strict = opts?.strictParsing ?? false;
  const uq = { encoding: opts?.encoding ?? 'utf-8', errors: opts?.errors ?? 'replace' };
  const out: [StrOrBytes, StrOrBytes][] = [];
  for (const field of text ? text.split(sep) : []) {
    if (!field && !strict) continue;
    const eq = field.indexOf('=');
    if (eq < 0) {
      if (strict) throw new RangeError(`bad query field: ${reprStr(field)}`);
      if (!keepBlank) continue;
    }
    const rawName = eq < 0 ? field : field.slice(0, eq);
    const rawValue = eq < 0 ? '' : field.slice(eq + 1);
    if (!rawValue && !keepBlank) continue;
    const name = unquote(plusToSpace(rawName), uq);
    const value = unquote(plusToSpace(rawValue), uq);
    out.push(isBytes ? [asciiEncode(name), asciiEncode(value)] : [name, value]);
  }
  return out;
}

function plusToSpace(s: string): string {
  return s.includes('+') ? s.replace(/\+/g, ' ') : s;
}

/**
 * parse_qs: the query as name → list of values. Note: JavaScript objects list integer-like keys
 * first, whatever their order in the query. bytes input gives a Map keyed by the first
 * Uint8Array seen for each name.
 */
export function parseQs(qs: string | null | undefined, opts?: ParseQsOptions): Record<string, string[]>;
export function parseQs(qs: Uint8Array, opts?: ParseQsOptions): Map<Uint8Array, Uint8Array[]>;
export function parseQs(qs: StrOrBytes | null | undefined, opts?: ParseQsOptions): Record<string, string[]> | Map<Uint8Array, Uint8Array[]> {
  if (qs instanceof Uint8Array) {
    const byText = new Map<string, Uint8Array[]>();
    const result = new Map<Uint8Array, Uint8Array[]>();
    for (const [name, value] of parseQsl(qs, opts)) {
      const key = toStr(name);
      const list = byText.get(key);
      if (list) list.push(value);
      else {
        byText.set(key, [value]);
        result.set(name, byText.get(key) as Uint8Array[]);
      }
    }
    return result;
  }
  const result: Record<string, string[]> = {};
  for (const [name, value] of parseQsl(qs, opts)) {
    if (Object.prototype.hasOwnProperty.call(result, name)) (result[name] as string[]).push(value);
    else Object.defineProperty(result, name, { value: [value], enumerable: true, writable: true, configurable: true });
  }
  return result;
}

/**
 * The quoting function urlencode() applies to each key and value (default quotePlus). It gets
 * `{ safe }` for bytes, `{ safe, encoding, errors }` (those given) for everything else.
 */
export type QuoteVia = (s: string | Uint8Array, opts: { safe: string; encoding?: string; errors?: string }) => string;

/** What urlencode() takes: a mapping or a sequence of [key, value] pairs. */
export type UrlencodeQuery = Record<string, unknown> | Map<unknown, unknown> | Iterable<readonly [unknown, unknown]>;

/** Options of urlencode(). */
export interface UrlencodeOptions {
  /** Expand sequence values into one field per element. Default false. */
  doseq?: boolean;
  /** Passed to quoteVia. Default ''. */
  safe?: StrOrBytes;
  /** Passed to quoteVia for str keys/values. Default: quoteVia's ('utf-8'). */
  encoding?: string;
  /** Passed to quoteVia for str keys/values. Default: quoteVia's ('strict'). */
  errors?: string;
  /** Default quotePlus. */
  quoteVia?: QuoteVia;
}

/** Encode a mapping or a sequence of pairs as an application/x-www-form-urlencoded query. */
export function urlencode(query: UrlencodeQuery, opts?: UrlencodeOptions): string {
  const pairs = queryPairs(query);
  // `safe` may be bytes, as in Python; it reaches quoteVia as given.
  const safe = (opts?.safe ?? '') as string;
  const via: QuoteVia = opts?.quoteVia ?? ((s, o) => quotePlus(s, o));
  const strOpts: { safe: string; encoding?: string; errors?: string } = { safe };
  if (opts?.encoding !== undefined) strOpts.encoding = opts.encoding;
  if (opts?.errors !== undefined) strOpts.errors = opts.errors;
  const q = (x: unknown): string => (x instanceof Uint8Array ? via(x, { safe }) : via(pyStr(x), strOpts));
  const out: string[] = [];
  for (const [k, v] of pairs) {
    const key = q(k);
    if (!opts?.doseq || typeof v === 'string' || v instanceof Uint8Array) {
      out.push(key + '=' + q(v));
      continue;
    }
    const seq = sequenceOf(v);
    if (seq === null) out.push(key + '=' + q(v));
    else for (const elt of seq) out.push(key + '=' + q(elt));
  }
  return out.join('&');
}

/** Python's `len(v)` test for sequence-ness, in JavaScript terms. */
function sequenceOf(v: unknown): Iterable<unknown> | null {
  if (Array.isArray(v) || v instanceof Set) return v;
  if (v instanceof Map) return v.keys();
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return v as unknown as Iterable<unknown>;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.keys(v);
  return null;
}

function queryPairs(query: unknown): Array<[unknown, unknown]> {
  const invalid = (): TypeError => new TypeError('not a valid non-string sequence or mapping object');
  let list: unknown[];
  if (query instanceof Map) return [...query.entries()];
  if (typeof query === 'string' || query instanceof Uint8Array) {
    if (query.length) throw invalid();
    return [];
  }
  if (Array.isArray(query)) list = query;
  else if (query !== null && typeof query === 'object' && Symbol.iterator in query) list = [...(query as Iterable<unknown>)];
  else if (query !== null && typeof query === 'object') return Object.entries(query);
  else throw invalid();
  if (list.length && !Array.isArray(list[0])) throw invalid();
  return list.map((pair) => {
    if (!Array.isArray(pair) && !(typeof pair === 'string')) throw new TypeError(`cannot unpack non-iterable ${typeof pair} object`);
    const items = [...(pair as Iterable<unknown>)];
    if (items.length !== 2) {
      throw new RangeError(items.length > 2 ? 'too many values to unpack (expected 2)' : `not enough values to unpack (expected 2, got ${items.length})`);
    }
    return items as [unknown, unknown];
  });
}
