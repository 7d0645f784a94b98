/**
 * One HTTP/1.1 connection over one socket: drives the sans-I/O core (protocol/connection.ts)
 * with the socket's bytes, one exchange at a time.
 *
 * Invariants:
 * - Back pressure: the socket is paused while more than HIGH_WATER_BYTES of received bytes wait
 *   for the reader, and resumed when the reader catches up; a huge body never sits in memory.
 * - The read timeout counts between received bytes only while someone waits for them (a slow
 *   reader of a paused socket is not timed out).
 * - A connection goes back to idle only after a complete, well-framed response with keep-alive,
 *   our request fully sent and no stray byte or EOF; anything else closes it.
 * - Socket failures are sticky (SocketError / ReadTimeoutError / AbortError, the Node error as
 *   cause); protocol failures (ProtocolError) close the connection and are rethrown as they are.
 */
import type * as net from 'node:net';
import type * as tls from 'node:tls';
import { ClientConnection } from '../protocol/connection.js';
import { ProtocolError } from '../protocol/errors.js';
import type { NextEvent, ResponseEvent } from '../protocol/events.js';
import { DONE } from '../protocol/state.js';
import { EngineBody } from './body.js';
import type { BodyHost } from './body.js';
import { AbortError, EngineError, ReadTimeoutError, SocketError } from './errors.js';
import { sendRequest } from './send.js';
import type { RequestSink } from './send.js';
import { upgradeTls } from './tls.js';
import type { Connection, RequestBody, RequestHead, Response, SendOptions, TlsSettings } from './types.js';

/** Received-but-unread bytes above which the socket is paused (resumed below it). */
export const HIGH_WATER_BYTES = 512 * 1024;

type ExchangeOptions = { readTimeout?: number | null; signal?: AbortSignal };

export class HttpConnection implements Connection, BodyHost, RequestSink {
  readonly host: string;
  readonly port: number;
  #socket: net.Socket;
  #secure: boolean;
  #core = new ClientConnection();
  #readTimeout: number | null;
  #timeoutSet = 0;
  #timerLapsed = false;
  #busy = false;
  #closed = false;
  #idleSince = Date.now();
  #idleDirty = false;
  #paused = false;
  #failure: Error | null = null;
  #wake: (() => void) | null = null;
  #wakeFail: ((e: Error) => void) | null = null;
  #drainWake: (() => void) | null = null;
  #drainFail: ((e: Error) => void) | null = null;
  #signal: AbortSignal | null = null;

  constructor(socket: net.Socket, host: string, port: number, readTimeout: number | null) {
    this.host = host;
    this.port = port;
    this.#socket = socket;
    this.#secure = 'encrypted' in socket;
    this.#readTimeout = readTimeout;
    this.#attach(socket);
  }

