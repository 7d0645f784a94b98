/** TLS: verification on by default, failures name the host, SNI/ALPN, startTls through a CONNECT tunnel. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { connect } from '../../src/engine/connect.js';
import { TlsError } from '../../src/engine/errors.js';
import type { Connection } from '../../src/engine/types.js';
import { CA_CERT, SERVER_CERT, SERVER_KEY } from '../../src/testing/certs.js';

let server: tls.Server;
let port = 0;
const seen: { servername: string | false; alpn: string | false | null }[] = [];
const conns: Connection[] = [];

before(async () => {
  server = tls.createServer({ cert: SERVER_CERT, key: SERVER_KEY, ALPNProtocols: ['http/1.1'] }, (s) => {
    seen.push({ servername: (s as tls.TLSSocket & { servername: string | false }).servername, alpn: s.alpnProtocol });
    s.on('error', () => undefined);
    s.on('data', () => s.write('HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecure'));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});
after(async () => {
  for (const c of conns) c.close();
  await new Promise((r) => server.close(r));
});

async function body(c: Connection): Promise<string> {
  const r = await c.request({ method: 'GET', target: '/', headers: ['Host', 'localhost'] }, null);
  return Buffer.from((await r.body.readUpTo(100))!).toString();
}

describe('TLS', () => {
  it('verifies against the given CA, sends SNI for names and negotiates http/1.1', async () => {
    const c = await connect({ host: 'localhost', port, tls: { ca: CA_CERT } });
    conns.push(c);
    assert.equal(c.secure, true);
    assert.equal(c.alpnProtocol, 'http/1.1');
    assert.equal(await body(c), 'secure');
    assert.equal(seen.at(-1)!.servername, 'localhost');
  });

  it('no SNI for an IP literal (the certificate still matches IP SANs)', async () => {
    const c = await connect({ host: '127.0.0.1', port, tls: { ca: CA_CERT } });
    conns.push(c);
    assert.equal(await body(c), 'secure');
    assert.equal(seen.at(-1)!.servername, false);
  });

  it('an untrusted certificate is a TlsError naming the host', async () => {
    await assert.rejects(connect({ host: 'localhost', port, tls: {} }), (e: unknown) => {
      assert.ok(e instanceof TlsError);
      assert.match(e.message, /CERTIFICATE_VERIFY_FAILED/);
      assert.match(e.message, new RegExp(`localhost:${port}`));
      return true;
    });
  });

  it('a host name mismatch is a TlsError naming the host; checkHostname: false accepts it', async () => {
    await assert.rejects(connect({ host: '127.0.0.1', port, tls: { ca: CA_CERT, servername: 'example.com' } }), (e: unknown) => e instanceof TlsError && /example\.com|127\.0\.0\.1/.test(e.message));
    const c = await connect({ host: '127.0.0.1', port, tls: { ca: CA_CERT, servername: 'example.com', checkHostname: false } });
    conns.push(c);
    assert.equal(await body(c), 'secure');
  });

  it('rejectUnauthorized: false skips verification', async () => {
    const c = await connect({ host: 'localhost', port, tls: { rejectUnauthorized: false } });
    conns.push(c);
    assert.equal(await body(c), 'secure');
  });

  it('TLS to a plain-text server fails as TlsError', async () => {
    const plain = net.createServer((s) => {
      s.on('error', () => undefined);
      s.resume(); // read, or the half-closed socket never sees the client's FIN
      s.end('HTTP/1.1 400 Bad\r\n\r\n');
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    try {
      await assert.rejects(connect({ host: '127.0.0.1', port: (plain.address() as net.AddressInfo).port, tls: { ca: CA_CERT } }), TlsError);
    } finally {
      await new Promise((r) => plain.close(r));
    }
  });

  it('startTls through a CONNECT tunnel', async () => {
    const proxy = net.createServer((client) => {
      client.on('error', () => undefined);
      client.once('data', (d) => {
        assert.match(d.toString('latin1'), /^CONNECT localhost:\d+ HTTP\/1\.1\r\n/);
        const upstream = net.connect(port, '127.0.0.1', () => {
          client.write('HTTP/1.0 200 Connection established\r\n\r\n');
          client.pipe(upstream);
          upstream.pipe(client);
        });
        upstream.on('error', () => client.destroy());
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const c = await connect({ host: '127.0.0.1', port: (proxy.address() as net.AddressInfo).port });
      conns.push(c);
      const r = await c.request({ method: 'CONNECT', target: `localhost:${port}`, headers: ['Host', `localhost:${port}`] }, null);
      assert.equal(r.status, 200);
      assert.equal(r.body.done, true);
      await c.startTls({ ca: CA_CERT }, 'localhost');
      assert.equal(c.secure, true);
      assert.equal(await body(c), 'secure');
      c.close();
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });
});
