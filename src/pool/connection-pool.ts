/**
 * One origin's pool (urllib3's HTTPConnectionPool, minus the request logic that lives in
 * manager.ts): idle connections in a LIFO stack, a bound of `maxsize` kept connections, and
 * with `block` a bound of `maxsize` open connections, waiters served in FIFO order.
 *
 * Invariants:
 * - An idle connection is unref'd (a finished script exits) and is re-checked before reuse:
 *   one that received bytes or EOF while idle (engine's isAvailable) or idled longer than
 *   keepAliveMs is closed, never handed out.
 * - A connection comes back only through `release(lease, reusable)`; the caller decides
 *   reusability (complete, well-framed response that did not ask to close).
 * - Without `block`, extra connections beyond maxsize are opened when needed and closed when
 *   released into a full pool (urllib3: "Connection pool is full, discarding connection").
 */
import type { Connection } from '../engine/types.js';
import { ClosedPoolError, EmptyPoolError } from './errors.js';

/** Opens a new connection for this pool (TCP/TLS, or through a proxy). */
export type ConnectFn = (connectTimeout: number | null, signal: AbortSignal | undefined) => Promise<Connection>;

export interface ConnectionPoolOptions {
  maxsize: number;
  block: boolean;
  keepAliveMs: number;
  connect: ConnectFn;
}

/** A connection checked out of the pool. */
export interface Lease {
  readonly conn: Connection;
  /** Taken from the idle list (it has served an earlier request). */
  readonly reused: boolean;
  /** performance.now() when the connection was handed out (or began to open): the exchange starts. */
  readonly at: number;
}

export interface AcquireOptions {
  poolTimeout: number | null;
  connectTimeout: number | null;
  signal?: AbortSignal | undefined;
  /** Skip the idle list (a retry after a stale connection). */
  fresh?: boolean;
}

interface Waiter {
  resolve(slot: Connection | null): void;
  reject(err: Error): void;
}

export class ConnectionPool {
  readonly #opts: ConnectionPoolOptions;
  readonly #idle: Connection[] = [];
  readonly #waiters: Waiter[] = [];
  /** Connections checked out and counted against maxsize (block mode). */
  #active = 0;
  #closed = false;

  constructor(opts: ConnectionPoolOptions) {
    if (!Number.isInteger(opts.maxsize) || opts.maxsize < 1) throw new RangeError(`maxsize must be an integer ≥ 1, got ${opts.maxsize}`);
    this.#opts = opts;
  }

  get idleCount(): number {
    return this.#idle.length;
  }

  get activeCount(): number {
    return this.#active;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * A connection for one exchange: the most recently used healthy idle one, else a new one
   * (waiting up to `poolTimeout` ms for a slot when blocking). `fresh` skips the idle list.
   */
  acquire(opts: AcquireOptions): Lease | Promise<Lease> {
    if (this.#closed) return Promise.reject(new ClosedPoolError('Pool is closed.'));
    if (!opts.fresh) {
      // One clock reading for the expiry check and the lease.
      const now = performance.now();
      const idle = this.#takeIdle(now);
      if (idle) {
        // Synchronous on the hot path: no promise when an idle connection is there.
        this.#active++;
        return { conn: idle, reused: true, at: now };
      }
    }
    return this.#acquireNew(opts);
  }

  async #acquireNew(opts: AcquireOptions): Promise<Lease> {
    if (this.#opts.block && this.#active >= this.#opts.maxsize) {
      const handed = await this.#wait(opts.poolTimeout, opts.signal);
      if (handed && !opts.fresh) return { conn: handed, reused: true, at: performance.now() };
      if (handed) handed.close();
    } else {
      this.#active++;
    }
    return this.#open(opts.connectTimeout, opts.signal);
  }

  async #open(connectTimeout: number | null, signal: AbortSignal | undefined): Promise<Lease> {
    const at = performance.now();
    try {
      const conn = await this.#opts.connect(connectTimeout, signal);
      return { conn, reused: false, at };
    } catch (err) {
      this.#freeSlot();
      throw err;
    }
  }

  /** Pops idle connections (newest first) until a reusable one; closes the rest on the way. */
  #takeIdle(now: number): Connection | null {
    for (let conn = this.#idle.pop(); conn !== undefined; conn = this.#idle.pop()) {
      if (conn.isAvailable() && !conn.hasExpired(this.#opts.keepAliveMs, now)) {
        conn.setRef(true);
        return conn;
      }
      conn.close();
    }
    return null;
  }

  /** Gives a checked-out connection back. Not reusable → closed. */
  release(lease: Lease, reusable: boolean): void {
    const conn = lease.conn;
    const keep = reusable && !this.#closed && conn.isAvailable();
    if (!keep) {
      conn.close();
      this.#freeSlot();
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter) {
      conn.setRef(true);
      waiter.resolve(conn);
      return;
    }
    this.#active--;
    this.#pruneOldest();
    if (this.#idle.length >= this.#opts.maxsize) {
      conn.close();
      return;
    }
    conn.setRef(false);
    this.#idle.push(conn);
  }

  /** A slot freed without a connection: the first waiter may open one. */
  #freeSlot(): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve(null);
    else this.#active--;
  }

  /** Closes expired or dead connections at the bottom of the stack (the oldest), cheaply. */
  #pruneOldest(): void {
    const now = performance.now();
    while (this.#idle.length > 0) {
      const oldest = this.#idle[0]!;
      if (oldest.isAvailable() && !oldest.hasExpired(this.#opts.keepAliveMs, now)) return;
      this.#idle.shift();
      oldest.close();
    }
  }

  #wait(timeout: number | null, signal: AbortSignal | undefined): Promise<Connection | null> {
    return new Promise<Connection | null>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const cleanup = (): void => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        resolve: (c) => { cleanup(); resolve(c); },
        reject: (e) => { cleanup(); reject(e); },
      };
      const drop = (err: Error): void => {
        const i = this.#waiters.indexOf(waiter);
        if (i !== -1) this.#waiters.splice(i, 1);
        waiter.reject(err);
      };
      const onAbort = (): void => drop(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeout !== null) {
        timer = setTimeout(() => drop(new EmptyPoolError("Pool is empty and a new connection can't be opened due to blocking mode.")), timeout);
      }
      this.#waiters.push(waiter);
    });
  }

  /** Closes idle connections now and every other one when it comes back; waiters fail. */
  close(): void {
    this.#closed = true;
    for (const conn of this.#idle.splice(0)) conn.close();
    for (const w of this.#waiters.splice(0)) w.reject(new ClosedPoolError('Pool is closed.'));
  }
}
