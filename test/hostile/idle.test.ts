/**
 * What a server does to an idle kept-alive connection between two requests of one Session: close it
 * (FIN), reset it (RST), or send an unsolicited "408 Request Timeout" and close (nginx, Apache do).
 * The next request must go out on a new socket and succeed (urllib3 drops a readable or closed idle
 * connection: is_connection_dropped), never read the 408 as its answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
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

test('no socket or server left open by this file', async () => {
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
