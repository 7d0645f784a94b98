/**
 * Regressions for hostile-server findings in the pool (real loopback servers writing exact bytes):
 * conflicting Content-Length values are InvalidHeader with urllib3's message and are not retried.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PoolManager } from '../../src/pool/manager.js';
import { InvalidHeader } from '../../src/pool/errors.js';
import { startRawServer } from './raw-server.js';

for (const [name, fields] of [
  ['two Content-Length fields', 'Content-Length: 2\r\nContent-Length: 3\r\n'],
  ['one Content-Length list', 'Content-Length: 2, 3\r\n'],
] as const) {
  test(`conflicting Content-Length (${name}) is InvalidHeader, not retried (urllib3 _init_length)`, async () => {
    const srv = await startRawServer((_req, socket) => { socket.end(`HTTP/1.1 200 OK\r\n${fields}\r\nabc`); });
    const pm = new PoolManager({ retries: 3 });
    try {
      let err: unknown = null;
      try {
        await pm.urlopen('GET', `${srv.url}/`, { timeout: 2000 });
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof InvalidHeader, String(err));
      assert.equal((err as Error).message, 'Content-Length contained multiple unmatching values (2, 3)');
      assert.equal(srv.connections, 1);
    } finally {
      pm.clear();
      await srv.close();
    }
  });
}
