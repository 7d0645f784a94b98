// The echo routes: /get /post /put /patch /delete /anything, and /headers /ip /user-agent /uuid.
// Each reports the request the way httpbin's get_dict does (see echo.ts).
import { randomUUID } from 'node:crypto';
import { echoHeaders, getDict, origin, type EchoKey } from './echo.js';
import { jsonReply } from './reply.js';
import type { Route } from './router.js';

const BODY_KEYS: readonly EchoKey[] = ['url', 'args', 'form', 'data', 'origin', 'headers', 'files', 'json'];
const ANY_KEYS: readonly EchoKey[] = ['url', 'args', 'headers', 'origin', 'method', 'form', 'data', 'files', 'json'];
const ANY_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE'];

/** /get's fields; also the body of /cache, /etag and /cache/:n. */
export const GET_KEYS: readonly EchoKey[] = ['url', 'args', 'headers', 'origin'];

// httpbin's CaseInsensitiveDict lookup of User-Agent (None when absent, JSON null).
function userAgent(headers: Record<string, string>): string | null {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'user-agent') return v;
  return null;
}

/** Echo routes. */
export const echoRoutes: Route[] = [
  { rule: '/get', methods: ['GET'], handler: (req) => jsonReply(getDict(req, GET_KEYS)) },
  { rule: '/post', methods: ['POST'], handler: (req) => jsonReply(getDict(req, BODY_KEYS)) },
  { rule: '/put', methods: ['PUT'], handler: (req) => jsonReply(getDict(req, BODY_KEYS)) },
  { rule: '/patch', methods: ['PATCH'], handler: (req) => jsonReply(getDict(req, BODY_KEYS)) },
  { rule: '/delete', methods: ['DELETE'], handler: (req) => jsonReply(getDict(req, BODY_KEYS)) },
  { rule: '/anything', methods: ANY_METHODS, handler: (req) => jsonReply(getDict(req, ANY_KEYS)) },
  { rule: '/anything/<path:anything>', methods: ANY_METHODS, handler: (req) => jsonReply(getDict(req, ANY_KEYS)) },
  { rule: '/headers', methods: ['GET'], handler: (req) => jsonReply({ headers: echoHeaders(req) }) },
  { rule: '/ip', methods: ['GET'], handler: (req) => jsonReply({ origin: origin(req) }) },
  { rule: '/user-agent', methods: ['GET'], handler: (req) => jsonReply({ 'user-agent': userAgent(echoHeaders(req)) }) },
  { rule: '/uuid', methods: ['GET'], handler: () => jsonReply({ uuid: randomUUID() }) },
];
