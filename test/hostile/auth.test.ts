/**
 * A server that answers every request with a 401 Digest challenge (valid, stale, unknown algorithm,
 * no nonce, auth-int only): the auth machinery must stay bounded and settle. CPython urllib:
 * "digest auth failed" after its retry limit, ValueError for an unknown algorithm (RangeError here),
 * URLError for auth-int, HTTPError 401 without a nonce. Requests 2.28 retries a digest challenge once
 * (then returns the 401); for the malformed challenges it crashes (TypeError/KeyError), which we do
 * not copy: the 401 is returned after at most 2 requests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import * as urllib from '../../src/urllib/index.js';
import { guard, openTcpHandles, startRoutedServer } from './harness.js';

const CHALLENGES: Array<{ challenge: string; urllib: (e: unknown) => boolean; maxUrllib: number }> = [
  { challenge: 'Digest realm="r", nonce="n", qop="auth"', urllib: (e) => e instanceof urllib.HTTPError && /digest auth failed/.test(e.message), maxUrllib: 10 },
  { challenge: 'Digest realm="r", nonce="n", stale=true', urllib: (e) => e instanceof urllib.HTTPError && /digest auth failed/.test(e.message), maxUrllib: 10 },
  { challenge: 'Digest realm="r", nonce="n", algorithm=SHA-999', urllib: (e) => e instanceof RangeError && /SHA-999/.test((e as Error).message), maxUrllib: 1 },
  { challenge: 'Digest realm="r"', urllib: (e) => e instanceof urllib.HTTPError && e.code === 401, maxUrllib: 1 },
  { challenge: 'Digest realm="r", nonce="n", qop="auth-int"', urllib: (e) => e instanceof urllib.URLError && /auth-int/.test((e as Error).message), maxUrllib: 1 },
];

for (const c of CHALLENGES) {
  test(`requests and urllib: an endless 401 "${c.challenge}" stays bounded and settles`, async () => {
    const srv = await startRoutedServer(() => `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: ${c.challenge}\r\nContent-Length: 0\r\n\r\n`);
    const url = `http://127.0.0.1:${srv.port}/`;
    try {
      const r = await guard(httpkit.get(url, { auth: new httpkit.HTTPDigestAuth('u', 'p'), timeout: 1000 }));
      assert.equal(r.statusCode, 401);
      assert.ok(srv.lines.length <= 2, `Requests sent ${srv.lines.length} requests`);
      const before = srv.lines.length;
      const pm = new urllib.HTTPPasswordMgrWithDefaultRealm();
      pm.addPassword(null, url, 'u', 'p');
      const opener = urllib.buildOpener(new urllib.HTTPDigestAuthHandler(pm));
      let err: unknown = null;
      try {
        await guard(opener.open(url, { timeout: 1000 }));
      } catch (e) {
        err = e;
      }
      assert.ok(c.urllib(err), String(err));
      assert.ok(srv.lines.length - before <= c.maxUrllib + 1, `urllib sent ${srv.lines.length - before} requests`);
      if (err instanceof urllib.HTTPError) err.close();
    } finally {
      await srv.close();
    }
  });
}

test('no socket or server left open by this file', async () => {
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
