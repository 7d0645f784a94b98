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
  if (typeof base === 'number') {
    const n = resolveOne(base, null, 'timeout');
    return { connect: n, read: n, total: null, pool: poolDefault };
  }
  const spec = base ?? {};
  return {
    connect: resolveOne(spec.connect, DEFAULT_CONNECT_TIMEOUT, 'timeout.connect'),
    read: resolveOne(spec.read, DEFAULT_READ_TIMEOUT, 'timeout.read'),
    total: resolveOne(spec.total, null, 'timeout.total'),
    pool: resolveOne(spec.pool, poolDefault, 'timeout.pool'),
  };
}
