/**
 * What the request side needs from a header list: validated once, serialised field lines, and
 * the facts framing depends on (Content-Length / Transfer-Encoding present, Connection: close).
 *
 * Cached per frozen list (WeakMap): a caller that sends the same frozen list on every request
 * (the pool's per-origin default headers) pays validation and serialisation once. A frozen array
 * cannot change, so the cached result stays right; unfrozen lists are computed every time.
 */
import { validateHeaders } from './grammar.js';

export interface HeaderFacts {
  /** "Name: value\r\n" for each field, in order. */
  readonly fields: string;
  readonly hasLength: boolean;
  readonly hasTe: boolean;
  /** RFC 9112 §9.6: "Connection: close" ends the connection after the response. */
  readonly asksClose: boolean;
}

const cache = new WeakMap<readonly string[], HeaderFacts>();

/** Validates `headers` (throws ProtocolError INVALID_REQUEST) and returns its facts. */
export function headerFacts(headers: readonly string[]): HeaderFacts {
  const frozen = Object.isFrozen(headers);
  if (frozen) {
    const hit = cache.get(headers);
    if (hit !== undefined) return hit;
  }
  validateHeaders(headers);
  let fields = '';
  let hasLength = false;
  let hasTe = false;
  let asksClose = false;
  for (let i = 0; i < headers.length; i += 2) {
    const n = headers[i]!;
    const v = headers[i + 1]!;
    fields += n + ': ' + v + '\r\n';
    if (n.length === 14) hasLength ||= n.toLowerCase() === 'content-length';
    else if (n.length === 17) hasTe ||= n.toLowerCase() === 'transfer-encoding';
    else if (n.length === 10 && n.toLowerCase() === 'connection') asksClose ||= /(^|[\s,])close($|[\s,])/i.test(v);
  }
  const facts: HeaderFacts = { fields, hasLength, hasTe, asksClose };
  if (frozen) cache.set(headers, facts);
  return facts;
}
