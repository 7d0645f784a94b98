/**
 * The pool layer's internal error tree, mirroring urllib3 2.x's `urllib3.exceptions` (names
 * kept, snake_case → camelCase). Internal: requests/ translates these into Requests' public tree
 * in exactly one function (as `requests.adapters.HTTPAdapter.send` does), keeping the original as
 * `cause`. Engine/protocol errors are kept as `cause` here too.
 *
 * One deliberate difference: in urllib3 `NewConnectionError` subclasses `ConnectTimeoutError`
 * (a historical accident that Requests undoes with an extra isinstance check). Here a refused or
 * unresolvable connection is never a timeout: `NewConnectionError` is not a `ConnectTimeoutError`.
 * `Retry` still counts both as connection errors, as urllib3 does.
 */

/** Base of every pool error (urllib3's `HTTPError`). */
export class PoolError extends Error {
  override name = 'PoolError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An error tied to one URL (urllib3's `RequestError`). */
export class RequestError extends PoolError {
  override name = 'RequestError';
  constructor(readonly url: string | null, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The Retry policy ran out; `reason` is the last error (or a ResponseError for status retries).
 * Thrown by urlopen. The message is urllib3's: "HTTPConnectionPool(host='h', port=80): Max
 * retries exceeded with url: /path (Caused by NewConnectionError('...'))".
 */
export class MaxRetryError extends RequestError {
  override name = 'MaxRetryError';
  constructor(url: string | null, readonly reason: Error | null, pool: string | null = null) {
    super(url, `${pool === null ? '' : `${pool}: `}Max retries exceeded with url: ${url ?? 'None'} (Caused by ${describe(reason)})`, { cause: reason ?? undefined });
  }
}

/** A redirect or absolute URL pointed to another host than this pool's (urllib3's HostChangedError). */
export class HostChangedError extends RequestError {
  override name = 'HostChangedError';
}

/** Base of the timeout errors (urllib3's `TimeoutError`). */
export class TimeoutError extends PoolError {
  override name = 'TimeoutError';
}

/** No byte arrived within the read timeout (or the total deadline passed while reading). */
export class ReadTimeoutError extends TimeoutError {
  override name = 'ReadTimeoutError';
  constructor(readonly url: string | null, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** TCP (+TLS, + proxy CONNECT) was not established within the connect timeout. */
export class ConnectTimeoutError extends TimeoutError {
  override name = 'ConnectTimeoutError';
}

/** The connection could not be made: refused, unreachable, reset during connect. Never a timeout (see header). */
export class NewConnectionError extends PoolError {
  override name = 'NewConnectionError';
}

/** The host name did not resolve (DNS failure). */
export class NameResolutionError extends NewConnectionError {
  override name = 'NameResolutionError';
}

/** The proxy refused the connection, failed, or answered CONNECT with a non-2xx status. `originalError` is why. */
export class ProxyError extends PoolError {
  override name = 'ProxyError';
  constructor(message: string, readonly originalError: Error | null) {
    super(originalError ? `${message}: ${originalError.message}` : message, { cause: originalError ?? undefined });
  }
}

/** TLS handshake or certificate verification failed. */
export class SSLError extends PoolError {
  override name = 'SSLError';
}

/**
 * The connection broke mid-exchange ("Connection aborted." before the response, "Connection
 * broken: ..." while reading the body, malformed framing). Requests turns it into ConnectionError
 * (during send) or ChunkedEncodingError (while reading content).
 */
export class ProtocolError extends PoolError {
  override name = 'ProtocolError';
}

/** Content-Encoding could not be decoded, or a decoding bound (size, number of codings) was passed. */
export class DecodeError extends PoolError {
  override name = 'DecodeError';
}

/** The pool's maxsize connections are busy and none came back within the pool timeout (block=true). */
export class EmptyPoolError extends PoolError {
  override name = 'EmptyPoolError';
}

/** The pool (or manager) was closed while a request waited for it. */
export class ClosedPoolError extends PoolError {
  override name = 'ClosedPoolError';
}

/** Used as MaxRetryError.reason when status retries run out (urllib3's ResponseError). */
export class ResponseError extends PoolError {
  override name = 'ResponseError';
  static readonly GENERIC_ERROR = 'too many error responses';
  static specific(status: number): string {
    return `too many ${status} error responses`;
  }
}

/** A URL without a host, or otherwise unusable (urllib3's LocationValueError). */
export class LocationValueError extends PoolError {
  override name = 'LocationValueError';
}

/** The URL's scheme is neither http nor https (urllib3's URLSchemeUnknown). */
export class URLSchemeUnknown extends LocationValueError {
  override name = 'URLSchemeUnknown';
  constructor(readonly scheme: string) {
    super(`Not supported URL scheme ${scheme}`);
  }
}

/** The URL could not be parsed. */
export class LocationParseError extends LocationValueError {
  override name = 'LocationParseError';
}

/** A proxy URL with a scheme we cannot speak (socks5://...). */
export class ProxySchemeUnknown extends LocationValueError {
  override name = 'ProxySchemeUnknown';
  constructor(readonly scheme: string) {
    super(`Proxy URL had unsupported scheme ${scheme}, should use http:// or https://`);
  }
}

/**
 * A header value we had to interpret was invalid: Retry-After that is neither seconds nor an
 * HTTP-date, or conflicting Content-Length values (urllib3 HTTPResponse._init_length). Not retried.
 */
export class InvalidHeader extends PoolError {
  override name = 'InvalidHeader';
}

/** A retry or redirect needed to send the body again but it was a one-shot stream (urllib3's UnrewindableBodyError). */
export class UnrewindableBodyError extends PoolError {
  override name = 'UnrewindableBodyError';
}

/** Python's repr of an exception: Name('message'). */
function describe(err: Error | null): string {
  if (err === null) return 'None';
  return `${err.name}(${pyStr(err.message)})`;
}

/** Python's repr of a str: single quotes unless only double quotes avoid escaping. */
function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

/** The proxy answered CONNECT with a non-2xx status (http.client's OSError "Tunnel connection failed: 407 ..."); wrapped in ProxyError. */
export class TunnelError extends PoolError {
  override name = 'TunnelError';
  constructor(readonly status: number, readonly reason: string, readonly headers: readonly string[]) {
    super(`Tunnel connection failed: ${status} ${reason.trim()}`.trimEnd());
  }
}
