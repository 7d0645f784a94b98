/**
 * Requests' authentication handlers (requests/auth.py): `AuthBase`, `HTTPBasicAuth`,
 * `HTTPProxyAuth`, `HTTPDigestAuth` (RFC 7616 / 2617: MD5, MD5-sess, SHA, SHA-256, SHA-512 and
 * their -sess forms; qop auth and auth-int; nonce counting; one retry on a 4xx with a digest
 * challenge, resending a rewound body).
 *
 * Concurrency: the challenge and nonce count are shared by every request using the handler (so
 * a second request can answer without a 401, as Requests does); the per-request retry count
 * lives in the hook closure, so concurrent requests do not disturb each other.
 */
import { createHash, randomBytes } from 'node:crypto';
import { urlsplit } from '../parse/split.js';
import { parseDictHeader } from './header-utils.js';
import type { PreparedRequest } from './models.js';
import { assertRewindable } from './rewind.js';

/** Base of every auth handler: `call(r)` modifies (or replaces) the prepared request. */
export abstract class AuthBase {
  /** Python's `__call__`: attaches credentials to `r` and returns it. */
  abstract call(r: PreparedRequest): PreparedRequest;
}

/** `_basic_auth_str`: `Basic base64(user:pass)`, latin-1 as Requests (UTF-8 past latin-1). */
export function basicAuthStr(username: string, password: string): string {
  const raw = `${username}:${password}`;
  const encoding = /^[\u0000-\u00ff]*$/.test(raw) ? 'latin1' : 'utf8';
  return `Basic ${Buffer.from(raw, encoding).toString('base64')}`;
}

/** HTTP Basic authentication. */
export class HTTPBasicAuth extends AuthBase {
  constructor(
    public username: string,
    public password: string,
  ) {
    super();
  }

  call(r: PreparedRequest): PreparedRequest {
    r.headers.set('Authorization', basicAuthStr(this.username, this.password));
    return r;
  }

  /** Python's `__eq__`: same username and password. */
  equals(other: unknown): boolean {
    const o = other as { username?: unknown; password?: unknown } | null;
    return o !== null && typeof o === 'object' && o.username === this.username && o.password === this.password;
  }
}

/** Basic credentials for the proxy (`Proxy-Authorization`). */
export class HTTPProxyAuth extends HTTPBasicAuth {
  override call(r: PreparedRequest): PreparedRequest {
    r.headers.set('Proxy-Authorization', basicAuthStr(this.username, this.password));
    return r;
  }
}

const HASHES: Record<string, string> = { MD5: 'md5', SHA: 'sha1', 'SHA-256': 'sha256', 'SHA-512': 'sha512' };

/** HTTP Digest authentication. */
export class HTTPDigestAuth extends AuthBase {
  #lastNonce = '';
  #nonceCount = 0;
  #chal: Record<string, string | null> = {};

  constructor(
    public username: string,
    public password: string,
  ) {
    super();
  }

