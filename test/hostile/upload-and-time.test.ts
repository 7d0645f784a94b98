/**
 * Hostile timing: a server that never reads a large upload (the send must time out, not wait for
 * 'drain' forever), a server that answers early and closes while the body is still being sent,
 * a drip-feed that defeats a per-read timeout (only a total deadline ends it), a keep-alive socket
 * the server closed between requests, and streamed bodies that break mid-way.
 * Expectations: CPython 3.11 / Requests 2.28 on the same servers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import * as httpkit from '../../src/index.js';
import * as client from '../../src/client/index.js';
import * as urllib from '../../src/urllib/index.js';
import { guard, openTcpHandles } from './harness.js';
import { startScriptedServer } from '../helpers/scripted-server.js';

const BODY = Buffer.alloc(50 * 1024 * 1024, 0x78);

/** A server whose per-connection behaviour is `onSocket`; returns its port and a close(). */
async function rawServer(onSocket: (s: net.Socket, index: number) => void): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let n = 0;
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    onSocket(s, n++);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as net.AddressInfo).port,
    connections: () => n,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      srv.close(() => r());
    }),
  };
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await guard(p);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('HANG:')) throw e;
    return e;
  }
  return null;
}

function newSession(): httpkit.Session {
  const s = new httpkit.Session();
  s.trustEnv = false;
  return s;
}

// ---- a server that never reads the upload ----
async function neverRead<T>(fn: (port: number) => Promise<T>): Promise<T> {
  const srv = await rawServer((s) => s.pause());
  try {
    return await fn(srv.port);
  } finally {
    await srv.close();
  }
}

test('requests: a 50 MiB upload the server never reads is ConnectionError("Connection aborted.", timed out) within the timeout', async () => {
  await neverRead(async (port) => {
    const s = newSession();
    try {
      const t0 = Date.now();
      const e = await caught(s.post(`http://127.0.0.1:${port}/`, { data: BODY, timeout: 500 }));
      assert.ok(Date.now() - t0 < 3000);
      assert.ok(e instanceof httpkit.ConnectionError, `Requests: ${String(e)}`);
    } finally {
      s.close();
    }
  });
});

test('requests: a 50 MiB upload the server never reads settles within the timeout (some Timeout or ConnectionError)', async () => {
  await neverRead(async (port) => {
    const s = newSession();
    try {
      const t0 = Date.now();
      const e = await caught(s.post(`http://127.0.0.1:${port}/`, { data: BODY, timeout: 500 }));
      assert.ok(Date.now() - t0 < 3000);
      assert.ok(e instanceof httpkit.ConnectionError || e instanceof httpkit.Timeout, `Requests: ${String(e)}`);
    } finally {
      s.close();
    }
  });
});

test('http.client: a 50 MiB upload the server never reads is TimeoutError("timed out") from request()', async () => {
  await neverRead(async (port) => {
    const conn = new client.HTTPConnection('127.0.0.1', { port, timeout: 500 });
    try {
      const e = await caught(conn.request('POST', '/', { body: BODY }));
      assert.ok(e instanceof client.TimeoutError, `http.client: ${String(e)}`);
      assert.match((e as Error).message, /timed out/);
    } finally {
      conn.close();
    }
  });
});

test('urllib: a 50 MiB upload the server never reads is URLError(reason=TimeoutError) ("<urlopen error timed out>")', async () => {
  await neverRead(async (port) => {
    const e = await caught(urllib.urlopen(new urllib.Request(`http://127.0.0.1:${port}/`, { data: BODY }), { timeout: 500 }));
    assert.ok(e instanceof urllib.URLError, `urllib: ${String(e)}`);
    assert.ok((e as urllib.URLError).reason instanceof client.TimeoutError, String((e as urllib.URLError).reason));
  });
});

// ---- an early response while the body is still going out ----
const early = (s: net.Socket): void => {
  s.once('data', () => {
    s.write('HTTP/1.1 413 Payload Too Large\r\nContent-Length: 3\r\nConnection: close\r\n\r\nbig');
    s.end();
    setTimeout(() => s.destroy(), 200);
  });
};

test('requests: an early 413 + close during a 50 MiB upload is returned as the response (urllib3 reads it after EPIPE)', async () => {
  const srv = await rawServer(early);
  const s = newSession();
  try {
    const e = await caught(s.post(`http://127.0.0.1:${srv.port}/`, { data: BODY, timeout: 2000 }).then((r) => {
      assert.equal(r.statusCode, 413);
      assert.equal(r.text, 'big');
    }));
    assert.ok(e === null || e instanceof httpkit.ConnectionError, String(e));
    assert.equal(e, null, `Requests 2.28 returns the 413; we raised ${String(e)}`);
  } finally {
    s.close();
    await srv.close();
  }
});

