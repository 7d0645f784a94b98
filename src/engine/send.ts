/**
 * Writing a request: the head and a small body leave in one socket write (one buffer); a large
 * byte body follows the head without being copied; an AsyncIterable body is streamed with back
 * pressure (each write that fills the socket buffer waits for 'drain'), chunk-encoded when its
 * length is unknown. Validation happens in the core before anything is written.
 */
import type { ClientConnection } from '../protocol/connection.js';
import type { RequestEvent } from '../protocol/events.js';
import { CHUNK_END, chunkHeader } from '../protocol/writers.js';
import type { RequestBody, RequestHead, SendOptions } from './types.js';

/** Bodies up to this size are copied behind the head so that the request is one write. */
export const INLINE_BODY_BYTES = 64 * 1024;

/** The socket side of sending (implemented by HttpConnection). */
export interface RequestSink {
  /** Writes bytes; false when the socket buffer is full (wait for drain). */
  write(bytes: Uint8Array): boolean;
  cork(): void;
  uncork(): void;
  waitDrain(): Promise<void>;
}

/**
 * Writes the request. Returns undefined when everything was written synchronously (the common
 * case: no body or a small one), else a promise for the rest (large or streamed bodies).
 * Throws ProtocolError('INVALID_REQUEST') synchronously, before writing anything.
 */
export function sendRequest(sink: RequestSink, core: ClientConnection, head: RequestHead, body: RequestBody, opts: SendOptions): Promise<void> | undefined {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const ev: RequestEvent = {
    type: 'request',
    method: head.method,
    target: head.target,
    headers: head.headers,
    bodyLength: bodyLengthOf(bytes, opts),
    encodeChunked: opts.encodeChunked === true,
    addFraming: opts.addFraming !== false,
  };
  if (bytes === null || bytes === undefined) {
    sink.write(core.startRequest(ev, null, true));
    return undefined;
  }
  if (bytes instanceof Uint8Array) {
    if (bytes.byteLength > INLINE_BODY_BYTES) return writeLarge(sink, core, ev, bytes);
    sink.write(core.startRequest(ev, bytes, true));
    return undefined;
  }
  if (!isAsyncIterable(bytes)) throw new TypeError(`Unsupported request body type: ${Object.prototype.toString.call(bytes)}`);
  // Validate and serialise the head now, so an invalid request throws before anything is written.
  const headBytes = core.startRequest(ev, null, false);
  return writeStream(sink, core, headBytes, bytes);
}

function isAsyncIterable(x: unknown): x is AsyncIterable<Uint8Array> {
  return typeof x === 'object' && x !== null && typeof (x as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function';
}

function bodyLengthOf(bytes: Uint8Array | AsyncIterable<Uint8Array> | null | undefined, opts: SendOptions): number | null | undefined {
  if (bytes === null || bytes === undefined) return undefined;
  if (opts.bodyLength !== undefined && opts.bodyLength !== null) return opts.bodyLength;
  if (bytes instanceof Uint8Array) return bytes.byteLength;
  return null;
}

function writeLarge(sink: RequestSink, core: ClientConnection, ev: RequestEvent, bytes: Uint8Array): Promise<void> | undefined {
  const headBytes = core.startRequest(ev, null, false);
  sink.cork();
  sink.write(headBytes);
  const ok = writeData(sink, core, bytes);
  const end = core.send({ type: 'end' });
  const ok2 = end.length === 0 ? true : sink.write(end);
  sink.uncork();
  return !ok || !ok2 ? sink.waitDrain() : undefined;
}

async function writeStream(sink: RequestSink, core: ClientConnection, headBytes: Uint8Array, body: AsyncIterable<Uint8Array>): Promise<void> {
  sink.write(headBytes);
  for await (const chunk of body) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk as string, 'utf8') : chunk;
    if (data.byteLength === 0) continue;
    if (!writeData(sink, core, data)) await sink.waitDrain();
  }
  const end = core.send({ type: 'end' });
  if (end.length > 0 && !sink.write(end)) await sink.waitDrain();
}

/** Writes one piece of body (chunk-framed without copying the data when chunked). */
function writeData(sink: RequestSink, core: ClientConnection, data: Uint8Array): boolean {
  if (!core.chunkedOut) return sink.write(core.send({ type: 'data', data }));
  core.send({ type: 'data', data: EMPTY }); // state check only
  sink.cork();
  sink.write(chunkHeader(data.byteLength));
  sink.write(data);
  const ok = sink.write(CHUNK_END);
  sink.uncork();
  return ok;
}

const EMPTY = new Uint8Array(0);
