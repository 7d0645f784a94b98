/**
 * HTTP and HTTPS handlers on httpkit/client, as CPython's AbstractHTTPHandler on http.client:
 * `doRequest_` fills in Content-type (form-encoded by default), Content-length or chunked
 * Transfer-encoding, Host and the opener's User-agent as unredirected headers; `doOpen` sends
 * the request with `Connection: close` and header names title-cased, through a CONNECT tunnel
 * for proxied https. Socket errors while sending become URLError (the client → urllib error
 * boundary); errors while reading the response head propagate as http.client raised them, as in
 * CPython. Also HTTPCookieProcessor, which shares the RFC 6265 CookieStore with httpkit.
 */
import { addSecondBase } from '../internal/brand.js';
import { contentLength } from '../client/body.js';
import type { BodyInit } from '../client/body.js';
import { HTTPConnection, type HTTPConnectionOptions } from '../client/connection.js';
import { HTTPSConnection, type HTTPSContext } from '../client/https.js';
import { HTTPResponse } from '../client/response.js';
import { CookieStore } from '../cookies/store.js';
import { fromClientError, URLError } from './errors.js';
import { BaseHandler } from './handler.js';
import { allValues } from './message.js';
import { capitalize, splithost, splittype, title } from './pyutil.js';
import type { Request } from './request.js';
import { addinfourl, type ByteSource } from './response.js';

/**
 * What urlopen returns for http(s): an addinfourl that is also `instanceof` http.client's
 * HTTPResponse (CPython returns the HTTPResponse itself), with its framing attributes.
 */
export class HTTPURLResponse extends addinfourl {
  /** The http.client response underneath. */
  get response(): HTTPResponse {
    return (this.fp as HTTPSource).response;
  }

  /** Body bytes still expected for a Content-Length body; null when unknown. */
  get length(): number | null {
    return this.response.length;
  }

  get chunked(): boolean {
    return this.response.chunked;
  }

  /** Python's will_close (always true here: urllib sends Connection: close). */
  get willClose(): boolean {
    return this.response.willClose;
  }

  /** True once the body was read to the end or the response closed. */
  isclosed(): boolean {
    return this.closed || this.response.isclosed();
  }
}
addSecondBase(HTTPURLResponse, HTTPResponse);

/** The body of an http.client response; closes the connection when done (CPython closes h.sock). */
class HTTPSource implements ByteSource {
  constructor(
    /** The http.client response. */
    readonly response: HTTPResponse,
    readonly connection: HTTPConnection,
  ) {}

  async read(n?: number): Promise<Uint8Array> {
    let data: Uint8Array;
    try {
      data = await this.response.read(n);
    } catch (err) {
      this.connection.close(); // IncompleteRead, timeout...: the socket cannot be reused
      throw err;
    }
    if (data.length === 0 || this.response.isclosed()) this.connection.close();
    return data;
  }

  close(): void {
    this.response.close();
    this.connection.close();
  }
}

/** Options of the HTTP handlers. */
export interface HTTPHandlerOptions {
  /** > 0 prints the exchange (http.client's set_debuglevel). Default 0. */
  debuglevel?: number;
}

/** Shared request preparation (`doRequest_`) and exchange (`doOpen`). */
export class AbstractHTTPHandler extends BaseHandler {
  _debuglevel: number;

  constructor(options: HTTPHandlerOptions = {}) {
    super();
    this._debuglevel = options.debuglevel ?? 0;
  }

  setHttpDebuglevel(level: number): void {
    this._debuglevel = level;
  }

  /** Adds the headers the request needs (as unredirected headers) before it is sent. */
  doRequest_(request: Request): Request {
    const host = request.host;
    if (!host) throw new URLError('no host given');
    if (request.data !== null) {
      const data = request.data;
      if (typeof data === 'string') {
        throw new TypeError('POST data should be bytes, an iterable of bytes, or a file object. It cannot be of type str.');
      }
      if (!request.hasHeader('Content-type')) request.addUnredirectedHeader('Content-type', 'application/x-www-form-urlencoded');
      if (!request.hasHeader('Content-length') && !request.hasHeader('Transfer-encoding')) {
        const length = contentLength(data, request.getMethod());
        if (length !== null) request.addUnredirectedHeader('Content-length', String(length));
        else request.addUnredirectedHeader('Transfer-encoding', 'chunked');
      }
    }
    let selHost = host;
    if (request.hasProxy()) selHost = splithost(splittype(request.selector)[1])[0] ?? '';
    if (!request.hasHeader('Host')) request.addUnredirectedHeader('Host', selHost);
    for (const [rawName, value] of this.parent.addheaders) {
      const name = capitalize(rawName);
      if (!request.hasHeader(name)) request.addUnredirectedHeader(name, value);
    }
    return request;
  }

