/**
 * http.client's exception tree (CPython 3.11 Lib/http/client.py), plus the OSError family that
 * Python's socket and ssl modules raise underneath it. The prototype chain follows Python's first
 * base class; second bases are brands (src/internal/brand.ts) so `instanceof` answers as in Python.
 *
 * Only translate.ts turns engine/protocol errors into these; it keeps the original as `cause`.
 */
import { addSecondBase } from '../internal/brand.js';

/** CPython http.client: _MAXLINE, quoted by LineTooLong's message. */
export const MAX_LINE = 65536;

/** Base of the tree: thrown directly for "got more than 100 headers" and other malformed responses. */
export class HTTPException extends Error {
  override name = 'HTTPException';
  constructor(message = '', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** send() on a closed connection whose auto-open is off (never by default, as in CPython). */
export class NotConnected extends HTTPException {
  override name = 'NotConnected';
}

/** A bad port in the host string ("nonnumeric port: 'x'") or control characters in host or URL. */
export class InvalidURL extends HTTPException {
  override name = 'InvalidURL';
}

/** The status line names a protocol other than HTTP/0.9, HTTP/1.x (e.g. "HTTP/2.0"). */
export class UnknownProtocol extends HTTPException {
  override name = 'UnknownProtocol';
  readonly version: string;
  constructor(version: string, options?: { cause?: unknown }) {
    super(version, options);
    this.version = version;
  }
}

/** A Transfer-Encoding the client cannot decode (kept for API parity; CPython never raises it). */
export class UnknownTransferEncoding extends HTTPException {
  override name = 'UnknownTransferEncoding';
}

/** Kept for API parity with CPython, which defines but never raises it. */
export class UnimplementedFileMode extends HTTPException {
  override name = 'UnimplementedFileMode';
}

/** The peer closed before the whole body arrived: `partial` holds what was read, `expected` what was missing. */
export class IncompleteRead extends HTTPException {
  override name = 'IncompleteRead';
  readonly partial: Uint8Array;
  readonly expected: number | null;
  constructor(partial: Uint8Array, expected: number | null = null, options?: { cause?: unknown }) {
    // CPython: __str__ is object.__str__, i.e. the repr "IncompleteRead(5 bytes read, 3 more expected)".
    super(incompleteText('IncompleteRead', partial.length, expected), options);
    this.partial = partial;
    this.expected = expected;
  }
  override toString(): string {
    return incompleteText(this.name, this.partial.length, this.expected);
  }
}

function incompleteText(name: string, got: number, expected: number | null): string {
  return expected === null ? `${name}(${got} bytes read)` : `${name}(${got} bytes read, ${expected} more expected)`;
}

/** Base of the state-machine errors below. */
export class ImproperConnectionState extends HTTPException {
  override name = 'ImproperConnectionState';
}

/** putrequest()/request() while a request is being sent or its response head is unread (message: the state). */
export class CannotSendRequest extends ImproperConnectionState {
  override name = 'CannotSendRequest';
}

/** putheader()/endheaders() outside the request-started state. */
export class CannotSendHeader extends ImproperConnectionState {
  override name = 'CannotSendHeader';
}

/** getresponse() before a request was sent, or while the previous response is still unread (message: the state). */
export class ResponseNotReady extends ImproperConnectionState {
  override name = 'ResponseNotReady';
}

/** The status line is not "HTTP/x.y NNN reason"; `line` holds it (latin-1, as received). */
export class BadStatusLine extends HTTPException {
  override name = 'BadStatusLine';
  readonly line: string;
  constructor(line: string, options?: { cause?: unknown }) {
    // CPython: an empty line is replaced by its repr, "''".
    const shown = line === '' ? "''" : line;
    super(shown, options);
    this.line = shown;
  }
}

/** A status, header, chunk-size or trailer line longer than 65 536 bytes (CPython _MAXLINE). */
export class LineTooLong extends HTTPException {
  override name = 'LineTooLong';
  constructor(lineType: string, options?: { cause?: unknown }) {
    super(`got more than ${MAX_LINE} bytes when reading ${lineType}`, options);
  }
}

// ---- Python's OSError family (socket / ssl errors surface as these, with Node's `code`) ----

/** Python's OSError: a socket-level failure. `code` is Node's (ECONNRESET...), `errno` its number when known. */
export class OSError extends Error {
  override name = 'OSError';
  /** Node's error code, e.g. 'ECONNREFUSED'; null when there is none. */
  code: string | null;
  /** The numeric errno when Node reported one, else null. */
  errno: number | null;
  constructor(message = '', options?: { cause?: unknown; code?: string | null; errno?: number | null }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = options?.code ?? null;
    this.errno = options?.errno ?? null;
  }
}

/** Base of the connection errors (refused, reset, aborted, broken pipe). */
export class ConnectionError extends OSError {
  override name = 'ConnectionError';
}

/** The peer refused the TCP connection (ECONNREFUSED). Never reported as a timeout. */
export class ConnectionRefusedError extends ConnectionError {
  override name = 'ConnectionRefusedError';
}

/** The peer reset the connection (ECONNRESET). */
export class ConnectionResetError extends ConnectionError {
  override name = 'ConnectionResetError';
}

/** The connection was aborted locally (ECONNABORTED, or an AbortSignal fired). */
export class ConnectionAbortedError extends ConnectionError {
  override name = 'ConnectionAbortedError';
}

/** Writing to a connection the peer has closed (EPIPE). */
export class BrokenPipeError extends ConnectionError {
  override name = 'BrokenPipeError';
}

/** Python's socket.timeout / TimeoutError: no connection within the connect timeout, or no byte within the read timeout. Message "timed out". */
export class TimeoutError extends OSError {
  override name = 'TimeoutError';
}

/** Python's socket.gaierror: the host name could not be resolved (ENOTFOUND, EAI_AGAIN). */
export class gaierror extends OSError {
  override name = 'gaierror';
}

/** Python's ssl.SSLError: the TLS handshake failed. */
export class SSLError extends OSError {
  override name = 'SSLError';
}

/** Python's ssl.SSLCertVerificationError: the server certificate did not verify; the message names the host. */
export class SSLCertVerificationError extends SSLError {
  override name = 'SSLCertVerificationError';
}

/** The peer closed the connection before sending any byte of a status line (keep-alive race). */
export class RemoteDisconnected extends BadStatusLine {
  override name = 'RemoteDisconnected';
  /** Python's ConnectionResetError fields (RemoteDisconnected is also one). */
  code: string | null = null;
  errno: number | null = null;
  constructor(message = 'Remote end closed connection without response', options?: { cause?: unknown }) {
    super('', options);
    this.message = message;
  }
}
// CPython: class RemoteDisconnected(ConnectionResetError, BadStatusLine).
addSecondBase(RemoteDisconnected, ConnectionResetError);
addSecondBase(RemoteDisconnected, ConnectionError);
addSecondBase(RemoteDisconnected, OSError);
