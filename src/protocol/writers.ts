/**
 * Request serialisation (RFC 9112 §3, §6, §7.1). The head becomes one latin-1 buffer, optionally
 * followed by the whole body in the same buffer so that a small request is one socket write.
 *
 * Framing rules follow CPython http.client `_send_request` / `_get_content_length`: when the
 * caller gave neither Content-Length nor Transfer-Encoding, a body of known length gets
 * `Content-Length`, a body of unknown length gets `Transfer-Encoding: chunked`, no body gets
 * nothing, except POST/PUT/PATCH which get `Content-Length: 0`.
 * Callers validate (grammar.ts) before calling these; writers do not re-check.
 */
import { latin1Write } from '../internal/bytes.js';

/** Methods that CPython sends `Content-Length: 0` for when there is no body (_METHODS_EXPECTING_BODY). */
const METHODS_EXPECTING_BODY = new Set(['PATCH', 'POST', 'PUT']);

/** The terminating chunk of a chunked body with no trailers: "0\r\n\r\n". */
export const LAST_CHUNK: Uint8Array = Buffer.from('0\r\n\r\n', 'latin1');

const CRLF = Buffer.from('\r\n', 'latin1');

/** What the engine must add to a request head, and how the body is written. */
export interface Framing {
  /** Header to append, or null. */
  name: 'Content-Length' | 'Transfer-Encoding' | null;
  value: string;
  /** Write the body with the chunked transfer coding. */
  chunked: boolean;
}

/**
 * Decides framing headers. `bodyLength`: the byte length of the body, `null` when a body exists
 * but its length is unknown, `undefined` when there is no body.
 */
export function chooseFraming(method: string, headers: readonly string[], bodyLength: number | null | undefined, encodeChunked: boolean): Framing {
  let hasLength = false;
  let hasTe = false;
  for (let i = 0; i < headers.length; i += 2) {
    const n = headers[i]!;
    if (n.length === 14 && n.toLowerCase() === 'content-length') hasLength = true;
    else if (n.length === 17 && n.toLowerCase() === 'transfer-encoding') hasTe = true;
  }
  return framingFor(method, hasLength, hasTe, bodyLength, encodeChunked);
}

const NO_FRAMING: Framing = Object.freeze({ name: null, value: '', chunked: false });
const CALLERS_CHUNKED: Framing = Object.freeze({ name: null, value: '', chunked: true });
const LENGTH_ZERO: Framing = Object.freeze({ name: 'Content-Length', value: '0', chunked: false });
const CHUNKED: Framing = Object.freeze({ name: 'Transfer-Encoding', value: 'chunked', chunked: true });

/** chooseFraming from what the headers hold (header-facts.ts computes it once per frozen list). */
export function framingFor(method: string, hasLength: boolean, hasTe: boolean, bodyLength: number | null | undefined, encodeChunked: boolean): Framing {
  // CPython: an explicit Content-Length disables chunking; an explicit Transfer-Encoding is the caller's.
  if (hasLength) return NO_FRAMING;
  if (hasTe) return encodeChunked ? CALLERS_CHUNKED : NO_FRAMING;
  if (bodyLength === undefined) {
    if (METHODS_EXPECTING_BODY.has(method) || METHODS_EXPECTING_BODY.has(method.toUpperCase())) return LENGTH_ZERO;
    return NO_FRAMING;
  }
  if (bodyLength === null || encodeChunked) return CHUNKED;
  return { name: 'Content-Length', value: String(bodyLength), chunked: false };
}

/** The request head as a string: request line, fields, extra field (if any), blank line. */
export function headString(method: string, target: string, headers: readonly string[], extraName: string | null = null, extraValue = ''): string {
  let fields = '';
  for (let i = 0; i < headers.length; i += 2) fields += headers[i] + ': ' + headers[i + 1] + '\r\n';
  return headWithFields(method, target, fields, extraName, extraValue);
}

/** headString with the field lines already serialised ("Name: value\r\n" each). */
export function headWithFields(method: string, target: string, fields: string, extraName: string | null = null, extraValue = ''): string {
  const line = method + ' ' + target + ' HTTP/1.1\r\n' + fields;
  return extraName === null ? line + '\r\n' : line + extraName + ': ' + extraValue + '\r\n\r\n';
}

/**
 * Encodes a head string (latin-1) followed by `body` bytes (if any) into one new buffer:
 * the head and a small body leave in one write, one allocation.
 */
export function encodeHeadAndBody(head: string, body: Uint8Array | null): Buffer {
  const n = head.length;
  if (body === null || body.byteLength === 0) return Buffer.from(head, 'latin1');
  const out = Buffer.allocUnsafe(n + body.byteLength);
  latin1Write(out, head, 0);
  out.set(body, n);
  return out;
}

/** One chunk of the chunked coding: hex size, CRLF, data, CRLF (RFC 9112 §7.1). Empty input → empty output (an empty chunk would end the body). */
export function encodeChunk(bytes: Uint8Array): Uint8Array {
  const len = bytes.byteLength;
  if (len === 0) return new Uint8Array(0);
  const size = len.toString(16) + '\r\n';
  const out = Buffer.allocUnsafe(size.length + len + 2);
  latin1Write(out, size, 0);
  out.set(bytes, size.length);
  out.set(CRLF, size.length + len);
  return out;
}

/** The size line of a chunk alone (for writing large chunks without copying them). */
export function chunkHeader(len: number): Uint8Array {
  return Buffer.from(len.toString(16) + '\r\n', 'latin1');
}

/** The CRLF after a chunk's data. */
export const CHUNK_END: Uint8Array = CRLF;
