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

/**
 * The socket names its driver, so the listeners below can be shared by every socket (`this` is
 * the emitting socket): an idle connection keeps no closure per event (memory per idle
 * connection is measured against undici's).
 */
const DRIVER = Symbol('httpkit.socketDriver');
type DrivenSocket = net.Socket & { [DRIVER]?: SocketDriver | undefined };

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
  readonly #host: string;
  readonly #port: number;
  #timeoutSet = 0;
  #timerLapsed = false;
  #paused = false;
  #wake: (() => void) | null = null;
  #wakeFail: ((e: Error) => void) | null = null;
  #drainWake: (() => void) | null = null;
  #drainFail: ((e: Error) => void) | null = null;

  /** Set when the socket reads into our own buffers (read-buffer.ts) instead of 'data' events. */
  #reader: ReadBuffer | null;

  constructor(socket: net.Socket, core: ClientConnection, host: string, port: number, reader: ReadBuffer | null = null) {
    this.socket = socket;
    this.#core = core;
    this.#host = host;
    this.#port = port;
    this.#reader = reader;
    this.attach(socket);
    reader?.attach(this);
  }

  /** "host:port" for error messages (built when needed, not kept per connection). */
  get #label(): string {
    return `${this.#host}:${this.#port}`;
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
    (s as DrivenSocket)[DRIVER] = this;
    // Also with a ReadBuffer (no 'data' events then): the listener puts the stream in flowing
    // mode, without which Node never emits 'end' for the peer's EOF.
    for (const [event, listener] of LISTENERS) s.on(event, listener);
  }

  /** Stops listening to `s` (before handing it to TLS for startTls). */
  detach(s: net.Socket): void {
    this.#reader?.detach();
    this.#reader = null;
    for (const [event, listener] of LISTENERS) s.off(event, listener);
    (s as DrivenSocket)[DRIVER] = undefined;
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

  /** Received bytes (from 'data', or from the ReadBuffer). */
  received(chunk: Buffer): void {
    this.#core.receiveData(chunk);
    if (!this.busy) this.idleDirty = true;
    if (this.#wake !== null) this.#wakeUp();
    else if (!this.#paused && this.#core.bufferedBytes >= HIGH_WATER_BYTES) {
      this.#paused = true;
      this.socket.pause();
    }
  }

  /** The peer ended its side (EOF). */
  ended(): void {
    if (!this.#core.eof) this.#core.receiveEof();
    if (!this.busy) this.idleDirty = true;
    this.#wakeUp();
  }

  /** A socket error: becomes the sticky failure. */
  errored(err: Error): void {
    this.failure ??= new SocketError(`Connection to ${this.#label} failed: ${err.message}`, { cause: err });
    this.#wakeWith(this.failure);
  }

  /** The socket is gone (closed by the peer or destroyed by us). */
  socketClosed(): void {
    this.closed = true;
    if (!this.#core.eof) this.#core.receiveEof();
    this.#wakeUp();
    if (this.#drainWake !== null) {
      this.failure ??= this.#brokenPipe();
      this.#wakeWith(this.failure);
    }
  }

  /** Closed under a pending write without a Node error: the write can never complete, which Python reports as BrokenPipeError (EPIPE) from sendall(). */
  #brokenPipe(): SocketError {
    const cause = Object.assign(new Error('Broken pipe'), { code: 'EPIPE' });
    return new SocketError(`Connection to ${this.#label} closed by the peer while sending`, { cause });
  }

  /** The socket's timeout fired (see setReadTimeout). */
  timedOut(): void {
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
  }

  /** The socket drained its write buffer. */
  drained(): void {
    const d = this.#drainWake;
    if (d !== null) {
      this.#drainWake = this.#drainFail = null;
      d();
    }
  }
}

// The listeners every socket shares (see DRIVER). A detached socket has no driver and no listeners.
function onData(this: DrivenSocket, chunk: Buffer): void {
  this[DRIVER]?.received(chunk);
}
function onEnd(this: DrivenSocket): void {
  this[DRIVER]?.ended();
}
function onError(this: DrivenSocket, err: Error): void {
  this[DRIVER]?.errored(err);
}
function onClose(this: DrivenSocket): void {
  this[DRIVER]?.socketClosed();
}
function onTimeout(this: DrivenSocket): void {
  this[DRIVER]?.timedOut();
}
function onDrain(this: DrivenSocket): void {
  this[DRIVER]?.drained();
}

/** What attach() adds and detach() removes: one list, so the two cannot drift apart. */
const LISTENERS: ReadonlyArray<readonly [string, (this: DrivenSocket, ...args: any[]) => void]> = [
  ['data', onData], ['end', onEnd], ['error', onError], ['close', onClose], ['timeout', onTimeout], ['drain', onDrain],
];
