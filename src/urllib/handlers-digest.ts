/**
 * Digest authentication (RFC 2617) for servers (401) and proxies (407), as CPython's
 * AbstractDigestAuthHandler: MD5 and SHA algorithms, qop "auth" (or none); "auth-int" alone is
 * refused with URLError; more than 5 retries in one exchange raise HTTPError 401
 * "digest auth failed". Runs before Basic (handlerOrder 490).
 */
import { createHash, randomBytes } from 'node:crypto';
import { urlparse } from '../parse/split.js';
import { HTTPError, URLError } from './errors.js';
import { BaseHandler } from './handler.js';
import { parseHttpList, parseKeqvList } from './handlers-auth.js';
import { firstValue, type HeaderLookup } from './message.js';
import { HTTPPasswordMgr } from './passwords.js';
import type { Request } from './request.js';
import type { addinfourl } from './response.js';

type Hash = (s: string) => string;

function ctime(d = new Date()): string {
  // time.ctime(): 'Wed Nov 25 16:28:41 2026' (day padded with a space).
  const [wd, mon, day, year, time] = d.toString().split(' ');
  return `${wd} ${mon} ${day!.replace(/^0/, ' ')} ${time} ${year}`;
}

/** Shared Digest logic; `authHeader` is 'Authorization' or 'Proxy-Authorization'. */
export class AbstractDigestAuthHandler extends BaseHandler {
  passwd: HTTPPasswordMgr;
  authHeader = 'Authorization';
  /** Retries in the current exchange; more than 5 gives up. */
  retried = 0;
  nonceCount = 0;
  lastNonce: string | null = null;

  constructor(passwd: HTTPPasswordMgr | null = null) {
    super();
    this.passwd = passwd ?? new HTTPPasswordMgr();
  }

  addPassword(realm: string | null, uri: string | Iterable<string>, user: string, passwd: string, ...rest: unknown[]): void {
    (this.passwd.addPassword as (...a: unknown[]) => void).apply(this.passwd, [realm, uri, user, passwd, ...rest]);
  }

  resetRetryCount(): void {
    this.retried = 0;
  }

  async httpErrorAuthReqed(authHeader: string, _host: string, req: Request, headers: HeaderLookup): Promise<addinfourl | undefined> {
    const authreq = firstValue(headers, authHeader);
    // Don't fail endlessly: after 5 retries the credentials are wrong.
    if (this.retried > 5) throw new HTTPError(req.fullUrl, 401, 'digest auth failed', headers, null);
    this.retried += 1;
    if (!authreq) return undefined;
    const scheme = authreq.split(/\s+/).filter(Boolean)[0] ?? '';
    if (scheme.toLowerCase() === 'digest') return this.retryHttpDigestAuth(req, authreq);
    if (scheme.toLowerCase() !== 'basic') throw new RangeError(`AbstractDigestAuthHandler does not support the following scheme: '${scheme}'`);
    return undefined;
  }

  async retryHttpDigestAuth(req: Request, auth: string): Promise<addinfourl | undefined> {
    const space = auth.indexOf(' ');
    if (space < 0) throw new RangeError('not enough values to unpack (expected 2, got 1)');
    const chal = parseKeqvList(parseHttpList(auth.slice(space + 1)).filter(Boolean));
    const authorization = this.getAuthorization(req, chal);
    if (!authorization) return undefined;
    const authVal = `Digest ${authorization}`;
    // CPython compares with req.headers (not the unredirected ones it is about to set).
    if (req.headers[this.authHeader] === authVal) return undefined;
    req.addUnredirectedHeader(this.authHeader, authVal);
    return this.parent.open(req, { timeout: req.timeout });
  }

  /** An opaque client nonce: 16 hex digits of SHA-1 over the count, nonce, time and 8 random bytes. */
  getCnonce(nonce: string): string {
    const s = `${this.nonceCount}:${nonce}:${ctime()}:`;
    return createHash('sha1').update(Buffer.concat([Buffer.from(s), randomBytes(8)])).digest('hex').slice(0, 16);
  }

  /** The Authorization value (without 'Digest ') for a challenge, or null when it cannot answer. */
  getAuthorization(req: Request, chal: Record<string, string>): string | null {
    const { realm, nonce, qop, opaque } = chal;
    if (realm === undefined || nonce === undefined) return null;
    const algorithm = chal.algorithm ?? 'MD5';
    const H = this.getAlgorithmImpls(algorithm);
    const KD = (s: string, d: string): string => H(`${s}:${d}`);
    const [user, pw] = this.passwd.findUserPassword(realm, req.fullUrl);
    if (user === null) return null;
    const A1 = `${user}:${realm}:${pw}`;
    const A2 = `${req.getMethod()}:${req.selector}`;
    let respdig: string;
    let ncvalue = '';
    let cnonce = '';
    if (qop === undefined) {
      respdig = KD(H(A1), `${nonce}:${H(A2)}`);
    } else if (qop.split(',').includes('auth')) {
      if (nonce === this.lastNonce) this.nonceCount += 1;
      else {
        this.nonceCount = 1;
        this.lastNonce = nonce;
      }
      ncvalue = this.nonceCount.toString(16).padStart(8, '0');
      cnonce = this.getCnonce(nonce);
      respdig = KD(H(A1), `${nonce}:${ncvalue}:${cnonce}:auth:${H(A2)}`);
    } else {
      throw new URLError(`qop '${qop}' is not supported.`);
    }
    let base = `username="${user}", realm="${realm}", nonce="${nonce}", uri="${req.selector}", response="${respdig}"`;
    if (opaque) base += `, opaque="${opaque}"`;
    base += `, algorithm="${algorithm}"`;
    if (qop) base += `, qop=auth, nc=${ncvalue}, cnonce="${cnonce}"`;
    return base;
  }

  /** H() for 'MD5' or 'SHA'; RangeError for anything else (MD5-sess is not implemented, as in CPython). */
  getAlgorithmImpls(algorithm: string): Hash {
    const name = algorithm === 'MD5' ? 'md5' : algorithm === 'SHA' ? 'sha1' : null;
    if (name === null) throw new RangeError(`Unsupported digest authentication algorithm '${algorithm}'`);
    return (x: string) => createHash(name).update(x, 'utf8').digest('hex');
  }
}

/** Answers 401 Digest challenges from servers. */
export class HTTPDigestAuthHandler extends AbstractDigestAuthHandler {
  override authHeader = 'Authorization';
  override handlerOrder = 490; // before Basic auth

  async httpError401(req: Request, _fp: unknown, _code: number, _msg: string, headers: HeaderLookup): Promise<addinfourl | undefined> {
    const host = urlparse(req.fullUrl).netloc;
    // CPython resets only on return: after "digest auth failed" the count stays high (kept as is).
    const retry = await this.httpErrorAuthReqed('www-authenticate', host, req, headers);
    this.resetRetryCount();
    return retry;
  }
}

/** Answers 407 Digest challenges from proxies. */
export class ProxyDigestAuthHandler extends AbstractDigestAuthHandler {
  override authHeader = 'Proxy-Authorization';
  override handlerOrder = 490;

  async httpError407(req: Request, _fp: unknown, _code: number, _msg: string, headers: HeaderLookup): Promise<addinfourl | undefined> {
    const retry = await this.httpErrorAuthReqed('proxy-authenticate', req.host ?? '', req, headers);
    this.resetRetryCount();
    return retry;
  }
}
