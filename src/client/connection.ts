/**
 * HTTPConnection: CPython http.client.HTTPConnection over one engine Connection.
 *
 * CPython's state machine (Idle → Request-started → Request-sent → Idle at getresponse) decides
 * CannotSendRequest / CannotSendHeader / ResponseNotReady exactly where CPython raises them.
 * putrequest/putheader only buffer (synchronous); endheaders()/send() write (async, and open the
 * socket first when there is none: CPython's auto_open). A response that will close the
 * connection takes the socket with it (CPython "passes the connection to the response"), so the
 * next request opens a new one; a kept-alive socket is reused. A socket the engine knows to be
 * dead (peer closed while idle) is dropped before sending and a new one is opened, as if CPython
 * had seen `sock is None`.
 *
 * Stricter than CPython on purpose: methods and header names must be RFC 9110 tokens and header
 * values may not contain CR/LF/NUL (header injection); see protocol/grammar.ts.
 */
import type { Connection, ConnectOptions, TlsSettings } from '../engine/types.js';
import { validateHeaderName, validateHeaderValue, validateMethod } from '../protocol/grammar.js';
import {
  asBytes, bodyChunks, contentLength, encodeLatin1, headerPairs, headerText, joinBytes, JOIN_LIMIT, type BodyInit, type HeadersInit, type HeaderValue,
} from './body.js';
import { CannotSendHeader, CannotSendRequest, ConnectionError, HTTPException, NotConnected, OSError, ResponseNotReady } from './errors.js';
import { getHostport, hostHeader, pyRepr, validateNoControls } from './hostport.js';
import { HTTPResponse, RELEASED, type ResponseOwner } from './response.js';
import { HTTP_PORT } from './status.js';
import { translateError, useEngineErrors } from './translate.js';

/** CPython http.client: _MAXHEADERS. */
const MAX_HEADERS = 100;

type State = 'Idle' | 'Request-started' | 'Request-sent';

export interface HTTPConnectionOptions {
  /** Port; when omitted it is parsed from `host` ("host:8080", "[::1]:8080"), else 80 (443 for HTTPS). */
  port?: number | null;
  /**
   * Milliseconds for connecting and for each wait for response bytes (Python's socket timeout).
   * Omitted: connect 10 000 ms, read 300 000 ms. `null`: no timeout (Python's None).
   */
  timeout?: number | null;
  /** Local [host, port] to bind (port 0: any). */
  sourceAddress?: readonly [string, number] | null;
  /** Bytes per read of file-like bodies (CPython default 8192). */
  blocksize?: number;
}

export interface RequestOptions {
  body?: BodyInit | null;
  headers?: HeadersInit;
  /** Send the body chunk-encoded (only when the caller sets Transfer-Encoding itself, as CPython). */
  encodeChunked?: boolean;
}

export class HTTPConnection implements ResponseOwner {
  /** Port used when none is given (Python's default_port). */
  static defaultPort = HTTP_PORT;
  readonly host: string;
  readonly port: number;
  /** Milliseconds, or null for none; undefined means the defaults (connect 10 s, read 300 s). */
  timeout: number | null | undefined;
  sourceAddress: readonly [string, number] | null;
  blocksize: number;
  debuglevel = 0;
  /** Open the socket on demand when sending (Python's auto_open). */
  autoOpen = true;

  #conn: Connection | null = null;
  #state: State = 'Idle';
  #response: HTTPResponse | null = null;
  /** The current response once read to its end: CPython keeps it for close() until the next request; held weakly (idle memory). */
  #finished: WeakRef<HTTPResponse> | null = null;
  #method: string | null = null;
  /** The head being built by putrequest/putheader (null between requests). */
  #buffer: string[] | null = null;
  #tunnelHost: string | null = null;
  #tunnelPort: number | null = null;
  #tunnelHeaders: [string, string][] | null = null;
  /** getresponse() is waiting for the head. */
  #reading = false;
  /** Sockets handed to will-close responses (closed when their body ends); made on first use. */
  #orphans: WeakMap<HTTPResponse, Connection> | null = null;

  constructor(host: string, opts: HTTPConnectionOptions = {}) {
    this.timeout = opts.timeout;
    this.sourceAddress = opts.sourceAddress ?? null;
    this.blocksize = opts.blocksize ?? 8192;
    [this.host, this.port] = getHostport(host, opts.port, this.defaultPort);
    validateNoControls(this.host);
  }

