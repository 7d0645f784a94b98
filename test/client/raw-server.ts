/**
 * A raw node:net server for client tests: reads each request head (and a declared body), then
 * lets the test write exact bytes. Counts accepted sockets so keep-alive reuse can be asserted.
 */
import * as net from 'node:net';

export interface RawRequest {
  /** The exact bytes of the request (head, blank line, body with its framing). */
  raw: Buffer;
  head: string;
  method: string;
  target: string;
  headers: [string, string][];
  body: Buffer;
  /** Index of the socket (0-based, in accept order) and of the request on it. */
  socketIndex: number;
  requestIndex: number;
}

export type RawHandler = (req: RawRequest, socket: net.Socket) => void | Promise<void>;

export interface RawServer {
  port: number;
  /** Sockets accepted so far. */
  readonly accepted: number;
  /** Every request received, in order. */
  readonly requests: RawRequest[];
  close(): Promise<void>;
}

/** Starts a server on `host` (default 127.0.0.1); `handler` runs once per complete request. */
export async function startRawServer(handler: RawHandler, host = '127.0.0.1'): Promise<RawServer> {
  const sockets = new Set<net.Socket>();
  const requests: RawRequest[] = [];
  let accepted = 0;
  const server = net.createServer((socket) => {
    const socketIndex = accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer: Buffer = Buffer.alloc(0);
    let requestIndex = 0;
    let busy: Promise<unknown> = Promise.resolve();
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let guard = 0; guard < 1000; guard++) {
        const parsed = takeRequest(buffer);
        if (parsed === null) break;
        buffer = parsed.rest;
        const req: RawRequest = { ...parsed.req, socketIndex, requestIndex: requestIndex++ };
        requests.push(req);
        busy = busy.then(() => handler(req, socket)).catch(() => socket.destroy());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get accepted() {
      return accepted;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function takeRequest(buffer: Buffer): { req: Omit<RawRequest, 'socketIndex' | 'requestIndex'>; rest: Buffer } | null {
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const head = buffer.subarray(0, end).toString('latin1');
  const lines = head.split('\r\n');
  const [method = '', target = ''] = lines[0]!.split(' ');
  const headers = lines.slice(1).map((l): [string, string] => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]);
  const find = (n: string): string | undefined => headers.find(([k]) => k.toLowerCase() === n)?.[1];
  let at = end + 4;
  let body: Buffer = Buffer.alloc(0);
  const length = find('content-length');
  if (length !== undefined) {
    if (buffer.length < at + Number(length)) return null;
    body = buffer.subarray(at, at + Number(length));
    at += Number(length);
  } else if (find('transfer-encoding')?.toLowerCase() === 'chunked') {
    const decoded = dechunk(buffer.subarray(at));
    if (decoded === null) return null;
    body = decoded.body;
    at += decoded.used;
  }
  return { req: { raw: Buffer.from(buffer.subarray(0, at)), head, method, target, headers, body: Buffer.from(body) }, rest: buffer.subarray(at) };
}

function dechunk(data: Buffer): { body: Buffer; used: number } | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (let guard = 0; guard < 100_000; guard++) {
    const nl = data.indexOf('\r\n', at);
    if (nl < 0) return null;
    const size = parseInt(data.subarray(at, nl).toString('latin1'), 16);
    if (size === 0) {
      const end = data.indexOf('\r\n\r\n', nl - 2 < at ? at : nl - 2);
      if (end < 0) return null;
      return { body: Buffer.concat(parts), used: end + 4 };
    }
    if (data.length < nl + 2 + size + 2) return null;
    parts.push(data.subarray(nl + 2, nl + 2 + size));
    at = nl + 2 + size + 2;
  }
  return null;
}

/** Writes `bytes` then half-closes (the response ends with the connection). */
export function writeAndEnd(socket: net.Socket, bytes: string | Buffer): Promise<void> {
  return new Promise((resolve) => socket.end(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes, () => resolve()));
}

/** Writes `bytes` and keeps the connection open. */
export function write(socket: net.Socket, bytes: string | Buffer): Promise<void> {
  return new Promise((resolve) => socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes, () => resolve()));
}
