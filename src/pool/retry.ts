/**
 * urllib3 2.x's `Retry`, immutable: `increment()` returns a new Retry carrying one more
 * `history` entry, or throws MaxRetryError once a counter goes below zero.
 *
 * Durations are milliseconds (httpkit's rule for every timeout): `backoffFactor`, `backoffMax`,
 * `backoffJitter`, `getBackoffTime()` and `getRetryAfter()`. The Retry-After header itself is
 * seconds or an HTTP-date on the wire (RFC 9110 §10.2.3).
 *
 * Counter semantics (urllib3): `null` = no limit for that kind; `false` (total/connect/read...)
 * = do not retry and raise the original error instead of MaxRetryError.
 */
import { setTimeout as delay } from 'node:timers/promises';
import {
  ConnectTimeoutError, InvalidHeader, MaxRetryError, NewConnectionError, ProtocolError, ProxyError,
  ReadTimeoutError, ResponseError,
} from './errors.js';
import type { RequestHistory } from './types.js';

export type { RequestHistory };

/** A count of retries: a number, null (unlimited) or false (off, raise the error itself). */
export type RetryCount = number | null | false;

/** What Retry needs from a response. PoolResponse satisfies it. */
export interface RetryResponse {
  readonly status: number;
  getHeader(name: string): string | null;
  readonly redirectLocation?: string | null;
}

export interface RetryOptions {
  /** Total number of retries of any kind; takes precedence over the others. Default 10. */
  total?: RetryCount;
  /** Retries on connection errors (refused, connect timeout). */
  connect?: RetryCount;
  /** Retries on errors after the request was sent (read timeout, broken connection). */
  read?: RetryCount;
  /** Redirects to follow. false: do not follow, return the 3xx. */
  redirect?: RetryCount;
  /** Retries on statuses in `statusForcelist` (or Retry-After statuses). */
  status?: RetryCount;
  /** Retries on other errors. */
  other?: RetryCount;
  /** Upper-case methods retried on read errors and statuses; null: every method. Default DEFAULT_ALLOWED_METHODS. */
  allowedMethods?: Iterable<string> | null;
  /** Statuses that force a retry. Default none. */
  statusForcelist?: Iterable<number> | null;
  /** Backoff base in ms: sleep backoffFactor * 2^(n-1) after the n-th consecutive error (n ≥ 2). Default 0. */
  backoffFactor?: number;
  /** Cap on the backoff sleep, ms. Default 120 000. */
  backoffMax?: number;
  /** Random extra up to this many ms added to each backoff. Default 0. */
  backoffJitter?: number;
  /** Throw MaxRetryError when redirects run out (else return the last 3xx). Default true. */
  raiseOnRedirect?: boolean;
  /** Throw MaxRetryError when status retries run out (else return the last response). Default true. */
  raiseOnStatus?: boolean;
  /** Sleep for Retry-After on 413/429/503. Default true. */
  respectRetryAfterHeader?: boolean;
  /** Headers removed when a redirect leaves the origin. Default Cookie, Authorization, Proxy-Authorization. */
  removeHeadersOnRedirect?: Iterable<string>;
  history?: readonly RequestHistory[];
}

export interface IncrementOptions {
  method?: string | null;
  url?: string | null;
  response?: RetryResponse | null;
  error?: Error | null;
  /** Description of the pool for MaxRetryError's message (urllib3's `_pool`), e.g. HTTPConnectionPool(host='h', port=80). */
  pool?: string | null;
}

const DEFAULT_ALLOWED_METHODS: ReadonlySet<string> = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PUT', 'TRACE']);
const RETRY_AFTER_STATUS_CODES: ReadonlySet<number> = new Set([413, 429, 503]);
const DEFAULT_REMOVE_HEADERS_ON_REDIRECT: ReadonlySet<string> = new Set(['cookie', 'authorization', 'proxy-authorization']);

const fromIntCache = new Map<string, Retry>();
/** Sets built by the constructor (immutable by convention): passed on as they are by new(). */
const ownSets = new WeakSet<object>([DEFAULT_ALLOWED_METHODS, DEFAULT_REMOVE_HEADERS_ON_REDIRECT]);

function upperSet(methods: Iterable<string>): ReadonlySet<string> {
  if (ownSets.has(methods)) return methods as ReadonlySet<string>;
  const set = new Set([...methods].map((m) => m.toUpperCase()));
  ownSets.add(set);
  return set;
}

