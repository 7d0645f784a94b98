/**
 * HTTPRedirectHandler, as CPython's: 301/302/303 turn a POST into a bodiless GET; GET and HEAD
 * follow 301/302/303/307/308; anything else raises HTTPError. Only http, https and ftp targets
 * (or relative ones) are followed; a URL seen `maxRepeats` times or `maxRedirections` hops in
 * total is treated as a loop. Non-ASCII and special characters of the Location are
 * percent-encoded (the header was decoded as ISO-8859-1) before it is joined to the request URL.
 * One deliberate difference: Authorization, Cookie and Proxy-Authorization headers the caller
 * added are not carried to another origin (ARCHITECTURE.md).
 */
import { urljoin } from '../parse/join.js';
import { quote } from '../parse/quote.js';
import { urlparse, urlsplit, urlunparse } from '../parse/split.js';
import { HTTPError } from './errors.js';
import { BaseHandler } from './handler.js';
import { firstValue, type HeaderLookup } from './message.js';
import { Request } from './request.js';
import type { addinfourl, ByteSource } from './response.js';

// Python's string.punctuation: kept as-is by the Location quoting.
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const CONTENT_HEADERS = new Set(['content-length', 'content-type']);
// ARCHITECTURE.md "Credentials never cross an origin change": CPython copies a user-added
// Authorization/Cookie to any host; we drop them when scheme, host or port change.
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ftp: 21 };

function origin(url: string): string {
  const parts = urlsplit(url);
  let port: number | null;
  try {
    port = parts.port;
  } catch {
    // An invalid port cannot match anything: compare the raw netloc instead.
    return `${parts.scheme}://${parts.netloc.toLowerCase()}`;
  }
  return `${parts.scheme}://${parts.hostname ?? ''}:${port ?? DEFAULT_PORTS[parts.scheme] ?? ''}`;
}

/** Same scheme, host and (effective) port. */
function sameOrigin(a: string, b: string): boolean {
  return origin(a) === origin(b);
}

/** Follows 3xx responses with a new Request. */
export class HTTPRedirectHandler extends BaseHandler {
  /** Maximum visits of any single URL (cookies can make a revisit legitimate). CPython: 4. */
  maxRepeats = 4;
  /** Maximum redirections in one chain before assuming a loop. CPython: 10. */
  maxRedirections = 10;
  /** Prefix of the HTTPError message for a detected loop. */
  infMsg =
    'The HTTP server returned a redirect error that would lead to an infinite loop.\n' + 'The last 30x error message was:\n';

  /**
   * The Request to follow a redirect with, or null to let another handler try; throws HTTPError
   * when the redirect must not be followed. Override to change the policy.
   */
  redirectRequest(req: Request, fp: ByteSource | null, code: number, msg: string, headers: HeaderLookup, newurl: string): Request | null {
    const m = req.getMethod();
    const follow = ([301, 302, 303, 307, 308].includes(code) && (m === 'GET' || m === 'HEAD')) || ([301, 302, 303].includes(code) && m === 'POST');
    if (!follow) throw new HTTPError(req.fullUrl, code, msg, headers, fp);
    // Be conciliant with URIs containing a space (kept for callers other than httpError302).
    const url = newurl.replaceAll(' ', '%20');
    const newheaders: Record<string, string> = {};
    const crossOrigin = !sameOrigin(req.fullUrl, url);
    for (const [k, v] of Object.entries(req.headers)) {
      const lower = k.toLowerCase();
      if (CONTENT_HEADERS.has(lower) || (crossOrigin && CREDENTIAL_HEADERS.has(lower))) continue;
      newheaders[k] = v;
    }
    return new Request(url, { headers: newheaders, originReqHost: req.originReqHost, unverifiable: true });
  }

  /** Handles 302; 301, 303, 307 and 308 share the implementation (CPython aliases the function). */
  httpError302(req: Request, fp: addinfourl | null, code: number, msg: string, headers: HeaderLookup): Promise<addinfourl | undefined> {
    return this.#follow(req, fp, code, msg, headers);
  }

  async #follow(req: Request, fp: addinfourl | null, code: number, msg: string, headers: HeaderLookup): Promise<addinfourl | undefined> {
    // Some servers send several Location headers: use the first.
    const location = firstValue(headers, 'location') ?? firstValue(headers, 'uri');
    if (location === null) return undefined;
    const newurl = this.#resolve(req, fp, code, msg, headers, location);
    const next = await this.redirectRequest(req, fp, code, msg, headers, newurl);
    if (next === null || next === undefined) return undefined;
    this.#checkLoop(req, next, fp, code, msg, headers, newurl);
    // Don't close fp until we are sure it won't be used with HTTPError.
    if (fp) {
      await fp.read();
      fp.close();
    }
    return this.parent.open(next, { timeout: req.timeout });
  }

  #resolve(req: Request, fp: ByteSource | null, code: number, msg: string, headers: HeaderLookup, location: string): string {
    const parts = urlparse(location);
    // For security, no redirection to anything other than http, https or ftp.
    if (!['http', 'https', 'ftp', ''].includes(parts.scheme)) {
      throw new HTTPError(location, code, `${msg} - Redirection to url '${location}' is not allowed`, headers, fp);
    }
    const fixed = parts.path === '' && parts.netloc !== '' ? parts.replace({ path: '/' }) : parts;
    // http.client decoded the header as ISO-8859-1: recover the bytes and percent-encode them.
    const quoted = quote(urlunparse(fixed), { encoding: 'latin-1', safe: PUNCTUATION });
    return urljoin(req.fullUrl, quoted);
  }

  #checkLoop(req: Request, next: Request, fp: ByteSource | null, code: number, msg: string, headers: HeaderLookup, newurl: string): void {
    let visited = req.redirectDict;
    if (visited) {
      next.redirectDict = visited;
      if ((visited.get(newurl) ?? 0) >= this.maxRepeats || visited.size >= this.maxRedirections) {
        throw new HTTPError(req.fullUrl, code, this.infMsg + msg, headers, fp);
      }
    } else {
      visited = new Map();
      next.redirectDict = req.redirectDict = visited;
    }
    visited.set(newurl, (visited.get(newurl) ?? 0) + 1);
  }

  httpError301(req: Request, fp: addinfourl | null, code: number, msg: string, headers: HeaderLookup): Promise<addinfourl | undefined> {
    return this.#follow(req, fp, code, msg, headers);
  }

  httpError303(req: Request, fp: addinfourl | null, code: number, msg: string, headers: HeaderLookup): Promise<addinfourl | undefined> {
    return this.#follow(req, fp, code, msg, headers);
  }

  httpError307(req: Request, fp: addinfourl | null, code: number, msg: string, headers: HeaderLookup): Promise<addinfourl | undefined> {
    return this.#follow(req, fp, code, msg, headers);
  }

  httpError308(req: Request, fp: addinfourl | null, code: number, msg: string, headers: HeaderLookup): Promise<addinfourl | undefined> {
    return this.#follow(req, fp, code, msg, headers);
  }
}
