// HTTP Digest authentication (RFC 7616, RFC 2617 without qop) as httpbin checks it: MD5, SHA-256
// and SHA-512, qop "auth" and "auth-int". Quirk kept from httpbin: HA1 uses the realm and username
// the client sent, and only the password comes from the URL.
import { createHash, randomBytes } from 'node:crypto';
import { pyB64Decode } from './pybase64.js';

/** The algorithms httpbin offers; anything else falls back to MD5. */
export type DigestAlgorithm = 'MD5' | 'SHA-256' | 'SHA-512';

/** helpers.H: hex digest with the named algorithm (MD5 for anything unknown). */
export function digestHash(data: Uint8Array | string, algorithm: string | undefined): string {
  const name = algorithm === 'SHA-256' ? 'sha256' : algorithm === 'SHA-512' ? 'sha512' : 'md5';
  return createHash(name).update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).digest('hex');
}

// urllib.request.parse_http_list: split on commas outside quotes; inside quotes a backslash
// escapes the next character and is itself dropped; parts are stripped.
function splitList(s: string): string[] {
  const out: string[] = [];
  let part = '';
  let quoted = false;
  let escape = false;
  for (const ch of s) {
    if (escape) { part += ch; escape = false; continue; }
    if (quoted) {
      if (ch === '\\') { escape = true; continue; }
      if (ch === '"') quoted = false;
      part += ch;
      continue;
    }
    if (ch === ',') { out.push(part); part = ''; continue; }
    if (ch === '"') quoted = true;
    part += ch;
  }
  if (part !== '') out.push(part);
  return out.map((p) => p.trim());
}

// Werkzeug unquote_header_value on the already unquoted text: only a second pair of quotes is
// removed (and then its escapes undone); anything else is kept as it is.
function unquoteInner(v: string): string {
  if (v.length === 0 || v[0] !== '"' || v[v.length - 1] !== '"') return v;
  return v.slice(1, -1).replace(/\\\\/g, '\\').replace(/\\"/g, '"');
}

/**
 * Werkzeug parse_dict_header: `a=1, b="x, y"` → { a: '1', b: 'x, y' }. Names are not trimmed
 * around "=", and an item without "=" is present with no value (null), as Python's None.
 */
export function parseDictHeader(s: string): Record<string, string | null> {
  const out = Object.create(null) as Record<string, string | null>;
  for (const item of splitList(s)) {
    const eq = item.indexOf('=');
    if (eq === -1) {
      out[item] = null;
      continue;
    }
    let value = item.slice(eq + 1);
    if (value.length >= 1 && value[0] === '"' && value[value.length - 1] === '"') value = unquoteInner(value.slice(1, -1));
    out[item.slice(0, eq)] = value;
  }
  return out;
}

/** Parsed Authorization header (Werkzeug parse_authorization_header), or undefined if unusable. */
export type Credentials = { type: 'basic'; username: string; password: string } | { type: 'digest'; params: Record<string, string | null> };

/** Parse an Authorization header as Werkzeug 2.2 does. */
export function parseAuthorization(value: string | undefined): Credentials | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\S+)\s+([\s\S]*)$/.exec(value);
  if (m === null) return undefined;
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'basic') return parseBasic(m[2]!.trim());
  if (scheme !== 'digest') return undefined;
  const params = parseDictHeader(m[2]!);
  for (const key of ['username', 'realm', 'nonce', 'uri', 'response']) if (!(key in params)) return undefined;
  if ('qop' in params && (!params['nc'] || !params['cnonce'])) return undefined;
  return { type: 'digest', params };
}

function parseBasic(info: string): Credentials | undefined {
  // Python's b64decode(str) refuses non-ASCII text outright, and is strict about padding.
  if (/[^\x00-\x7f]/.test(info)) return undefined;
  const decoded = pyB64Decode(info);
  if (decoded === undefined) return undefined;
  const colon = decoded.indexOf(0x3a);
  if (colon === -1) return undefined;
  const fatal = new TextDecoder('utf-8', { fatal: true });
  try {
    return { type: 'basic', username: fatal.decode(decoded.subarray(0, colon)), password: fatal.decode(decoded.subarray(colon + 1)) };
  } catch {
    return undefined;
  }
}

/** What the server knows about the request being checked. */
export interface DigestRequest {
  readonly method: string;
  /** Path plus "?query" when there is one. */
  readonly uri: string;
  readonly body: Uint8Array;
}

/** helpers.response: the digest the client should have sent, or undefined for an unknown qop. */
export function expectedResponse(params: Record<string, string | null>, password: string, req: DigestRequest): string | undefined {
  const algorithm = params['algorithm'] ?? undefined;
  const h = (s: string): string => digestHash(s, algorithm);
  // A directive given without a value is Python's None: hashing it raises in httpbin.
  const username = params['username'];
  if (username === null || username === undefined) return undefined;
  const ha1 = h(`${username}:${params['realm'] ?? ''}:${password}`);
  const qop = params['qop'] ?? undefined;
  let ha2: string;
  if (qop === undefined || qop === 'auth') ha2 = h(`${req.method}:${req.uri}`);
  else if (qop === 'auth-int') ha2 = h(`${req.method}:${req.uri}:${digestHash(req.body, algorithm)}`);
  else return undefined;
  const { nonce, nc, cnonce } = params;
  if (qop === undefined) return nonce === null ? undefined : h(`${ha1}:${nonce ?? ''}:${ha2}`);
  if (typeof nonce !== 'string' || typeof nc !== 'string' || typeof cnonce !== 'string') return undefined;
  return h(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
}

/** The WWW-Authenticate value of httpbin's digest challenge. */
export function digestChallenge(qop: string | undefined, algorithm: DigestAlgorithm, remoteAddr: string, stale: boolean): string {
  const nonce = digestHash(Buffer.concat([Buffer.from(`${remoteAddr}:${Date.now() / 1000}:`), randomBytes(10)]), algorithm);
  const opaque = digestHash(randomBytes(10), algorithm);
  const qops = qop === undefined ? 'auth, auth-int' : qop;
  return `Digest realm="me@kennethreitz.com", nonce="${nonce}", qop="${qops}", opaque="${opaque}", algorithm=${algorithm}, stale=${stale ? 'TRUE' : 'FALSE'}`;
}