test('http.client / urllib: an early 413 + close during a 50 MiB upload settles (CPython: BrokenPipeError / URLError)', async () => {
  const srv = await rawServer(early);
  try {
    const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 2000 });
    try {
      const e = await caught((async () => {
        await conn.request('POST', '/', { body: BODY });
        const r = await conn.getresponse();
        assert.equal(r.status, 413);
        await r.read();
      })());
      assert.ok(e === null || e instanceof client.OSError, `http.client: ${String(e)}`);
    } finally {
      conn.close();
    }
    const e = await caught(urllib.urlopen(new urllib.Request(`http://127.0.0.1:${srv.port}/`, { data: BODY }), { timeout: 2000 }));
    assert.ok(e instanceof urllib.URLError, `urllib: ${String(e)}`);
    if (e instanceof urllib.HTTPError) e.close();
  } finally {
    await srv.close();
  }
});

test('http.client: when an early 413 + close breaks the upload, the error is BrokenPipeError/ConnectionResetError (CPython), not a bare OSError', async () => {
  for (let i = 0; i < 5; i++) {
    const srv = await rawServer(early);
    const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 2000 });
    try {
      const e = await caught((async () => {
        await conn.request('POST', '/', { body: BODY });
        await (await conn.getresponse()).read();
      })());
      assert.ok(e === null || e instanceof client.ConnectionError, `attempt ${i}: ${String(e)}`);
    } finally {
      conn.close();
      await srv.close();
    }
  }
});

// ---- drip-feed: a per-read timeout never fires; timeout.total bounds the head, a signal the body ----
/** Sends `head` then one byte of `drip` every 50 ms, forever (until the socket closes). */
const dripper = (head: string, drip: string) => (s: net.Socket): void => {
  s.once('data', () => {
    s.write(head);
    const timer = setInterval(() => (s.destroyed ? clearInterval(timer) : s.write(drip)), 50);
    s.on('close', () => clearInterval(timer));
  });
};

test('requests: a head dripped one byte per 50 ms is ended by timeout.total (connect + send + head, as urllib3)', async () => {
  const srv = await rawServer(dripper('HTTP/1.1 200 OK\r\nX-Slow: ', 'a'));
  const s = newSession();
  try {
    const t0 = Date.now();
    const e = await caught(s.get(`http://127.0.0.1:${srv.port}/`, { timeout: { connect: 1000, read: 300, total: 800 } }));
    const took = Date.now() - t0;
    assert.ok(e instanceof httpkit.Timeout, String(e));
    assert.match(String((e as Error).message), /timed out/i);
    assert.ok(took < 2500, `total deadline of 800 ms took ${took} ms`);
  } finally {
    s.close();
    await srv.close();
  }
});

test('requests: a body dripped one byte per 50 ms is ended by an AbortSignal (total does not cover the body, as urllib3)', async () => {
  const srv = await rawServer(dripper('HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n', 'x'));
  const s = newSession();
  try {
    const t0 = Date.now();
    const e = await caught(s.get(`http://127.0.0.1:${srv.port}/`, { timeout: 300, signal: AbortSignal.timeout(800) }));
    assert.ok(e instanceof Error, String(e));
    assert.ok(Date.now() - t0 < 2500);
  } finally {
    s.close();
    await srv.close();
  }
});

// ---- a keep-alive socket the server closed while idle ----
test('requests: an idle keep-alive socket closed by the server is not used again (new connection, no error)', async () => {
  const srv = await startScriptedServer([
    ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', { delay: 30 }, { close: true }],
    ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'],
  ]);
  const s = newSession();
  try {
    const url = `http://127.0.0.1:${srv.port}/`;
    assert.equal((await guard(s.get(url, { timeout: 1000 }))).text, 'ok');
    await new Promise((r) => setTimeout(r, 150));
    assert.equal((await guard(s.get(url, { timeout: 1000 }))).text, 'ok');
    assert.equal(srv.connections, 2);
  } finally {
    s.close();
    await srv.close();
  }
});

test('http.client: after the server closed the idle socket, the next request reconnects or fails as CPython (RemoteDisconnected)', async () => {
  const srv = await startScriptedServer([
    ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', { delay: 30 }, { close: true }],
    ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'],
  ]);
  const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 1000 });
  try {
    await conn.request('GET', '/');
    await (await conn.getresponse()).read();
    await new Promise((r) => setTimeout(r, 150));
    const e = await caught((async () => {
      await conn.request('GET', '/');
      assert.equal(Buffer.from(await (await conn.getresponse()).read()).toString(), 'ok');
    })());
    assert.ok(e === null || e instanceof client.RemoteDisconnected || e instanceof client.ConnectionError, String(e));
  } finally {
    conn.close();
    await srv.close();
  }
});

