/**
 * PoolManager and ProxyManager (urllib3's): route each request to its pool (pool-key.ts),
 * keep at most `numPools` pools (least recently used closed first), and run the Retry policy
 * around attempts (send.ts): errors → Retry.increment(error) + backoff; statuses in the
 * forcelist or with Retry-After → increment(response) + sleep; redirects (when `redirect`) →
 * increment(response), 303 becomes GET without body, credentials dropped off-origin.
 */
import { performance } from 'node:perf_hooks';
import type { RequestBody } from '../engine/types.js';
import { urljoin } from '../parse/join.js';
import { ConnectionPool } from './connection-pool.js';
import { DEFAULT_MAX_CODINGS, DEFAULT_MAX_DECODED_BYTES } from './decode.js';
import {
  MaxRetryError, NewConnectionError, ProtocolError, ProxyError, SSLError, TimeoutError, UnrewindableBodyError,
} from './errors.js';
import { hasHeader, toHeaderList, withoutHeaders } from './headers.js';
import { poolName, poolSpecFor, type PoolSpec } from './pool-key.js';
import { resolveProxy, type ProxyInfo } from './proxy.js';
import type { PoolResponseImpl } from './response.js';
import { Retry } from './retry.js';
import { attempt, connectFnFor } from './send.js';
import { resolveTimeout as checkMs } from '../internal/deadline.js';
import { resolveTimeout, type ResolvedTimeout } from './timeout.js';
import { mergeTls, sameTls } from './tls.js';
import type { HeaderList, PoolManagerLike, PoolManagerOptions, PoolResponse, PoolTlsOptions, ProxyConfig, TimeoutInput, UrlopenOptions, UrlopenReceiver } from './types.js';
import { parseTarget, sameOrigin, type Target } from './url.js';

/** urllib3 2.x's default User-Agent is python-urllib3/<version>; ours names this package. */
export const DEFAULT_USER_AGENT = 'httpkit/0.1.0';
/** Idle connections older than this are not reused (ms). */
export const DEFAULT_KEEP_ALIVE_MS = 60_000;
/** urllib3 HTTPHeaderDict._prepare_for_method_change: headers about the body dropped on 303 → GET. */
const BODY_HEADERS: ReadonlySet<string> = new Set(['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length', 'digest', 'last-modified', 'transfer-encoding']);
/** A hard stop for the retry loop in case a policy has no limits at all (every loop bounded). */
const MAX_ATTEMPTS = 1000;

interface Resolved {
  numPools: number;
  maxsize: number;
  block: boolean;
  poolTimeout: number | null;
  keepAliveMs: number;
  headers: HeaderList;
  tls: PoolTlsOptions;
  retries: Retry | number | false;
  timeout: TimeoutInput;
  maxDecodedBytes: number | null;
  maxCodings: number;
}

export class PoolManager implements PoolManagerLike {
  readonly #opts: Resolved;
  /** Insertion order = recency order (a hit is moved to the end). */
  readonly #pools = new Map<string, ConnectionPool>();
  readonly #proxy: ProxyInfo | null;
  readonly #defaultTimeout: ResolvedTimeout;
  /** Hot-path cache: URL target → its pool spec and final headers, valid for the same TLS/proxy/header objects. */
  readonly #specs = new Map<Target, SpecEntry>();
  #lastKey: string | null = null;
  readonly #retryCache: [Retry | undefined, Retry | undefined] = [undefined, undefined];

