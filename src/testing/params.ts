// Python's int() and float() for route arguments, and an abortable sleep. httpbin crashes (500)
// on arguments Python cannot convert; we answer 400 instead (see BadRequest).
import { setTimeout as delay } from 'node:timers/promises';
import { BadRequest } from './reply.js';
import { asciiDigits, parsePyInt } from './pyrandom.js';

/** Python int(text) as a JS number, or BadRequest naming `what`. */
export function pyInt(text: string | undefined, what: string): number {
  const v = text === undefined ? undefined : parsePyInt(text);
  if (v === undefined) throw new BadRequest(`invalid integer for ${what}: ${String(text)}`);
  return Number(v);
}

/** Python float(text): decimals, exponents, inf/nan words, single underscores between digits. */
export function pyFloat(text: string | undefined, what: string): number {
  const t = asciiDigits(text ?? '').trim();
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (/^[+-]?(\d+(_\d+)*(\.(\d+(_\d+)*)?)?|\.\d+(_\d+)*)(e[+-]?\d+(_\d+)*)?$/i.test(t)) return Number(t.replace(/_/g, ''));
  throw new BadRequest(`invalid number for ${what}: ${String(text)}`);
}

/** Wait `ms` milliseconds; resolves early (without error) when `signal` aborts. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // aborted: the client left or the server is closing
  }
}
