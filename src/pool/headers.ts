/**
 * Flat header lists ([name, value, ...], wire order, original case): normalising the accepted
 * inputs, case-insensitive lookups, removals. Kept allocation-light: the hot path passes a
 * HeaderList through untouched.
 */
import type { HeaderInput, HeaderList } from './types.js';

/** Any accepted header input → a fresh flat list (a HeaderList input is copied only when `copy`). */
export function toHeaderList(input: HeaderInput | null | undefined, copy = false): HeaderList {
  if (input === null || input === undefined) return [];
  if (Array.isArray(input) && (input.length === 0 || typeof input[0] === 'string')) {
    return copy ? (input as HeaderList).slice() : (input as HeaderList);
  }
  const out: HeaderList = [];
  if (isIterable(input)) {
    for (const pair of input as Iterable<readonly [string, string]>) out.push(String(pair[0]), String(pair[1]));
    return out;
  }
  for (const [name, value] of Object.entries(input as Record<string, string>)) {
    if (value !== undefined && value !== null) out.push(name, String(value));
  }
  return out;
}

function isIterable(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function';
}

/** Index of the first header named `lower` (already lower-case), or -1. */
export function indexOfHeader(list: HeaderList, lower: string): number {
  for (let i = 0; i < list.length; i += 2) {
    const name = list[i]!;
    if (name.length === lower.length && name.toLowerCase() === lower) return i;
  }
  return -1;
}

export function hasHeader(list: HeaderList, name: string): boolean {
  return indexOfHeader(list, name.toLowerCase()) !== -1;
}

/** First value of `name`, or null. */
export function getHeader(list: HeaderList, name: string): string | null {
  const i = indexOfHeader(list, name.toLowerCase());
  return i === -1 ? null : list[i + 1]!;
}

/** Every value of `name`, in order. */
export function getHeaders(list: HeaderList, name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (let i = 0; i < list.length; i += 2) {
    const n = list[i]!;
    // Length first: most names differ in length, and toLowerCase allocates.
    if (n.length === lower.length && n.toLowerCase() === lower) out.push(list[i + 1]!);
  }
  return out;
}

/** A copy without the headers whose lower-case names are in `names`. */
export function withoutHeaders(list: HeaderList, names: ReadonlySet<string>): HeaderList {
  const out: HeaderList = [];
  for (let i = 0; i < list.length; i += 2) {
    if (!names.has(list[i]!.toLowerCase())) out.push(list[i]!, list[i + 1]!);
  }
  return out;
}
