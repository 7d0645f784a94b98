/**
 * The engine's public contract: what client/ (http.client) and pool/ (urllib3) build on.
 *
 * One `Connection` drives the sans-I/O protocol core over one socket (TCP or TLS). It sends one
 * request at a time (no pipelining) and reads its response with back pressure: body bytes are
 * pulled chunk by chunk, never buffered whole. Headers travel as flat `[name, value, ...]` arrays
 * in wire order with the names' original case.
 *
 * Errors: protocol failures are `ProtocolError` (protocol/errors.ts) with a `code`; socket-level
 * failures are the `EngineError` subclasses of engine/errors.ts. A refused connection is a
 * `ConnectError` (cause: the Node error with code ECONNREFUSED), never a timeout.
 */

/** Flat header list: [name0, value0, name1, value1, ...], wire order, original case. */
export type HeaderList = string[];

/** TLS settings. Everything here is part of the pool key (pool/ keys on all of it). */
export interface TlsSettings {
  /** Trusted CA certificate(s), PEM. Default: Node's bundled roots. */
  ca?: string | Uint8Array | ReadonlyArray<string | Uint8Array>;
  /** Client certificate chain, PEM. */
  cert?: string | Uint8Array;
  /** Client private key, PEM. */
  key?: string | Uint8Array;
  passphrase?: string;
  /** Verify the peer certificate chain. Default true. */
  rejectUnauthorized?: boolean;
  /** Verify that the certificate matches the host name. Default true (only meaningful when verifying). */
  checkHostname?: boolean;
  /** SNI and the name checked against the certificate. Default: the host, unless it is an IP literal. */
  servername?: string;
  /** ALPN protocols offered. Default ['http/1.1']. */
  alpnProtocols?: string[];
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
  ciphers?: string;
}

export interface ConnectOptions {
  host: string;
  port: number;
  /** null/undefined: plain TCP. */
  tls?: TlsSettings | null;
  /** Milliseconds to establish TCP (+TLS). null: no limit. Default 10 000. */
  connectTimeout?: number | null;
  /** Milliseconds allowed between two received bytes while a response is awaited/read. null: none. Default 300 000. */
  readTimeout?: number | null;
  /** Local address (and port) to bind, as http.client's source_address. */
  localAddress?: string;
  localPort?: number;
  signal?: AbortSignal;
}

/** The head of a request, before validation. Values already strings. */
export interface RequestHead {
  method: string;
  /** origin-form (/path?q), absolute-form (proxies), authority-form (CONNECT) or '*'. */
  target: string;
  headers: HeaderList;
}

/** A request body. Strings are encoded as UTF-8 by the caller's choice; pass bytes to be exact. */
export type RequestBody = null | undefined | string | Uint8Array | AsyncIterable<Uint8Array>;

export interface SendOptions {
  /** Known body length; for an AsyncIterable body without it, chunked is used. */
  bodyLength?: number | null;
  /** Force chunked transfer coding even when the length is known. */
  encodeChunked?: boolean;
  /**
   * When true the engine adds framing headers itself: Content-Length / Transfer-Encoding per the
   * body (CPython rules: nothing for a bodiless GET/HEAD/..., `Content-Length: 0` for
   * POST/PUT/PATCH without a body). When false the caller's headers are sent as given and only
   * the body bytes (chunk-encoded if `encodeChunked`) are written. Default true.
   */
  addFraming?: boolean;
  /** Milliseconds between received bytes for this exchange (overrides the connection's). */
  readTimeout?: number | null;
  signal?: AbortSignal;
}

/** The response head as parsed (1xx interim responses already skipped). */
export interface ResponseHead {
  /** 10 for HTTP/1.0, 11 for HTTP/1.1 (http.client's `version`). */
  version: 10 | 11;
  status: number;
  /** Reason phrase, '' when absent. */
  reason: string;
  headers: HeaderList;
  /** Framing decided by RFC 9112 §6.3. */
  chunked: boolean;
  /** Content-Length when the body is length-delimited, else null. 0 for bodiless responses. */
  length: number | null;
  /** The connection will not be reusable after this response (Connection: close, HTTP/1.0 without keep-alive, read-until-close, TE+CL, ...). */
  willClose: boolean;
}

