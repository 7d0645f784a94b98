// Authentication routes: /basic-auth, /hidden-basic-auth (404 instead of 401), /bearer, and
// /digest-auth/:qop/:user/:passwd[/:algorithm[/:stale_after]] with httpbin's cookie protocol
// (stale_after counts down successful requests; last_nonce detects replays; require-cookie).
import { jsonReply, setCookie, statusReply, textReply, type Reply } from './reply.js';
import { requestCookies } from './routes-cookies.js';
import { arg, header, type HttpbinRequest } from './request.js';
import type { Route } from './router.js';
import { digestChallenge, expectedResponse, parseAuthorization, type DigestAlgorithm } from './digest.js';

function basicOk(req: HttpbinRequest): boolean {
  const creds = parseAuthorization(header(req, 'Authorization'));
  return creds?.type === 'basic' && creds.username === req.params['user'] && creds.password === req.params['passwd'];
}

function basicRoute(req: HttpbinRequest): Reply {
  if (!basicOk(req)) return statusReply(401);
  return jsonReply({ authenticated: true, user: req.params['user']! });
}

function hiddenBasicRoute(req: HttpbinRequest): Reply {
  if (!basicOk(req)) return statusReply(404);
  return jsonReply({ authenticated: true, user: req.params['user']! });
}

// httpbin 0.7.0 takes the token as authorization.lstrip('Bearer '): it strips leading characters
// from the set {B, e, a, r, space}, not the prefix. Kept, since 0.7.0 is the reference.
function bearerRoute(req: HttpbinRequest): Reply {
  const authorization = header(req, 'Authorization');
  if (authorization === undefined) {
    const reply = textReply(401, '');
    reply.headers.push(['WWW-Authenticate', 'Bearer']);
    return reply;
  }
  return jsonReply({ authenticated: true, token: authorization.replace(/^[Bear ]+/, '') });
}

function challenge(req: HttpbinRequest, qop: string | undefined, algorithm: DigestAlgorithm, stale: boolean): Reply {
  const reply = textReply(401, '');
  reply.headers.push(['WWW-Authenticate', digestChallenge(qop, algorithm, req.remoteAddr, stale)]);
  return reply;
}

// helpers.next_stale_after_value: a number counts down, anything else becomes "never".
function nextStaleAfter(value: string): string {
  return /^\s*[+-]?\d+\s*$/.test(value) ? String(parseInt(value, 10) - 1) : 'never';
}

function digestRoute(req: HttpbinRequest): Reply {
  const p = req.params;
  const algorithm: DigestAlgorithm = p['algorithm'] === 'SHA-256' || p['algorithm'] === 'SHA-512' ? p['algorithm'] : 'MD5';
  const qop = p['qop'] === 'auth' || p['qop'] === 'auth-int' ? p['qop'] : undefined;
  const staleAfter = p['stale_after'] ?? 'never';
  const requireCookie = ['1', 't', 'true'].includes((arg(req, 'require-cookie') ?? '').toLowerCase());
  const creds = parseAuthorization(header(req, 'Authorization'));
  const cookies = requestCookies(req);
  if (creds?.type !== 'digest' || (requireCookie && header(req, 'Cookie') === undefined)) {
    const reply = challenge(req, qop, algorithm, false);
    reply.headers.push(setCookie('stale_after', staleAfter), setCookie('fake', 'fake_value'));
    return reply;
  }
  if (requireCookie && cookies['fake'] !== 'fake_value') {
    const reply = jsonReply({ errors: ['missing cookie set on challenge'] }, 403);
    reply.headers.push(setCookie('fake', 'fake_value'));
    return reply;
  }
  const nonce = creds.params['nonce'] ?? '';
  const staleValue = cookies['stale_after'];
  if ((cookies['last_nonce'] !== undefined && nonce === cookies['last_nonce']) || staleValue === '0') {
    return rechallenge(req, qop, algorithm, true, staleAfter, nonce);
  }
  const uri = req.query === '' ? req.path : `${req.path}?${req.query}`;
  const expected = expectedResponse(creds.params, p['passwd']!, { method: req.method, uri, body: req.body });
  if (expected === undefined || creds.params['response'] !== expected) {
    return rechallenge(req, qop, algorithm, false, staleAfter, nonce);
  }
  const reply = jsonReply({ authenticated: true, user: p['user']! });
  reply.headers.push(setCookie('fake', 'fake_value'));
  if (staleValue) reply.headers.push(setCookie('stale_after', nextStaleAfter(staleValue)));
  return reply;
}

function rechallenge(req: HttpbinRequest, qop: string | undefined, algorithm: DigestAlgorithm, stale: boolean, staleAfter: string, nonce: string): Reply {
  const reply = challenge(req, qop, algorithm, stale);
  reply.headers.push(setCookie('stale_after', staleAfter), setCookie('last_nonce', nonce), setCookie('fake', 'fake_value'));
  return reply;
}

/** Authentication routes. */
export const authRoutes: Route[] = [
  { rule: '/basic-auth/<user>/<passwd>', methods: ['GET'], handler: basicRoute },
  { rule: '/hidden-basic-auth/<user>/<passwd>', methods: ['GET'], handler: hiddenBasicRoute },
  { rule: '/bearer', methods: ['GET'], handler: bearerRoute },
  { rule: '/digest-auth/<qop>/<user>/<passwd>', methods: ['GET'], handler: digestRoute },
  { rule: '/digest-auth/<qop>/<user>/<passwd>/<algorithm>', methods: ['GET'], handler: digestRoute },
  { rule: '/digest-auth/<qop>/<user>/<passwd>/<algorithm>/<stale_after>', methods: ['GET'], handler: digestRoute },
];