  /** The class's default port (80; 443 for HTTPSConnection). */
  get defaultPort(): number {
    return (this.constructor as typeof HTTPConnection).defaultPort;
  }

  /** The engine connection, or null when not connected (Python's `sock`). */
  get sock(): Connection | null {
    return this.#conn;
  }

  /** Python's set_debuglevel: > 0 prints what is sent and received. */
  setDebuglevel(level: number): void {
    this.debuglevel = level;
  }

  /** CONNECT through this connection's host (a proxy) to host[:port] before anything else. */
  setTunnel(host: string, opts: { port?: number | null; headers?: HeadersInit | null } = {}): void {
    if (this.#conn !== null) throw new Error("Can't set up tunnel for established connection");
    [this.#tunnelHost, this.#tunnelPort] = getHostport(host, opts.port, this.defaultPort);
    this.#tunnelHeaders = opts.headers ? headerPairs(opts.headers).map(([k, v]) => [k, String(v)]) : null;
  }

  /** Opens the socket (and the tunnel, and TLS for HTTPS). */
  async connect(): Promise<void> {
    let conn: Connection;
    try {
      conn = await (await loadIo()).connect(this.connectOptions(this.#tunnelHost === null));
    } catch (err) {
      throw translateError(err);
    }
    // CPython simply replaces `sock`; we close the one replaced so it cannot leak.
    this.#conn?.close();
    this.#conn = conn;
    if (this.#tunnelHost !== null) {
      try {
        await this.#tunnel(conn);
      } catch (err) {
        this.close();
        throw translateError(err);
      }
    }
  }

  /** Options for the engine; subclasses add TLS. `direct`: TLS straight to this.host (no tunnel). */
  protected connectOptions(_direct: boolean): ConnectOptions {
    // undefined leaves the engine's defaults (ARCHITECTURE.md: connect 10 s, read 300 s).
    const opts: ConnectOptions = { host: this.host, port: this.port, connectTimeout: this.timeout, readTimeout: this.timeout };
    if (this.sourceAddress !== null) {
      const [localHost, localPort] = this.sourceAddress;
      if (localHost !== '') opts.localAddress = localHost;
      if (localPort !== 0) opts.localPort = localPort;
    }
    return opts;
  }

  /** TLS settings to start after a CONNECT tunnel; null for plain HTTP. */
  protected tunnelTls(): (TlsSettings & { servername?: string }) | null {
    return null;
  }

  /** CPython _tunnel: "CONNECT host:port HTTP/1.0", extra headers, then a 200 or OSError. */
  async #tunnel(conn: Connection): Promise<void> {
    const host = this.#tunnelHost!;
    const authority = host.includes(':') ? `[${host}]:${this.#tunnelPort}` : `${host}:${this.#tunnelPort}`;
    let head = `CONNECT ${authority} HTTP/1.0\r\n`;
    for (const [k, v] of this.#tunnelHeaders ?? []) head += `${k}: ${v}\r\n`;
    io!.debugSend(this.debuglevel, head + '\r\n');
    await conn.writeRaw(encodeLatin1(head + '\r\n', 'header'));
    const res = await conn.readResponse('CONNECT');
    if (res.status !== 200) {
      res.body.cancel();
      throw new OSError(`Tunnel connection failed: ${res.status} ${res.reason.trim()}`);
    }
    const tls = this.tunnelTls();
    if (tls !== null) await conn.startTls(tls, host);
  }

  /** Closes the socket and forgets the current response (CPython close()). */
  close(): void {
    this.#state = 'Idle';
    const conn = this.#conn;
    this.#conn = null;
    const response = this.#response;
    this.#response = null;
    const finished = this.#finished?.deref();
    this.#finished = null;
    conn?.close();
    response?.close();
    finished?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  /** Sends a whole request: putrequest + headers + endheaders with CPython's framing rules. */
  async request(method: string, url: string, opts: RequestOptions = {}): Promise<void> {
    const headers = opts.headers === undefined ? [] : headerPairs(opts.headers);
    const names = new Set(headers.map(([k]) => k.toLowerCase()));
    this.putrequest(method, url, { skipHost: names.has('host'), skipAcceptEncoding: names.has('accept-encoding') });
    let body: unknown = opts.body ?? null;
    // CPython _send_request: only frame the body when the caller set neither header; encode_chunked
    // counts only with the caller's own Transfer-Encoding.
    const hasLength = names.has('content-length');
    const hasTe = names.has('transfer-encoding');
    let encodeChunked = !hasLength && hasTe && (opts.encodeChunked ?? false);
    if (!hasLength && !hasTe) {
      const length = contentLength(body, method);
      if (length !== null) this.putheader('Content-Length', String(length));
      else if (body !== null) {
        encodeChunked = true;
        this.putheader('Transfer-Encoding', 'chunked');
      }
    }
    for (const [name, value] of headers) this.putheader(name, ...(Array.isArray(value) ? value : [value]));
    if (typeof body === 'string') body = encodeLatin1(body, 'body');
    await this.endheaders({ messageBody: body as BodyInit | null, encodeChunked });
  }

  /** Starts a request: the request line and the automatic Host / Accept-Encoding headers. */
  putrequest(method: string, url: string, opts: { skipHost?: boolean; skipAcceptEncoding?: boolean } = {}): void {
    this.#dropClosedResponse();
    if (this.#state !== 'Idle') throw new CannotSendRequest(this.#state);
    this.#state = 'Request-started';
    try {
      validateMethod(method);
    } catch (err) {
      throw translateError(err);
    }
    this.#method = method;
    const target = url || '/';
    validateNoControls(target);
    const nonAscii = /[^\x00-\x7f]/.exec(target);
    if (nonAscii !== null) throw new TypeError(`'ascii' codec can't encode character ${pyRepr(nonAscii[0])} in position ${nonAscii.index + method.length + 1}: the URL must be ASCII (percent-encode it)`);
    this.#buffer = [`${method} ${target} HTTP/1.1`];
    if (!opts.skipHost) {
      const host = this.#tunnelHost ?? this.host;
      const port = this.#tunnelHost !== null ? this.#tunnelPort! : this.port;
      this.putheader('Host', hostHeader(target, host, port, this.defaultPort));
    }
    if (!opts.skipAcceptEncoding) this.putheader('Accept-Encoding', 'identity');
  }

  /** Adds a header line; several values are joined with "\r\n\t" as CPython does. */
  putheader(header: string, ...values: HeaderValue[]): void {
    if (this.#state !== 'Request-started') throw new CannotSendHeader();
    const texts = values.map((v) => headerText(header, v));
    try {
      validateHeaderName(header);
      for (const t of texts) validateHeaderValue(header, t);
    } catch (err) {
      throw translateError(err);
    }
    (this.#buffer ??= []).push(`${header}: ${texts.join('\r\n\t')}`);
  }

  /** Ends the head and sends it, then the optional body (chunk-encoded when asked). */
  async endheaders(opts: { messageBody?: BodyInit | null; encodeChunked?: boolean } = {}): Promise<void> {
    if (this.#state !== 'Request-started') throw new CannotSendHeader();
    this.#state = 'Request-sent';
    await this.#sendOutput(opts.messageBody ?? null, opts.encodeChunked ?? false);
  }

  /** Writes data to the socket, opening it first if needed (auto_open). */
  async send(data: BodyInit): Promise<void> {
    const conn = await this.#ensureConnected();
    io!.debugSend(this.debuglevel, data);
    try {
      const bytes = typeof data === 'string' ? encodeLatin1(data, 'data') : asBytes(data);
      if (bytes !== null) await conn.writeRaw(bytes);
      else for await (const chunk of bodyChunks(data, this.blocksize)) await conn.writeRaw(chunk);
    } catch (err) {
      throw translateError(err);
    }
  }

  /** Reads the response head to the request just sent. */
  async getresponse(): Promise<HTTPResponse> {
    this.#dropClosedResponse();
    if (this.#state !== 'Request-sent' || this.#response !== null) throw new ResponseNotReady(this.#state);
    const conn = this.#conn;
    // A second concurrent getresponse() (impossible in blocking Python) must not read too.
    if (conn === null || this.#reading) throw new ResponseNotReady(this.#state);
    let res;
    this.#reading = true;
    try {
      res = await conn.readResponse(this.#method!);
    } catch (err) {
      const translated = translateError(err);
      // CPython getresponse: "except ConnectionError: self.close(); raise" (RemoteDisconnected is one).
      if (translated instanceof ConnectionError) this.close();
      else if (conn.isClosed() && this.#conn === conn) this.#conn = null;
      throw translated;
    } finally {
      this.#reading = false;
    }
    if (res.headers.length / 2 >= MAX_HEADERS) {
      // CPython _read_headers counts the blank line too, so 100 fields already fail.
      res.body.cancel();
      throw new HTTPException(`got more than ${MAX_HEADERS} headers`);
    }
    const response = new HTTPResponse(res, this.#method!, this, this.debuglevel);
    io!.debugReply(this.debuglevel, response);
    this.#state = 'Idle';
    if (response.willClose) {
      // CPython: "this effectively passes the connection to the response".
      this.#conn = null;
      (this.#orphans ??= new WeakMap()).set(response, conn);
      // Nothing left to read (HEAD, 204, 304, Content-Length: 0): the socket is useless now.
      if (res.body.done) conn.close();
    } else {
      this.#response = response;
      // Bodiless (HEAD, 204, 304...): the socket is idle already, even before read() is called.
      if (res.body.done) conn.setRef(false);
    }
    return response;
  }

  /** CPython: a closed response is forgotten by the next putrequest()/getresponse(). */
  #dropClosedResponse(): void {
    if (this.#response !== null && this.#response.isclosed()) this.#response = null;
    this.#finished = null;
  }

  /** Called by a response of this connection when its body ended or it was closed (see RELEASED). */
  [RELEASED](response: HTTPResponse, complete: boolean): void {
    const orphan = this.#orphans?.get(response);
    if (orphan !== undefined) {
      this.#orphans!.delete(response);
      orphan.close();
      return;
    }
    if (this.#response !== response) return;
    // isclosed() is true from now on: only close() still looks at this response.
    this.#response = null;
    this.#finished = new WeakRef(response);
    const conn = this.#conn;
    if (conn === null) return;
    // A kept-alive response ended early: the engine drained or dropped the socket (see #ensureConnected).
    if (!complete && conn.isClosed()) {
      this.#conn = null;
      return;
    }
    // An idle kept-alive socket must not keep the process alive (CPython scripts that never call
    // close() still exit); #ensureConnected refs it again before the next request.
    conn.setRef(false);
  }

  async #ensureConnected(): Promise<Connection> {
    const current = this.#conn;
    if (current !== null && (current.isClosed() || (current.isIdle() && !current.isAvailable()))) {
      current.close();
      this.#conn = null;
    }
    if (this.#conn === null) {
      if (!this.autoOpen) throw new NotConnected();
      await this.connect();
    }
    this.#conn!.setRef(true);
    return this.#conn!;
  }

  /** CPython _send_output: the buffered head, then the body chunks. A small body shares the head's write. */
  async #sendOutput(body: BodyInit | null, encodeChunked: boolean): Promise<void> {
    const head = (this.#buffer ?? []).join('\r\n') + '\r\n\r\n';
    this.#buffer = null;
    const conn = await this.#ensureConnected();
    io!.debugSend(this.debuglevel, head);
    try {
      const bytes = typeof body === 'string' ? encodeLatin1(body, 'body') : asBytes(body);
      if (bytes !== null && !encodeChunked) {
        // CPython sendall()s a bytes body whole; a small one shares the head's write.
        if (bytes.byteLength <= JOIN_LIMIT) {
          await conn.writeRaw(joinBytes(Buffer.from(head, 'latin1'), bytes));
        } else {
          // The head and the body in one write (a system call less, as the engine's requests).
          await conn.writeRaw(Buffer.from(head, 'latin1'), bytes);
        }
        return;
      }
      await conn.writeRaw(Buffer.from(head, 'latin1'));
      if (body === null) return;
      for await (const chunk of bodyChunks(bytes ?? body, this.blocksize)) {
        if (chunk.byteLength === 0) continue; // CPython: "Zero length chunk ignored"
        await conn.writeRaw(encodeChunked ? io!.encodeChunk(chunk) : chunk);
      }
      if (encodeChunked) await conn.writeRaw(io!.LAST_CHUNK);
    } catch (err) {
      throw translateError(err);
    }
  }
}

/**
 * client/io.ts (the engine...) is loaded on the first connect, not at import (issue 3: import
 * under 10 ms). Code that runs only with a connection (`#conn` set) uses `io` synchronously.
 */
let io: typeof import('./io.js') | null = null;
let loadingIo: Promise<typeof import('./io.js')> | null = null;
function loadIo(): Promise<typeof import('./io.js')> {
  loadingIo ??= import('./io.js').then((m) => {
    useEngineErrors(m.engineErrors);
    io = m;
    return m;
  });
  return loadingIo;
}

export { headerPairs, type HeadersInit, type HeaderValue };
