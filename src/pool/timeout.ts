/**
 * Timeouts for one urlopen() call, all in milliseconds (urllib3's `Timeout`, in ms).
 *
 * A number sets connect and read, as Requests' `timeout=n` does; an object sets each part;
 * `null` turns connect, read and total off (Python's None). The optional total deadline bounds
 * connect + send + the response head (send.ts enforces it with one timer and an abort signal,
 * which cuts every connect and read wait to what is left, as urllib3's `Timeout(total=...)`).
 */
import { resolveTimeout as resolveOne } from '../internal/deadline.js';
import type { TimeoutInput } from './types.js';

/** ARCHITECTURE.md defaults: connect 10 s, read 300 s between bytes, no total. */
export const DEFAULT_CONNECT_TIMEOUT = 10_000;
export const DEFAULT_READ_TIMEOUT = 300_000;

export interface ResolvedTimeout {
  readonly connect: number | null;
  readonly read: number | null;
  readonly total: number | null;
  /** Wait for a free connection (block=true). null: indefinitely. */
  readonly pool: number | null;
}

/** Merges a per-request timeout over the manager's default (each undefined part falls back). */
export function resolveTimeout(input: TimeoutInput, fallback: TimeoutInput, poolDefault: number | null): ResolvedTimeout {
  const base = input === undefined ? fallback : input;
  if (base === null) return { connect: null, read: null, total: null, pool: poolDefault };
  if (typeof base !== 'object') {
    const n = checkPart(base, null, 'connect');
    return { connect: n, read: n, total: null, pool: poolDefault };
  }
  return {
    connect: checkPart(base.connect, DEFAULT_CONNECT_TIMEOUT, 'connect'),
    read: checkPart(base.read, DEFAULT_READ_TIMEOUT, 'read'),
    total: checkPart(base.total, null, 'total'),
    pool: resolveOne(base.pool, poolDefault, 'timeout.pool'),
  };
}

/**
 * urllib3's Timeout._validate_timeout, in ms: a number > 0 or null; anything else is refused
 * before a connection is made (ValueError in Python → TypeError / RangeError here).
 */
function checkPart(value: unknown, fallback: number | null, part: string): number | null {
  if (value === undefined) return fallback;
  if (value === null) return null;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`Timeout value ${part} was ${String(value)}, but it must be a number of milliseconds or null.`);
  }
  if (value <= 0) {
    throw new RangeError(`Attempted to set ${part} timeout to ${value}, but the timeout cannot be set to a value less than or equal to 0.`);
  }
  if (!Number.isFinite(value)) throw new RangeError(`Timeout value ${part} was ${value}, but it must be finite (use null for no timeout).`);
  return value;
}
