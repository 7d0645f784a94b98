/**
 * Request header inputs of http.client: putheader's value types (CPython: str encoded latin-1,
 * int stringified, bytes as they are) and request()'s `headers` argument in the shapes API.md
 * allows (plain object, Map, or [name, value] pairs with order and repeats kept).
 */

/** A header value as putheader takes it: strings (latin-1), numbers, bytes. */
export type HeaderValue = string | number | bigint | Uint8Array;
/** Headers for request(): a plain object, a Map, or [name, value] pairs (order and repeats kept). */
export type HeadersInit = Record<string, HeaderValue | HeaderValue[]> | Map<string, HeaderValue | HeaderValue[]> | Iterable<readonly [string, HeaderValue | HeaderValue[]]>;

/** CPython putheader: str → latin-1, int → str(int), bytes as they are. */
export function headerText(name: string, v: HeaderValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('latin1');
  throw new TypeError(`Invalid value for header ${JSON.stringify(name)}: expected a string, number or bytes, got ${typeof v}`);
}

/** Normalises request() headers to ordered pairs. */
export function headerPairs(headers: HeadersInit): [string, HeaderValue | HeaderValue[]][] {
  if (headers instanceof Map) return [...headers.entries()];
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') return [...(headers as Iterable<readonly [string, HeaderValue | HeaderValue[]]>)].map(([k, v]) => [k, v]);
  return Object.entries(headers as Record<string, HeaderValue | HeaderValue[]>);
}

