/**
 * Opening connections: TCP, then TLS when asked (verification on by default, hostname check,
 * SNI except for IP literals, ALPN http/1.1), under one connect timeout and an AbortSignal.
 *
 * Error mapping (ARCHITECTURE.md: a refused connection is never a timeout): any failure before
 * TCP is established (refused, unreachable, DNS) is a ConnectError; the connect timeout firing
 * is a ConnectTimeoutError; a failure during the TLS handshake is a TlsError naming the host.
 */
import * as net from 'node:net';
import { resolveTimeout } from '../internal/deadline.js';
import { onAbort } from './abort.js';
import { AbortError, ConnectError, ConnectTimeoutError } from './errors.js';
import { HttpConnection } from './connection.js';
import { ReadBuffer } from './read-buffer.js';
import { bareHost, upgradeTls } from './tls.js';
import type { Connection, ConnectOptions } from './types.js';

/** Default connect timeout (ms): ARCHITECTURE.md "connect 10 s". */
export const DEFAULT_CONNECT_TIMEOUT = 10_000;
/** Default read timeout between received bytes (ms): ARCHITECTURE.md "read 300 s between bytes". */
export const DEFAULT_READ_TIMEOUT = 300_000;

/** Opens a connection to `opts.host:opts.port` (TLS when `opts.tls` is set). */
export async function connect(opts: ConnectOptions): Promise<Connection> {
  const connectTimeout = resolveTimeout(opts.connectTimeout, DEFAULT_CONNECT_TIMEOUT, 'connectTimeout');
  const readTimeout = resolveTimeout(opts.readTimeout, DEFAULT_READ_TIMEOUT, 'readTimeout');
  if (typeof opts.host !== 'string' || opts.host === '') throw new TypeError(`host must be a non-empty string, got ${String(opts.host)}`);
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new RangeError(`port must be an integer 0..65535, got ${String(opts.port)}`);
  const guard = new ConnectGuard(opts, connectTimeout);
  const secure = opts.tls !== null && opts.tls !== undefined;
  // Plain TCP reads into our own buffers (read-buffer.ts); TLS reads through node:tls.
  const reader = secure ? null : new ReadBuffer();
  try {
    let socket: net.Socket = await guard.run(openTcp(opts, guard.track, reader));
    if (secure) {
      socket = await guard.run(upgradeTls(socket, opts.tls!, opts.host, opts.port, guard.track));
    }
    return new HttpConnection(socket, opts.host, opts.port, readTimeout, reader);
  } finally {
    guard.dispose();
  }
}

function openTcp(opts: ConnectOptions, track: (s: net.Socket) => void, reader: ReadBuffer | null): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const host = bareHost(opts.host);
    const options: net.NetConnectOpts = { host, port: opts.port, localAddress: opts.localAddress, localPort: opts.localPort, noDelay: true };
    if (reader !== null) options.onread = reader.options();
    const socket = net.connect(options);
    reader?.own(socket);
    track(socket);
    const onError = (err: Error): void => {
      socket.destroy();
      reject(new ConnectError(`Failed to establish a connection to ${opts.host}:${opts.port}: ${err.message}`, { cause: err }));
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/** One connect timeout and abort signal spanning TCP and TLS; on either, the socket in progress is destroyed. */
class ConnectGuard {
  #timer: NodeJS.Timeout | null = null;
  #fail: ((e: Error) => void) | null = null;
  #error: Error | null = null;
  #sockets: net.Socket[] = [];
  #unsubscribe: (() => void) | null = null;

  constructor(opts: ConnectOptions, timeout: number | null) {
    const { host, port } = opts;
    if (timeout !== null) {
      this.#timer = setTimeout(() => this.#trip(new ConnectTimeoutError(`Connection to ${host}:${port} timed out (connect timeout=${timeout} ms)`)), timeout);
    }
    const signal = opts.signal;
    if (signal !== undefined) {
      if (signal.aborted) this.#error = abortError(signal, host, port);
      else {
        this.#unsubscribe = onAbort(signal, () => this.#trip(abortError(signal, host, port)));
      }
    }
  }

  /** Remembers the socket being set up, to destroy it if the guard trips. */
  readonly track = (s: net.Socket): void => {
    this.#sockets.push(s);
    if (this.#error !== null) s.destroy();
  };

  /** Awaits `p`, rejecting early with the timeout/abort error. */
  run<T>(p: Promise<T>): Promise<T> {
    if (this.#error !== null) {
      p.catch(() => undefined);
      return Promise.reject(this.#error);
    }
    return new Promise<T>((resolve, reject) => {
      this.#fail = reject;
      p.then(resolve, reject);
    });
  }

  #trip(e: Error): void {
    if (this.#error !== null) return;
    this.#error = e;
    for (const s of this.#sockets) s.destroy();
    this.#fail?.(e);
  }

  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#fail = null;
  }
}

function abortError(signal: AbortSignal, host: string, port: number): AbortError {
  return new AbortError(`Connection to ${host}:${port} aborted`, { cause: signal.reason });
}