  constructor(opts: PoolManagerOptions = {}, proxy: ProxyConfig | null = null) {
    this.#opts = {
      numPools: positiveInt(opts.numPools ?? 10, 'numPools'),
      maxsize: positiveInt(opts.maxsize ?? 10, 'maxsize'),
      block: opts.block ?? false,
      poolTimeout: checkMs(opts.poolTimeout, null, 'poolTimeout'),
      keepAliveMs: checkMs(opts.keepAliveMs, DEFAULT_KEEP_ALIVE_MS, 'keepAliveMs') ?? Infinity,
      headers: toHeaderList(opts.headers, true),
      tls: opts.tls ?? {},
      retries: opts.retries ?? Retry.DEFAULT,
      timeout: opts.timeout,
      maxDecodedBytes: opts.maxDecodedBytes === undefined ? DEFAULT_MAX_DECODED_BYTES : opts.maxDecodedBytes,
      maxCodings: opts.maxContentCodings ?? DEFAULT_MAX_CODINGS,
    };
    this.#proxy = proxy === null ? null : resolveProxy(proxy);
    this.#defaultTimeout = resolveTimeout(undefined, this.#opts.timeout, this.#opts.poolTimeout);
  }

  /** Retry.fromInt of the manager's default (immutable, so built once per redirect flag). */
  #defaultRetries(redirect: boolean): Retry {
    const i = redirect ? 1 : 0;
    return (this.#retryCache[i] ??= Retry.fromInt(undefined, { redirect, default: this.#opts.retries }));
  }

  get poolCount(): number {
    return this.#pools.size;
  }

  /** Connections held: idle in pools and checked out (counted against maxsize), for diagnostics and tests. */
  get stats(): { pools: number; idle: number; active: number } {
    let idle = 0;
    let active = 0;
    for (const pool of this.#pools.values()) {
      idle += pool.idleCount;
      active += pool.activeCount;
    }
    return { pools: this.#pools.size, idle, active };
  }

  /** The pool for a spec, created on demand; the least recently used is closed past numPools. */
  #poolFor(spec: PoolSpec): ConnectionPool {
    const existing = this.#pools.get(spec.key);
    if (existing) {
      // Move to the most recent end, unless it is already there (the common case in a loop).
      if (this.#lastKey !== spec.key) {
        this.#pools.delete(spec.key);
        this.#pools.set(spec.key, existing);
        this.#lastKey = spec.key;
      }
      return existing;
    }
    this.#lastKey = spec.key;
    const { maxsize, block, keepAliveMs } = this.#opts;
    const pool = new ConnectionPool({ maxsize, block, keepAliveMs, connect: connectFnFor(spec) });
    this.#pools.set(spec.key, pool);
    if (this.#pools.size > this.#opts.numPools) {
      const [oldestKey, oldest] = this.#pools.entries().next().value!;
      this.#pools.delete(oldestKey);
      oldest.close();
    }
    return pool;
  }

  urlopen(method: string, url: string, opts: UrlopenOptions = {}): Promise<PoolResponse> {
    return this.#urlopen(method, url, opts, null) as Promise<PoolResponse>;
  }

  /**
   * @internal urlopen handing its response to `receiver` in its own last step: a caller that
   * wraps every response (Requests' HTTPAdapter) needs no `.then`, closures and promise of its
   * own. Errors go through `receiver.failed`; `receiver.received` runs outside the retry scope
   * and its errors come out as they are.
   */
  urlopenFor<T>(method: string, url: string, opts: UrlopenOptions, receiver: UrlopenReceiver<T>): Promise<T> {
    return this.#urlopen(method, url, opts, receiver) as Promise<T>;
  }

  /** One async function for the attempts, retries, redirects and the preloaded body (each level costs a promise per request). */
  async #urlopen<T>(method: string, url: string, opts: UrlopenOptions, receiver: UrlopenReceiver<T> | null): Promise<T | PoolResponse> {
    let final: PoolResponseImpl | null = null;
    try {
      const redirect = opts.redirect ?? true;
      const preload = opts.preloadContent ?? true;
      const st: Exchange = {
        method, url, target: parseTarget(url), body: opts.body,
        headers: opts.headers === undefined ? this.#opts.headers : toHeaderList(opts.headers),
        retries: opts.retries === undefined ? this.#defaultRetries(redirect) : opts.retries instanceof Retry ? opts.retries : Retry.fromInt(opts.retries, { redirect, default: this.#opts.retries }),
      };
      const proxy = opts.proxy === undefined ? this.#proxy : opts.proxy === null ? null : resolveProxy(opts.proxy);
      const tls = mergeTls(this.#opts.tls, opts.tls);
      const timeout = opts.timeout === undefined ? this.#defaultTimeout : resolveTimeout(opts.timeout, this.#opts.timeout, this.#opts.poolTimeout);
      for (let n = 0; n < MAX_ATTEMPTS && final === null; n++) {
        const tracked = trackBody(st.body);
        try {
          const res = await this.#once(st, tracked, proxy, tls, timeout, opts);
          // Hot path: a 2xx that no status rule retries needs no async follow-up step.
          const done = isPlainSuccess(st.retries, res.status) ? res : await this.#afterResponse(st, res, tracked, proxy, redirect, opts.signal);
          if (done === null) continue;
          // urllib3 reads a preloaded body inside its retry scope: a broken body is a read error.
          if (preload === 'keepErrors') {
            done.headAt = performance.now();
            try {
              await done.preload();
            } catch (bodyError) {
              done.preloadError = bodyError;
            }
          } else if (preload) {
            await done.preload();
          }
          done.retries = st.retries;
          final = done;
        } catch (err) {
          if (!isRetryableError(err) || opts.signal?.aborted || tracked.consumed()) throw err;
          st.retries = st.retries.increment({ method: st.method, url: wireUrl(st.target, proxy), error: err, pool: describePool(st.target, proxy) });
          await st.retries.sleep(null, { signal: opts.signal });
        }
      }
      if (final === null) throw new MaxRetryError(st.url, new Error(`gave up after ${MAX_ATTEMPTS} attempts`));
    } catch (err) {
      throw receiver === null ? err : receiver.failed(err);
    }
    return receiver === null ? final : receiver.received(final);
  }

  /**
   * Status retries (urllib3's connection pool) then redirects (its PoolManager): returns the
   * final response, or null after updating `st` for the next attempt.
   */
  async #afterResponse(st: Exchange, res: PoolResponseImpl, tracked: TrackedBody, proxy: ProxyInfo | null, redirect: boolean,
    signal: AbortSignal | undefined): Promise<PoolResponseImpl | null> {
    const pool = describePool(st.target, proxy);
    if (st.retries.isRetry(st.method, res.status, { hasRetryAfter: Boolean(res.getHeader('retry-after')) })) {
      const next = await this.#incrementOn(st.retries, res, st.method, wireUrl(st.target, proxy), st.retries.raiseOnStatus, pool);
      if (next === null) return res;
      if (tracked.consumed()) throw unrewindable();
      st.retries = next;
      await next.sleep(res, { signal });
      return null;
    }
    const location = redirect ? res.redirectLocation : null;
    if (!location) return res;
    const nextUrl = urljoin(st.url, location);
    let nextTarget: Target;
    try {
      nextTarget = parseTarget(nextUrl);
    } catch (err) {
      await res.drainAndRelease();
      throw err;
    }
    // urllib3: RFC 9110 §15.4.4, 303 → GET (any method) and the body and its headers are dropped.
    if (res.status === 303) {
      st.method = 'GET';
      st.body = null;
      st.headers = withoutHeaders(st.headers, BODY_HEADERS);
    }
    if (st.retries.removeHeadersOnRedirect.size > 0 && !sameOrigin(st.target, nextTarget)) {
      st.headers = withoutHeaders(st.headers, st.retries.removeHeadersOnRedirect);
    }
    const next = await this.#incrementOn(st.retries, res, st.method, st.url, st.retries.raiseOnRedirect, pool);
    if (next === null) return res;
    // 307/308 resend the body: a one-shot stream that was read cannot be (urllib3 rewind_body).
    if (st.body !== null && st.body !== undefined && tracked.consumed()) throw unrewindable();
    st.retries = next;
    st.url = nextUrl;
    st.target = nextTarget;
    return null;
  }

  /** increment() for a response: the new Retry, or null to hand this response back (raise off); drains the old one. */
  async #incrementOn(retries: Retry, res: PoolResponseImpl, method: string, url: string, raise: boolean, pool: string): Promise<Retry | null> {
    let next: Retry;
    try {
      next = retries.increment({ method, url, response: res, pool });
    } catch (err) {
      if (!(err instanceof MaxRetryError) || raise) {
        await res.drainAndRelease();
        throw err;
      }
      return null;
    }
    await res.drainAndRelease();
    return next;
  }

  #once(st: Exchange, body: TrackedBody, proxy: ProxyInfo | null, tls: PoolTlsOptions, timeout: ResolvedTimeout,
    opts: UrlopenOptions): Promise<PoolResponseImpl> {
    const { method, url, target, headers } = st;
    const entry = this.#specFor(target, tls, proxy);
    const spec = entry.spec;
    const pool = this.#poolFor(spec);
    return attempt(pool, spec, {
      url, method,
      requestTarget: spec.absoluteForm ? target.absolute : target.requestUri,
      headers: this.#headersFor(entry, headers, target),
      body: body.body, bodyLength: opts.bodyLength, encodeChunked: opts.encodeChunked ?? false,
      replayable: () => !body.consumed(),
      timeout, signal: opts.signal,
      decodeContent: opts.decodeContent ?? true,
      maxDecodedBytes: this.#opts.maxDecodedBytes, maxCodings: this.#opts.maxCodings,
    });
  }

  /** The pool spec for a target (cached per target while the TLS options and proxy objects stay the same). */
  #specFor(target: Target, tls: PoolTlsOptions, proxy: ProxyInfo | null): SpecEntry {
    const hit = this.#specs.get(target);
    if (hit && hit.proxy === proxy && sameTls(hit.tls, tls)) return hit;
    const entry: SpecEntry = { tls, proxy, spec: poolSpecFor(target, tls, proxy), defaultHeaders: null, callerHeaders: null, finalHeaders: null };
    if (this.#specs.size >= SPEC_CACHE_MAX) this.#specs.clear();
    this.#specs.set(target, entry);
    return entry;
  }

  /** Final headers; for the manager's own (immutable) default list they are built once per target. */
  #headersFor(entry: SpecEntry, headers: HeaderList, target: Target): HeaderList {
    // Frozen: the same list goes out on every request, and the engine validates and serialises
    // a frozen list only once (protocol/header-facts.ts).
    if (headers === this.#opts.headers) {
      entry.defaultHeaders ??= Object.freeze(requestHeaders(headers, target, entry.spec)) as HeaderList;
      return entry.defaultHeaders;
    }
    // A caller that passes the same frozen list again (the Requests adapter does) gets the same
    // frozen final list: one slot per target is enough for a loop over one header set.
    if (!Object.isFrozen(headers)) return requestHeaders(headers, target, entry.spec);
    if (entry.callerHeaders !== headers) {
      entry.finalHeaders = Object.freeze(requestHeaders(headers, target, entry.spec)) as HeaderList;
      entry.callerHeaders = headers;
    }
    return entry.finalHeaders as HeaderList;
  }

  clear(): void {
    for (const pool of this.#pools.values()) pool.close();
    this.#pools.clear();
    this.#specs.clear();
    this.#lastKey = null;
  }

  close(): void {
    this.clear();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.clear();
  }
}

