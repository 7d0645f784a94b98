// startHttpbin: an httpbin-compatible server on node:http (or node:https with the embedded
// test CA). It reads each request body whole (node:http undoes chunked framing), routes it, and
// writes the Reply. Malformed HTTP gets a 400 and the connection closes; the server keeps serving.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { CA_CERT, SERVER_CERT, SERVER_KEY } from './certs.js';
import { BadRequest, errorReply, redirectReply, textReply, type Reply } from './reply.js';
import { reasonPhrase } from './reasons.js';
import { buildRequest, header, type HttpbinRequest } from './request.js';
import { allowedMethods, Router } from './router.js';
import { allRoutes } from './routes.js';
import { urlQuote } from './url.js';

/** Options of {@link startHttpbin}. */
export interface HttpbinOptions {
  /** Interface to listen on. Default "127.0.0.1". */
  host?: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Serve HTTPS with a certificate for 127.0.0.1/localhost signed by the exposed `ca`. Default false. */
  tls?: boolean;
}

/** A running httpbin server. */
export interface HttpbinServer {
  /** Base URL without a trailing slash, e.g. "http://127.0.0.1:41234". */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** PEM of the CA that signed the server certificate (only with `tls: true`). */
  readonly ca?: string;
  /** Stop listening, drop every connection (keep-alive ones included) and cancel pending routes. */
  close(): Promise<void>;
}

// Bodies beyond this are refused (413) rather than buffered: the server is for tests, not uploads.
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const router = new Router(allRoutes);

function readBody(msg: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    msg.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    msg.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    msg.on('error', reject);
    // A client that leaves mid-body may not produce 'error'; never leave the promise pending.
    msg.on('close', () => { if (!msg.complete) reject(new Error('request body aborted')); });
  });
}

// Flask's after_request hook in httpbin: CORS headers on every response.
function addCors(req: HttpbinRequest, reply: Reply): void {
  reply.headers.push(['Access-Control-Allow-Origin', header(req, 'Origin') ?? '*']);
  reply.headers.push(['Access-Control-Allow-Credentials', 'true']);
  if (req.method !== 'OPTIONS') return;
  reply.headers.push(['Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, PATCH, OPTIONS']);
  reply.headers.push(['Access-Control-Max-Age', '3600']);
  const wanted = header(req, 'Access-Control-Request-Headers');
  if (wanted !== undefined) reply.headers.push(['Access-Control-Allow-Headers', wanted]);
}

