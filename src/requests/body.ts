/**
 * Request bodies as Requests prepares them (models.py `_encode_params`, `prepare_body`): form
 * encoding (`urlencode(..., doseq=True)` with `quote_plus`), the JSON body, and the recognition
 * and sizing of streamed bodies (Node streams, web streams, Blobs, async and sync iterables).
 */
import { statSync } from 'node:fs';
import { quoteWith } from './url.js';

/** A scalar form/params value; arrays repeat the key; null/undefined are dropped. */
export type FormScalar = string | number | boolean | bigint | Uint8Array | null | undefined;
export type FormValue = FormScalar | readonly FormScalar[];

/** A streamed body as the pool takes it, with its length when known. */
export interface StreamInfo {
  readonly stream: AsyncIterable<Uint8Array>;
  readonly length: number | null;
}

const encoder = new TextEncoder();
const QUOTE_PLUS_SAFE = (() => {
  const set = new Uint8Array(128);
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~ ';
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
})();

/** Python's `str()` of a scalar: booleans as True/False (what Requests puts on the wire). */
export function pyStr(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

/** CPython `quote_plus` (safe ''), for strings (UTF-8) and bytes. */
export function quotePlus(v: string | Uint8Array): string {
  if (typeof v === 'string') return quoteWith(v, QUOTE_PLUS_SAFE).replace(/ /g, '+');
  let out = '';
  for (const b of v) {
    if (b === 0x20) out += '+';
    else if (b < 128 && QUOTE_PLUS_SAFE[b] === 1) out += String.fromCharCode(b);
    else out += `%${b < 16 ? '0' : ''}${b.toString(16).toUpperCase()}`;
  }
  return out;
}

/** True for a value that Requests would iterate as a list of values (not a string or bytes). */
function isSequence(v: unknown): v is readonly unknown[] {
  return Array.isArray(v);
}

/**
 * `RequestEncodingMixin._encode_params` for dict-like input: `k=v&k=v2`, quote_plus-encoded,
 * arrays repeating the key, null/undefined dropped. Strings pass through unchanged.
 */
export function encodeParams(pairs: ReadonlyArray<readonly [string, unknown]>): string {
  const out: string[] = [];
  for (const [k, vs] of pairs) {
    const values = isSequence(vs) ? vs : [vs];
    for (const v of values) {
      if (v === null || v === undefined) continue;
      out.push(`${quotePlus(k)}=${quotePlus(v instanceof Uint8Array ? v : pyStr(v))}`);
    }
  }
  return out.join('&');
}

/** UTF-8 bytes of a string body (Requests 2.32 sizes str bodies as UTF-8 too). */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** True when `v` is something we send as a stream rather than encode. */
export function isStreamLike(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (v instanceof Uint8Array || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return false;
  if (typeof Blob !== 'undefined' && v instanceof Blob) return true;
  if (Symbol.asyncIterator in v) return true;
  // A sync iterable that is not dict-like (arrays, Maps, URLSearchParams have `entries`) is a
  // generator of chunks, as Requests streams a generator.
  return Symbol.iterator in v && typeof (v as { entries?: unknown }).entries !== 'function';
}

/** Turns a stream-like body into an async iterable of bytes plus its length when knowable. */
export function toStream(v: object): StreamInfo {
  if (typeof Blob !== 'undefined' && v instanceof Blob) return { stream: blobChunks(v), length: v.size };
  const length = streamLength(v);
  if (Symbol.asyncIterator in v) return { stream: normalizeChunks(v as AsyncIterable<unknown>), length };
  return { stream: normalizeChunks(syncToAsync(v as Iterable<unknown>)), length };
}

/** Length of a file stream (fs.ReadStream: its path's size minus `start`, bounded by `end`), else null. */
export function streamLength(v: object): number | null {
  const s = v as { path?: unknown; start?: unknown; end?: unknown; bytesRead?: unknown; length?: unknown };
  if (typeof s.length === 'number' && !(Symbol.iterator in v)) return s.length;
  if (typeof s.path !== 'string' || (typeof s.bytesRead === 'number' && s.bytesRead > 0)) return null;
  try {
    const size = statSync(s.path).size;
    const start = typeof s.start === 'number' ? s.start : 0;
    const end = typeof s.end === 'number' && Number.isFinite(s.end) ? Math.min(s.end + 1, size) : size;
    return Math.max(0, end - start);
  } catch {
    return null;
  }
}

async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* syncToAsync(it: Iterable<unknown>): AsyncGenerator<unknown> {
  yield* it;
}

/** Chunks as Uint8Array: strings become UTF-8, ArrayBuffers and views are wrapped. */
export async function* normalizeChunks(it: AsyncIterable<unknown>): AsyncGenerator<Uint8Array> {
  for await (const chunk of it) {
    const bytes = toBytes(chunk);
    if (bytes.length > 0) yield bytes;
  }
}

/** Bytes of a chunk or body value. */
export function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return encoder.encode(chunk);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError(`body chunks must be bytes or strings, not ${typeof chunk}`);
}

/** Python's guess_filename: the base name of a file stream's `path` / `name`, unless it looks like `<stdin>`. */
export function guessFilename(v: unknown): string | null {
  if (v === null || typeof v !== 'object') return null;
  const o = v as { path?: unknown; name?: unknown };
  const name = typeof o.path === 'string' ? o.path : typeof o.name === 'string' ? o.name : null;
  if (name === null || name === '' || (name.startsWith('<') && name.endsWith('>'))) return null;
  const parts = name.split('/');
  return parts[parts.length - 1] ?? null;
}