  /** The Authorization header value for `method` `url` with the stored challenge; null when it cannot answer. */
  buildDigestHeader(method: string, url: string, body: unknown = null): string | null {
    const realm = this.#chal['realm'] ?? '';
    const nonce = this.#chal['nonce'] ?? '';
    const qop = this.#chal['qop'] ?? null;
    const algorithm = this.#chal['algorithm'] ?? null;
    const opaque = this.#chal['opaque'] ?? null;
    const alg = algorithm === null ? 'MD5' : algorithm.toUpperCase();
    const sess = alg.endsWith('-SESS');
    const hashName = HASHES[sess ? alg.slice(0, -5) : alg];
    if (hashName === undefined) return null;
    const H = (x: string | Uint8Array): string => createHash(hashName).update(x).digest('hex');
    const KD = (s: string, d: string): string => H(`${s}:${d}`);

    const p = urlsplit(url);
    // RFC 2616 request-uri: never empty.
    let path = p.path === '' ? '/' : p.path;
    if (p.query !== '') path += `?${p.query}`;

    const qopChoice = chooseQop(qop);
    if (qop !== null && qopChoice === null) return null;
    let a2 = `${method}:${path}`;
    if (qopChoice === 'auth-int') {
      const entity = bodyBytes(body);
      if (entity === null) return null;
      a2 += `:${H(entity)}`;
    }
    let ha1 = H(`${this.username}:${realm}:${this.password}`);
    const ha2 = H(a2);

    this.#nonceCount = nonce === this.#lastNonce ? this.#nonceCount + 1 : 1;
    const ncvalue = this.#nonceCount.toString(16).padStart(8, '0');
    const cnonce = createHash('sha1').update(`${this.#nonceCount}${nonce}${new Date().toString()}`).update(randomBytes(8)).digest('hex').slice(0, 16);
    if (sess) ha1 = H(`${ha1}:${nonce}:${cnonce}`);

    const respdig = qopChoice === null ? KD(ha1, `${nonce}:${ha2}`) : KD(ha1, `${nonce}:${ncvalue}:${cnonce}:${qopChoice}:${ha2}`);
    this.#lastNonce = nonce;

    let base = `username="${this.username}", realm="${realm}", nonce="${nonce}", uri="${path}", response="${respdig}"`;
    if (opaque) base += `, opaque="${opaque}"`;
    if (algorithm) base += `, algorithm="${algorithm}"`;
    if (qopChoice !== null) base += `, qop="${qopChoice}", nc=${ncvalue}, cnonce="${cnonce}"`;
    return `Digest ${base}`;
  }

  call(r: PreparedRequest): PreparedRequest {
    // With a stored nonce, answer up front and skip the 401 round trip.
    if (this.#lastNonce !== '') this.#setHeader(r);
    let calls401 = 1;
    const handle401 = async (res: any, options: any): Promise<any> => {
      if (res.isRedirect) calls401 = 1;
      if (!(res.statusCode >= 400 && res.statusCode < 500)) {
        calls401 = 1;
        return res;
      }
      const challenge: string = res.headers.get('www-authenticate') ?? '';
      if (!challenge.toLowerCase().includes('digest') || calls401 >= 2) {
        calls401 = 1;
        return res;
      }
      calls401 += 1;
      this.#chal = parseDictHeader(challenge.replace(/digest /i, ''));
      return this.#retry(res, options);
    };
    r.registerHook('response', handle401);
    return r;
  }

  async #retry(res: any, options: any): Promise<any> {
    // Consume the body so the connection goes back to the pool for the retry.
    await res.loadContent().catch(() => undefined);
    res.close();
    const prep: PreparedRequest = res.request.copy();
    assertRewindable(prep.body);
    prep.cookieJar?.extractCookies(res.request.url, res.setCookieHeaders ?? []);
    prep.prepareCookies(prep.cookieJar);
    this.#setHeader(prep);
    const next = await res.connection.send(prep, options);
    next.history.push(res);
    next.request = prep;
    return next;
  }

  #setHeader(r: PreparedRequest): void {
    const header = this.buildDigestHeader(r.method ?? 'GET', r.url ?? '', r.body);
    if (header !== null) r.headers.set('Authorization', header);
  }

  equals(other: unknown): boolean {
    const o = other as { username?: unknown; password?: unknown } | null;
    return o !== null && typeof o === 'object' && o.username === this.username && o.password === this.password;
  }
}

/** `auth` when offered (as Requests), else `auth-int`; null when neither is offered. */
function chooseQop(qop: string | null): 'auth' | 'auth-int' | null {
  if (qop === null) return null;
  const offered = qop.split(',').map((q) => q.trim());
  if (qop === 'auth' || offered.includes('auth')) return 'auth';
  if (offered.includes('auth-int')) return 'auth-int';
  return null;
}

function bodyBytes(body: unknown): Uint8Array | null {
  if (body === null || body === undefined) return new Uint8Array(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return body;
  return null;
}