/** urllib3's ProxyManager: every request goes through `proxy`. */
export class ProxyManager extends PoolManager {
  readonly proxy: ProxyConfig;
  constructor(proxy: ProxyConfig, opts: PoolManagerOptions = {}) {
    super(opts, proxy);
    this.proxy = proxy;
  }
}

/** urllib3's proxy_from_url(url, **kw). */
export function proxyFromUrl(url: string, opts: PoolManagerOptions & { proxyHeaders?: ProxyConfig['headers'] } = {}): ProxyManager {
  const { proxyHeaders, ...rest } = opts;
  return new ProxyManager(proxyHeaders === undefined ? { url } : { url, headers: proxyHeaders }, rest);
}

/**
 * The headers sent: the caller's, plus what http.client/urllib3 add when absent (Host,
 * Accept-Encoding: identity, User-Agent), plus the proxy's on absolute-form requests.
 */
function requestHeaders(headers: HeaderList, target: Target, spec: PoolSpec): HeaderList {
  const out = headers.slice();
  if (!hasHeader(out, 'host')) out.push('Host', target.authority);
  if (!hasHeader(out, 'accept-encoding')) out.push('Accept-Encoding', 'identity');
  if (!hasHeader(out, 'user-agent')) out.push('User-Agent', DEFAULT_USER_AGENT);
  if (spec.absoluteForm && spec.proxy) {
    if (!hasHeader(out, 'accept')) out.push('Accept', '*/*');
    for (let i = 0; i < spec.proxy.headers.length; i += 2) {
      if (!hasHeader(out, spec.proxy.headers[i]!)) out.push(spec.proxy.headers[i]!, spec.proxy.headers[i + 1]!);
    }
  }
  return out;
}

