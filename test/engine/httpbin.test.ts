/** The engine against the embedded httpbin (someone else's HTTP implementation: node:http). */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../src/engine/connect.js';
import { ReadTimeoutError } from '../../src/engine/errors.js';
import type { Connection, Response } from '../../src/engine/types.js';
import { startHttpbin } from '../../src/testing/server.js';
import type { HttpbinServer } from '../../src/testing/server.js';

let bin: HttpbinServer;
let tlsBin: HttpbinServer;
const conns: Connection[] = [];
before(async () => {
  bin = await startHttpbin();
  tlsBin = await startHttpbin({ tls: true });
});
after(async () => {
  for (const c of conns) c.close();
  await bin.close();
  await tlsBin.close();
});

async function open(secure = false, readTimeout?: number): Promise<Connection> {
  const srv = secure ? tlsBin : bin;
  const c = await connect({ host: '127.0.0.1', port: srv.port, tls: secure ? { ca: srv.ca } : null, readTimeout });
  conns.push(c);
  return c;
}
const head = (method: string, target: string, extra: string[] = []): { method: string; target: string; headers: string[] } => ({ method, target, headers: ['Host', '127.0.0.1', 'Accept-Encoding', 'identity', ...extra] });
async function bytes(r: Response): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r.body) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

describe('engine × httpbin', () => {
  it('GET /get, then POST /post with a JSON body, on one keep-alive connection', async () => {
    const c = await open();
    const r1 = await c.request(head('GET', '/get?a=1'), null);
    assert.equal(r1.status, 200);
    assert.deepEqual(JSON.parse((await bytes(r1)).toString()).args, { a: '1' });
    const r2 = await c.request(head('POST', '/post', ['Content-Type', 'application/json']), '{"x": 1}');
    const echo = JSON.parse((await bytes(r2)).toString());
    assert.deepEqual(echo.json, { x: 1 });
    assert.equal(echo.headers['Content-Length'], '8');
    assert.equal(c.isAvailable(), true);
  });

  it('a streamed (chunked) upload arrives whole', async () => {
    const c = await open();
    async function* gen(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 10; i++) yield Buffer.from(`part${i};`);
    }
    const r = await c.request(head('PUT', '/put', ['Content-Type', 'text/plain']), gen());
    assert.equal(JSON.parse((await bytes(r)).toString()).data, Array.from({ length: 10 }, (_, i) => `part${i};`).join(''));
  });

  it('/stream/5 (chunked), /bytes/100000 (large), HEAD, 204 and 304', async () => {
    const c = await open();
    const s = await c.request(head('GET', '/stream/5'), null);
    assert.equal(s.chunked, true);
    assert.equal((await bytes(s)).toString().trim().split('\n').length, 5);
    const b = await c.request(head('GET', '/bytes/100000?seed=1'), null);
    assert.equal((await bytes(b)).length, 100000);
    const h = await c.request(head('HEAD', '/get'), null);
    assert.equal(h.body.done, true);
    const n = await c.request(head('GET', '/status/204'), null);
    assert.equal(n.status, 204);
    assert.equal((await bytes(n)).length, 0);
    const m = await c.request(head('GET', '/status/304'), null);
    assert.equal(m.status, 304);
    assert.equal(m.body.done, true);
    assert.equal(c.isAvailable(), true);
  });

  it('HTTPS with the exposed CA', async () => {
    const c = await open(true);
    const r = await c.request(head('GET', '/get'), null);
    assert.equal(r.status, 200);
    assert.match(JSON.parse((await bytes(r)).toString()).url, /^https:/);
  });

  it('/delay/2 with a 300 ms read timeout is a ReadTimeoutError', async () => {
    const c = await open(false, 300);
    await assert.rejects(c.request(head('GET', '/delay/2'), null), ReadTimeoutError);
  });
});
