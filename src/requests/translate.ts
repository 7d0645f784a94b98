/**
 * The one boundary between the pool's internal errors and Requests' public tree, as
 * `requests.adapters.HTTPAdapter.send` and `Response.iter_content` do it. The original error is
 * kept as `cause`. A refused connection is never a timeout.
 */
import * as pool from '../pool/errors.js';
import { addSecondBase } from '../internal/brand.js';
import {
  ChunkedEncodingError,
  ConnectTimeout,
  ConnectionError,
  ContentDecodingError,
  InvalidHeader,
  InvalidSchema,
  InvalidURL,
  ProxyError,
  ReadTimeout,
  RequestException,
  RetryError,
  SSLError,
  UnrewindableBodyError,
  type RequestErrorOptions,
} from './errors.js';

/** Where the error happened: sending and waiting for the head, or reading the body. */
export type ErrorPhase = 'send' | 'body';

/**
 * A read timeout while reading a body: Requests 2.x raises ConnectionError there, the issue asks
 * for ReadTimeout; this is both.
 */
class BodyReadTimeout extends ReadTimeout {}
addSecondBase(BodyReadTimeout, ConnectionError);
Object.defineProperty(BodyReadTimeout, 'name', { value: 'ReadTimeout' });

/**
 * Translates an error from the pool (or below) into Requests' tree; other errors come back
 * unchanged. `viaProxy`: the request went through a proxy, where urllib3 reports socket-level
 * failures as ProxyError("Cannot connect to proxy.").
 */
export function translateError(err: unknown, phase: ErrorPhase, request: unknown = null, signal?: AbortSignal | null, viaProxy = false): unknown {
  if (err instanceof RequestException) return err;
  if (signal?.aborted === true) return signal.reason;
  if (!(err instanceof Error)) return err;
  const opts: RequestErrorOptions = { request, cause: err };
  // urllib3 1.26 HTTPResponse._init_length: conflicting Content-Length values are InvalidHeader.
  const conflict = findCause(err, (e) => (e as { code?: unknown }).code === 'BAD_CONTENT_LENGTH' && e.message.includes('multiple unmatching'));
  if (conflict !== null) return new InvalidHeader(conflict.message, opts);
  if (viaProxy && phase === 'send' && isSocketLevel(err)) return new ProxyError(`Cannot connect to proxy.: ${err.message}`, opts);
  if (err instanceof pool.MaxRetryError) return fromMaxRetry(err, opts);
  if (err instanceof pool.PoolError) return fromPoolError(err, phase, opts);
  return fromLowerLayer(err, phase, opts);
}

/** The first error in the `cause` chain (the error included) that matches, else null. */
function findCause(err: Error, match: (e: Error) => boolean): Error | null {
  let e: unknown = err;
  for (let depth = 0; depth < 10 && e instanceof Error; depth++, e = e.cause) {
    if (match(e)) return e;
  }
  return null;
}

/**
 * A failure of the socket itself (reset, refused, closed without an answer) rather than bad
 * HTTP or a timeout: urllib3's `SocketError` family, which it wraps as ProxyError behind a proxy.
 */
function isSocketLevel(err: Error): boolean {
  if (findCause(err, (e) => e instanceof pool.TimeoutError || e instanceof pool.SSLError || e instanceof pool.ProxyError || /Timeout/.test(e.name)) !== null) return false;
  return findCause(err, (e) => e.name === 'SocketError' || e.name === 'ConnectError' || (e as { code?: unknown }).code === 'REMOTE_DISCONNECTED' || e instanceof pool.NewConnectionError) !== null;
}

function fromMaxRetry(err: pool.MaxRetryError, opts: RequestErrorOptions): RequestException {
  const reason = err.reason;
  const message = err.message;
  if (reason instanceof pool.ConnectTimeoutError) return new ConnectTimeout(message, opts);
  if (reason instanceof pool.ResponseError) return new RetryError(message, opts);
  if (reason instanceof pool.ProxyError) return new ProxyError(message, opts);
  if (reason instanceof pool.SSLError) return new SSLError(message, opts);
  return new ConnectionError(message, opts);
}

function fromPoolError(err: pool.PoolError, phase: ErrorPhase, opts: RequestErrorOptions): unknown {
  const message = err.message;
  if (err instanceof pool.ProxyError) return new ProxyError(message, opts);
  if (err instanceof pool.SSLError) return new SSLError(message, opts);
  if (err instanceof pool.ReadTimeoutError) return phase === 'body' ? new BodyReadTimeout(message, opts) : new ReadTimeout(message, opts);
  if (err instanceof pool.ConnectTimeoutError) return new ConnectTimeout(message, opts);
  if (err instanceof pool.DecodeError) return new ContentDecodingError(message, opts);
  if (err instanceof pool.ProtocolError) return phase === 'body' ? new ChunkedEncodingError(message, opts) : new ConnectionError(message, opts);
  if (err instanceof pool.InvalidHeader) return new InvalidHeader(message, opts);
  if (err instanceof pool.UnrewindableBodyError) return new UnrewindableBodyError(message, opts);
  if (err instanceof pool.ProxySchemeUnknown) return new InvalidSchema(message, opts);
  if (err instanceof pool.LocationValueError) return new InvalidURL(message, opts);
  // NewConnectionError, ClosedPoolError, EmptyPoolError, HostChangedError...
  return new ConnectionError(message, opts);
}

/** Engine/protocol errors that reached us unwrapped (requests/ may not import those layers: match by name). */
function fromLowerLayer(err: Error, phase: ErrorPhase, opts: RequestErrorOptions): unknown {
  const message = err.message;
  switch (err.name) {
    case 'ConnectError':
    case 'SocketError':
      return new ConnectionError(message, opts);
    case 'ConnectTimeoutError':
      return new ConnectTimeout(message, opts);
    case 'ReadTimeoutError':
      return phase === 'body' ? new BodyReadTimeout(message, opts) : new ReadTimeout(message, opts);
    case 'TlsError':
      return new SSLError(message, opts);
    case 'ProtocolError':
      return phase === 'body' ? new ChunkedEncodingError(message, opts) : new ConnectionError(message, opts);
    default:
      return err;
  }
}