// Werkzeug's merge_slashes: "/a//b" is answered with a 308 to "/a/b" when that path exists.
// Its re.sub("/{2,}?", "/") is non-greedy: each "//" pair becomes "/", so "///" stays "//".
function mergedSlashesRedirect(req: HttpbinRequest): Reply | undefined {
  if (!req.path.includes('//')) return undefined;
  const merged = req.path.replace(/\/\//g, '/');
  if (router.match(req.method, merged).kind === 'none') return undefined;
  const query = req.query === '' ? '' : `?${req.query}`;
  return redirectReply(`${req.scheme}://${req.host}${urlQuote(Buffer.from(merged, 'utf8'), '/:|+')}${query}`, 308);
}

async function route(req: HttpbinRequest): Promise<Reply> {
  const m = router.match(req.method, req.path);
  if (m.kind === 'none') return mergedSlashesRedirect(req) ?? errorReply(404);
  if (m.kind === 'method') {
    const reply = errorReply(405);
    reply.headers.splice(1, 0, ['Allow', m.allow.join(', ')]);
    return reply;
  }
  if (req.method === 'OPTIONS') {
    // Flask's default OPTIONS response: its Content-Length is only added at the end.
    const reply: Reply = { status: 200, headers: [['Content-Type', 'text/html; charset=utf-8'], ['Allow', allowedMethods(m.route).join(', ')]], body: new Uint8Array(0) };
    return reply;
  }
  req.params = m.params;
  try {
    return await m.route.handler(req);
  } catch (err) {
    return err instanceof BadRequest ? textReply(400, err.message, 'text/plain; charset=utf-8') : errorReply(500);
  }
}

// RFC 9110 §5.1 token for names; §5.5 field values: no CR, LF, NUL or other controls but HTAB.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

function headersAreSafe(reply: Reply): boolean {
  return reply.headers.every(([k, v]) => TOKEN.test(k) && !BAD_VALUE.test(v));
}

function hasHeader(reply: Reply, name: string): boolean {
  return reply.headers.some(([k]) => k.toLowerCase() === name);
}

// RFC 9110 §15.2: a 1xx cannot be the final response over node:http; send it raw and close.
function writeInformational(res: ServerResponse, reply: Reply): void {
  const head = [`HTTP/1.1 ${reply.status} ${reasonPhrase(reply.status)}`, ...reply.headers.map(([k, v]) => `${k}: ${v}`)];
  res.socket?.end(head.join('\r\n') + '\r\n\r\n', 'latin1');
}

async function writeReply(res: ServerResponse, reply: Reply, head = false): Promise<void> {
  if (reply.status < 200) return writeInformational(res, reply);
  const body = reply.body;
  const sized = body instanceof Uint8Array;
  if (reply.status === 204 || reply.status === 304) {
    // Werkzeug drops Content-Length from responses that cannot have a body.
    reply.headers = reply.headers.filter(([k]) => k.toLowerCase() !== 'content-length');
  } else if (sized && !hasHeader(reply, 'content-length')) {
    // Appended last, as Werkzeug does when a view replaced the headers.
    reply.headers.push(['Content-Length', String(body.length)]);
  }
  res.writeHead(reply.status, reasonPhrase(reply.status), reply.headers.flat());
  if (sized || head) {
    // node:http drops the body of a HEAD response itself; a stream is not even started.
    res.end(sized ? body : undefined);
    return;
  }
  for await (const chunk of body) {
    if (res.destroyed) return;
    res.write(chunk);
  }
  res.end();
}

async function handle(msg: IncomingMessage, res: ServerResponse, scheme: 'http' | 'https', serverSignal: AbortSignal): Promise<void> {
  const body = await readBody(msg);
  const abort = new AbortController();
  const onGone = (): void => abort.abort();
  res.on('close', onGone);
  serverSignal.addEventListener('abort', onGone, { once: true });
  try {
    if (body === null) return await writeReply(res, errorReply(413));
    const req = buildRequest(msg, body, scheme, abort.signal);
    let reply = await route(req);
    // Werkzeug refuses header values with line breaks (a 500); never let them reach the wire.
    if (!headersAreSafe(reply)) reply = errorReply(500);
    addCors(req, reply);
    await writeReply(res, reply, req.method === 'HEAD');
  } finally {
    serverSignal.removeEventListener('abort', onGone);
  }
}

function failSafe(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy(err instanceof Error ? err : undefined);
    return;
  }
  const reply = errorReply(500);
  try {
    res.writeHead(500, reasonPhrase(500), reply.headers.flat());
    res.end(reply.body as Uint8Array);
  } catch {
    res.destroy();
  }
}

// node:http's parser rejected the bytes (bad request line, header, framing): answer 400 and close.
function onClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const code = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${code}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
}

// RFC 9112 §3.2 lets a server refuse an HTTP/1.1 request without Host; gunicorn serves it (the url
// then names the listening address), and so do we: clients test skip_host against httpbin.
function makeServer(tls: boolean): Server {
  const options = { requireHostHeader: false };
  return tls ? createHttpsServer({ ...options, key: SERVER_KEY, cert: SERVER_CERT }) : createHttpServer(options);
}

/**
 * Start an httpbin-compatible server (same routes and JSON shapes as httpbin 0.7.0 / current
 * httpbin) on `host` (default 127.0.0.1) and `port` (default 0: a free port).
 */
export async function startHttpbin(options: HttpbinOptions = {}): Promise<HttpbinServer> {
  const host = options.host ?? '127.0.0.1';
  const tls = options.tls === true;
  const scheme = tls ? 'https' : 'http';
  const server = makeServer(tls);
  const closing = new AbortController();
  server.keepAliveTimeout = 5000;
  server.on('request', (msg: IncomingMessage, res: ServerResponse) => {
    handle(msg, res, scheme, closing.signal).catch((err: unknown) => failSafe(res, err));
  });
  // node:http answers an Expect other than 100-continue with 417 unless told otherwise;
  // gunicorn ignores such expectations, so route those requests normally.
  server.on('checkExpectation', (msg: IncomingMessage, res: ServerResponse) => server.emit('request', msg, res));
  server.on('clientError', onClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const close = (): Promise<void> => new Promise((resolve) => {
    closing.abort();
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return { url: `${scheme}://${urlHost}:${port}`, port, host, ...(tls ? { ca: CA_CERT } : {}), close };
}
