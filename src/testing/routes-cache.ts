// Conditional-request routes: /cache (304 when If-Modified-Since or If-None-Match is present),
// /cache/:n (Cache-Control max-age), /etag/:etag (If-None-Match → 304, If-Match mismatch → 412).
import { randomUUID } from 'node:crypto';
import { getDict } from './echo.js';
import { jsonReply, statusReply, type Reply } from './reply.js';
import { header, type HttpbinRequest } from './request.js';
import type { Route } from './router.js';
import { GET_KEYS } from './routes-echo.js';

const getReply = (req: HttpbinRequest): Reply => jsonReply(getDict(req, GET_KEYS));

function cacheRoute(req: HttpbinRequest): Reply {
  if (header(req, 'If-Modified-Since') || header(req, 'If-None-Match')) return statusReply(304);
  const reply = getReply(req);
  reply.headers.push(['Last-Modified', new Date().toUTCString()], ['ETag', randomUUID().replace(/-/g, '')]);
  return reply;
}

function cacheControlRoute(req: HttpbinRequest): Reply {
  const reply = getReply(req);
  reply.headers.push(['Cache-Control', `public, max-age=${Number(req.params['value'])}`]);
  return reply;
}

// helpers.parse_multi_value_header: comma-separated entity tags, quotes and W/ dropped.
function parseEtags(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(',').map((part) => /^\s*(W\/)?"?([^"]*)"?\s*/.exec(part)![2]!);
}

function etagRoute(req: HttpbinRequest): Reply {
  const etag = req.params['etag']!;
  const ifNoneMatch = parseEtags(header(req, 'If-None-Match'));
  const ifMatch = parseEtags(header(req, 'If-Match'));
  if (ifNoneMatch.length > 0) {
    if (ifNoneMatch.includes(etag) || ifNoneMatch.includes('*')) {
      const reply = statusReply(304);
      reply.headers.push(['ETag', etag]);
      return reply;
    }
  } else if (ifMatch.length > 0 && !ifMatch.includes(etag) && !ifMatch.includes('*')) {
    return statusReply(412);
  }
  const reply = getReply(req);
  reply.headers.push(['ETag', etag]);
  return reply;
}

/** Caching routes. */
export const cacheRoutes: Route[] = [
  { rule: '/cache', methods: ['GET'], handler: cacheRoute },
  { rule: '/etag/<etag>', methods: ['GET'], handler: etagRoute },
  { rule: '/cache/<int:value>', methods: ['GET'], handler: cacheControlRoute },
];
