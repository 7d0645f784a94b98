/**
 * urllib.request.BaseHandler and the method-name protocol OpenerDirector dispatches on.
 *
 * CPython finds handler methods by name: `<protocol>_open`, `<protocol>_request`,
 * `<protocol>_response`, `<protocol>_error_<code>`. Under API.md's naming rule these are
 * `<protocol>Open`, `<protocol>Request`, `<protocol>Response`, `<protocol>Error<code>` and
 * `<protocol>ErrorDefault`: the protocol is the name up to its first upper-case letter.
 */
import type { Request } from './request.js';
import type { addinfourl } from './response.js';

/** What OpenerDirector offers to its handlers (`handler.parent`). */
export interface Parent {
  open(fullurl: string | URL | Request, options?: { data?: Request['data']; timeout?: number | null }): Promise<addinfourl>;
  error(proto: string, ...args: unknown[]): Promise<unknown>;
  addheaders: Array<[string, string]>;
}

/** Base of every handler: `handlerOrder` (default 500) decides the order within a chain. */
export class BaseHandler {
  /** Lower runs earlier. CPython's default is 500. */
  handlerOrder = 500;
  /** The OpenerDirector this handler was added to. */
  parent!: Parent;

  addParent(parent: Parent): void {
    this.parent = parent;
  }

  /** Kept for API parity (CPython: "Only exists for backwards compatibility"). */
  close(): void {}
}

/** How a method name is classified, or null when it is not a handler method. */
export type MethodKind =
  | { chain: 'open' | 'request' | 'response'; protocol: string }
  | { chain: 'error'; protocol: string; kind: string };

// CPython skips these "coincidental matches" in OpenerDirector.add_handler.
const NOT_HANDLER_METHODS = new Set(['redirectRequest', 'doOpen', 'proxyOpen']);

/** Splits a handler method name ('httpsOpen', 'httpError302', 'httpErrorDefault') into its parts. */
export function classifyMethod(name: string): MethodKind | null {
  if (NOT_HANDLER_METHODS.has(name)) return null;
  const m = /^([^A-Z]+)([A-Z][\s\S]*)$/.exec(name);
  if (!m) return null;
  const protocol = m[1]!;
  const condition = m[2]!;
  if (condition.startsWith('Error')) {
    const rest = condition.slice(5);
    // 'Default' → 'default' (the fallback chain); '302' stays '302'.
    const kind = rest === '' ? 'error' : rest[0]!.toLowerCase() + rest.slice(1);
    return { chain: 'error', protocol, kind };
  }
  if (condition === 'Open') return { chain: 'open', protocol };
  if (condition === 'Request') return { chain: 'request', protocol };
  if (condition === 'Response') return { chain: 'response', protocol };
  return null;
}

/** Every function-valued name on the object and its prototypes (Python's dir()), without invoking getters. */
export function methodNames(obj: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = obj; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      const desc = Object.getOwnPropertyDescriptor(o, name);
      if (desc && typeof desc.value === 'function' && name !== 'constructor') names.add(name);
    }
  }
  return [...names].sort();
}

/** A handler's order, as CPython's `__lt__` reads it (objects without one sort after). */
export function orderOf(handler: object): number {
  const order = (handler as { handlerOrder?: unknown }).handlerOrder;
  return typeof order === 'number' ? order : Infinity;
}

/** bisect.insort: inserts after every element whose order is <= the new one's. */
export function insort<T extends object>(list: T[], item: T): void {
  const order = orderOf(item);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order < orderOf(list[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  list.splice(lo, 0, item);
}
