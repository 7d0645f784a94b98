/**
 * Hostile option values on the Requests side (urllib3 Timeout validation, measured with Requests 2.28):
 * 0, negative, NaN, non-numeric and malformed timeouts are ValueError (TypeError/RangeError by API.md)
 * raised before any connection is attempted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import { guard, openTcpHandles } from './harness.js';
import { startScriptedServer } from '../helpers/scripted-server.js';

const cases: Array<{ label: string; timeout: unknown; todo?: string }> = [
  { label: '0', timeout: 0 },
  { label: '-1', timeout: -1 },
  { label: 'NaN', timeout: NaN },
  { label: '"x"', timeout: 'x' },
  { label: '[1, 2, 3]', timeout: [1, 2, 3] },
  { label: '{ connect: -5 }', timeout: { connect: -5 } },
];

for (const c of cases) {
  test(`requests: timeout ${c.label} is a TypeError/RangeError naming the timeout, before connecting`, c.todo === undefined ? {} : { todo: c.todo }, async () => {
    const srv = await startScriptedServer([['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok']]);
    try {
      let err: unknown = null;
      try {
        await guard(httpkit.get(`http://127.0.0.1:${srv.port}/`, { timeout: c.timeout as never }));
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof TypeError || err instanceof RangeError, String(err));
      assert.match((err as Error).message, /timeout/i);
      assert.equal(srv.connections, 0, 'a connection was opened');
    } finally {
      await srv.close();
    }
  });
}

test('no socket or server left open by this file', async () => {
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
