/**
 * 200 000 one-byte chunks (with and without extensions): every layer must read them in linear time
 * (a quadratic buffer or per-chunk promise chain turns this into minutes). Bound: 10 s per read (CI load);
 * measured ~0.1-0.7 s.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import * as client from '../../src/client/index.js';
import * as urllib from '../../src/urllib/index.js';
import { guard, openTcpHandles, startRoutedServer, type RoutedServer } from './harness.js';

const N = 200_000;
const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
const PLAIN = `${head}${'1\r\nx\r\n'.repeat(N)}0\r\n\r\n`;
const EXT = `${head}${'1;a=b;c="d"\r\nx\r\n'.repeat(N)}0\r\n\r\n`;
const BOUND = 10_000;
let srv: RoutedServer;
before(async () => {
  srv = await startRoutedServer((line) => (line.includes(' /ext ') ? EXT : PLAIN));
});
after(() => srv.close());

for (const path of ['/', '/ext']) {
  test(`requests: ${N} one-byte chunks (${path}) read in linear time`, async () => {
    const t0 = Date.now();
    const r = await guard(httpkit.get(`http://127.0.0.1:${srv.port}${path}`, { timeout: 5000 }));
    assert.equal(r.content?.length, N);
    assert.ok(Date.now() - t0 < BOUND, `${Date.now() - t0} ms`);
  });
  test(`http.client: ${N} one-byte chunks (${path}) read in linear time`, async () => {
    const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 5000 });
    try {
      const t0 = Date.now();
      await conn.request('GET', path);
      const body = await guard(guard(conn.getresponse()).then((r) => r.read()));
      assert.equal(body.length, N);
      assert.ok(Date.now() - t0 < BOUND, `${Date.now() - t0} ms`);
    } finally {
      conn.close();
    }
  });
  test(`urllib: ${N} one-byte chunks (${path}) read in linear time`, async () => {
    const t0 = Date.now();
    const r = await guard(urllib.urlopen(`http://127.0.0.1:${srv.port}${path}`, { timeout: 5000 }));
    try {
      assert.equal((await guard(r.read())).length, N);
    } finally {
      r.close();
    }
    assert.ok(Date.now() - t0 < BOUND, `${Date.now() - t0} ms`);
  });
}

test('no socket or server left open by this file', async () => {
  await srv.close();
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
