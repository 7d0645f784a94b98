// Redirect routes: /redirect/:n (relative, or absolute with ?absolute=true), /relative-redirect/:n,
// /absolute-redirect/:n, /redirect-to?url=&status_code=, and the /links pages.
import { pyInt } from './params.js';
import { BadRequest, redirectReply, textReply, type Reply } from './reply.js';
import { argNoCase, arg, type HttpbinRequest } from './request.js';
import type { Route } from './router.js';

// Flask url_for(..., _external=True): scheme and host of this request.
function external(req: HttpbinRequest, path: string): string {
  return `${req.scheme}://${req.host}${path}`;
}

function count(req: HttpbinRequest): number {
  const n = Number(req.params['n']);
  // httpbin asserts n > 0 (a 500 there).
  if (!(n > 0)) throw new BadRequest('n must be greater than 0');
  return n;
}

// A 302 with an empty body, as httpbin's make_response('') + Location.
function bareRedirect(location: string, status = 302): Reply {
  const reply = textReply(status, '');
  reply.headers.push(['Location', location]);
  return reply;
}

function redirectRoute(req: HttpbinRequest): Reply {
  const n = count(req);
  const absolute = (arg(req, 'absolute') ?? 'false').toLowerCase() === 'true';
  const path = n === 1 ? '/get' : absolute ? `/absolute-redirect/${n - 1}` : `/relative-redirect/${n - 1}`;
  return redirectReply(absolute ? external(req, path) : path);
}

function relativeRoute(req: HttpbinRequest): Reply {
  const n = count(req);
  return bareRedirect(n === 1 ? '/get' : `/relative-redirect/${n - 1}`);
}

function absoluteRoute(req: HttpbinRequest): Reply {
  const n = count(req);
  return redirectReply(external(req, n === 1 ? '/get' : `/absolute-redirect/${n - 1}`));
}

function redirectToRoute(req: HttpbinRequest): Reply {
  const url = argNoCase(req, 'url');
  if (url === undefined) throw new BadRequest('missing url argument');
  let status = 302;
  const code = argNoCase(req, 'status_code');
  if (code !== undefined) {
    const parsed = pyInt(code, 'status_code');
    if (parsed >= 300 && parsed < 400) status = parsed;
  }
  // The Location is the exact string given, sent as its UTF-8 bytes.
  return bareRedirect(Buffer.from(url, 'utf8').toString('latin1'), status);
}

function linksRoute(req: HttpbinRequest): Reply {
  return redirectReply(`/links/${req.params['n']}/0`);
}

function linkPageRoute(req: HttpbinRequest): Reply {
  const n = Math.min(Math.max(1, Number(req.params['n'])), 200);
  const offset = Number(req.params['offset']);
  const html = ['<html><head><title>Links</title></head><body>'];
  for (let i = 0; i < n; i++) html.push(i === offset ? `${i} ` : `<a href='/links/${n}/${i}'>${i}</a> `);
  html.push('</body></html>');
  return textReply(200, html.join(''));
}

const REDIRECT_TO_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE'];

/** Redirect and link routes. */
export const redirectRoutes: Route[] = [
  { rule: '/redirect/<int:n>', methods: ['GET'], handler: redirectRoute },
  { rule: '/redirect-to', methods: REDIRECT_TO_METHODS, handler: redirectToRoute },
  { rule: '/relative-redirect/<int:n>', methods: ['GET'], handler: relativeRoute },
  { rule: '/absolute-redirect/<int:n>', methods: ['GET'], handler: absoluteRoute },
  { rule: '/links/<int:n>/<int:offset>', methods: ['GET'], handler: linkPageRoute },
  { rule: '/links/<int:n>', methods: ['GET'], handler: linksRoute },
];