/** The request as it evolves across retries and redirects. */
interface Exchange {
  method: string;
  url: string;
  target: Target;
  headers: HeaderList;
  body: RequestBody;
  retries: Retry;
}

interface SpecEntry {
  readonly tls: PoolTlsOptions;
  readonly proxy: ProxyInfo | null;
  readonly spec: PoolSpec;
  /** Final headers for the manager's default header list, built on first use. */
  defaultHeaders: HeaderList | null;
  /** The last frozen header list a caller passed for this target, and its frozen final list. */
  callerHeaders: HeaderList | null;
  finalHeaders: HeaderList | null;
}

const SPEC_CACHE_MAX = 256;

interface TrackedBody {
  readonly body: RequestBody;
  /** A one-shot body was (at least partly) read: it cannot be sent again. */
  consumed(): boolean;
}

const never = (): boolean => false;
const NO_BODY: TrackedBody = { body: null, consumed: never };

function trackBody(body: RequestBody): TrackedBody {
  if (body === null || body === undefined) return NO_BODY;
  if (typeof body === 'string' || body instanceof Uint8Array) return { body, consumed: never };
  let started = false;
  const source = body;
  const wrapped: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]() {
      started = true;
      return source[Symbol.asyncIterator]();
    },
  };
  return { body: wrapped, consumed: () => started };
}

