/**
 * engine/ and protocol/ errors → the pool's urllib3-style errors, in one place (ARCHITECTURE.md:
 * one translation per boundary; the original stays as `cause`).
 *
 * urllib3's rules, kept: a failure to connect is NewConnectionError (NameResolutionError for
 * DNS), never a timeout; TLS failures are SSLError; a socket or framing failure before the
 * response is ProtocolError('Connection aborted.'), while reading the body ProtocolError
 * ('Connection broken: ...'); conflicting Content-Length values are InvalidHeader; a failure
 * reaching the proxy (before the tunnel is up) is wrapped in ProxyError('Unable to connect to
 * proxy'). An aborted signal rethrows the signal's reason.
 */
import {
  AbortError as EngineAbortError, ConnectError, ConnectTimeoutError as EngineConnectTimeout,
  EngineError, ReadTimeoutError as EngineReadTimeout, SocketError, TlsError,
} from '../engine/errors.js';
import { ProtocolError as WireProtocolError } from '../protocol/errors.js';
import {
  ConnectTimeoutError, InvalidHeader, LocationValueError, NameResolutionError, NewConnectionError, PoolError,
  ProtocolError, ProxyError, ReadTimeoutError, SSLError,
} from './errors.js';

const DNS_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);

/** Python's str(OSError) for the usual Linux connect failures, so messages read as urllib3's. */
const ERRNO: Readonly<Record<string, string>> = {
  ECONNREFUSED: '[Errno 111] Connection refused',
  ECONNRESET: '[Errno 104] Connection reset by peer',
  EHOSTUNREACH: '[Errno 113] No route to host',
  ENETUNREACH: '[Errno 101] Network is unreachable',
  ETIMEDOUT: '[Errno 110] Connection timed out',
  EADDRNOTAVAIL: '[Errno 99] Cannot assign requested address',
  ENOTFOUND: '[Errno -2] Name or service not known',
  EAI_AGAIN: '[Errno -3] Temporary failure in name resolution',
};

export interface SendErrorContext {
  readonly url: string;
  /** urllib3's pool repr, prefixed to timeout messages as urllib3's str(ReadTimeoutError) does. */
  readonly pool: string;
  readonly host: string;
  readonly port: number;
  readonly connectTimeout: number | null;
  readonly readTimeout: number | null;
  readonly signal: AbortSignal | undefined;
  /** Going through a proxy whose connection (or tunnel) was not established yet. */
  readonly proxyPending: boolean;
}

function seconds(ms: number | null): string {
  return ms === null ? 'None' : String(ms / 1000);
}

function codeOf(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** An error thrown while connecting, sending, or awaiting the response head. */
export function translateSendError(err: unknown, ctx: SendErrorContext): unknown {
  if (ctx.signal?.aborted) return ctx.signal.reason;
  if (err instanceof PoolError) return err;
  const e = translateCore(err, ctx);
  if (ctx.proxyPending && (e instanceof NewConnectionError || e instanceof ConnectTimeoutError || e instanceof SSLError || e instanceof ProtocolError)) {
    return new ProxyError('Unable to connect to proxy', e);
  }
  return e;
}

function translateCore(err: unknown, ctx: SendErrorContext): unknown {
  if (err instanceof ConnectError) {
    const code = codeOf(err) ?? '';
    const why = ERRNO[code] ?? err.message;
    return DNS_CODES.has(code) ? new NameResolutionError(`Failed to resolve '${ctx.host}' (${why})`, { cause: err })
      : new NewConnectionError(`Failed to establish a new connection: ${why}`, { cause: err });
  }
  if (err instanceof EngineConnectTimeout) {
    return new ConnectTimeoutError(`Connection to ${ctx.host} timed out. (connect timeout=${seconds(ctx.connectTimeout)})`, { cause: err });
  }
  if (err instanceof EngineReadTimeout) {
    return new ReadTimeoutError(ctx.url, `${ctx.pool}: Read timed out. (read timeout=${seconds(ctx.readTimeout)})`, { cause: err });
  }
  if (err instanceof TlsError) return new SSLError(err.message, { cause: err });
  if (err instanceof WireProtocolError) {
    if (err.code === 'INVALID_REQUEST') {
      return /header/i.test(err.message) ? new InvalidHeader(err.message, { cause: err }) : new LocationValueError(err.message, { cause: err });
    }
    if (isConflictingLength(err)) return new InvalidHeader(err.message, { cause: err });
    return new ProtocolError(`Connection aborted.: ${err.message}`, { cause: err });
  }
  if (err instanceof SocketError || err instanceof EngineAbortError || err instanceof EngineError) {
    return new ProtocolError(`Connection aborted.: ${err.message}`, { cause: err });
  }
  return err;
}

/**
 * urllib3 HTTPResponse._init_length (1.26 and 2.x): several Content-Length values that differ are
 * InvalidHeader("Content-Length contained multiple unmatching values (2, 3)") — not a connection
 * failure, so urlopen does not retry it (InvalidHeader is outside its except clause).
 */
function isConflictingLength(err: WireProtocolError): boolean {
  return err.code === 'BAD_CONTENT_LENGTH' && err.message.startsWith('Content-Length contained multiple unmatching values');
}

/** An error thrown while reading the body (urllib3's HTTPResponse._error_catcher). */
export function translateBodyError(err: unknown, url: string, pool: string, readTimeout: number | null, signal: AbortSignal | undefined, received: number): unknown {
  if (signal?.aborted) return signal.reason;
  if (err instanceof PoolError) return err;
  if (err instanceof EngineReadTimeout) {
    return new ReadTimeoutError(url, `${pool}: Read timed out. (read timeout=${seconds(readTimeout)})`, { cause: err });
  }
  if (err instanceof TlsError) return new SSLError(err.message, { cause: err });
  if (err instanceof WireProtocolError && err.code === 'INCOMPLETE') {
    const more = err.expected === null || err.expected === undefined ? '' : `, ${err.expected} more expected`;
    return new ProtocolError(`Connection broken: IncompleteRead(${received} bytes read${more})`, { cause: err });
  }
  if (err instanceof WireProtocolError || err instanceof EngineError) {
    return new ProtocolError(`Connection broken: ${err.message}`, { cause: err });
  }
  return err;
}

/** Whether a failure on a reused connection happened before any byte of the response (a stale keep-alive socket). */
export function isStaleConnectionError(err: unknown): boolean {
  if (err instanceof WireProtocolError) return err.code === 'REMOTE_DISCONNECTED';
  return err instanceof SocketError;
}
