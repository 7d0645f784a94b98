/**
 * Hostile multi-step flows: redirect loops, redirects with encoded CRLF / spaces / non-ASCII in
 * Location, a gzip bomb read in bounded chunks, junk Set-Cookie into real jars, IPv6 literals, a TLS
 * handshake that stalls (connect timeout), many concurrent requests to a server that only sends
 * garbage, and a final check that no socket or server outlived the tests.
 * Expectations: CPython 3.11 urllib / Requests 2.28 on the same bytes (see py_oracle.py for the method).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { gzipSync } from 'node:zlib';
import * as httpkit from '../../src/index.js';
import * as client from '../../src/client/index.js';
import * as urllib from '../../src/urllib/index.js';
import { guard, openTcpHandles, startRoutedServer, type RoutedServer } from './harness.js';
import { scriptFor } from './cases.js';
import { startScriptedServer } from '../helpers/scripted-server.js';

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
const redirect = (location: string, status = '302 Found'): string => `HTTP/1.1 ${status}\r\nLocation: ${location}\r\nContent-Length: 0\r\n\r\n`;

function newSession(): httpkit.Session {
  const s = new httpkit.Session();
  s.trustEnv = false;
  return s;
}

async function withServer<T>(route: (line: string) => string | Buffer | null, fn: (srv: RoutedServer, base: string) => Promise<T>, host = '127.0.0.1'): Promise<T> {
  const srv = await startRoutedServer(route, host);
  try {
    return await fn(srv, host.includes(':') ? `http://[${host}]:${srv.port}` : `http://${host}:${srv.port}`);
  } finally {
    await srv.close();
  }
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await guard(p);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('HANG:')) throw e;
    return e;
  }
  assert.fail('expected an error, the request succeeded');
}

// ---- redirect loops ----
test('requests: a redirect loop is TooManyRedirects "Exceeded 30 redirects." after 30 hops, last response attached', async () => {
  await withServer(() => redirect('/loop'), async (srv, base) => {
    const s = newSession();
    try {
      const e = await caught(s.get(`${base}/`, { timeout: 1000 }));
      assert.ok(e instanceof httpkit.TooManyRedirects, String(e));
      assert.match(e.message, /Exceeded 30 redirects\./);
      assert.equal(e.response?.statusCode, 302);
      assert.equal(e.response?.history.length, 30);
      assert.equal(srv.lines.length, 31);
      assert.ok(srv.connections <= 2, `keep-alive redirects opened ${srv.connections} connections`);
    } finally {
      s.close();
    }
  });
});

test('requests: maxRedirects bounds the loop too', async () => {
  await withServer(() => redirect('/loop', '301 Moved Permanently'), async (srv, base) => {
    const s = newSession();
    s.maxRedirects = 3;
    try {
      const e = await caught(s.get(`${base}/`, { timeout: 1000 }));
      assert.ok(e instanceof httpkit.TooManyRedirects);
      assert.match(e.message, /Exceeded 3 redirects\./);
      assert.equal(srv.lines.length, 4);
    } finally {
      s.close();
    }
  });
});

test('urllib: a redirect loop is HTTPError 302 "...would lead to an infinite loop" after 4 repeats', async () => {
  await withServer(() => redirect('/loop'), async (srv, base) => {
    const e = await caught(urllib.urlopen(`${base}/`, { timeout: 1000 }));
    assert.ok(e instanceof urllib.HTTPError, String(e));
    assert.equal(e.code, 302);
    assert.match(e.message, /infinite loop/);
    assert.equal(srv.lines.length, 5);
    e.close?.();
  });
});

test('urllib: a redirect chain over 10 distinct URLs is HTTPError (max_redirections)', async () => {
  let n = 0;
  await withServer(() => redirect(`/hop${n++}`), async (srv, base) => {
    const e = await caught(urllib.urlopen(`${base}/`, { timeout: 1000 }));
    assert.ok(e instanceof urllib.HTTPError, String(e));
    assert.match(e.message, /infinite loop/);
    assert.equal(srv.lines.length, 11);
    e.close?.();
  });
});

// ---- odd Location headers ----
const route = (line: string): string => {
  if (line.startsWith('GET / ')) return redirect('/a b/\xc3\xbc?q=\xc3\xa9 x');
  if (line.startsWith('GET /crlf ')) return redirect('/next%0D%0AX-Injected:%20yes');
  if (line.startsWith('GET /badutf8 ')) return redirect('/\xe9t\xe9');
  return OK;
};

test('requests: Location with spaces and UTF-8 is requoted (/a%20b/%C3%BC?q=%C3%A9%20x)', async () => {
  await withServer(route, async (srv, base) => {
    const s = newSession();
    try {
      const r = await guard(s.get(`${base}/`, { timeout: 1000 }));
      assert.equal(r.text, 'ok');
      assert.equal(r.url, `${base}/a%20b/%C3%BC?q=%C3%A9%20x`);
      assert.equal(srv.lines[1], 'GET /a%20b/%C3%BC?q=%C3%A9%20x HTTP/1.1');
    } finally {
      s.close();
    }
  });
});

test('urllib: Location with spaces and UTF-8 is quoted as CPython (/a%20b/%C3%BC?q=%C3%A9%20x)', async () => {
  await withServer(route, async (srv, base) => {
    const r = await guard(urllib.urlopen(`${base}/`, { timeout: 1000 }));
    assert.equal(Buffer.from(await r.read()).toString(), 'ok');
    assert.equal(r.geturl(), `${base}/a%20b/%C3%BC?q=%C3%A9%20x`);
    assert.equal(srv.lines[1], 'GET /a%20b/%C3%BC?q=%C3%A9%20x HTTP/1.1');
    r.close();
  });
});

for (const layer of ['requests', 'urllib'] as const) {
  test(`${layer}: a Location with encoded CRLF is followed as an opaque path, no header injected`, async () => {
    await withServer(route, async (srv, base) => {
      if (layer === 'requests') {
        const s = newSession();
        try {
          assert.equal((await guard(s.get(`${base}/crlf`, { timeout: 1000 }))).text, 'ok');
        } finally {
          s.close();
        }
      } else {
        const r = await guard(urllib.urlopen(`${base}/crlf`, { timeout: 1000 }));
        await r.read();
        r.close();
      }
      assert.equal(srv.lines[1], 'GET /next%0D%0AX-Injected:%20yes HTTP/1.1');
      assert.doesNotMatch(srv.raw, /\r\nX-Injected/);
    });
  });
}

test('requests: a Location that is not UTF-8 settles (Requests 2.28 raises UnicodeDecodeError) and sends no raw high bytes', async () => {
  await withServer(route, async (srv, base) => {
    const s = newSession();
    try {
      try {
        await guard(s.get(`${base}/badutf8`, { timeout: 1000 }));
      } catch (e) {
        assert.ok(!(e instanceof Error && e.message.startsWith('HANG:')), String(e));
      }
      for (const line of srv.lines) assert.match(line, /^GET [\x21-\x7e]+ HTTP\/1\.1$/, JSON.stringify(line));
    } finally {
      s.close();
    }
  });
});

// ---- gzip bomb ----
test('requests: a gzip bomb (64 MiB of zeros in ~64 KiB) streams in bounded chunks and can be abandoned', async () => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  const head = `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\n\r\n`;
  await withServer((line) => (line.startsWith('GET /bomb ') ? Buffer.concat([Buffer.from(head), bomb]) : OK), async (srv, base) => {
    const s = newSession();
    try {
      const r = await guard(s.get(`${base}/bomb`, { stream: true, timeout: 1000 }));
      let chunks = 0;
      let biggest = 0;
      await guard((async () => {
        for await (const chunk of r.iterContent({ chunkSize: 65536 })) {
          biggest = Math.max(biggest, chunk.length);
          if (++chunks === 8) break;
        }
      })());
      r.close();
      assert.equal(chunks, 8);
      assert.ok(biggest <= 65536, `a decoded chunk of ${biggest} bytes exceeds chunkSize`);
      // The whole compressed body had arrived, so keeping the socket is legitimate; the next request works either way.
      assert.equal((await guard(s.get(`${base}/`, { timeout: 1000 }))).text, 'ok');
      assert.ok(srv.connections <= 2);
    } finally {
      s.close();
    }
  });
});

test('requests: a streamed gzip bomb does not inflate far beyond chunkSize in memory (urllib3 >= 2.6 bounds it)', async () => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  const head = `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\n\r\n`;
  await withServer(() => Buffer.concat([Buffer.from(head), bomb]), async (_srv, base) => {
    const s = newSession();
    try {
      const r = await guard(s.get(`${base}/`, { stream: true, timeout: 3000 }));
      const start = process.memoryUsage().arrayBuffers;
      let peak = 0;
      const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers - start)), 1);
      try {
        await guard((async () => {
          for await (const _chunk of r.iterContent({ chunkSize: 65536 })) {
            peak = Math.max(peak, process.memoryUsage().arrayBuffers - start);
            break;
          }
        })());
      } finally {
        clearInterval(sample);
        r.close();
      }
      assert.ok(peak < 16 * 1024 * 1024, `reading one 64 KiB chunk held ${(peak / 2 ** 20).toFixed(1)} MiB of decoded data`);
    } finally {
      s.close();
    }
  });
});

// ---- a HEAD answered with a body ----
test('requests: stray body bytes after a HEAD response are never read as the next response', async () => {
  const srv = await startScriptedServer(scriptFor('head-with-body'));
  const s = newSession();
  try {
    const url = `http://127.0.0.1:${srv.port}/`;
    const r = await guard(s.head(url, { timeout: 1000 }));
    assert.equal(r.statusCode, 200);
    assert.equal(r.content?.length, 0);
    await new Promise((res) => setTimeout(res, 100));
    assert.equal((await guard(s.get(url, { timeout: 1000 }))).text, 'ok');
    assert.equal(srv.connections, 2);
  } finally {
    s.close();
    await srv.close();
  }
});

test('http.client: stray body bytes after a HEAD response are never read as the next response (CPython: BadStatusLine("evil..."))', async () => {
  const srv = await startScriptedServer(scriptFor('head-with-body'));
  const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 1000 });
  try {
    await conn.request('HEAD', '/');
    const r = await guard(conn.getresponse());
    assert.equal((await r.read()).length, 0);
    await new Promise((res) => setTimeout(res, 100));
    await conn.request('GET', '/');
    assert.equal(Buffer.from(await (await guard(conn.getresponse())).read()).toString(), 'ok');
    assert.equal(srv.connections, 2);
  } finally {
    conn.close();
    await srv.close();
  }
});

// ---- Set-Cookie junk into real jars ----
const cookieJunk = `HTTP/1.1 200 OK\r\nSet-Cookie: =;;;\r\nSet-Cookie: \x01bad=1\r\nSet-Cookie: a=b; Domain=..; Expires=garbage; Max-Age=x\r\nSet-Cookie: ${'c'.repeat(9000)}=1\r\nSet-Cookie: ok=1\r\nContent-Length: 2\r\n\r\nok`;
test('requests: junk Set-Cookie lines never throw; the good cookie is kept', async () => {
  await withServer(() => cookieJunk, async (_srv, base) => {
    const s = newSession();
    try {
      const r = await guard(s.get(`${base}/`, { timeout: 1000 }));
      assert.equal(r.text, 'ok');
      assert.equal(s.cookies.get('ok'), '1');
    } finally {
      s.close();
    }
  });
});
test('urllib: junk Set-Cookie lines through HTTPCookieProcessor never throw', async () => {
  await withServer(() => cookieJunk, async (_srv, base) => {
    const opener = urllib.buildOpener(new urllib.HTTPCookieProcessor());
    const r = await guard(opener.open(`${base}/`, { timeout: 1000 }));
    assert.equal(Buffer.from(await r.read()).toString(), 'ok');
    r.close();
  });
});

// ---- IPv6 literals ----
test('IPv6 literal [::1]: all three layers connect and send Host: [::1]:port', async () => {
  await withServer(() => OK, async (srv, base) => {
    const s = newSession();
    try {
      assert.equal((await guard(s.get(`${base}/`, { timeout: 1000 }))).text, 'ok');
    } finally {
      s.close();
    }
    const r = await guard(urllib.urlopen(`${base}/`, { timeout: 1000 }));
    assert.equal(Buffer.from(await r.read()).toString(), 'ok');
    r.close();
    for (const conn of [new client.HTTPConnection('::1', { port: srv.port, timeout: 1000 }), new client.HTTPConnection(`[::1]:${srv.port}`, { timeout: 1000 })]) {
      try {
        await guard(conn.request('GET', '/'));
        assert.equal(Buffer.from(await (await guard(conn.getresponse())).read()).toString(), 'ok');
      } finally {
        conn.close();
      }
    }
    const hosts = srv.raw.split('\r\n').filter((l) => /^host:/i.test(l));
    assert.equal(hosts.length, 4);
    for (const h of hosts) assert.equal(h.toLowerCase(), `host: [::1]:${srv.port}`);
  }, '::1');
});

// ---- a TLS handshake that never completes ----
test('a stalled TLS handshake: Requests ConnectTimeout, http.client TimeoutError, urllib URLError(TimeoutError)', async () => {
  const held: net.Socket[] = [];
  const srv = net.createServer((sock) => held.push(sock));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  try {
    const s = newSession();
    try {
      const e = await caught(s.get(`https://127.0.0.1:${port}/`, { timeout: 300 }));
      assert.ok(e instanceof httpkit.ConnectTimeout && e instanceof httpkit.Timeout, String(e));
    } finally {
      s.close();
    }
    const conn = new client.HTTPSConnection('127.0.0.1', { port, timeout: 300 });
    try {
      const e = await caught(conn.request('GET', '/'));
      assert.ok(e instanceof client.TimeoutError, String(e));
    } finally {
      conn.close();
    }
    const e = await caught(urllib.urlopen(`https://127.0.0.1:${port}/`, { timeout: 300 }));
    assert.ok(e instanceof urllib.URLError, String(e));
    assert.ok((e as urllib.URLError).reason instanceof client.TimeoutError, String((e as urllib.URLError).reason));
  } finally {
    for (const sock of held) sock.destroy();
    await new Promise<void>((r) => srv.close(() => r()));
  }
});

// ---- many concurrent requests against garbage ----
test('requests: 20 concurrent requests to a garbage server all settle with ConnectionError; the pool recovers', async () => {
  let good = false;
  await withServer(() => (good ? OK : 'HTTP/1.1 2OO OK\r\n\r\n'), async (srv, base) => {
    const s = newSession();
    try {
      const results = await guard(Promise.allSettled(Array.from({ length: 20 }, () => s.get(`${base}/`, { timeout: 1000 }))));
      for (const r of results) {
        assert.equal(r.status, 'rejected');
        assert.ok(r.status === 'rejected' && r.reason instanceof httpkit.ConnectionError, String((r as PromiseRejectedResult).reason));
      }
      const before = srv.connections;
      good = true;
      assert.equal((await guard(s.get(`${base}/`, { timeout: 1000 }))).text, 'ok');
      assert.equal(srv.connections, before + 1, 'a garbage connection was reused');
    } finally {
      s.close();
    }
  });
});

test('no socket or server left open by this file', async () => {
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
