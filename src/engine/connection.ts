/**
 * One HTTP/1.1 connection over one socket: drives the sans-I/O core (protocol/connection.ts)
 * with the socket's bytes (socket-driver.ts), one exchange at a time.
 *
 * Invariants:
 * - A connection goes back to idle only after a complete, well-framed response with keep-alive,
 *   our request fully sent and no stray byte or EOF; anything else closes it.
 * - Socket failures are sticky (SocketError / ReadTimeoutError / AbortError, the Node error as
 *   cause); protocol failures (ProtocolError) close the connection and are rethrown as they are.
 * - An invalid request (INVALID_REQUEST) writes nothing and leaves the connection as it was.
 */
import type * as net from 'node:net';
import type * as tls from 'node:tls';
import { ClientConnection } from '../protocol/connection.js';
import { ProtocolError } from '../protocol/errors.js';
import type { NextEvent, ResponseEvent } from '../protocol/events.js';
import { DONE, IDLE } from '../protocol/state.js';
import { EngineBody } from './body.js';
import type { BodyHost } from './body.js';
import { onAbort } from './abort.js';
import type { ReadBuffer } from './read-buffer.js';
import { AbortError, EngineError, SocketError } from './errors.js';
import { sendRequest } from './send.js';
import type { RequestSink } from './send.js';
import { SocketDriver } from './socket-driver.js';
import { upgradeTls } from './tls.js';
import type { Connection, RequestBody, RequestHead, Response, SendOptions, TlsSettings } from './types.js';

export { HIGH_WATER_BYTES } from './socket-driver.js';

const RESOLVED: Promise<void> = Promise.resolve();

type ExchangeOptions = { readTimeout?: number | null; signal?: AbortSignal };

export class HttpConnection implements Connection, BodyHost, RequestSink {
  readonly host: string;
  readonly port: number;
  #io: SocketDriver;
  #secure: boolean;
  #core = new ClientConnection();
  #readTimeout: number | null;
  /** performance.now() when the connection last became idle (monotonic: a change of the wall clock expires nothing). */
  #idleSince = performance.now();
  #signal: AbortSignal | null = null;
  #unsubscribe: (() => void) | null = null;
  #onAbort: (() => void) | null = null;
  /** close() was called (by the user or after a non-reusable exchange): nothing more on this connection. */
  #shut = false;

  constructor(socket: net.Socket, host: string, port: number, readTimeout: number | null, reader: ReadBuffer | null = null) {
    this.host = host;
    this.port = port;
    this.#secure = 'encrypted' in socket;
    this.#readTimeout = readTimeout;
    this.#io = new SocketDriver(socket, this.#core, host, port, reader);
  }