  get secure(): boolean {
    return this.#secure;
  }
  get alpnProtocol(): string | null {
    const p = (this.#socket as tls.TLSSocket).alpnProtocol;
    return typeof p === 'string' ? p : null;
  }
  /** The sans-I/O core (for the http.client facade's low-level path and tests). */
  get protocol(): ClientConnection {
    return this.#core;
  }

  request(head: RequestHead, body: RequestBody, opts?: SendOptions): Promise<Response> {
    try {
      this.#beginExchange(opts, true);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.#requestInner(head, body, opts ?? {});
  }

  async #requestInner(head: RequestHead, body: RequestBody, opts: SendOptions): Promise<Response> {
    try {
      await sendRequest(this, this.#core, head, body, opts);
    } catch (e) {
      if (e instanceof ProtocolError && e.code === 'INVALID_REQUEST') {
        this.#endExchange(false);
        throw e;
      }
      // The peer may have answered (413, 401...) and closed before taking the whole body.
      const early = this.#earlyResponse();
      if (early !== null) return early;
      throw this.#fail(e);
    }
    return this.#readHead();
  }

  writeRaw(bytes: Uint8Array): Promise<void> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    if (this.#closed) return Promise.reject(new SocketError(`Connection to ${this.host}:${this.port} is closed`));
    this.#busy = true;
    return new Promise((resolve, reject) => {
      this.#socket.write(bytes, (err) => (err ? reject(this.#socketError(err)) : resolve()));
    });
  }

  async readResponse(method: string, opts?: ExchangeOptions): Promise<Response> {
    this.#beginExchange(opts, false);
    // A peer that already answered and closed is fine: its bytes are buffered and parsed first.
    this.#core.requestSent();
    this.#core.expectResponse(method);
    return this.#readHead();
  }

  async startTls(settings: TlsSettings & { servername?: string }, host: string): Promise<void> {
    if (this.#busy || this.#closed) throw new EngineError('startTls needs an idle, open connection');
    const raw = this.#socket;
    this.#detach(raw);
    if (this.#paused) raw.resume();
    this.#paused = false;
    try {
      this.#socket = await upgradeTls(raw, settings, host, this.port);
    } catch (e) {
      this.#closed = true;
      raw.destroy();
      throw e;
    }
    this.#secure = true;
    this.#timeoutSet = 0;
    this.#attach(this.#socket);
  }

  isIdle(): boolean {
    return !this.#busy && !this.#closed;
  }
  isAvailable(): boolean {
    return !this.#busy && !this.#closed && !this.#idleDirty && this.#core.canReuse;
  }
  hasExpired(keepAliveMs: number, now = Date.now()): boolean {
    return !this.#busy && now - this.#idleSince > keepAliveMs;
  }
  isClosed(): boolean {
    return this.#closed;
  }
  setRef(ref: boolean): void {
    if (ref) this.#socket.ref();
    else this.#socket.unref();
  }

  close(): void {
    this.#failure ??= new SocketError(`Connection to ${this.host}:${this.port} was closed`);
    if (this.#closed && this.#socket.destroyed) return;
    this.#closed = true;
    this.#socket.destroy();
    this.#wakeWith(this.#failure);
    this.#releaseSignal();
    this.#busy = false;
  }

  // ---- BodyHost ----

  pullBody(): NextEvent {
    let ev: NextEvent;
    try {
      ev = this.#core.nextEvent();
    } catch (e) {
      throw this.#fail(e);
    }
    if (ev.type === 'data') {
      if (this.#paused && this.#core.bufferedBytes < HIGH_WATER_BYTES) this.#resume();
    } else if (ev.type === 'end') {
      this.#endExchange(true);
    } else if (ev.type === 'need-data' && this.#failure !== null) {
      throw this.#failure;
    }
    return ev;
  }

  get bodyRemaining(): number | null {
    return this.#core.bodyRemaining;
  }

  waitData(): Promise<void> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    if (this.#wake !== null) return Promise.reject(new EngineError('Concurrent reads on one connection: await each read() before the next'));
    if (this.#paused) this.#resume();
    if (this.#timerLapsed && this.#timeoutSet > 0) {
      this.#timerLapsed = false;
      this.#socket.setTimeout(this.#timeoutSet);
    }
    return new Promise((resolve, reject) => {
      this.#wake = resolve;
      this.#wakeFail = reject;
    });
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
    return this.#socket.write(bytes);
  }
  cork(): void {
    this.#socket.cork();
  }
  uncork(): void {
    this.#socket.uncork();
  }
  waitDrain(): Promise<void> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#drainWake = resolve;
      this.#drainFail = reject;
    });
  }

  // ---- internals ----

  #beginExchange(opts: ExchangeOptions | undefined, fresh: boolean): void {
    if (this.#failure !== null) throw this.#failure;
    // readResponse may run after the peer closed: what it sent before closing is still buffered.
    if (this.#closed && (fresh || !this.#core.eof)) throw new SocketError(`Connection to ${this.host}:${this.port} is closed`);
    if (fresh && this.#busy) throw new ProtocolError('ILLEGAL_STATE', 'A request is already in progress on this connection');
    if (fresh && !this.#core.canReuse) throw new SocketError(`Connection to ${this.host}:${this.port} is not reusable (closed by the peer or stray bytes received)`);
    const signal = opts?.signal;
    if (signal !== undefined && signal.aborted) throw new AbortError('Request aborted', { cause: signal.reason });
    this.#busy = true;
    const t = opts?.readTimeout !== undefined ? opts.readTimeout : this.#readTimeout;
    const ms = t === null ? 0 : Math.max(1, t);
    if (ms !== this.#timeoutSet) {
      this.#socket.setTimeout(ms);
      this.#timeoutSet = ms;
      this.#timerLapsed = false;
    }
    if (signal !== undefined) {
      this.#signal = signal;
      signal.addEventListener('abort', this.#onAbort, { once: true });
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
        if (this.#failure !== null) throw this.#failure;
        try {
          await this.waitData();
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
    const core = this.#core;
    if (!complete) {
      this.#busy = false;
      return;
    }
    if (core.ourState === DONE && core.theirState === DONE && core.canReuse && !this.#closed && this.#failure === null) {
      core.startNextCycle();
      this.#busy = false;
      this.#idleSince = Date.now();
      this.#idleDirty = false;
      if (this.#paused) this.#resume();
    } else {
      this.close();
    }
  }

  /** Records a fatal error for this connection, closes it, returns the error to throw. */
  #fail(e: unknown): unknown {
    const err = e instanceof Error ? e : new SocketError(String(e));
    if (this.#failure === null && !(err instanceof ProtocolError)) this.#failure = err;
    if (!this.#closed) {
      this.#closed = true;
      this.#socket.destroy();
    }
    this.#releaseSignal();
    this.#busy = false;
    return this.#failure ?? err;
  }

  #resume(): void {
    this.#paused = false;
    this.#socket.resume();
  }

  #releaseSignal(): void {
    if (this.#signal !== null) {
      this.#signal.removeEventListener('abort', this.#onAbort);
      this.#signal = null;
    }
  }

  #wakeUp(): void {
    const w = this.#wake;
    if (w !== null) {
      this.#wake = null;
      this.#wakeFail = null;
      w();
    }
  }

  #wakeWith(err: Error): void {
    const f = this.#wakeFail;
    const d = this.#drainFail;
    this.#wake = null;
    this.#wakeFail = null;
    this.#drainWake = null;
    this.#drainFail = null;
    if (f !== null) f(err);
    if (d !== null) d(err);
  }

  #socketError(err: Error): Error {
    return this.#failure ?? new SocketError(`Connection to ${this.host}:${this.port} failed: ${err.message}`, { cause: err });
  }

  #attach(s: net.Socket): void {
    s.on('data', this.#onData);
    s.on('end', this.#onEnd);
    s.on('error', this.#onError);
    s.on('close', this.#onClose);
    s.on('timeout', this.#onTimeout);
    s.on('drain', this.#onDrain);
  }

  #detach(s: net.Socket): void {
    s.off('data', this.#onData);
    s.off('end', this.#onEnd);
    s.off('error', this.#onError);
    s.off('close', this.#onClose);
    s.off('timeout', this.#onTimeout);
    s.off('drain', this.#onDrain);
    s.setTimeout(0);
  }

  #onData = (chunk: Buffer): void => {
    this.#core.receiveData(chunk);
    if (!this.#busy) this.#idleDirty = true;
    if (this.#wake !== null) this.#wakeUp();
    else if (!this.#paused && this.#core.bufferedBytes >= HIGH_WATER_BYTES) {
      this.#paused = true;
      this.#socket.pause();
    }
  };

  #onEnd = (): void => {
    if (!this.#core.eof) this.#core.receiveEof();
    if (!this.#busy) this.#idleDirty = true;
    this.#wakeUp();
  };

  #onError = (err: Error): void => {
    this.#failure ??= new SocketError(`Connection to ${this.host}:${this.port} failed: ${err.message}`, { cause: err });
    this.#wakeWith(this.#failure);
  };

  #onClose = (): void => {
    this.#closed = true;
    if (!this.#core.eof) this.#core.receiveEof();
    this.#wakeUp();
    if (this.#drainWake !== null) this.#wakeWith(this.#failure ?? new SocketError(`Connection to ${this.host}:${this.port} closed while sending`));
  };

  #onTimeout = (): void => {
    if (this.#busy && (this.#wake !== null || this.#drainWake !== null)) {
      this.#failure ??= new ReadTimeoutError(`Read timed out from ${this.host}:${this.port} (read timeout=${this.#timeoutSet} ms)`);
      const f = this.#failure;
      this.#closed = true;
      this.#socket.destroy();
      this.#wakeWith(f);
    } else {
      this.#timerLapsed = true;
    }
  };

  #onDrain = (): void => {
    const d = this.#drainWake;
    if (d !== null) {
      this.#drainWake = null;
      this.#drainFail = null;
      d();
    }
  };

  #onAbort = (): void => {
    const reason = this.#signal?.reason;
    this.#failure ??= new AbortError('Request aborted', { cause: reason });
    const f = this.#failure;
    this.#closed = true;
    this.#socket.destroy();
    this.#releaseSignal();
    this.#wakeWith(f);
  };
}
