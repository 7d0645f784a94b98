/**
 * HEAD responses that claim a body (RFC 9112 §6.3: a HEAD response never has one; CPython sets
 * length 0): Content-Length: 5 or Transfer-Encoding: chunked with no bytes after the head must not
 * make any layer wait for a body, and the connection stays usable (a well-framed exchange).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import * as client from '../../src/client/index.js';
import * as urllib from '../../src/urllib/index.js';
import { guard, openTcpHandles } from './harness.js';
import { startScriptedServer } from '../helpers/scripted-server.js';

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
const HEADS: Record<string, string> = {
  'Content-Length: 5': 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n',
  'Transfer-Encoding: chunked': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n',
};

for (const [label, head] of Object.entries(HEADS)) {
  test(`requests: HEAD answered with "${label}" and no body returns at once; the next GET works`, async () => {
    const srv = await startScriptedServer([[head, OK]]);
    const s = new httpkit.Session();
    s.trustEnv = false;
    try {
      const r = await guard(s.head(`http://127.0.0.1:${srv.port}/`, { timeout: 2000 }));
      assert.equal(r.statusCode, 200);
      assert.equal(r.content?.length, 0);
      assert.equal((await guard(s.get(`http://127.0.0.1:${srv.port}/`, { timeout: 2000 }))).text, 'ok');
    } finally {
      s.close();
      await srv.close();
    }
  });
  test(`http.client: HEAD answered with "${label}": read() is b"" at once; the next request works`, async () => {
    const srv = await startScriptedServer([[head, OK]]);
    const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 2000 });
    try {
      await conn.request('HEAD', '/');
      const r = await guard(conn.getresponse());
      assert.equal((await guard(r.read())).length, 0);
      await conn.request('GET', '/');
      assert.equal(Buffer.from(await guard((await guard(conn.getresponse())).read())).toString(), 'ok');
    } finally {
      conn.close();
      await srv.close();
    }
  });
  test(`urllib: HEAD answered with "${label}": read() is b"" at once`, async () => {
    const srv = await startScriptedServer([[head]]);
    try {
      const r = await guard(urllib.urlopen(new urllib.Request(`http://127.0.0.1:${srv.port}/`, { method: 'HEAD' }), { timeout: 2000 }));
      assert.equal((await guard(r.read())).length, 0);
      r.close();
    } finally {
      await srv.close();
    }
  });
}

test('no socket or server left open by this file', async () => {
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
