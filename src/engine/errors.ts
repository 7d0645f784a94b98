/**
 * Socket-level errors of the engine. Internal: client/ and pool/ translate them into their
 * public trees. The Node error, when there is one, is kept as `cause`.
 */

export class EngineError extends Error {
  override name = 'EngineError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The TCP connection could not be made (refused, unreachable, DNS failure). Never a timeout. */
export class ConnectError extends EngineError {
  override name = 'ConnectError';
}

/** No TCP (+TLS) connection within the connect timeout. */
export class ConnectTimeoutError extends EngineError {
  override name = 'ConnectTimeoutError';
}

/** No byte received within the read timeout while waiting for or reading a response. */
export class ReadTimeoutError extends EngineError {
  override name = 'ReadTimeoutError';
}

/** The TLS handshake or certificate verification failed; the message names the host. */
export class TlsError extends EngineError {
  override name = 'TlsError';
}

/** The socket failed after it was connected (reset, broken pipe, write after close). */
export class SocketError extends EngineError {
  override name = 'SocketError';
}

/**
 * Sending stalled: the peer stopped reading and no byte of the request could be written within
 * the timeout (added by the engine owner). A SocketError whose `cause` carries code ETIMEDOUT,
 * as Python's sendall() raising TimeoutError('timed out') on a socket with a timeout: http.client
 * sees TimeoutError, urllib3/Requests see ProtocolError('Connection aborted.', TimeoutError).
 */
export class WriteTimeoutError extends SocketError {
  override name = 'WriteTimeoutError';
}

/** The operation was aborted by an AbortSignal. */
export class AbortError extends EngineError {
  override name = 'AbortError';
}
