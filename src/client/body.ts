/**
 * Request inputs the way CPython http.client takes them.
 *
 * Bodies (_send_request, _get_content_length, _send_output), mapped to JavaScript values: strings
 * (encoded ISO-8859-1, RFC 2616 §3.7.1 as CPython), bytes (Uint8Array, ArrayBuffer, DataView), and
 * iterables — sync or async, Node streams, web ReadableStreams, Blobs — whose chunks are bytes or
 * latin-1 strings.
 *
 * Headers: putheader's value types (CPython: str encoded latin-1, int stringified, bytes as they
 * are) and request()'s `headers` argument in the shapes API.md allows (plain object, Map, or
 * [name, value] pairs with order and repeats kept).
 *
 * One module for both (they were two): each module on httpkit/client's import path costs
 * import time (issue 3: under 10 ms).
 */

/** What request()/endheaders()/send() accept as a body. */
export type BodyInit =
  | string
  | Uint8Array
  | ArrayBuffer
  | ArrayBufferView
  | Blob
  | Iterable<Uint8Array | string>
  | AsyncIterable<Uint8Array | string>
  | ReadableStream<Uint8Array>;

/** CPython _METHODS_EXPECTING_BODY: these get `Content-Length: 0` when sent without a body. */
const METHODS_EXPECTING_BODY = new Set(['PATCH', 'POST', 'PUT']);

/**
 * CPython _encode: latin-1, or an error naming the offending characters.
 * Throws RangeError (Python: UnicodeEncodeError, a ValueError).
 */
export function encodeLatin1(data: string, name = 'data'): Uint8Array {
  const bad = /[^\u0000-\u00ff]+/.exec(data);
  if (bad !== null) {
    const ch = bad[0].codePointAt(0)!;
    const shown = bad[0].length > 20 ? bad[0].slice(0, 20) : bad[0];
    throw new RangeError(
      `'latin-1' codec can't encode character '\\u${ch.toString(16).padStart(4, '0')}' in position ${bad.index}: ` +
        `${name[0]!.toUpperCase()}${name.slice(1)} ('${shown}') is not valid Latin-1. ` +
        `Use Buffer.from(${name}, 'utf8') if you want to send it encoded in UTF-8.`,
    );
  }
  return Buffer.from(data, 'latin1');
}

/** Bodies up to this size share the head's write; a larger one is written as is (copying 1 MiB per request halved upload speed). */
export const JOIN_LIMIT = 64 * 1024;

/** `a` then `b` in one buffer (for one write). */
export function joinBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (b.byteLength === 0) return a;
  const out = Buffer.allocUnsafe(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}

/** Bytes for a buffer-like value, else null (CPython: "implements the buffer protocol"). */
export function asBytes(body: unknown): Uint8Array | null {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return null;
}

/**
 * CPython _get_content_length: null/undefined body → 0 for PATCH/POST/PUT else null; bytes →
 * their length; a string → its length (characters = latin-1 bytes); anything else (a stream or
 * iterator) → null, meaning "unknown, send chunked".
 */
export function contentLength(body: unknown, method: string): number | null {
  if (body === null || body === undefined) return METHODS_EXPECTING_BODY.has(method.toUpperCase()) ? 0 : null;
  const bytes = asBytes(body);
  if (bytes !== null) return bytes.byteLength;
  if (typeof body === 'string') return body.length;
  return null;
}

/** The body as a sequence of byte chunks (CPython _send_output's `chunks`). */
export async function* bodyChunks(body: unknown, blocksize: number): AsyncGenerator<Uint8Array> {
  if (typeof body === 'string') {
    yield encodeLatin1(body, 'body');
    return;
  }
  const bytes = asBytes(body);
  if (bytes !== null) {
    yield bytes;
    return;
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    yield* bodyChunks(body.stream(), blocksize);
    return;
  }
  const source = body as Partial<AsyncIterable<unknown>> & Partial<Iterable<unknown>>;
  if (typeof source[Symbol.asyncIterator] !== 'function' && typeof source[Symbol.iterator] !== 'function') {
    throw new TypeError(`message_body should be a bytes-like object or an iterable, got ${describeType(body)}`);
  }
  for await (const chunk of source as AsyncIterable<unknown>) {
    yield* splitBlocks(chunkBytes(chunk), blocksize);
  }
}

function* splitBlocks(bytes: Uint8Array, blocksize: number): Generator<Uint8Array> {
  // CPython reads file-like bodies `blocksize` bytes at a time; we keep iterator chunks whole
  // unless they are huge, so one write never holds more than 64 blocks.
  const limit = blocksize * 64;
  if (bytes.byteLength <= limit) {
    yield bytes;
    return;
  }
  for (let at = 0; at < bytes.byteLength; at += limit) yield bytes.subarray(at, at + limit);
}

/** One chunk of an iterable body: bytes, or a string encoded latin-1 (CPython encodes text files so). */
export function chunkBytes(chunk: unknown): Uint8Array {
  if (typeof chunk === 'string') return encodeLatin1(chunk, 'data');
  const bytes = asBytes(chunk);
  if (bytes === null) throw new TypeError(`data should be a bytes-like object or an iterable, got ${describeType(chunk)}`);
  return bytes;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

// ---- headers ----

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