function lowerSet(names: Iterable<string>): ReadonlySet<string> {
  if (ownSets.has(names)) return names as ReadonlySet<string>;
  const set = new Set([...names].map((m) => m.toLowerCase()));
  ownSets.add(set);
  return set;
}

function numberSet(codes: Iterable<number> | null | undefined): ReadonlySet<number> {
  if (codes && ownSets.has(codes)) return codes as ReadonlySet<number>;
  const set = new Set(codes ?? []);
  ownSets.add(set);
  return set;
}

/** Python's `x - 1` on an int-or-False counter (False - 1 == -1). */
function dec(x: RetryCount): RetryCount {
  if (x === null) return null;
  return (x === false ? 0 : x) - 1;
}

export class Retry {
  /** urllib3: methods that are idempotent and so safe to retry. */
  static readonly DEFAULT_ALLOWED_METHODS = DEFAULT_ALLOWED_METHODS;
  /** Statuses whose Retry-After is honoured. */
  static readonly RETRY_AFTER_STATUS_CODES = RETRY_AFTER_STATUS_CODES;
  static readonly DEFAULT_REMOVE_HEADERS_ON_REDIRECT = DEFAULT_REMOVE_HEADERS_ON_REDIRECT;
  /** urllib3's default backoff cap (120 s), in ms. */
  static readonly DEFAULT_BACKOFF_MAX = 120_000;
  /** `Retry.DEFAULT`: 3 retries, as urllib3. */
  static readonly DEFAULT: Retry = new Retry({ total: 3 });

  readonly total: RetryCount;
  readonly connect: RetryCount;
  readonly read: RetryCount;
  readonly redirect: RetryCount;
  readonly status: RetryCount;
  readonly other: RetryCount;
  readonly allowedMethods: ReadonlySet<string> | null;
  readonly statusForcelist: ReadonlySet<number>;
  readonly backoffFactor: number;
  readonly backoffMax: number;
  readonly backoffJitter: number;
  readonly raiseOnRedirect: boolean;
  readonly raiseOnStatus: boolean;
  readonly respectRetryAfterHeader: boolean;
  readonly removeHeadersOnRedirect: ReadonlySet<string>;
  readonly history: readonly RequestHistory[];

  /** `new Retry({ total: 3, ... })`; `new Retry(3)` is Python's `Retry(3)` (total). */
  constructor(options: RetryOptions | number | false | null = {}) {
    const opts: RetryOptions = options === null || typeof options !== 'object' ? { total: options } : options;
    this.total = opts.total === undefined ? 10 : opts.total;
    this.connect = opts.connect ?? null;
    this.read = opts.read ?? null;
    this.status = opts.status ?? null;
    this.other = opts.other ?? null;
    let redirect = opts.redirect ?? null;
    let raiseOnRedirect = opts.raiseOnRedirect ?? true;
    // urllib3: redirect=False or total=False means "do not follow, hand back the 3xx".
    if (redirect === false || this.total === false) {
      redirect = 0;
      raiseOnRedirect = false;
    }
    this.redirect = redirect;
    this.raiseOnRedirect = raiseOnRedirect;
    this.allowedMethods = opts.allowedMethods === undefined ? DEFAULT_ALLOWED_METHODS
      : opts.allowedMethods === null ? null : upperSet(opts.allowedMethods);
    this.statusForcelist = numberSet(opts.statusForcelist);
    this.backoffFactor = checkMs('backoffFactor', opts.backoffFactor ?? 0);
    this.backoffMax = checkMs('backoffMax', opts.backoffMax ?? Retry.DEFAULT_BACKOFF_MAX);
    this.backoffJitter = checkMs('backoffJitter', opts.backoffJitter ?? 0);
    this.raiseOnStatus = opts.raiseOnStatus ?? true;
    this.respectRetryAfterHeader = opts.respectRetryAfterHeader ?? true;
    this.removeHeadersOnRedirect = lowerSet(opts.removeHeadersOnRedirect ?? DEFAULT_REMOVE_HEADERS_ON_REDIRECT);
    this.history = Object.freeze([...(opts.history ?? [])]);
  }

