/**
 * An https:// proxy (TLS to the proxy itself): absolute-form requests for http:// targets over
 * that TLS connection, and TLS inside TLS for https:// targets through a CONNECT tunnel. The
 * proxy is a small node:tls server using the embedded httpbin's certificate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { CA_CERT, SERVER_CERT, SERVER_KEY } from '../../src/testing/certs.js';
import { startHttpbin } from '../../src/testing/server.js';
import { proxyFromUrl } from '../../src/pool/manager.js';

interface TlsProxy { port: number; seen: string[]; close(): Promise<void> }

/** CONNECT → a raw tunnel to the target; anything else → 200 with the request target as body. */
async function startTlsProxy(): Promise<TlsProxy> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ cert: SERVER_CERT, key: SERVER_KEY }, (client) => {
    sockets.add(client);
    client.on('error', () => {});
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [method, target] = buf.subarray(0, end).toString('latin1').split(' ');
      seen.push(`${method} ${target}`);
      if (method !== 'CONNECT') {
        buf = buf.subarray(end + 4);
        client.write(`HTTP/1.1 200 OK\r\nContent-Length: ${target!.length}\r\n\r\n${target}`);
        return;
      }
      client.off('data', onData);
      const [host, port] = target!.split(':');
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    seen,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

test('https:// proxy: absolute-form over TLS, and TLS inside TLS through CONNECT', async () => {
  const proxy = await startTlsProxy();
  const origin = await startHttpbin({ tls: true });
  // One CA signs both the proxy's and the origin's certificate here.
  const pm = proxyFromUrl(`https://127.0.0.1:${proxy.port}`, { tls: { ca: CA_CERT } });
  try {
    const plain = await pm.urlopen('GET', 'http://example.invalid/over-tls');
    assert.equal(Buffer.from(plain.data!).toString(), 'http://example.invalid/over-tls');
    const r = await pm.urlopen('GET', `${origin.url}/get?x=1`);
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(Buffer.from(r.data!).toString()).args, { x: '1' });
    assert.equal(r.connection.secure, true);
    assert.deepEqual(proxy.seen, ['GET http://example.invalid/over-tls', `CONNECT 127.0.0.1:${origin.port}`]);
  } finally {
    pm.clear();
    await origin.close();
    await proxy.close();
  }
});
