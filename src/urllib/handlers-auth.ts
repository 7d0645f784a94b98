/**
 * Basic authentication (RFC 7617) for servers (401) and proxies (407), with CPython's behaviour:
 * the first Basic challenge with a realm is answered; a retry that would resend the identical
 * Authorization gives up (returns nothing, so the 401 surfaces as HTTPError). Also the
 * RFC 2068 list parsers the Digest handler uses.
 */
import { BaseHandler } from './handler.js';
import { allValues, type HeaderLookup } from './message.js';
import { HTTPPasswordMgr, type HTTPPasswordMgrWithPriorAuth } from './passwords.js';
import type { Request } from './request.js';
import type { addinfourl } from './response.js';
import { parseHttpList } from '../internal/http-list.js';

type PasswordMgr = HTTPPasswordMgr;

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

// CPython AbstractBasicAuthHandler.rx: 'scheme realm=["\']?realm["\']?' challenges, comma-separated.
const REALM_RX = /(?:^|,)[ \t]*([^ \t,]+)[ \t]+realm=(["']?)([^"']*)\2/gi;

/** [scheme, realm | null] for each challenge in a WWW-Authenticate value (CPython _parse_realm). */
export function parseRealm(header: string): Array<[string, string | null]> {
  const found: Array<[string, string | null]> = [];
  for (const m of header.matchAll(REALM_RX)) found.push([m[1]!, m[3]!]);
  if (found.length === 0) found.push([header ? header.split(/\s+/).filter(Boolean)[0] ?? '' : '', null]);
  return found;
}

/** Shared Basic logic; `authHeader` is 'Authorization' or 'Proxy-authorization'. */
export class AbstractBasicAuthHandler extends BaseHandler {
  /** The password manager (Python's `passwd`). */
  passwd: PasswordMgr;
  authHeader = 'Authorization';

  constructor(passwordMgr: PasswordMgr | null = null) {
    super();
    this.passwd = passwordMgr ?? new HTTPPasswordMgr();
  }

  /** Shortcut to the password manager's addPassword. */
  addPassword(realm: string | null, uri: string | Iterable<string>, user: string, passwd: string, ...rest: unknown[]): void {
    (this.passwd.addPassword as (...a: unknown[]) => void).apply(this.passwd, [realm, uri, user, passwd, ...rest]);
  }

  /** Answers the first Basic challenge with a realm; throws RangeError when only other schemes were offered. */
  async httpErrorAuthReqed(authreq: string, host: string, req: Request, headers: HeaderLookup): Promise<addinfourl | undefined> {
    const values = allValues(headers, authreq);
    if (values.length === 0) return undefined;
    let unsupported: string | null = null;
    let lastScheme = '';
    for (const header of values) {
      for (const [scheme, realm] of parseRealm(header)) {
        lastScheme = scheme;
        if (scheme.toLowerCase() !== 'basic') {
          unsupported = scheme;
          continue;
        }
        // Use the first matching Basic challenge; ignore later ones.
        if (realm !== null) return this.retryHttpBasicAuth(host, req, realm);
      }
    }
    // CPython reports the loop's last scheme here, not `unsupported`.
    if (unsupported !== null) throw new RangeError(`AbstractBasicAuthHandler does not support the following scheme: '${lastScheme}'`);
    return undefined;
  }

  /** Retries with credentials for `realm`, unless the same ones were already sent. */
  async retryHttpBasicAuth(host: string, req: Request, realm: string): Promise<addinfourl | undefined> {
    const [user, pw] = this.passwd.findUserPassword(realm, host);
    if (pw === null) return undefined;
    const auth = 'Basic ' + b64(`${user}:${pw}`);
    if (req.getHeader(this.authHeader, null) === auth) return undefined;
    req.addUnredirectedHeader(this.authHeader, auth);
    return this.parent.open(req, { timeout: req.timeout });
  }

  /** With HTTPPasswordMgrWithPriorAuth: sends credentials up front for URIs known to need them. */
  httpRequest(req: Request): Request {
    const mgr = this.passwd as Partial<HTTPPasswordMgrWithPriorAuth>;
    if (typeof mgr.isAuthenticated !== 'function' || !mgr.isAuthenticated.call(this.passwd, req.fullUrl)) return req;
    if (!req.hasHeader('Authorization')) {
      const [user, passwd] = this.passwd.findUserPassword(null, req.fullUrl);
      req.addUnredirectedHeader('Authorization', `Basic ${b64(`${user}:${passwd}`).trim()}`);
    }
    return req;
  }

  /** With HTTPPasswordMgrWithPriorAuth: remembers whether the URI authenticated. */
  httpResponse(req: Request, response: addinfourl): addinfourl {
    const mgr = this.passwd as Partial<HTTPPasswordMgrWithPriorAuth>;
    if (typeof mgr.updateAuthenticated === 'function') {
      const code = response.code ?? 0;
      mgr.updateAuthenticated.call(this.passwd, req.fullUrl, code >= 200 && code < 300);
    }
    return response;
  }

  httpsRequest(req: Request): Request {
    return this.httpRequest(req);
  }

  httpsResponse(req: Request, response: addinfourl): addinfourl {
    return this.httpResponse(req, response);
  }
}

/** Answers 401 Basic challenges from servers. */
export class HTTPBasicAuthHandler extends AbstractBasicAuthHandler {
  override authHeader = 'Authorization';

  httpError401(req: Request, _fp: unknown, _code: number, _msg: string, headers: HeaderLookup): Promise<addinfourl | undefined> {
    return this.httpErrorAuthReqed('www-authenticate', req.fullUrl, req, headers);
  }
}

/** Answers 407 Basic challenges from proxies. */
export class ProxyBasicAuthHandler extends AbstractBasicAuthHandler {
  override authHeader = 'Proxy-authorization';

  httpError407(req: Request, _fp: unknown, _code: number, _msg: string, headers: HeaderLookup): Promise<addinfourl | undefined> {
    // The authority is the proxy's host:port (no userinfo: urllib does not support it in URLs).
    return this.httpErrorAuthReqed('proxy-authenticate', req.host ?? '', req, headers);
  }
}

export { parseHttpList };

/** key=value items to a record, surrounding double quotes removed (CPython parse_keqv_list). */
export function parseKeqvList(items: string[]): Record<string, string> {
  const parsed: Record<string, string> = {};
  for (const elt of items) {
    const i = elt.indexOf('=');
    if (i < 0) throw new RangeError(`not enough values to unpack (expected 2, got 1): ${elt}`);
    let v = elt.slice(i + 1);
    if (v.length >= 2 && v[0] === '"' && v[v.length - 1] === '"') v = v.slice(1, -1);
    else if (v.length === 1 && v === '"') v = '';
    parsed[elt.slice(0, i)] = v;
  }
  return parsed;
}