  /** Sends `req` on a new connection of `httpClass` and returns the response. */
  async doOpen(
    httpClass: new (host: string, opts: HTTPConnectionOptions & { context?: HTTPSContext }) => HTTPConnection,
    req: Request,
    connArgs: Record<string, unknown> = {},
  ): Promise<addinfourl> {
    const host = req.host;
    if (!host) throw new URLError('no host given');
    const opts: Record<string, unknown> = { ...connArgs };
    if (req.timeout !== undefined) opts.timeout = req.timeout;
    const h = new httpClass(host, opts);
    h.setDebuglevel(this._debuglevel);
    const headers = requestHeaders(req);
    if (req._tunnelHost) {
      // Proxy-Authorization goes to the proxy on CONNECT, never to the origin server.
      const tunnelHeaders: Record<string, string> = {};
      const proxyAuth = headers.get('Proxy-Authorization');
      if (proxyAuth !== undefined) {
        tunnelHeaders['Proxy-Authorization'] = proxyAuth;
        headers.delete('Proxy-Authorization');
      }
      h.setTunnel(req._tunnelHost, { headers: tunnelHeaders });
    }
    let r: HTTPResponse;
    try {
      try {
        await h.request(req.getMethod(), req.selector, {
          body: req.data as BodyInit | null,
          headers: [...headers],
          encodeChunked: req.hasHeader('Transfer-encoding'),
        });
      } catch (err) {
        throw fromClientError(err);
      }
      r = await h.getresponse();
    } catch (err) {
      h.close();
      throw err;
    }
    r.url = req.getFullUrl();
    return new HTTPURLResponse(new HTTPSource(r, h), r.headers, req.getFullUrl(), r.status, { reason: r.reason, version: r.version });
  }
}

/** CPython do_open: unredirected headers win over redirected ones; `Connection: close`; names title-cased. */
function requestHeaders(req: Request): Map<string, string> {
  const merged = new Map<string, string>(Object.entries(req.unredirectedHdrs));
  for (const [k, v] of Object.entries(req.headers)) if (!merged.has(k)) merged.set(k, v);
  // We want HTTP/1.1 but the response object is not ready for a persistent connection.
  merged.set('Connection', 'close');
  const titled = new Map<string, string>();
  for (const [k, v] of merged) titled.set(title(k), v);
  return titled;
}

/** http: URLs. */
export class HTTPHandler extends AbstractHTTPHandler {
  httpOpen(req: Request): Promise<addinfourl> {
    return this.doOpen(HTTPConnection, req);
  }

  httpRequest(req: Request): Request {
    return this.doRequest_(req);
  }
}

/** Options of {@link HTTPSHandler}. */
export interface HTTPSHandlerOptions extends HTTPHandlerOptions {
  /** TLS options (Python's SSLContext): ca, cert, key, rejectUnauthorized, checkHostname... */
  context?: HTTPSContext | null;
  /** Overrides the context's host-name check. */
  checkHostname?: boolean | null;
}

/** https: URLs (certificate and host name verified by default). */
export class HTTPSHandler extends AbstractHTTPHandler {
  _context: HTTPSContext | null;
  _checkHostname: boolean | null;

  constructor(options: HTTPSHandlerOptions = {}) {
    super(options);
    this._context = options.context ?? null;
    this._checkHostname = options.checkHostname ?? null;
  }

  httpsOpen(req: Request): Promise<addinfourl> {
    const args: Record<string, unknown> = {};
    if (this._context !== null) args.context = this._context;
    if (this._checkHostname !== null) args.checkHostname = this._checkHostname;
    return this.doOpen(HTTPSConnection, req, args);
  }

  httpsRequest(req: Request): Request {
    return this.doRequest_(req);
  }
}

/** Sends and stores cookies with a CookieStore (shared with httpkit's sessions if you pass one). */
export class HTTPCookieProcessor extends BaseHandler {
  /** The cookie store (Python's `cookiejar`). */
  cookiejar: CookieStore;

  constructor(cookiejar: CookieStore | null = null) {
    super();
    this.cookiejar = cookiejar ?? new CookieStore();
  }

  /** Adds a Cookie header unless the request already has one (CPython add_cookie_header). */
  httpRequest(request: Request): Request {
    const cookie = this.cookiejar.cookieHeaderFor(request.fullUrl);
    if (cookie !== '' && !request.hasHeader('Cookie')) request.addUnredirectedHeader('Cookie', cookie);
    return request;
  }

  /** Stores the response's Set-Cookie headers (CPython extract_cookies). */
  httpResponse(request: Request, response: addinfourl): addinfourl {
    const setCookies = allValues(response.info(), 'Set-Cookie');
    if (setCookies.length > 0) this.cookiejar.setFromResponse(request.fullUrl, setCookies);
    return response;
  }

  httpsRequest(request: Request): Request {
    return this.httpRequest(request);
  }

  httpsResponse(request: Request, response: addinfourl): addinfourl {
    return this.httpResponse(request, response);
  }
}
