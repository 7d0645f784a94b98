/**
 * Hostile Retry-After values under Retry(total=2, statusForcelist=[503]) (urllib3 parse_retry_after:
 * digits only, or an HTTP date; anything else is InvalidHeader("Invalid Retry-After header: ...") at
 * the first response, measured with Requests 2.28). A past date means no wait: 3 requests, RetryError.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import { guard, openTcpHandles, startRoutedServer } from './harness.js';

const CASES: Array<{ value: string; invalid: boolean; todo?: string }> = [
  { value: 'garbage', invalid: true },
  { value: '1e3', invalid: true },
  { value: '-1', invalid: true },
  { value: '0.5', invalid: true },
  { value: 'Wed, 21 Oct 2015 07:28:00 GMT', invalid: false },
];

for (const c of CASES) {
  test(`requests: Retry-After ${JSON.stringify(c.value)} -> ${c.invalid ? 'InvalidHeader after 1 request' : 'RetryError after 3 requests'}`, c.todo === undefined ? {} : { todo: c.todo }, async () => {
    const srv = await startRoutedServer(() => `HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${c.value}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    const s = new httpkit.Session();
    s.trustEnv = false;
    s.mount('http://', new httpkit.HTTPAdapter({ maxRetries: new httpkit.Retry({ total: 2, statusForcelist: [503], backoffFactor: 0 }) }));
    try {
      let err: unknown = null;
      try {
        await guard(s.get(`http://127.0.0.1:${srv.port}/`, { timeout: 1000 }));
      } catch (e) {
        err = e;
      }
      if (c.invalid) {
        assert.ok(err instanceof httpkit.InvalidHeader, String(err));
        assert.match((err as Error).message, /Invalid Retry-After header/);
        assert.equal(srv.connections, 1);
      } else {
        assert.ok(err instanceof httpkit.RetryError, String(err));
        assert.equal(srv.connections, 3);
      }
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
