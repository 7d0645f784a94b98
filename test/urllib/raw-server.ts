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

/** `routes` maps a request target ('/short') to the raw response bytes. */
export async function startRawServer(routes: Record<string, string | Buffer>): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    socket.on('data', (chunk) => {
      if (head.includes('\r\n\r\n')) return;
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      const target = head.split(' ')[1] ?? '/';
      const raw = routes[target] ?? 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';
      socket.end(typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw);
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
