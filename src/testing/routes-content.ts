// Fixed-content routes: pages (/ /html /xml /json /robots.txt /deny /encoding/utf8 /forms/post),
// images by path or by Accept (/image), and compressed echoes (/gzip /deflate /brotli).
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { getDict } from './echo.js';
import { IMAGES } from './images.js';
import { ANGRY_ASCII, FORMS_POST_HTML, INDEX_HTML, MOBY_HTML, ROBOTS_TXT, SAMPLE_JSON, SAMPLE_XML, UTF8_DEMO_HTML } from './pages.js';
import { pyDumps } from './pyjson.js';
import { jsonReply, statusReply, textReply, type Reply } from './reply.js';
import { header, type HttpbinRequest } from './request.js';
import type { Route } from './router.js';

const page = (body: string, type?: string) => (): Reply => textReply(200, body, type);
const image = (bytes: Buffer, type: string) => (): Reply => textReply(200, bytes, type);

// /image: the first supported type found in Accept, in httpbin's order; PNG without Accept.
function imageRoute(req: HttpbinRequest): Reply {
  const accept = header(req, 'Accept')?.toLowerCase();
  if (accept === undefined) return textReply(200, IMAGES.png, 'image/png');
  if (accept.includes('image/webp')) return textReply(200, IMAGES.webp, 'image/webp');
  if (accept.includes('image/svg+xml')) return textReply(200, IMAGES.svg, 'image/svg+xml');
  if (accept.includes('image/jpeg')) return textReply(200, IMAGES.jpeg, 'image/jpeg');
  if (accept.includes('image/png') || accept.includes('image/*')) return textReply(200, IMAGES.png, 'image/png');
  return statusReply(406);
}

// filters.gzip / deflate / brotli: compress the JSON body and label it with Content-Encoding.
function compressed(flag: 'gzipped' | 'deflated' | 'brotli', encoding: string, compress: (b: Buffer) => Buffer) {
  return (req: HttpbinRequest): Reply => {
    const json = pyDumps(getDict(req, ['origin', 'headers'], { method: req.method, [flag]: true })) + '\n';
    const reply = textReply(200, compress(Buffer.from(json, 'utf8')), 'application/json');
    reply.headers.push(['Content-Encoding', encoding]);
    return reply;
  };
}

/** Content routes. */
export const contentRoutes: Route[] = [
  { rule: '/', methods: ['GET'], handler: page(INDEX_HTML) },
  { rule: '/html', methods: ['GET'], handler: page(MOBY_HTML) },
  { rule: '/robots.txt', methods: ['GET'], handler: page(ROBOTS_TXT, 'text/plain') },
  { rule: '/deny', methods: ['GET'], handler: page(ANGRY_ASCII, 'text/plain') },
  { rule: '/encoding/utf8', methods: ['GET'], handler: page(UTF8_DEMO_HTML) },
  { rule: '/json', methods: ['GET'], handler: () => jsonReply(SAMPLE_JSON) },
  { rule: '/xml', methods: ['GET'], handler: page(SAMPLE_XML, 'application/xml') },
  { rule: '/forms/post', methods: ['GET'], handler: page(FORMS_POST_HTML) },
  { rule: '/image', methods: ['GET'], handler: imageRoute },
  { rule: '/image/png', methods: ['GET'], handler: image(IMAGES.png, 'image/png') },
  { rule: '/image/jpeg', methods: ['GET'], handler: image(IMAGES.jpeg, 'image/jpeg') },
  { rule: '/image/webp', methods: ['GET'], handler: image(IMAGES.webp, 'image/webp') },
  { rule: '/image/svg', methods: ['GET'], handler: image(IMAGES.svg, 'image/svg+xml') },
  { rule: '/gzip', methods: ['GET'], handler: compressed('gzipped', 'gzip', (b) => gzipSync(b, { level: 4 })) },
  { rule: '/deflate', methods: ['GET'], handler: compressed('deflated', 'deflate', (b) => deflateSync(b)) },
  { rule: '/brotli', methods: ['GET'], handler: compressed('brotli', 'br', (b) => brotliCompressSync(b)) },
];
