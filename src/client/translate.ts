/**
 * The one boundary translation engine/protocol → http.client (ARCHITECTURE.md: one function per
 * boundary). ProtocolError codes become CPython's HTTPException tree; EngineErrors become the
 * OSError family Python's socket/ssl modules raise. The original is always kept as `cause`.
 */
import type * as EngineErrors from '../engine/errors.js';
import { ProtocolError } from '../protocol/errors.js';
import {
  BadStatusLine, BrokenPipeError, ConnectionAbortedError, ConnectionRefusedError, ConnectionResetError, HTTPException,
  ImproperConnectionState, IncompleteRead, InvalidURL, LineTooLong, OSError, RemoteDisconnected, SSLCertVerificationError,
  SSLError, TimeoutError, UnknownProtocol, UnknownTransferEncoding, gaierror,
} from './errors.js';

const EMPTY = new Uint8Array(0);

/** Node/OpenSSL codes that mean "the certificate did not verify" (ssl.SSLCertVerificationError). */
const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|HOSTNAME|ISSUER|CHAIN|SIGNATURE_FAILURE/;

/**
 * The engine's error classes, given by connection.ts when it loads the engine (client/io.ts) on
 * the first connect: importing httpkit/client does not load them, and no engine error can exist
 * before the engine does.
 */
let engineErrors: typeof EngineErrors | null = null;

export function useEngineErrors(classes: typeof EngineErrors): void {
  engineErrors = classes;
}

/**
 * Translates an error from engine/ or protocol/ into http.client's tree. Anything else (already
 * translated, a user's TypeError...) is returned unchanged.
 */
export function translateError(err: unknown): unknown {
  if (err instanceof ProtocolError) return fromProtocol(err);
  if (engineErrors !== null && err instanceof engineErrors.EngineError) return fromEngine(err, engineErrors);
  return err;
}

function fromProtocol(err: ProtocolError): Error {
  const cause = { cause: err };
  switch (err.code) {
    case 'INVALID_REQUEST':
      // CPython: control characters in the URL are InvalidURL; a bad method/header is ValueError (API.md: TypeError).
      return /target/i.test(err.message) ? new InvalidURL(err.message, cause) : new TypeError(err.message, cause);
    case 'LINE_TOO_LONG':
      return new LineTooLong(lineType(err.message), cause);
    case 'TOO_MANY_HEADERS':
      return new HTTPException('got more than 100 headers', cause);
    case 'BAD_STATUS_LINE':
      return badStatus(err.line ?? '', cause);
    case 'UNKNOWN_PROTOCOL':
      return new UnknownProtocol(err.line ?? '', cause);
    case 'REMOTE_DISCONNECTED':
      return new RemoteDisconnected('Remote end closed connection without response', cause);
    case 'INCOMPLETE':
      return new IncompleteRead(err.partial ?? EMPTY, err.expected ?? null, cause);
    case 'BAD_CHUNK':
      // CPython: an unparsable chunk-size line closes the connection and raises IncompleteRead(b'').
      return new IncompleteRead(err.partial ?? EMPTY, null, cause);
    case 'UNKNOWN_TRANSFER_ENCODING':
      return new UnknownTransferEncoding(err.message, cause);
    case 'ILLEGAL_STATE':
      return new ImproperConnectionState(err.message, cause);
    default:
      // HEAD_TOO_LARGE, BAD_HEADER, BAD_CONTENT_LENGTH, TOO_MANY_INTERIM: CPython is lenient here;
      // we refuse (response smuggling) and say why.
      return new HTTPException(err.message, cause);
  }
}

/** CPython's LineTooLong names the line it was reading. */
function lineType(message: string): string {
  if (/status/i.test(message)) return 'status line';
  if (/trailer/i.test(message)) return 'trailer line';
  if (/chunk/i.test(message)) return 'chunk size';
  return 'header line';
}

/** CPython begin(): "HTTP/2.0 200 OK" is UnknownProtocol('HTTP/2.0'); other garbage is BadStatusLine(line). */
function badStatus(line: string, cause: { cause: unknown }): Error {
  const parts = line.trim().split(/\s+/);
  const version = parts[0] ?? '';
  const status = parts[1] ?? '';
  const wellFormed = /^\d+$/.test(status) && Number(status) >= 100 && Number(status) <= 999;
  if (version.startsWith('HTTP/') && wellFormed && !/^HTTP\/(1\.|0\.9$)/.test(version)) return new UnknownProtocol(version, cause);
  return new BadStatusLine(line, cause);
}

function fromEngine(err: EngineErrors.EngineError, e: typeof EngineErrors): Error {
  const code = nodeCode(err.cause);
  const errno = nodeErrno(err.cause);
  const opts = { cause: err, code, errno };
  if (err instanceof e.ConnectTimeoutError || err instanceof e.ReadTimeoutError) return new TimeoutError('timed out', opts);
  if (err instanceof e.TlsError) return code !== null && CERT_CODES.test(code) ? new SSLCertVerificationError(err.message, opts) : new SSLError(err.message, opts);
  if (err instanceof e.AbortError) return new ConnectionAbortedError(err.message, opts);
  if (err instanceof e.ConnectError || err instanceof e.SocketError) return byCode(err.message, code, opts);
  return new OSError(err.message, opts);
}

function byCode(message: string, code: string | null, opts: { cause: unknown; code: string | null; errno: number | null }): Error {
  switch (code) {
    case 'ECONNREFUSED': return new ConnectionRefusedError(message, opts);
    case 'ECONNRESET': return new ConnectionResetError(message, opts);
    case 'ECONNABORTED': return new ConnectionAbortedError(message, opts);
    case 'EPIPE': return new BrokenPipeError(message, opts);
    case 'ETIMEDOUT': return new TimeoutError('timed out', opts);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME': return new gaierror(message, opts);
    default: return new OSError(message, opts);
  }
}

function nodeCode(cause: unknown): string | null {
  const code = (cause as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : null;
}

function nodeErrno(cause: unknown): number | null {
  const errno = (cause as { errno?: unknown } | null | undefined)?.errno;
  return typeof errno === 'number' ? errno : null;
}