// ---- streamed bodies that break ----
test('requests: stream=true, a chunked body cut mid-chunk raises ChunkedEncodingError from iterContent; the Session recovers on a new socket', async () => {
  const srv = await startScriptedServer([
    [{ respond: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n10\r\nefg' }, { close: true }],
    ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'],
  ]);
  const s = newSession();
  try {
    const url = `http://127.0.0.1:${srv.port}/`;
    const r = await guard(s.get(url, { stream: true, timeout: 1000 }));
    const got: string[] = [];
    const e = await caught((async () => {
      for await (const c of r.iterContent({ chunkSize: 1 })) got.push(Buffer.from(c as Uint8Array).toString());
    })());
    assert.ok(e instanceof httpkit.ChunkedEncodingError, String(e));
    assert.ok(got.join('').startsWith('abcd'), got.join(''));
    assert.equal((await guard(s.get(url, { timeout: 1000 }))).text, 'ok');
    assert.equal(srv.connections, 2);
  } finally {
    s.close();
    await srv.close();
  }
});

test('requests: stream=true, a body that stalls raises ConnectionError (ReadTimeoutError) from iterContent within the read timeout', async () => {
  const srv = await startScriptedServer([
    [{ respond: 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc' }],
    ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'],
  ]);
  const s = newSession();
  try {
    const url = `http://127.0.0.1:${srv.port}/`;
    const r = await guard(s.get(url, { stream: true, timeout: 300 }));
    const e = await caught((async () => {
      for await (const _ of r.iterContent({ chunkSize: 10 })) { /* drain */ }
    })());
    assert.ok(e instanceof httpkit.ConnectionError, String(e));
    assert.match(String((e as Error).message), /Read timed out/);
    assert.equal((await guard(s.get(url, { timeout: 1000 }))).text, 'ok');
    assert.equal(srv.connections, 2);
  } finally {
    s.close();
    await srv.close();
  }
});

test('http.client: read(n) / readline() on a truncated Content-Length body end without hanging (CPython: short data, then b"")', async () => {
  const srv = await startScriptedServer([[{ respond: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab\ncd' }, { close: true }]]);
  const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 1000 });
  try {
    await conn.request('GET', '/');
    const r = await guard(conn.getresponse());
    const parts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const line = Buffer.from(await guard(r.readline())).toString();
      if (line === '') break;
      parts.push(line);
    }
    assert.deepEqual(parts, ['ab\n', 'cd']);
  } finally {
    conn.close();
    await srv.close();
  }
});

// ---- closing while a read is pending ----
/** Settles `p` within `ms` (true) or reports it still pending (false). */
async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([p.then(() => true, () => true), pending]);
  } finally {
    clearTimeout(timer);
  }
}

test('requests: Response.close() while iterContent awaits a stalled body ends the iteration promptly', async () => {
  const srv = await startScriptedServer([[{ respond: 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc' }]]);
  const s = newSession();
  try {
    const r = await guard(s.get(`http://127.0.0.1:${srv.port}/`, { stream: true, timeout: 4000 }));
    const iterating = (async () => {
      for await (const _ of r.iterContent({ chunkSize: 10 })) { /* drain */ }
    })();
    await new Promise((res) => setTimeout(res, 100));
    r.close();
    assert.ok(await settlesWithin(iterating, 1000), 'iterContent still pending 1 s after close()');
  } finally {
    s.close();
    await srv.close();
  }
});

test('http.client: close() of the connection or of the response settles a pending getresponse()/read() at once', async () => {
  const srv = await startScriptedServer([[{ awaitRequest: true }], [{ respond: 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc' }]]);
  try {
    const c1 = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 4000 });
    await c1.request('GET', '/');
    const head = c1.getresponse();
    await new Promise((res) => setTimeout(res, 100));
    c1.close();
    assert.ok(await settlesWithin(head, 1000), 'getresponse() pending after close()');
    const c2 = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 4000 });
    await c2.request('GET', '/');
    const resp = await guard(c2.getresponse());
    const body = resp.read();
    await new Promise((res) => setTimeout(res, 100));
    resp.close();
    assert.ok(await settlesWithin(body, 1000), 'read() pending after resp.close()');
    c2.close();
  } finally {
    await srv.close();
  }
});

test('requests: an AbortSignal settles a request waiting for a stalled head at once', async () => {
  const srv = await startScriptedServer([[{ awaitRequest: true }]]);
  try {
    const ac = new AbortController();
    const p = httpkit.get(`http://127.0.0.1:${srv.port}/`, { timeout: 4000, signal: ac.signal });
    await new Promise((res) => setTimeout(res, 100));
    ac.abort();
    assert.ok(await settlesWithin(p, 1000), 'still pending after abort()');
    await assert.rejects(p);
  } finally {
    await srv.close();
  }
});

test('no socket or server left open by this file', async () => {
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