/**
 * A 2xx answer that Retry.isRetry cannot retry (2xx is never a redirect or a Retry-After status;
 * only statusForcelist could name it) on a Retry that does not override isRetry.
 */
function isPlainSuccess(retries: Retry, status: number): boolean {
  return status >= 200 && status < 300 && retries.isRetry === PLAIN_IS_RETRY && !retries.statusForcelist.has(status);
}
const PLAIN_IS_RETRY = Retry.prototype.isRetry;

/** urllib3 HTTPConnectionPool.urlopen's except clause: what goes through Retry (EmptyPoolError, bad URLs... do not). */
function isRetryableError(err: unknown): err is Error {
  return err instanceof TimeoutError || err instanceof NewConnectionError || err instanceof SSLError
    || err instanceof ProtocolError || err instanceof ProxyError;
}

/** The URL as urllib3's connection pool saw it: origin-form, or absolute-form through an HTTP proxy. */
function wireUrl(target: Target, proxy: ProxyInfo | null): string {
  return proxy !== null && target.scheme === 'http' ? target.absolute : target.requestUri;
}

/** urllib3's pool repr for messages: HTTPConnectionPool(host='h', port=80) (the proxy's pool for proxied http://). */
function describePool(target: Target, proxy: ProxyInfo | null): string {
  const t = proxy !== null && target.scheme === 'http' ? proxy.target : target;
  return poolName(t.scheme, t.host, t.port);
}

function unrewindable(): UnrewindableBodyError {
  return new UnrewindableBodyError('Unable to record file position for rewinding request body during a redirect/retry.');
}

function positiveInt(v: number, name: string): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be an integer ≥ 1, got ${v}`);
  return v;
}
