/**
 * Hostile redirects beyond loops (flows.test.ts): no Location, an empty Location, a bad port or no
 * host in Location, a 60 KB Location, two Location fields; and a Session that survives a burst of
 * garbage without keeping broken sockets. Expectations: CPython 3.11 urllib and Requests 2.28 on
 * the same bytes (measured with /usr/bin/python3).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import * as urllib from '../../src/urllib/index.js';
import * as client from '../../src/client/index.js';
import { startScriptedServer } from '../helpers/scripted-server.js';
import { guard, openTcpHandles, startRoutedServer, type RoutedServer } from './harness.js';

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
const found = (extra: string): string => `HTTP/1.1 302 Found\r\n${extra}Content-Length: 0\r\n\r\n`;
const ROUTES: Record<string, string> = {
  '/noloc': found(''),
  '/empty': found('Location: \r\n'),
  '/badport': found('Location: http://127.0.0.1:99999/x\r\n'),
  '/nohost': found('Location: http:///x\r\n'),
  '/huge': found(`Location: /${'a'.repeat(60_000)}\r\n`),
  '/two': found('Location: /a\r\nLocation: /b\r\n'),
};
const route = (line: string): string => ROUTES[line.split(' ')[1] ?? ''] ?? OK;

async function withServer(fn: (srv: RoutedServer, base: string) => Promise<void>): Promise<void> {
  const srv = await startRoutedServer(route);
  try {
    await fn(srv, `http://127.0.0.1:${srv.port}`);
  } finally {
    await srv.close();
  }
}

async function requestsGet(url: string): Promise<httpkit.Response> {
  const s = new httpkit.Session();
  s.trustEnv = false;
  try {
    return await guard(s.get(url, { timeout: 1000 }));
  } finally {
    s.close();
  }
}

async function outcome(p: Promise<unknown>): Promise<unknown> {
  try {
    return await guard(p);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('HANG:')) throw e;
    return e;
  }
}

test('requests: 302 without Location is returned as is (no history)', async () => {
  await withServer(async (_srv, base) => {
    const r = await requestsGet(`${base}/noloc`);
    assert.equal(r.statusCode, 302);
    assert.equal(r.history.length, 0);
  });
});
test('urllib: 302 without Location is HTTPError 302 "Found"', async () => {
  await withServer(async (_srv, base) => {
    const e = await outcome(urllib.urlopen(`${base}/noloc`, { timeout: 1000 }));
    assert.ok(e instanceof urllib.HTTPError, String(e));
    assert.equal(e.code, 302);
    e.close();
  });
});
test('requests: an empty Location is not followed (302 returned)', async () => {
  await withServer(async (srv, base) => {
    const r = await requestsGet(`${base}/empty`);
    assert.equal(r.statusCode, 302);
    assert.equal(srv.lines.length, 1);
  });
});
test('urllib: an empty Location resolves to the same URL: HTTPError "infinite loop" after bounded retries', async () => {
  await withServer(async (srv, base) => {
    const e = await outcome(urllib.urlopen(`${base}/empty`, { timeout: 1000 }));
    assert.ok(e instanceof urllib.HTTPError, String(e));
    assert.match(e.message, /infinite loop/);
    assert.ok(srv.lines.length <= 11);
    e.close();
  });
});
test('requests: a redirect to port 99999 is InvalidURL, after exactly one request', async () => {
  await withServer(async (srv, base) => {
    const e = await outcome(requestsGet(`${base}/badport`));
    assert.ok(e instanceof httpkit.InvalidURL, String(e));
    assert.match((e as Error).message, /99999/);
    assert.equal(srv.lines.length, 1);
  });
});
test('urllib: a redirect to port 99999 is URLError (CPython: connection refused)', async () => {
  await withServer(async (_srv, base) => {
    const e = await outcome(urllib.urlopen(`${base}/badport`, { timeout: 1000 }));
    assert.ok(e instanceof urllib.URLError || e instanceof RangeError || e instanceof TypeError, String(e));
  });
});
for (const layer of ['requests', 'urllib'] as const) {
  test(`${layer}: Location "http:///x" (no host) resolves against the current host as CPython (GET /x)`, async () => {
    await withServer(async (srv, base) => {
      if (layer === 'requests') assert.equal((await requestsGet(`${base}/nohost`)).text, 'ok');
      else {
        const r = await guard(urllib.urlopen(`${base}/nohost`, { timeout: 1000 }));
        assert.equal(Buffer.from(await r.read()).toString(), 'ok');
        r.close();
      }
      assert.equal(srv.lines[1], 'GET /x HTTP/1.1');
    });
  });
  test(`${layer}: a 60 KB Location is followed (under the 64 KiB line limit)`, async () => {
    await withServer(async (srv, base) => {
      if (layer === 'requests') assert.equal((await requestsGet(`${base}/huge`)).text, 'ok');
      else {
        const r = await guard(urllib.urlopen(`${base}/huge`, { timeout: 1000 }));
        assert.equal(Buffer.from(await r.read()).toString(), 'ok');
        r.close();
      }
      assert.equal(srv.lines[1], `GET /${'a'.repeat(60_000)} HTTP/1.1`);
    });
  });
}
test('requests: two Location fields are joined ("/a, /b" requoted as /a,%20/b), as Requests', async () => {
  await withServer(async (srv, base) => {
    assert.equal((await requestsGet(`${base}/two`)).text, 'ok');
    assert.equal(srv.lines[1], 'GET /a,%20/b HTTP/1.1');
  });
});
test('urllib: two Location fields: the first is followed, as CPython', async () => {
  await withServer(async (srv, base) => {
    const r = await guard(urllib.urlopen(`${base}/two`, { timeout: 1000 }));
    await r.read();
    r.close();
    assert.equal(srv.lines[1], 'GET /a HTTP/1.1');
  });
});

// ---- redirects to local schemes (never read a local file or data: URL because a server said so) ----
for (const location of ['file:///etc/passwd', 'FILE:///etc/hostname', 'data:text/plain,hello']) {
  test(`requests: a redirect to ${location} is InvalidSchema "No connection adapters were found"`, async () => {
    const srv = await startRoutedServer((line) => (line.startsWith('GET / ') ? found(`Location: ${location}\r\n`) : OK));
    try {
      const e = await outcome(requestsGet(`http://127.0.0.1:${srv.port}/`));
      assert.ok(e instanceof httpkit.InvalidSchema, String(e));
      assert.match((e as Error).message, /No connection adapters were found/);
    } finally {
      await srv.close();
    }
  });
  test(`urllib: a redirect to ${location} is HTTPError 302 "Redirection to url ... is not allowed"`, async () => {
    const srv = await startRoutedServer((line) => (line.startsWith('GET / ') ? found(`Location: ${location}\r\n`) : OK));
    try {
      const e = await outcome(urllib.urlopen(`http://127.0.0.1:${srv.port}/`, { timeout: 1000 }));
      assert.ok(e instanceof urllib.HTTPError, String(e));
      assert.equal(e.code, 302);
      assert.match(e.message, /Redirection to url '.*' is not allowed/);
      e.close();
    } finally {
      await srv.close();
    }
  });
}

// ---- a redirect whose own body is broken ----
const BROKEN_302: Record<string, string> = {
  'a cut chunked body': 'Transfer-Encoding: chunked\r\n\r\n10\r\nabc',
  'a short Content-Length body': 'Content-Length: 10\r\n\r\nabc',
  'a bad gzip body': 'Content-Encoding: gzip\r\nContent-Length: 7\r\n\r\nnotgzip',
};
for (const [what, rest] of Object.entries(BROKEN_302)) {
  test(`requests: a 302 with ${what} is still followed (Requests ignores errors while draining a redirect body)`, async () => {
    const srv = await startScriptedServer([[{ respond: `HTTP/1.1 302 Found\r\nLocation: /next\r\n${rest}` }, { close: true }], [OK]]);
    try {
      assert.equal((await requestsGet(`http://127.0.0.1:${srv.port}/`)).text, 'ok');
      assert.match(srv.text(1), /^GET \/next HTTP\/1\.1/);
    } finally {
      await srv.close();
    }
  });
}
for (const what of ['a cut chunked body', 'a short Content-Length body'] as const) {
  test(`urllib: a 302 with ${what} is IncompleteRead (CPython reads the redirect body before following)`, async () => {
    const srv = await startScriptedServer([[{ respond: `HTTP/1.1 302 Found\r\nLocation: /next\r\n${BROKEN_302[what]}` }, { close: true }], [OK]]);
    try {
      const e = await outcome(urllib.urlopen(`http://127.0.0.1:${srv.port}/`, { timeout: 1000 }));
      assert.ok(e instanceof client.IncompleteRead, String(e));
    } finally {
      await srv.close();
    }
  });
}

test('requests: 30 garbage responses in a row leave no broken socket in the pool and none open on the server', async () => {
  let garbage = true;
  const srv = await startRoutedServer(() => (garbage ? 'HTTP/1.1 2xx\r\n\r\n' : OK));
  const s = new httpkit.Session();
  s.trustEnv = false;
  try {
    const url = `http://127.0.0.1:${srv.port}/`;
    for (let i = 0; i < 30; i++) {
      const e = await outcome(s.get(url, { timeout: 1000 }));
      assert.ok(e instanceof httpkit.ConnectionError, String(e));
    }
    assert.equal(srv.connections, 30);
    garbage = false;
    assert.equal((await guard(s.get(url, { timeout: 1000 }))).text, 'ok');
    assert.equal((await guard(s.get(url, { timeout: 1000 }))).text, 'ok');
    assert.equal(srv.connections, 31, 'the good connection is kept alive and reused');
  } finally {
    s.close();
    await srv.close();
  }
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
