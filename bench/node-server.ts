/**
 * Fallback origin for the benchmark when nginx (or its echo module) is absent: the same three
 * routes as the nginx config in servers.ts, on `node:http`, in its own process (so it can be
 * pinned to another core). Usage: node --import tsx bench/node-server.ts <port>
 */
import { createServer } from 'node:http';

const SMALL = Buffer.from('hello, world\n');
const BIG_SIZE = 64 * 1024 * 1024;
const BLOCK = Buffer.alloc(1024 * 1024);
for (let i = 0; i < BLOCK.length; i++) BLOCK[i] = (i * 31 + 7) & 0xff;
const OK = Buffer.from('ok\n');

const server = createServer({ keepAliveTimeout: 600_000 }, (req, res) => {
  if (req.url === '/small') {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': SMALL.length });
    res.end(SMALL);
  } else if (req.url === '/big') {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': BIG_SIZE });
    let sent = 0;
    // Back pressure: write a block, wait for 'drain' when the socket buffer is full.
    const pump = (): void => {
      while (sent < BIG_SIZE) {
        sent += BLOCK.length;
        if (sent >= BIG_SIZE) { res.end(BLOCK); return; }
        if (!res.write(BLOCK)) { res.once('drain', pump); return; }
      }
    };
    pump();
  } else if (req.url === '/upload') {
    // Read the whole body before answering (answering early makes clients see resets).
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': OK.length });
      res.end(OK);
    });
  } else {
    res.writeHead(404, { 'content-length': 0 });
    res.end();
  }
});
server.keepAliveTimeout = 600_000;
server.headersTimeout = 0;
server.requestTimeout = 0;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1');
const stop = (): void => { server.close(); server.closeAllConnections(); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
