/**
 * A loopback node:net server that answers each request path with exact bytes (for what httpbin
 * cannot send: a body shorter than its Content-Length, odd Location headers...).
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface RawServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Marks a route that answers 200 with the exact request bytes it received (head and body). */
export const ECHO = 'ECHO';

function requestComplete(buf: Buffer): boolean {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = buf.subarray(0, end).toString('latin1');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) return buf.length >= end + 4 + Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return buf.subarray(end + 4).includes('0\r\n\r\n');
  return true;
}

function echoResponse(request: Buffer): Buffer {
  const head = `HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: ${request.length}\r\nConnection: close\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), request]);
}

/** `routes` maps a request target ('/short') to the raw response bytes (or ECHO). */
export async function startRawServer(routes: Record<string, string | Buffer>): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let received = Buffer.alloc(0);
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      if (answered) return;
      received = Buffer.concat([received, chunk]);
      if (!requestComplete(received)) return;
      answered = true;
      const target = received.toString('latin1').split(' ')[1] ?? '/';
      const raw = routes[target] ?? 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';
      socket.end(raw === ECHO ? echoResponse(received) : typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
