/**
 * The socket side of one connection: feeds received bytes to the sans-I/O core, parks at most
 * one reader and one writer waiting for the socket, and owns back pressure and the read timeout.
 *
 * Invariants:
 * - Back pressure: the socket is paused while more than HIGH_WATER_BYTES of received bytes wait
 *   in the core, and resumed when a reader needs more (a huge body never sits in memory).
 * - The read timeout fails an exchange only while someone waits for bytes (or for 'drain'); a
 *   timeout that fires while nobody waits is remembered and the timer re-armed at the next wait.
 * - The first socket failure is sticky (`failure`); every later wait rejects with it.
 */
import type * as net from 'node:net';
import type { ClientConnection } from '../protocol/connection.js';
import { EngineError, ReadTimeoutError, SocketError, WriteTimeoutError } from './errors.js';
import type { ReadBuffer } from './read-buffer.js';

/** Received-but-unread bytes above which the socket is paused. */
export const HIGH_WATER_BYTES = 512 * 1024;

export class SocketDriver {
  socket: net.Socket;
  /** The first fatal error (socket failure, timeout, abort, close()). */
  failure: Error | null = null;
  /** The socket is gone (destroyed by us or closed by the peer). */
  closed = false;
  /** An exchange is in progress (bytes arriving otherwise make the connection unavailable). */
  busy = false;
  /** Bytes or EOF arrived while idle. */
  idleDirty = false;
  readonly #core: ClientConnection;
  readonly #label: string;
  #timeoutSet = 0;
  #timerLapsed = false;
  #paused = false;
  #wake: (() => void) | null = null;
  #wakeFail: ((e: Error) => void) | null = null;
  #drainWake: (() => void) | null = null;
  #drainFail: ((e: Error) => void) | null = null;

  /** Set when the socket reads into our own buffers (read-buffer.ts) instead of 'data' events. */
  #reader: ReadBuffer | null;

  constructor(socket: net.Socket, core: ClientConnection, label: string, reader: ReadBuffer | null = null) {
    this.socket = socket;
    this.#core = core;
    this.#label = label;
    this.#reader = reader;
    this.attach(socket);
    reader?.attach(this.#onData);
  }

  /** Sets the read timeout (ms, 0 = none) if it differs from the current one. */
  setReadTimeout(ms: number): void {
    if (ms === this.#timeoutSet) return;
    this.socket.setTimeout(ms);
    this.#timeoutSet = ms;
    this.#timerLapsed = false;
  }

  /** Resolves when bytes, EOF or close arrive; rejects with the failure. One waiter at a time. */
  waitData(): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.#wake !== null) return Promise.reject(new EngineError('Concurrent reads on one connection: await each read() before the next'));
    if (this.#paused) this.resume();
    if (this.#timerLapsed && this.#timeoutSet > 0) {
      this.#timerLapsed = false;
      this.socket.setTimeout(this.#timeoutSet);
    }
    return new Promise((resolve, reject) => {
      this.#wake = resolve;
      this.#wakeFail = reject;
    });
  }

  /** Resolves on 'drain'; rejects with the failure (or WriteTimeoutError when sending stalls). */
  waitDrain(): Promise<void> {
    // A peer that closed while the writer was away (awaiting a paused body generator) left no
    // waiter to fail: a 'drain' can never come now, so this write fails as a broken pipe.
    if (this.closed) this.failure ??= this.#brokenPipe();
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.#timerLapsed && this.#timeoutSet > 0) {
      this.#timerLapsed = false;
      this.socket.setTimeout(this.#timeoutSet);
    }
    return new Promise((resolve, reject) => {
      this.#drainWake = resolve;
      this.#drainFail = reject;
    });
  }

  /** Resumes a paused socket when the core's backlog fell below the high-water mark. */
  resumeIfDrained(): void {
    if (this.#paused && this.#core.bufferedBytes < HIGH_WATER_BYTES) this.resume();
  }

  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.socket.resume();
  }

  /** Records `err` as the failure (first one wins), destroys the socket, fails the waiters. */
  fail(err: Error | null): void {
    if (err !== null) this.failure ??= err;
    this.closed = true;
    this.socket.destroy();
    if (this.failure !== null) this.#wakeWith(this.failure);
  }

  attach(s: net.Socket): void {
    s.on('data', this.#onData);
    s.on('end', this.#onEnd);
    s.on('error', this.#onError);
    s.on('close', this.#onClose);
    s.on('timeout', this.#onTimeout);
    s.on('drain', this.#onDrain);
  }

  /** Stops listening to `s` (before handing it to TLS for startTls). */
  detach(s: net.Socket): void {
    this.#reader?.detach();
    this.#reader = null;
    s.off('data', this.#onData);
    s.off('end', this.#onEnd);
    s.off('error', this.#onError);
    s.off('close', this.#onClose);
    s.off('timeout', this.#onTimeout);
    s.off('drain', this.#onDrain);
    s.setTimeout(0);
    this.#timeoutSet = 0;
    this.resume();
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
    this.#wake = this.#wakeFail = this.#drainWake = this.#drainFail = null;
    if (f !== null) f(err);
    if (d !== null) d(err);
  }

  #onData = (chunk: Buffer): void => {
    this.#core.receiveData(chunk);
    if (!this.busy) this.idleDirty = true;
    if (this.#wake !== null) this.#wakeUp();
    else if (!this.#paused && this.#core.bufferedBytes >= HIGH_WATER_BYTES) {
      this.#paused = true;
      this.socket.pause();
    }
  };

  #onEnd = (): void => {
    if (!this.#core.eof) this.#core.receiveEof();
    if (!this.busy) this.idleDirty = true;
    this.#wakeUp();
  };

  #onError = (err: Error): void => {
    this.failure ??= new SocketError(`Connection to ${this.#label} failed: ${err.message}`, { cause: err });
    this.#wakeWith(this.failure);
  };

  #onClose = (): void => {
    this.closed = true;
    if (!this.#core.eof) this.#core.receiveEof();
    this.#wakeUp();
    if (this.#drainWake !== null) {
      this.failure ??= this.#brokenPipe();
      this.#wakeWith(this.failure);
    }
  };

  /** Closed under a pending write without a Node error: the write can never complete, which Python reports as BrokenPipeError (EPIPE) from sendall(). */
  #brokenPipe(): SocketError {
    const cause = Object.assign(new Error('Broken pipe'), { code: 'EPIPE' });
    return new SocketError(`Connection to ${this.#label} closed by the peer while sending`, { cause });
  }

  #onTimeout = (): void => {
    if (!this.busy) {
      this.#timerLapsed = true;
    } else if (this.#wake !== null) {
      this.fail(new ReadTimeoutError(`Read timed out from ${this.#label} (read timeout=${this.#timeoutSet} ms)`));
    } else if (this.#drainWake !== null) {
      const cause = Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' });
      this.fail(new WriteTimeoutError(`Write timed out to ${this.#label}: the peer stopped reading (timeout=${this.#timeoutSet} ms)`, { cause }));
    } else {
      this.#timerLapsed = true;
    }
  };

  #onDrain = (): void => {
    const d = this.#drainWake;
    if (d !== null) {
      this.#drainWake = this.#drainFail = null;
      d();
    }
  };
}
