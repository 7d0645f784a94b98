/**
 * A minimal forward proxy for tests: absolute-form HTTP requests are forwarded with node:http,
 * CONNECT opens a TCP tunnel. Records what it saw; `requireAuth` answers 407 without the
 * expected Proxy-Authorization.
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface Seen {
  method: string;
  target: string;
  proxyAuthorization: string | undefined;
}

export interface ProxyServer {
  url: string;
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}

export async function startProxy(options: { requireAuth?: string } = {}): Promise<ProxyServer> {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const authorised = (req: IncomingMessage): boolean => !options.requireAuth || req.headers['proxy-authorization'] === options.requireAuth;
  const server = createServer((req, res) => {
    seen.push({ method: req.method!, target: req.url!, proxyAuthorization: req.headers['proxy-authorization'] });
    if (!authorised(req)) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="proxy"', 'Content-Length': '0', Connection: 'close' });
      res.end();
      return;
    }
    const target = new URL(req.url!);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode!, up.statusMessage, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push({ method: 'CONNECT', target: req.url!, proxyAuthorization: req.headers['proxy-authorization'] });
    if (!authorised(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = req.url!.split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
