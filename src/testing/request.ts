// The request as httpbin's view functions see it, built once per request from node:http's
// IncomingMessage: gunicorn's environ rules for headers (names upper-cased, '_' and '-' folded,
// repeats joined with ","), Werkzeug's title-cased names, its query MultiDict, and the raw body.
import type { IncomingMessage } from 'node:http';
import { currentUrl, decodePath, hostFor, parseQuery, type Pairs } from './url.js';

/** One request, decoded the way httpbin's Flask/Werkzeug stack decodes it. */
export interface HttpbinRequest {
  readonly method: string;
  readonly scheme: 'http' | 'https';
  /** Decoded path httpbin routes on (PATH_INFO). */
  readonly path: string;
  /** Raw query string, without "?". */
  readonly query: string;
  readonly args: Pairs;
  /** Headers as Werkzeug's EnvironHeaders prints them ("X-Foo-Bar", "Content-Type"). */
  readonly headers: Pairs;
  readonly body: Buffer;
  readonly remoteAddr: string;
  /** Host as Werkzeug reports it (Host header minus the default port). */
  readonly host: string;
  /** `request.url` as httpbin echoes it. */
  readonly url: string;
  /** Route parameters, filled by the router. */
  params: Record<string, string>;
  /** Aborted when the client goes away or the server closes: long routes stop waiting. */
  readonly signal: AbortSignal;
}

/** Case-insensitive lookup of the first header named `name`. */
export function header(req: Pick<HttpbinRequest, 'headers'>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of req.headers) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** First value of query argument `name` (Werkzeug MultiDict.get), case-sensitive. */
export function arg(req: Pick<HttpbinRequest, 'args'>, name: string): string | undefined {
  for (const [k, v] of req.args) if (k === name) return v;
  return undefined;
}

/**
 * httpbin's CaseInsensitiveDict(request.args.items()) for `in` and `[]`: case-insensitive, first
 * value wins. (Its `.get()` is plain dict.get, case-sensitive: use {@link arg} for those reads.)
 */
export function argNoCase(req: Pick<HttpbinRequest, 'args'>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of req.args) if (k.toLowerCase() === lower) return v;
  return undefined;
}

// Python str.title(): a letter is upper-cased when it follows a non-letter, lower-cased otherwise.
function pyTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    const cased = ch.toLowerCase() !== ch.toUpperCase();
    out += cased ? (prevCased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    prevCased = cased;
  }
  return out;
}

/** gunicorn's environ keys → Werkzeug's header names, repeats joined with "," (no space). */
export function environHeaders(rawHeaders: readonly string[]): Pairs {
  const merged = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const upper = rawHeaders[i]!.toUpperCase();
    const value = rawHeaders[i + 1]!;
    // gunicorn: CONTENT-TYPE / CONTENT-LENGTH go to CONTENT_TYPE / CONTENT_LENGTH, last one wins.
    if (upper === 'CONTENT-TYPE' || upper === 'CONTENT-LENGTH') {
      merged.set(upper.replace('-', '_'), value);
      continue;
    }
    const key = 'HTTP_' + upper.replace(/-/g, '_');
    const prev = merged.get(key);
    merged.set(key, prev === undefined ? value : `${prev},${value}`);
  }
  const out: Pairs = [];
  for (const [key, value] of merged) {
    // Werkzeug's EnvironHeaders skips HTTP_CONTENT_TYPE / HTTP_CONTENT_LENGTH ("Content_Type: x").
    if (key === 'HTTP_CONTENT_TYPE' || key === 'HTTP_CONTENT_LENGTH') continue;
    const isContent = key === 'CONTENT_TYPE' || key === 'CONTENT_LENGTH';
    // Werkzeug EnvironHeaders skips empty CONTENT_TYPE / CONTENT_LENGTH.
    if (isContent && value === '') continue;
    const name = isContent ? key : key.slice(5);
    out.push([pyTitle(name.replace(/_/g, '-')), value]);
  }
  return out;
}

function splitTarget(target: string): { rawPath: string; query: string } {
  let t = target;
  // Absolute-form (RFC 9112 §3.2.2): route on the path part, as gunicorn does.
  const abs = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(t);
  if (abs !== null) t = t.slice(abs[0].length) || '/';
  const hash = t.indexOf('#');
  if (hash !== -1) t = t.slice(0, hash);
  const q = t.indexOf('?');
  return q === -1 ? { rawPath: t, query: '' } : { rawPath: t.slice(0, q), query: t.slice(q + 1) };
}

/** Build the httpbin view of `msg`, whose body has already been read into `body`. */
export function buildRequest(msg: IncomingMessage, body: Buffer, scheme: 'http' | 'https', signal: AbortSignal): HttpbinRequest {
  const { rawPath, query } = splitTarget(msg.url ?? '/');
  // Werkzeug matches on path_info.lstrip("/"): "//get" is served as "/get".
  const path = decodePath(rawPath).replace(/^\/{2,}/, '/');
  const headers = environHeaders(msg.rawHeaders);
  const address = (msg.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const local = `${address.includes(':') ? `[${address}]` : address}:${msg.socket.localPort ?? 0}`;
  const host = hostFor(scheme, header({ headers }, 'Host'), local);
  return {
    method: msg.method ?? 'GET',
    scheme,
    path,
    query,
    args: parseQuery(query),
    headers,
    body,
    remoteAddr: (msg.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
    host,
    url: currentUrl(scheme, host, path, query),
    params: {},
    signal,
  };
}
