/**
 * Millisecond timeouts as deadlines. `null` means "no limit", as Python's `None` does for
 * socket timeouts; every other value must be a finite number ≥ 0.
 */

/** A point in time (ms since the epoch) after which an operation has failed; null: never. */
export type Deadline = number | null;

/** The deadline `timeoutMs` from `now`; null when there is no timeout. */
export function deadlineFrom(timeoutMs: number | null | undefined, now = Date.now()): Deadline {
  if (timeoutMs === null || timeoutMs === undefined) return null;
  return now + timeoutMs;
}

/** Milliseconds left until `deadline` (never negative); null when there is no deadline. */
export function remaining(deadline: Deadline, now = Date.now()): number | null {
  if (deadline === null) return null;
  return Math.max(0, deadline - now);
}

/**
 * Resolves a timeout option: undefined takes the default, null disables it, anything else must
 * be a finite, non-negative number of milliseconds (RangeError otherwise, naming the option).
 */
export function resolveTimeout(value: number | null | undefined, fallback: number | null, name: string): number | null {
  if (value === undefined) return fallback;
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative number of milliseconds or null, got ${String(value)}`);
  }
  return value;
}