/**
 * A response body, pulled with back pressure. Chunks are views (`subarray`) into receive
 * buffers and valid until the next `read()`; copy them to keep them.
 *
 * Engine note (backward-compatible strengthening, engine owner): the engine never reuses or
 * overwrites a receive buffer (each socket read is a fresh allocation, trimmed to its length;
 * a line split across reads is joined into a new buffer), so chunks in fact stay valid for as
 * long as they are referenced. Callers that keep chunks may skip the copy.
 */
export interface BodyReader extends AsyncIterable<Uint8Array> {
  /** The next chunk, or null at the end of the body. Throws ProtocolError('INCOMPLETE') on truncation, EngineError on socket failure/timeout. */
  read(): Promise<Uint8Array | null>;
  /** Read at most `max` bytes (>0): returns fewer only at the end, null when nothing remains. */
  readUpTo(max: number): Promise<Uint8Array | null>;
  /** True once the whole body was read (or there was none). */
  readonly done: boolean;
  /** Chunked trailers once done, else null. */
  readonly trailers: HeaderList | null;
  /** Bytes of body delivered so far. */
  readonly received: number;
  /**
   * Stop reading. If the rest is small and already/quickly available the engine may drain it to
   * keep the connection; otherwise the connection is closed. Idempotent.
   */
  cancel(): void;
}

export interface Response extends ResponseHead {
  body: BodyReader;
}

export interface Connection {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** Negotiated ALPN protocol for TLS, else null. */
  readonly alpnProtocol: string | null;

  /**
   * Sends a whole request (head plus body; head and a small body in one write) and resolves with
   * the final response head. Validates the head first (protocol rules) and throws
   * ProtocolError('INVALID_REQUEST') before writing anything when it is bad. `HEAD` requests
   * and 1xx/204/304 responses get an empty body.
   */
  request(head: RequestHead, body: RequestBody, opts?: SendOptions): Promise<Response>;

  /**
   * Low-level path for http.client's putrequest/putheader/endheaders/send: write raw bytes that
   * the caller serialised (with protocol/writers helpers). Resolves when flushed to the socket.
   * Engine note: resolves as soon as the socket accepted the bytes (as Python's sendall()
   * returns once the kernel has them); when its buffer is full it waits for 'drain' under the
   * connection's read timeout, and a peer that stops reading fails it with WriteTimeoutError
   * (a SocketError whose cause has code ETIMEDOUT). Write failures (EPIPE, ECONNRESET) reject
   * this or the next call.
   */
  writeRaw(bytes: Uint8Array): Promise<void>;
  /** writeRaw of a head and its body together: one system call where the socket allows (corked). */
  writeRaw(bytes: Uint8Array, more: Uint8Array): Promise<void>;
  /** After a low-level write sequence: read the response to a request with this method. */
  readResponse(method: string, opts?: { readTimeout?: number | null; signal?: AbortSignal }): Promise<Response>;

  /** Upgrade this (CONNECT-tunnelled) plain connection to TLS towards the origin. */
  startTls(tls: TlsSettings & { servername?: string }, host: string): Promise<void>;

  /** No request in progress and the socket is usable. */
  isIdle(): boolean;
  /** Idle and did not receive unexpected bytes or EOF while idle: safe to reuse. */
  isAvailable(): boolean;
  /** Idle for longer than `keepAliveMs` (measured from when it became idle); `now` is a performance.now() reading. */
  hasExpired(keepAliveMs: number, now?: number): boolean;
  isClosed(): boolean;
  /** Keep (or stop) the event loop alive for this socket while idle. Idle pooled sockets are unref'd. */
  setRef(ref: boolean): void;
  close(): void;
}
