/** Issue 5: secure contexts are built once per frozen TlsSettings object, not per connection. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type * as net from 'node:net';
import * as tls from 'node:tls';
import { connect } from '../../src/engine/connect.js';
import { TlsError } from '../../src/engine/errors.js';
import { tlsContextStats } from '../../src/engine/tls.js';
import type { Connection } from '../../src/engine/types.js';
import { CA_CERT, SERVER_CERT, SERVER_KEY } from '../../src/testing/certs.js';

let server: tls.Server;
let port = 0;
const conns: Connection[] = [];

before(async () => {
  server = tls.createServer({ cert: SERVER_CERT, key: SERVER_KEY, ALPNProtocols: ['http/1.1'] }, (s) => {
    s.on('error', () => undefined);
    s.on('data', () => s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});
after(async () => {
  for (const c of conns) c.close();
  await new Promise((r) => server.close(r));
});

async function get(c: Connection): Promise<string> {
  const r = await c.request({ method: 'GET', target: '/', headers: ['Host', 'localhost'] }, null);
  return Buffer.from((await r.body.readUpTo(10))!).toString();
}

describe('TLS secure context cache', () => {
  it('two connections with the same frozen settings share one context', async () => {
    const settings = Object.freeze({ ca: CA_CERT });
    const before = tlsContextStats.created;
    for (let i = 0; i < 2; i++) {
      const c = await connect({ host: 'localhost', port, tls: settings });
      conns.push(c);
      assert.equal(await get(c), 'ok');
    }
    assert.equal(tlsContextStats.created - before, 1);
  });

  it('different settings objects (or unfrozen ones) get their own context', async () => {
    const a = Object.freeze({ ca: CA_CERT });
    const b = Object.freeze({ ca: CA_CERT, minVersion: 'TLSv1.2' as const });
    const before = tlsContextStats.created;
    for (const settings of [a, b, { ca: CA_CERT }, { ca: CA_CERT }]) {
      const c = await connect({ host: 'localhost', port, tls: settings });
      conns.push(c);
      assert.equal(await get(c), 'ok');
    }
    assert.equal(tlsContextStats.created - before, 4);
  });

  it('a cached context keeps verification per connection: a wrong CA still fails, and again', async () => {
    const bad = Object.freeze({});
    for (let i = 0; i < 2; i++) {
      await assert.rejects(connect({ host: 'localhost', port, tls: bad }), (e: unknown) => e instanceof TlsError && /CERTIFICATE_VERIFY_FAILED/.test(e.message));
    }
  });

  it('an invalid key is a TlsError at setup and is not cached', async () => {
    const settings = Object.freeze({ ca: CA_CERT, cert: SERVER_CERT, key: 'not a key' });
    for (let i = 0; i < 2; i++) {
      await assert.rejects(connect({ host: 'localhost', port, tls: settings }), TlsError);
    }
  });
});
