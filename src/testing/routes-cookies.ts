// Cookie routes: /cookies lists what the client sent; /cookies/set… and /cookies/delete… answer
// with Set-Cookie and a redirect back to /cookies, as httpbin does.
import { dict } from './pyjson.js';
import { deleteCookie, jsonReply, redirectReply, setCookie, type Reply } from './reply.js';
import { arg, header, type HttpbinRequest } from './request.js';
import { decodeReplace } from './url.js';
import type { Route } from './router.js';

// core.ENV_COOKIES: analytics cookies of the hosted httpbin, hidden unless ?show_env.
const ENV_COOKIES = new Set(['_gauges_unique', '_gauges_unique_year', '_gauges_unique_month', '_gauges_unique_day',
  '_gauges_unique_hour', '__utmz', '__utma', '__utmb']);

// Werkzeug _cookie_unquote: a quoted value loses its quotes and its \ooo and \x escapes.
function unquoteCookie(v: string): string {
  if (v.length < 2 || !v.startsWith('"') || !v.endsWith('"')) return v;
  return v.slice(1, -1)
    .replace(/\\([0-3][0-7][0-7])|\\(.)/g, (_m, oct: string | undefined, ch: string | undefined) => (oct !== undefined ? String.fromCharCode(parseInt(oct, 8)) : ch!));
}

/** Werkzeug parse_cookie: first value per name wins, as dict(request.cookies.items()). */
export function requestCookies(req: HttpbinRequest): Record<string, string> {
  const raw = header(req, 'Cookie');
  const out = dict<string>();
  if (raw === undefined) return out;
  // node:http hands header bytes over as latin1 characters; Werkzeug decodes cookies as UTF-8.
  const utf8 = (s: string): string => decodeReplace(Buffer.from(s, 'latin1'));
  const re = /([^=;]*)(?:\s*=\s*("(?:[^\\"]|\\.)*"|.*?))?\s*;/gs;
  const text = raw + ';';
  for (let m = re.exec(text); m !== null && m.index < raw.length; m = re.exec(text)) {
    const key = utf8(m[1]!.trim());
    const value = utf8(unquoteCookie(m[2] ?? ''));
    if (key !== '' && !(key in out)) out[key] = value;
  }
  return out;
}

function cookiesRoute(req: HttpbinRequest): Reply {
  const cookies = requestCookies(req);
  if (arg(req, 'show_env') === undefined) for (const name of ENV_COOKIES) delete cookies[name];
  return jsonReply({ cookies });
}

function firstArgs(req: HttpbinRequest): Array<[string, string]> {
  const seen = new Set<string>();
  return req.args.filter(([k]) => !seen.has(k) && seen.add(k) !== undefined);
}

function setOne(req: HttpbinRequest): Reply {
  const reply = redirectReply('/cookies');
  reply.headers.push(setCookie(req.params['name']!, req.params['value']!, { secure: req.scheme === 'https' }));
  return reply;
}

function setMany(req: HttpbinRequest): Reply {
  const reply = redirectReply('/cookies');
  for (const [k, v] of firstArgs(req)) reply.headers.push(setCookie(k, v, { secure: req.scheme === 'https' }));
  return reply;
}

function deleteMany(req: HttpbinRequest): Reply {
  const reply = redirectReply('/cookies');
  for (const [k] of firstArgs(req)) reply.headers.push(deleteCookie(k));
  return reply;
}

/** Cookie routes. */
export const cookieRoutes: Route[] = [
  { rule: '/cookies', methods: ['GET'], handler: cookiesRoute },
  { rule: '/cookies/set/<name>/<value>', methods: ['GET'], handler: setOne },
  { rule: '/cookies/set', methods: ['GET'], handler: setMany },
  { rule: '/cookies/delete', methods: ['GET'], handler: deleteMany },
];
