/**
 * One attempt of one request on one pool: check out a connection, send, await the head, wrap
 * the response. The policy around attempts (Retry, redirects) lives in manager.ts.
 *
 * Reuse safety (issue 5): when a *reused* connection fails before any byte of the response
 * (the server closed the idle keep-alive socket as we wrote), an idempotent request with a
 * replayable body is sent once more on a fresh connection. A POST (or a one-shot body) is not:
 * the server may have acted on it.
 */
import { connect } from '../engine/connect.js';
import type { Connection, RequestBody, Response } from '../engine/types.js';
import { ConnectTimeoutError, ReadTimeoutError } from './errors.js';
import type { ConnectionPool, ConnectFn, Lease } from './connection-pool.js';
import type { PoolSpec } from './pool-key.js';
import { openTunnel } from './proxy.js';
import { PoolResponseImpl } from './response.js';
import type { ResolvedTimeout } from './timeout.js';
import { isStaleConnectionError, translateSendError, type SendErrorContext } from './translate.js';
import type { HeaderList } from './types.js';

/** RFC 9110 §9.2.2 idempotent methods: safe to resend after a stale-connection failure. */
const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

export interface AttemptSpec {
  readonly url: string;
  readonly method: string;
  /** Request target on the wire (origin-form, or absolute-form through a proxy). */
  readonly requestTarget: string;
  readonly headers: HeaderList;
  readonly body: RequestBody;
  readonly bodyLength: number | null | undefined;
  readonly encodeChunked: boolean;
  /** The body can be sent again (not a one-shot stream that already started). */
  readonly replayable: () => boolean;
  readonly timeout: ResolvedTimeout;
  readonly signal: AbortSignal | undefined;
  readonly decodeContent: boolean;
  readonly maxDecodedBytes: number | null;
  readonly maxCodings: number;
}

/** The connect function of a pool: direct, through a proxy, or through a CONNECT tunnel. */
export function connectFnFor(spec: PoolSpec): ConnectFn {
  return async (connectTimeout, signal) => {
    const base = { host: spec.host, port: spec.port, tls: spec.hopTls, connectTimeout, signal };
    if (spec.proxy === null) return connect(base);
    let conn: Connection | null = null;
    try {
      conn = await connect(base);
      if (spec.tunnelTls !== null) await openTunnel(conn, spec.origin!, spec.proxy, connectTimeout, signal);
    } catch (err) {
      conn?.close();
      throw translateSendError(err, errorContext(spec, spec.proxy.safeUrl, { connect: connectTimeout, read: connectTimeout }, signal, true));
    }
    if (spec.tunnelTls !== null) {
      try {
        await conn.startTls(spec.tunnelTls, spec.origin!.host);
      } catch (err) {
        conn.close();
        throw err;
      }
    }
    return conn;
  };
}

function errorContext(spec: PoolSpec, url: string, t: { connect: number | null; read: number | null }, signal: AbortSignal | undefined, proxyPending: boolean): SendErrorContext {
  const host = spec.origin?.host ?? spec.host;
  return { url, pool: spec.name, host, port: spec.origin?.port ?? spec.port, connectTimeout: t.connect, readTimeout: t.read, signal, proxyPending };
}

/** Runs one attempt; errors come out translated (pool errors, or the signal's reason). */
export async function attempt(pool: ConnectionPool, spec: PoolSpec, a: AttemptSpec): Promise<PoolResponseImpl> {
  const deadline = a.timeout.total === null ? null : new Deadline(a.timeout.total, a.signal);
  const signal = deadline?.signal ?? a.signal;
  let phase: 'connect' | 'read' = 'connect';
  let lease: Lease | null = null;
  try {
    // An idle connection comes back synchronously: no await (one microtask less per request).
    const got = pool.acquire({ poolTimeout: a.timeout.pool, connectTimeout: a.timeout.connect, signal });
    lease = got instanceof Promise ? await got : got;
    phase = 'read';
    let raw: Response;
    try {
      raw = await send(lease.conn, a, signal);
    } catch (err) {
      pool.release(lease, false);
      const retryable = lease.reused && isStaleConnectionError(err) && IDEMPOTENT.has(a.method) && a.replayable();
      lease = null;
      if (!retryable) throw err;
      phase = 'connect';
      lease = await pool.acquire({ poolTimeout: a.timeout.pool, connectTimeout: a.timeout.connect, fresh: true, signal });
      phase = 'read';
      raw = await send(lease.conn, a, signal).catch((e: unknown) => {
        pool.release(lease!, false);
        lease = null;
        throw e;
      });
    }
    return new PoolResponseImpl(raw, a, pool, lease, spec);
  } catch (err) {
    if (deadline?.fired && !a.signal?.aborted) throw deadline.error(phase, spec, a);
    throw translateSendError(err, errorContext(spec, a.url, a.timeout, a.signal, false));
  } finally {
    deadline?.dispose();
  }
}

function send(conn: Connection, a: AttemptSpec, signal: AbortSignal | undefined): Promise<Response> {
  return conn.request({ method: a.method, target: a.requestTarget, headers: a.headers }, a.body, {
    bodyLength: a.bodyLength ?? null,
    encodeChunked: a.encodeChunked,
    readTimeout: a.timeout.read,
    signal,
  });
}

/** The optional total deadline (connect + send + head) as an abort signal with its own timer. */
class Deadline {
  readonly #ac = new AbortController();
  readonly #timer: NodeJS.Timeout;
  readonly #ms: number;
  readonly signal: AbortSignal;
  fired = false;

  constructor(ms: number, outer: AbortSignal | undefined) {
    this.#ms = ms;
    this.#timer = setTimeout(() => {
      this.fired = true;
      this.#ac.abort(new Error('total deadline'));
    }, ms);
    this.signal = outer ? AbortSignal.any([outer, this.#ac.signal]) : this.#ac.signal;
  }

  error(phase: 'connect' | 'read', spec: PoolSpec, a: AttemptSpec): Error {
    const s = String(this.#ms / 1000);
    if (phase === 'connect') return new ConnectTimeoutError(`Connection to ${spec.origin?.host ?? spec.host} timed out. (total timeout=${s})`);
    return new ReadTimeoutError(a.url, `${spec.name}: Read timed out. (total timeout=${s})`);
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
