/**
 * A small cache of short latin-1 strings (header names, common values, reason phrases), so a
 * connection that sees `Content-Length`, `keep-alive` or `OK` on every response stops
 * allocating a new string for each. Direct-mapped: a slot holds the last string hashed to it;
 * a hit is verified byte by byte, so a collision only costs a fresh slice. Bounded memory:
 * SLOTS strings of at most MAX_INTERN_BYTES characters. Pure memoisation: no I/O, no policy.
 */
import { latin1Slice } from '../internal/bytes.js';

const SLOTS = 1024;
/** Longer strings are not worth comparing; they are sliced directly. */
export const MAX_INTERN_BYTES = 32;
const cache: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

/** Folds one byte into a running hash (callers compute it while scanning the bytes anyway). */
export function hashStep(h: number, byte: number): number {
  return (Math.imul(h, 31) + byte) | 0;
}

/** The string for bytes [start, end) of `buf`, whose hashStep-hash is `hash`. */
export function internLatin1(buf: Buffer, start: number, end: number, hash: number): string {
  const len = end - start;
  if (len > MAX_INTERN_BYTES) return latin1Slice(buf, start, end);
  const slot = (hash ^ (len << 5)) & (SLOTS - 1);
  const s = cache[slot];
  if (s !== undefined && s.length === len) {
    let i = 0;
    while (i < len && s.charCodeAt(i) === buf[start + i]) i++;
    if (i === len) return s;
  }
  const fresh = latin1Slice(buf, start, end);
  cache[slot] = fresh;
  return fresh;
}