  /**
   * urllib3's `Retry.from_int`: a Retry from a number (total), a Retry (as is), false (no
   * retries) or null/undefined (`dflt`, else Retry.DEFAULT). `redirect: false` turns redirects off.
   */
  static fromInt(retries: Retry | number | false | null | undefined, opts: { redirect?: boolean; default?: Retry | number | false | null } = {}): Retry {
    if (retries === null || retries === undefined) {
      retries = opts.default ?? Retry.DEFAULT;
    }
    if (retries instanceof Retry) return retries;
    // Retry is immutable, so the Retry for a given (count, redirect) is built once (hot path).
    const key = `${String(retries)}|${opts.redirect === false ? 'n' : 'y'}`;
    let hit = fromIntCache.get(key);
    if (hit === undefined) {
      hit = new Retry({ total: retries, redirect: opts.redirect === false ? false : null });
      if (fromIntCache.size >= 64) fromIntCache.clear();
      fromIntCache.set(key, hit);
    }
    return hit;
  }

  /** Alias of `fromInt`. */
  static from(retries: Retry | number | false | null | undefined, opts: { redirect?: boolean; default?: Retry | number | false | null } = {}): Retry {
    return Retry.fromInt(retries, opts);
  }

  /** A copy with some options replaced (urllib3's `Retry.new`). */
  new(overrides: RetryOptions = {}): Retry {
    const Ctor = this.constructor as new (o: RetryOptions) => Retry;
    return new Ctor({ ...this.#options(), ...overrides });
  }

  #options(): RetryOptions {
    return {
      total: this.total, connect: this.connect, read: this.read, redirect: this.redirect, status: this.status,
      other: this.other, allowedMethods: this.allowedMethods, statusForcelist: this.statusForcelist,
      backoffFactor: this.backoffFactor, backoffMax: this.backoffMax, backoffJitter: this.backoffJitter,
      raiseOnRedirect: this.raiseOnRedirect, raiseOnStatus: this.raiseOnStatus,
      respectRetryAfterHeader: this.respectRetryAfterHeader, removeHeadersOnRedirect: this.removeHeadersOnRedirect,
      history: this.history,
    };
  }

  /**
   * Backoff before the next attempt, ms: 0 until two consecutive errors (redirects reset the
   * run), then backoffFactor * 2^(n-1) plus jitter, capped at backoffMax.
   */
  getBackoffTime(): number {
    let consecutive = 0;
    for (let i = this.history.length - 1; i >= 0; i--) {
      if (this.history[i]!.redirectLocation !== null) break;
      consecutive++;
    }
    if (consecutive <= 1) return 0;
    let backoff = this.backoffFactor * 2 ** (consecutive - 1);
    if (this.backoffJitter !== 0) backoff += Math.random() * this.backoffJitter;
    return Math.max(0, Math.min(this.backoffMax, backoff));
  }

  /** Parses a Retry-After value (delay-seconds or HTTP-date) into ms from now (≥ 0). Throws InvalidHeader. */
  parseRetryAfter(value: string): number {
    if (/^\s*[0-9]+\s*$/.test(value)) return Number.parseInt(value.trim(), 10) * 1000;
    const when = parseHttpDate(value);
    if (when === null) throw new InvalidHeader(`Invalid Retry-After header: ${value}`);
    return Math.max(0, when - Date.now());
  }

  /** The response's Retry-After in ms, or null when absent. */
  getRetryAfter(response: RetryResponse): number | null {
    const value = response.getHeader('Retry-After');
    return value === null ? null : this.parseRetryAfter(value);
  }

  /** Sleeps for Retry-After when the response has a non-zero one; returns whether it slept. */
  async sleepForRetry(response: RetryResponse, opts: { signal?: AbortSignal } = {}): Promise<boolean> {
    const ms = this.getRetryAfter(response);
    if (!ms) return false;
    await delay(ms, undefined, opts.signal ? { signal: opts.signal } : undefined);
    return true;
  }

  /** Sleeps before the next attempt: Retry-After when honoured and present, else the backoff. */
  async sleep(response?: RetryResponse | null, opts: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.respectRetryAfterHeader && response && (await this.sleepForRetry(response, opts))) return;
    const ms = this.getBackoffTime();
    if (ms > 0) await delay(ms, undefined, opts.signal ? { signal: opts.signal } : undefined);
  }

  /** Whether `method` may be retried on read errors and statuses. */
  isMethodRetryable(method: string): boolean {
    return this.allowedMethods === null || this.allowedMethods.has(method.toUpperCase());
  }

  /** Whether a response with this status should be retried (urllib3's `is_retry`). */
  isRetry(method: string, statusCode: number, opts: { hasRetryAfter?: boolean } | boolean = {}): boolean {
    // Python's positional has_retry_after is accepted as well as the options object.
    const hasRetryAfter = typeof opts === 'boolean' ? opts : opts.hasRetryAfter === true;
    // Status conditions first: they are cheap and almost always false (hot path).
    const byStatus = this.statusForcelist.has(statusCode)
      || (Boolean(this.total) && this.respectRetryAfterHeader && hasRetryAfter && RETRY_AFTER_STATUS_CODES.has(statusCode));
    return byStatus && this.isMethodRetryable(method);
  }

