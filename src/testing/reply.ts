// What a route returns, and the response builders httpbin's views use: Flask's jsonify, Werkzeug's
// redirect() page and error pages, httpbin's status_code() table, and Werkzeug's Set-Cookie format.
import { pyDumps, type JsonValue } from './pyjson.js';

/** A response before it is written: status, ordered headers, and a body. */
export interface Reply {
  status: number;
  headers: Array<[string, string]>;
  /** Whole body, or chunks produced over time (written with chunked framing unless sized). */
  body: Uint8Array | AsyncIterable<Uint8Array>;
}

/** Thrown by routes for arguments they cannot use (httpbin would crash with a 500; we say 400). */
export class BadRequest extends Error {}

const HTML = 'text/html; charset=utf-8';

/** A body-only reply with the given media type; Werkzeug's header order (type, then length). */
export function textReply(status: number, body: string | Uint8Array, contentType = HTML): Reply {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { status, headers: [['Content-Type', contentType], ['Content-Length', String(bytes.length)]], body: bytes };
}


/** Flask `jsonify` as httpbin wraps it: sorted compact JSON plus a trailing newline. */
export function jsonReply(value: JsonValue, status = 200): Reply {
  return textReply(status, pyDumps(value) + '\n', 'application/json');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Flask `redirect(location)`: 302 with Werkzeug's small HTML page. */
export function redirectReply(location: string, status = 302): Reply {
  const safe = escapeHtml(location);
  const page = '<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n'
    + `<p>You should be redirected automatically to the target URL: <a href="${safe}">${safe}</a>. If not, click the link.\n`;
  const reply = textReply(status, page);
  reply.headers.push(['Location', location]);
  return reply;
}

const ERROR_TEXT: Record<number, [string, string]> = {
  400: ['Bad Request', 'The browser (or proxy) sent a request that this server could not understand.'],
  404: ['Not Found', 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.'],
  405: ['Method Not Allowed', 'The method is not allowed for the requested URL.'],
  500: ['Internal Server Error', 'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.'],
};

/** Werkzeug's HTTPException page for 400/404/405/500. */
export function errorReply(status: number, description?: string): Reply {
  const [title, text] = ERROR_TEXT[status] ?? ['Error', ''];
  const page = `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${escapeHtml(description ?? text)}</p>\n`;
  return textReply(status, page);
}

const ASCII_ART = `
    -=[ teapot ]=-

       _...._
     .'  _ _ \`.
    | ."\` ^ \`". _,
    \\_;\`"---"\`|//
      |       ;/
      \\_     _/
        \`"""\`
`;

/** Media types /image negotiates, in httpbin's order (listed in its 406 body). */
export const ACCEPTED_MEDIA_TYPES = ['image/webp', 'image/svg+xml', 'image/jpeg', 'image/png', 'image/*'];

/**
 * httpbin `status_code(code)`: an empty body, except the redirect, auth, 402, 406 and 418 cases.
 * Note that its table replaces the headers, so most of these replies carry no Content-Type.
 */
export function statusReply(code: number): Reply {
  // make_response() without data: the Content-Length is only added at the end, by Werkzeug.
  const reply: Reply = { status: code, headers: [['Content-Type', HTML]], body: new Uint8Array(0) };
  const set = (headers: Array<[string, string]>, body?: string): Reply => {
    reply.headers = headers;
    if (body !== undefined) reply.body = Buffer.from(body, 'utf8');
    return reply;
  };
  switch (code) {
    case 301: case 302: case 303: case 305: case 307:
      return set([['location', '/redirect/1']]);
    case 401: return set([['WWW-Authenticate', 'Basic realm="Fake Realm"']]);
    case 402: return set([['x-more-info', 'http://vimeo.com/22053820']], 'Fuck you, pay me!');
    case 406: return set([['Content-Type', 'application/json']],
      pyDumpsSpaced({ message: 'Client did not request a supported media type.', accept: ACCEPTED_MEDIA_TYPES }));
    // Werkzeug drops entity headers (Content-Type included) from a 304.
    case 304: return set([]);
    case 407: return set([['Proxy-Authenticate', 'Basic realm="Fake Realm"']]);
    case 418: return set([['x-more-info', 'http://tools.ietf.org/html/rfc2324']], ASCII_ART);
    default: return reply;
  }
}

// httpbin builds the 406 body with plain json.dumps: ", " and ": " separators, insertion order.
function pyDumpsSpaced(v: { message: string; accept: string[] }): string {
  return `{"message": ${pyDumps(v.message)}, "accept": [${v.accept.map((a) => pyDumps(a)).join(', ')}]}`;
}

// Werkzeug _legal_cookie_chars; anything else makes the value quoted with octal escapes.
const LEGAL_COOKIE = /^[A-Za-z0-9/=!#$%&'*+\-.^_`|~:]*$/;

function cookieQuote(value: string): string {
  if (LEGAL_COOKIE.test(value)) return value;
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (LEGAL_COOKIE.test(ch)) out += ch;
    else if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === ',' || ch === ';' || byte < 32 || byte >= 127) out += '\\' + byte.toString(8).padStart(3, '0');
    else out += ch;
  }
  return `"${out}"`;
}

/** Werkzeug `dump_cookie(key, value, path="/", secure=...)` for Set-Cookie. */
export function setCookie(name: string, value: string, opts: { secure?: boolean } = {}): [string, string] {
  let line = `${name}=${cookieQuote(value)}; Path=/`;
  if (opts.secure === true) line = `${name}=${cookieQuote(value)}; Secure; Path=/`;
  return ['Set-Cookie', Buffer.from(line, 'utf8').toString('latin1')];
}

/** Werkzeug `delete_cookie(key)`. */
export function deleteCookie(name: string): [string, string] {
  return ['Set-Cookie', Buffer.from(`${name}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/`, 'utf8').toString('latin1')];
}
