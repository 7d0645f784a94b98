import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { startHttpbin } from '../../src/testing/server.js';
import { HTTPConnection } from '../../src/client/connection.js';
import { HTTPSConnection } from '../../src/client/https.js';
import { OSError, SSLCertVerificationError } from '../../src/client/errors.js';

type Httpbin = Awaited<ReturnType<typeof startHttpbin>>;
let plain: Httpbin;
let secure: Httpbin;

before(async () => {
  plain = await startHttpbin();
  secure = await startHttpbin({ tls: true });
});
after(async () => {
  await plain.close();
  await secure.close();
});

const json = async (conn: HTTPConnection): Promise<any> => JSON.parse(Buffer.from(await (await conn.getresponse()).read()).toString('utf8'));

test('GET and POST against httpbin over TCP, one kept-alive connection', async () => {
  const conn = new HTTPConnection(`127.0.0.1:${plain.port}`);
  await conn.request('GET', '/get?a=1', { headers: { 'X-Test': 'yes' } });
  const got = await json(conn);
  assert.deepEqual(got.args, { a: '1' });
  assert.equal(got.headers['X-Test'], 'yes');
  assert.equal(got.headers['Accept-Encoding'], 'identity');
  assert.equal(got.headers.Host, `127.0.0.1:${plain.port}`);
  await conn.request('POST', '/post', { body: '{"k":1}', headers: { 'Content-Type': 'application/json' } });
  const posted = await json(conn);
  assert.deepEqual(posted.json, { k: 1 });
  assert.equal(posted.headers['Content-Length'], '7');
  async function* gen(): AsyncGenerator<Uint8Array> {
    yield Buffer.from('chunk-');
    yield Buffer.from('ed');
  }
  await conn.request('PUT', '/put', { body: gen() });
  const put = await json(conn);
  assert.equal(put.data, 'chunk-ed');
  assert.equal(put.headers['Transfer-Encoding'], 'chunked');
  conn.close();
});

test('status codes, HEAD, and streaming a larger body', async () => {
  const conn = new HTTPConnection('127.0.0.1', { port: plain.port });
  await conn.request('GET', '/status/418');
  let r = await conn.getresponse();
  assert.equal(r.status, 418);
  await r.read();
  await conn.request('HEAD', '/get');
  r = await conn.getresponse();
  assert.equal(r.status, 200);
  assert.equal((await r.read()).length, 0);
  await conn.request('GET', '/bytes/100000');
  r = await conn.getresponse();
  let total = 0;
  for await (const chunk of r) total += chunk.length;
  assert.equal(total, 100000);
  conn.close();
});

test('HTTPS with the test CA: verified, SNI/ALPN http/1.1', async () => {
  const conn = new HTTPSConnection('localhost', { port: secure.port, ca: secure.ca! });
  await conn.request('GET', '/get');
  const r = await conn.getresponse();
  assert.equal(r.status, 200);
  await r.read();
  assert.equal(conn.sock?.alpnProtocol ?? 'http/1.1', 'http/1.1');
  conn.close();
});

test('HTTPS verification is on by default and names the host on failure', async () => {
  const conn = new HTTPSConnection('localhost', { port: secure.port });
  await assert.rejects(conn.request('GET', '/get'), (e: unknown) => e instanceof SSLCertVerificationError && (e as Error).message.includes('localhost'));
  conn.close();
  const insecure = new HTTPSConnection('localhost', { port: secure.port, rejectUnauthorized: false });
  await insecure.request('GET', '/get');
  assert.equal((await insecure.getresponse()).status, 200);
  insecure.close();
  assert.throws(() => new HTTPSConnection('localhost', { rejectUnauthorized: false, checkHostname: true }), RangeError);
});

/** A minimal CONNECT proxy: tunnels to 127.0.0.1:<port>, or answers 403 for port 1. */
async function startConnectProxy(): Promise<{ port: number; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('error', () => {});
    client.once('data', (head) => {
      const text = head.toString('latin1');
      seen.push(text);
      const target = /^CONNECT ([^ ]+) HTTP/.exec(text)?.[1] ?? '';
      const port = Number(target.slice(target.lastIndexOf(':') + 1));
      if (port === 1) return void client.end('HTTP/1.0 403 Forbidden here\r\n\r\n');
      const upstream = net.connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.0 200 Connection established\r\nProxy-Agent: test\r\n\r\n');
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    seen,
    close: () => new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

test('setTunnel: CONNECT through a proxy, then TLS to the origin (and plain HTTP through a tunnel)', async () => {
  const proxy = await startConnectProxy();
  try {
    const conn = new HTTPSConnection('127.0.0.1', { port: proxy.port, ca: secure.ca! });
    conn.setTunnel('localhost', { port: secure.port, headers: { 'Proxy-Authorization': 'Basic eDp5' } });
    await conn.request('GET', '/get');
    const body = await json(conn);
    assert.equal(body.headers.Host, `localhost:${secure.port}`);
    assert.equal(proxy.seen[0], `CONNECT localhost:${secure.port} HTTP/1.0\r\nProxy-Authorization: Basic eDp5\r\n\r\n`);
    conn.close();
    const http = new HTTPConnection('127.0.0.1', { port: proxy.port });
    http.setTunnel(`127.0.0.1:${plain.port}`);
    await http.request('GET', '/get');
    assert.equal((await json(http)).headers.Host, `127.0.0.1:${plain.port}`);
    http.close();
    const unverified = new HTTPSConnection('127.0.0.1', { port: proxy.port });
    unverified.setTunnel(`localhost:${secure.port}`);
    await assert.rejects(unverified.request('GET', '/get'), (e: unknown) => e instanceof SSLCertVerificationError && (e as Error).message.includes('localhost'));
    unverified.close();
    const refused = new HTTPConnection('127.0.0.1', { port: proxy.port });
    refused.setTunnel('127.0.0.1', { port: 1 });
    await assert.rejects(refused.request('GET', '/'), (e: unknown) => e instanceof OSError && (e as Error).message === 'Tunnel connection failed: 403 Forbidden here');
    refused.close();
  } finally {
    await proxy.close();
  }
});

test('HTTPS client certificate (cert/key) is presented to the server', async () => {
  const tls = await import('node:tls');
  const { CA_CERT, SERVER_CERT, SERVER_KEY } = await import('../../src/testing/certs.js');
  const peers: string[] = [];
  const server = tls.createServer({ cert: SERVER_CERT, key: SERVER_KEY, requestCert: true, rejectUnauthorized: false }, (socket) => {
    const peer = socket.getPeerCertificate();
    peers.push(peer && peer.subject ? String(peer.subject.CN ?? 'no-cn') : 'none');
    socket.on('error', () => {});
    socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const port = (server.address() as net.AddressInfo).port;
    const conn = new HTTPSConnection('localhost', { port, context: { ca: CA_CERT }, cert: SERVER_CERT, key: SERVER_KEY });
    await conn.request('GET', '/');
    assert.equal(Buffer.from(await (await conn.getresponse()).read()).toString(), 'ok');
    conn.close();
    assert.equal(peers.length, 1);
    assert.notEqual(peers[0], 'none');
  } finally {
    await new Promise((r) => server.close(r));
  }
});
