/**
 * What a server does to an idle kept-alive connection between two requests of one Session: close it
 * (FIN), reset it (RST), or send an unsolicited "408 Request Timeout" and close (nginx, Apache do).
 * The next request must go out on a new socket and succeed (urllib3 drops a readable or closed idle
 * connection: is_connection_dropped), never read the 408 as its answer. CPython's http.client would
 * write on the dead socket (RemoteDisconnected) or read the 408; ours reconnects, which we require.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import * as client from '../../src/client/index.js';
import { guard, openTcpHandles } from './harness.js';
import { startScriptedServer, type Step } from '../helpers/scripted-server.js';

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
const IDLE: Record<string, Step[]> = {
  'closes it (FIN)': [OK, { delay: 30 }, { close: true }],
  'resets it (RST)': [OK, { delay: 30 }, { destroy: true }],
  'sends 408 and closes': [OK, { delay: 30 }, { write: 'HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' }, { close: true }],
  'sends 408 and keeps it open': [OK, { delay: 30 }, { write: 'HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n' }],
};

for (const [what, steps] of Object.entries(IDLE)) {
  test(`requests: the server ${what} while idle; the next request uses a new socket and gets its own answer`, async () => {
    const srv = await startScriptedServer([steps, [OK, OK]]);
    const s = new httpkit.Session();
    s.trustEnv = false;
    try {
      const url = `http://127.0.0.1:${srv.port}/`;
      assert.equal((await guard(s.get(url, { timeout: 1000 }))).text, 'ok');
      await new Promise((r) => setTimeout(r, 150));
      const r = await guard(s.get(url, { timeout: 1000 }));
      assert.equal(r.statusCode, 200);
      assert.equal(r.text, 'ok');
      assert.equal(srv.connections, 2);
    } finally {
      s.close();
      await srv.close();
    }
  });
}

for (const [what, steps] of Object.entries(IDLE)) {
  test(`http.client: the server ${what} while idle; the next request reconnects and never reads leftovers`, async () => {
    const srv = await startScriptedServer([steps, [OK, OK]]);
    const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 1000 });
    try {
      await conn.request('GET', '/');
      await guard((await guard(conn.getresponse())).read());
      await new Promise((r) => setTimeout(r, 150));
      await conn.request('GET', '/');
      const r = await guard(conn.getresponse());
      assert.equal(r.status, 200, 'an unsolicited 408 was read as the answer');
      assert.equal(Buffer.from(await guard(r.read())).toString(), 'ok');
      assert.equal(srv.connections, 2);
    } finally {
      conn.close();
      await srv.close();
    }
  });
}

test('no socket or server left open by this file', async () => {
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
