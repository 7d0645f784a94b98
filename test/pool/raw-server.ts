/**
 * A raw node:net server for pool tests: parses each request (head + Content-Length body) and
 * lets the test decide, per request, what bytes to write and whether to close. Counts
 * connections so that reuse can be asserted.
 */
import * as net from 'node:net';

export interface RawRequest {
  /** Index of the connection (accept order). */
  conn: number;
  /** Index of this request on its connection. */
  index: number;
  method: string;
  target: string;
  head: string;
  headers: Record<string, string>;
  body: Buffer;
}

export type Handler = (req: RawRequest, socket: net.Socket) => void | Promise<void>;

export interface RawServer {
  readonly port: number;
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: number;
  readonly requests: RawRequest[];
  /** Sockets currently open on the server side. */
  readonly open: number;
  close(): Promise<void>;
}

export const ok = (body = 'ok', extra = ''): string =>
  `HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

export async function startRawServer(handler: Handler, onConnect?: (socket: net.Socket, conn: number) => void): Promise<RawServer> {
  let connections = 0;
  const requests: RawRequest[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const conn = connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onConnect?.(socket, conn);
    let buf = Buffer.alloc(0);
    let index = 0;
    let busy = Promise.resolve();
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (let guard = 0; guard < 100; guard++) {
        const req = takeRequest();
        if (!req) break;
        busy = busy.then(() => handler(req, socket)).catch(() => { socket.destroy(); });
      }
    });
    function takeRequest(): RawRequest | null {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return null;
      const head = buf.subarray(0, end).toString('latin1');
      const headers: Record<string, string> = {};
      for (const line of head.split('\r\n').slice(1)) {
        const c = line.indexOf(':');
        headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
      }
      const len = Number(headers['content-length'] ?? 0);
      if (buf.length < end + 4 + len) return null;
      const body = Buffer.from(buf.subarray(end + 4, end + 4 + len));
      buf = buf.subarray(end + 4 + len);
      const [method = '', target = ''] = head.split(' ');
      const req = { conn, index: index++, method, target, head, headers, body };
      requests.push(req);
      return req;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get connections() { return connections; },
    get open() { return sockets.size; },
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