  get secure(): boolean {
    return this.#secure;
  }
  get alpnProtocol(): string | null {
    const p = (this.#io.socket as tls.TLSSocket).alpnProtocol;
    return typeof p === 'string' ? p : null;
  }
  /** The sans-I/O core (for tests and diagnostics). */
  get protocol(): ClientConnection {
    return this.#core;
  }

  request(head: RequestHead, body: RequestBody, opts?: SendOptions): Promise<Response> {
    let pending: Promise<void> | undefined;
    try {
      this.#beginExchange(opts, true);
    } catch (e) {
      return Promise.reject(e);
    }
    try {
      pending = sendRequest(this, this.#core, head, body, opts ?? {});
    } catch (e) {
      return Promise.reject(this.#sendFailed(e));
    }
    // Common case: the whole request went out synchronously; go straight to the response.
    return pending === undefined ? this.#readHead() : this.#afterSend(pending);
  }

  async #afterSend(pending: Promise<void>): Promise<Response> {
    try {
      await pending;
    } catch (e) {
      // The peer may have answered (413, 401...) and closed before taking the whole body.
      const early = this.#earlyResponse();
      if (early !== null) return early;
      throw this.#sendFailed(e);
    }
    return this.#readHead();
  }

  /** A failed send: an invalid request leaves the connection as it was; anything else closes it. */
  #sendFailed(e: unknown): unknown {
    if ((e instanceof ProtocolError && e.code === 'INVALID_REQUEST') || e instanceof TypeError) {
      if (this.#core.ourState === IDLE) {
        this.#endExchange(false);
        return e;
      }
    }
    return this.#fail(e);
  }

  writeRaw(bytes: Uint8Array, more?: Uint8Array): Promise<void> {
    const io = this.#io;
    if (io.failure !== null) return Promise.reject(io.failure);
    if (io.closed) return Promise.reject(this.#closedError());
    if (!io.busy) {
      io.busy = true;
      const t = this.#readTimeout;
      io.setReadTimeout(t === null ? 0 : Math.max(1, t));
    }
    // Accepted below the socket's high-water mark: done (Python's sendall() returns once the
    // kernel has the bytes). Otherwise wait for 'drain', under the timeout: a peer that stops
    // reading makes this a WriteTimeoutError instead of a hang.
    if (more === undefined) return io.socket.write(bytes) ? RESOLVED : io.waitDrain();
    // A head and a large body: corked, they leave in one writev.
    io.socket.cork();
    io.socket.write(bytes);
    const accepted = io.socket.write(more);
    io.socket.uncork();
    return accepted ? RESOLVED : io.waitDrain();
  }

  async readResponse(method: string, opts?: ExchangeOptions): Promise<Response> {
    this.#beginExchange(opts, false);
    // A peer that already answered and closed is fine: its bytes are buffered and parsed first.
    this.#core.requestSent();
    this.#core.expectResponse(method);
    return this.#readHead();
  }

  async startTls(settings: TlsSettings & { servername?: string }, host: string): Promise<void> {
    const io = this.#io;
    if (io.busy || io.closed || io.failure !== null) throw new EngineError('startTls needs an idle, open connection');
    const raw = io.socket;
    io.detach(raw);
    raw.on('error', () => undefined); // the TLS socket on top reports failures; never crash on the raw one
    try {
      io.socket = await upgradeTls(raw, settings, host, this.port);
    } catch (e) {
      io.fail(e as Error);
      raw.destroy();
      throw e;
    }
    this.#secure = true;
    io.attach(io.socket);
  }

  isIdle(): boolean {
    return !this.#io.busy && !this.#io.closed;
  }
  isAvailable(): boolean {
    const io = this.#io;
    return !io.busy && !io.closed && !io.idleDirty && io.failure === null && this.#core.canReuse;
  }
  hasExpired(keepAliveMs: number, now = performance.now()): boolean {
    return !this.#io.busy && now - this.#idleSince > keepAliveMs;
  }
  isClosed(): boolean {
    return this.#io.closed;
  }
  setRef(ref: boolean): void {
    if (ref) this.#io.socket.ref();
    else this.#io.socket.unref();
  }

  close(): void {
    this.#shut = true;
    const io = this.#io;
    io.failure ??= new SocketError(`Connection to ${this.host}:${this.port} was closed`);
    this.#releaseSignal();
    io.busy = false;
    if (!(io.closed && io.socket.destroyed)) io.fail(null);
  }

  // ---- BodyHost (body.ts) ----

  get bodyRemaining(): number | null {
    return this.#core.bodyRemaining;
  }

  pullBody(): NextEvent {
    let ev: NextEvent;
    try {
      ev = this.#core.nextEvent();
    } catch (e) {
      throw this.#fail(e);
    }
    if (ev.type === 'data') this.#io.resumeIfDrained();
    else if (ev.type === 'end') this.#endExchange(true);
    else if (ev.type === 'need-data' && this.#io.failure !== null) throw this.#io.failure;
    return ev;
  }

  waitData(): Promise<void> {
    return this.#io.waitData();
  }

  cancelBody(): void {
    // Keep the connection when the rest of the body is already here (RFC 9112 §9.6 lets us close otherwise).
    try {
      for (let i = 0; i < 1_000_000; i++) {
        const ev = this.#core.nextEvent();
        if (ev.type === 'end') {
          this.#endExchange(true);
          return;
        }
        if (ev.type !== 'data') break;
      }
    } catch {
      // fall through: close
    }
    this.close();
  }

  // ---- RequestSink (send.ts) ----

  write(bytes: Uint8Array): boolean {
    return this.#io.socket.write(bytes);
  }
  cork(): void {
    this.#io.socket.cork();
  }
  uncork(): void {
    this.#io.socket.uncork();
  }
  waitDrain(): Promise<void> {
    return this.#io.waitDrain();
  }

  // ---- exchanges ----

  #beginExchange(opts: ExchangeOptions | undefined, fresh: boolean): void {
    const io = this.#io;
    if (this.#shut) throw io.failure ?? this.#closedError();
    // readResponse may run after the peer answered and then closed or reset the connection:
    // what it sent before is still buffered and is read first (CPython would read it too).
    const buffered = !fresh && (this.#core.bufferedBytes > 0 || this.#core.eof);
    if (io.failure !== null && !(buffered && this.#core.bufferedBytes > 0)) throw io.failure;
    if (io.closed && !buffered) throw this.#closedError();
    if (fresh && io.busy) throw new ProtocolError('ILLEGAL_STATE', 'A request is already in progress on this connection');
    if (fresh && !this.#core.canReuse) throw new SocketError(`Connection to ${this.host}:${this.port} is not reusable (closed by the peer or stray bytes received)`);
    const signal = opts?.signal;
    if (signal !== undefined && signal.aborted) throw new AbortError('Request aborted', { cause: signal.reason });
    io.busy = true;
    const t = opts?.readTimeout !== undefined ? opts.readTimeout : this.#readTimeout;
    io.setReadTimeout(t === null ? 0 : Math.max(1, t));
    if (signal !== undefined) {
      this.#signal = signal;
      // Created on the first exchange with a signal: connections never given one keep no closure.
      this.#onAbort ??= () => this.#aborted();
      this.#unsubscribe = onAbort(signal, this.#onAbort);
    }
  }

  async #readHead(): Promise<Response> {
    for (;;) {
      let ev: NextEvent;
      try {
        ev = this.#core.nextEvent();
      } catch (e) {
        throw this.#fail(e);
      }
      if (ev.type === 'response') return this.#makeResponse(ev);
      if (ev.type === 'need-data') {
        if (this.#io.failure !== null) throw this.#fail(this.#io.failure);
        try {
          await this.#io.waitData();
        } catch (e) {
          throw this.#fail(e);
        }
      } else if (ev.type !== 'informational') {
        throw this.#fail(new ProtocolError('ILLEGAL_STATE', `Unexpected ${ev.type} while awaiting a response head`));
      }
    }
  }

  #makeResponse(ev: ResponseEvent): Response {
    const body = new EngineBody(this, false);
    if (ev.length === 0) {
      // Bodiless (HEAD, 204, 304, Content-Length: 0): finish now so the connection is free at once.
      const end = this.pullBody();
      if (end.type === 'end') body.markDone(end.trailers);
    }
    return { version: ev.version, status: ev.status, reason: ev.reason, headers: ev.headers, chunked: ev.chunked, length: ev.length, willClose: ev.willClose, body };
  }

  /** After a failed body write: a response head already buffered, if any. */
  #earlyResponse(): Response | null {
    try {
      for (let i = 0; i < 100; i++) {
        const ev = this.#core.nextEvent();
        if (ev.type === 'response') return this.#makeResponse(ev);
        if (ev.type !== 'informational') return null;
      }
    } catch {
      return null;
    }
    return null;
  }

  /** The exchange is over: back to idle when reusable (`complete`), else closed. */
  #endExchange(complete: boolean): void {
    this.#releaseSignal();
    const io = this.#io;
    const core = this.#core;
    if (!complete) {
      io.busy = false;
      return;
    }
    if (core.ourState === DONE && core.theirState === DONE && core.canReuse && !io.closed && io.failure === null) {
      core.startNextCycle();
      io.busy = false;
      io.idleDirty = false;
      this.#idleSince = performance.now();
      io.resume();
    } else {
      this.close();
    }
  }

  /** Closes the connection after a fatal error; returns the error to throw. */
  #fail(e: unknown): unknown {
    const err = e instanceof Error ? e : new SocketError(String(e));
    const io = this.#io;
    // A ProtocolError is thrown as it is but is not a socket failure (the core keeps it sticky).
    io.fail(err instanceof ProtocolError ? null : err);
    this.#releaseSignal();
    io.busy = false;
    return io.failure ?? err;
  }

  #closedError(): SocketError {
    return new SocketError(`Connection to ${this.host}:${this.port} is closed`);
  }

  #releaseSignal(): void {
    if (this.#unsubscribe !== null) {
      this.#unsubscribe();
      this.#unsubscribe = null;
    }
    this.#signal = null;
  }

  #aborted(): void {
    const reason = this.#signal?.reason;
    this.#releaseSignal();
    this.#io.fail(new AbortError('Request aborted', { cause: reason }));
  }
}