  /** True once any limited counter went below zero (zero itself still allows nothing more but is not exhausted). */
  isExhausted(): boolean {
    const counts = [this.total, this.connect, this.read, this.redirect, this.status, this.other]
      .filter((c): c is number => typeof c === 'number' && c !== 0);
    if (counts.length === 0) return false;
    return Math.min(...counts) < 0;
  }

  /**
   * Records one failed attempt (an error, a redirect or a retryable status) and returns the
   * next Retry. Throws the error itself when that kind of retry is off (`false`) or the method
   * may not be retried on a read error; throws MaxRetryError when exhausted.
   */
  increment(opts?: IncrementOptions): Retry;
  /** Python's positional form: increment(method, url, { response, error }). */
  increment(method: string | null, url?: string | null, opts?: IncrementOptions): Retry;
  increment(first: IncrementOptions | string | null = {}, url?: string | null, rest: IncrementOptions = {}): Retry {
    const opts: IncrementOptions = typeof first === 'string' || first === null ? { ...rest, method: first, url: url ?? null } : first;
    const { method = null, url: where = null, response = null, error = null, pool = null } = opts;
    if (this.total === false && error) throw error;
    const next: RetryOptions = { total: dec(this.total) };
    let cause = 'unknown';
    let status: number | null = null;
    let redirectLocation: string | null = null;
    if (error && isConnectionError(error)) {
      if (this.connect === false) throw error;
      next.connect = dec(this.connect);
    } else if (error && isReadError(error)) {
      if (this.read === false || method === null || !this.isMethodRetryable(method)) throw error;
      next.read = dec(this.read);
    } else if (error) {
      if (this.other === false) throw error;
      next.other = dec(this.other);
    } else if (response && response.redirectLocation) {
      next.redirect = dec(this.redirect);
      cause = 'too many redirects';
      redirectLocation = response.redirectLocation;
      status = response.status;
    } else {
      cause = ResponseError.GENERIC_ERROR;
      if (response && response.status) {
        next.status = dec(this.status);
        cause = ResponseError.specific(response.status);
        status = response.status;
      }
    }
    const entry: RequestHistory = Object.freeze({ method, url: where, error, status, redirectLocation });
    next.history = [...this.history, entry];
    const retry = this.new(next);
    if (retry.isExhausted()) throw new MaxRetryError(where, error ?? new ResponseError(cause), pool);
    return retry;
  }

  toString(): string {
    const show = (v: RetryCount): string => (v === null ? 'None' : v === false ? 'False' : String(v));
    return `Retry(total=${show(this.total)}, connect=${show(this.connect)}, read=${show(this.read)}, redirect=${show(this.redirect)}, status=${show(this.status)})`;
  }
}

/** urllib3 `_is_connection_error`: the request never reached the server (safe to retry any method). */
export function isConnectionError(err: Error): boolean {
  const inner = err instanceof ProxyError && err.originalError ? err.originalError : err;
  return inner instanceof ConnectTimeoutError || inner instanceof NewConnectionError;
}

/** urllib3 `_is_read_error`: the request may have been processed. */
export function isReadError(err: Error): boolean {
  return err instanceof ReadTimeoutError || err instanceof ProtocolError;
}

function checkMs(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`Retry ${name} must be a finite number of ms ≥ 0, got ${v}`);
  return v;
}

/**
 * RFC 9110 §5.6.7 HTTP-date (IMF-fixdate, obsolete RFC 850 and asctime forms), as
 * email.utils.parsedate_tz accepts them; a missing zone is taken as UTC. Returns epoch ms or null.
 */
const MONTH_NAME = /(?:^|[^a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?:[^a-z]|$)/i;

export function parseHttpDate(value: string): number | null {
  const s = value.trim();
  // email.utils.parsedate_tz needs a month name; Date.parse alone would read '-1' or '0.5' as dates.
  if (!MONTH_NAME.test(s)) return null;
  const hasZone = /(?:GMT|UTC|UT|[+-]\d{4}|\b[ECMP][SD]T)\s*$/i.test(s);
  const ms = Date.parse(hasZone ? s : `${s} GMT`);
  return Number.isNaN(ms) ? null : ms;
}
