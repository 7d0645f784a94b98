/**
 * Timeouts and the Retry policy end to end: a server that stalls, one that drips bytes, one
 * that answers 503 with Retry-After (seconds and HTTP-date), refused connections, redirects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { PoolManager } from '../../src/pool/manager.js';
import { Retry } from '../../src/pool/retry.js';
import {
  ConnectTimeoutError, LocationValueError, MaxRetryError, NewConnectionError, ReadTimeoutError, ResponseError, TimeoutError,
  ProtocolError, UnrewindableBodyError, URLSchemeUnknown,
} from '../../src/pool/errors.js';
import { ok, sleep, startRawServer, type Handler, type RawServer } from './raw-server.js';

async function withServer(handler: Handler, fn: (srv: RawServer, pm: PoolManager) => Promise<void>, opts = {}): Promise<void> {
  const srv = await startRawServer(handler);
  const pm = new PoolManager(opts);
  try {
    await fn(srv, pm);
  } finally {
    pm.clear();
    await srv.close();
  }
}

const stall: Handler = () => {};

async function closedPort(): Promise<number> {
  const srv = await startRawServer(stall);
  const port = srv.port;
  await srv.close();
  return port;
}

test('a stalled server: ReadTimeoutError after the read timeout', () => withServer(stall, async (srv, pm) => {
  const t0 = Date.now();
  await assert.rejects(pm.urlopen('GET', srv.url, { timeout: { read: 100 }, retries: false }), (e: unknown) => {
    assert.ok(e instanceof ReadTimeoutError);
    assert.ok(e instanceof TimeoutError);
    assert.equal(e.url, srv.url);
    return true;
  });
  const ms = Date.now() - t0;
  assert.ok(ms >= 90 && ms < 2000, String(ms));
}));

test('read timeouts are retried for GET (read counter) and surface as MaxRetryError', () => withServer(stall, async (srv, pm) => {
  await assert.rejects(pm.urlopen('GET', srv.url, { timeout: 60, retries: new Retry({ total: 5, read: 1 }) }), (e: unknown) => {
    assert.ok(e instanceof MaxRetryError);
    assert.ok(e.reason instanceof ReadTimeoutError);
    return true;
  });
  assert.equal(srv.requests.length, 2);
}));

test('a POST that timed out is not retried: the error itself is raised', () => withServer(stall, async (srv, pm) => {
  await assert.rejects(pm.urlopen('POST', srv.url, { body: 'x', timeout: 60, retries: 3 }), ReadTimeoutError);
  assert.equal(srv.requests.length, 1);
}));

const drip: Handler = async (_req, s) => {
  const bytes = ok('0123456789');
  for (const ch of bytes) {
    if (s.destroyed) return;
    s.write(ch);
    await sleep(4);
  }
};

test('a dripping server stays under a read timeout between bytes', () => withServer(drip, async (srv, pm) => {
  const r = await pm.urlopen('GET', srv.url, { timeout: { read: 150 }, retries: false });
  assert.equal(Buffer.from(r.data!).toString(), '0123456789');
}));

test('the total deadline cuts a dripping response head', () => withServer(drip, async (srv, pm) => {
  const t0 = Date.now();
  await assert.rejects(pm.urlopen('GET', srv.url, { timeout: { read: 1000, total: 60 }, retries: false }), ReadTimeoutError);
  assert.ok(Date.now() - t0 < 1000);
}));

test('a refused connection is NewConnectionError, never a timeout', async () => {
  const port = await closedPort();
  const pm = new PoolManager();
  try {
    await assert.rejects(pm.urlopen('GET', `http://127.0.0.1:${port}/`, { retries: false }), (e: unknown) => {
      assert.ok(e instanceof NewConnectionError);
      assert.ok(!(e instanceof TimeoutError));
      assert.ok(!(e instanceof ConnectTimeoutError));
      return true;
    });
    const retry = new Retry({ total: 2, backoffFactor: 5 });
    await assert.rejects(pm.urlopen('POST', `http://127.0.0.1:${port}/x?q=1`, { body: 'x', retries: retry }), (e: unknown) => {
      assert.ok(e instanceof MaxRetryError, 'connection errors are retried for any method');
      assert.ok(e.reason instanceof NewConnectionError);
      // urllib3's message shape, which Requests' ConnectionError repeats.
      assert.match(e.message, new RegExp(`^HTTPConnectionPool\\(host='127\\.0\\.0\\.1', port=${port}\\): Max retries exceeded with url: /x\\?q=1 \\(Caused by NewConnectionError\\('Failed to establish a new connection: `));
      assert.equal(e.url, '/x?q=1');
      return true;
    });
  } finally {
    pm.clear();
  }
});

test('an aborted signal rejects with its reason', () => withServer(stall, async (srv, pm) => {
  const ac = new AbortController();
  const p = pm.urlopen('GET', srv.url, { signal: ac.signal });
  setTimeout(() => ac.abort(new Error('stop')), 20);
  await assert.rejects(p, /stop/);
}));

function counting(fn: (count: number, s: Socket) => void): Handler {
  let count = 0;
  return (_req, s) => fn(++count, s);
}

const busy = (retryAfter: string) => `HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${retryAfter}\r\nContent-Length: 4\r\n\r\nbusy`;

test('503 with Retry-After (seconds) is retried after the wait', () => withServer(counting((n, s) => s.write(n <= 2 ? busy('0') : ok('done'))), async (srv, pm) => {
  const r = await pm.urlopen('GET', srv.url, { retries: 3 });
  assert.equal(r.status, 200);
  assert.equal(Buffer.from(r.data!).toString(), 'done');
  assert.equal(r.retries!.history.length, 2);
  assert.deepEqual(r.retries!.history.map((h) => h.status), [503, 503]);
  assert.equal(srv.connections, 1, 'the 503 bodies were drained and the connection reused');
}));

test('Retry-After: 1 makes the pool wait about a second', () => withServer(counting((n, s) => s.write(n === 1 ? busy('1') : ok('done'))), async (srv, pm) => {
  const t0 = Date.now();
  const r = await pm.urlopen('GET', srv.url, { retries: 2 });
  assert.equal(r.status, 200);
  assert.ok(Date.now() - t0 >= 950, String(Date.now() - t0));
}));

test('Retry-After as an HTTP-date in the past retries at once', () => withServer(counting((n, s) => s.write(n === 1 ? busy('Wed, 21 Oct 2015 07:28:00 GMT') : ok('done'))), async (srv, pm) => {
  const t0 = Date.now();
  const r = await pm.urlopen('GET', srv.url, { retries: 2 });
  assert.equal(r.status, 200);
  assert.ok(Date.now() - t0 < 900);
}));

test('503 with Retry-After to a POST is returned, not retried', () => withServer(counting((_n, s) => s.write(busy('0'))), async (srv, pm) => {
  const r = await pm.urlopen('POST', srv.url, { body: 'x', retries: 3 });
  assert.equal(r.status, 503);
  assert.equal(srv.requests.length, 1);
}));

test('statusForcelist: MaxRetryError(ResponseError) or, with raiseOnStatus false, the last response', () => withServer(counting((_n, s) => s.write('HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n')), async (srv, pm) => {
  await assert.rejects(pm.urlopen('GET', srv.url, { retries: new Retry({ total: 2, statusForcelist: [500] }) }), (e: unknown) => {
    assert.ok(e instanceof MaxRetryError);
    assert.ok(e.reason instanceof ResponseError);
    assert.equal(e.reason.message, 'too many 500 error responses');
    return true;
  });
  assert.equal(srv.requests.length, 3);
  const r = await pm.urlopen('GET', srv.url, { retries: new Retry({ total: 1, statusForcelist: [500], raiseOnStatus: false }) });
  assert.equal(r.status, 500);
  assert.equal(r.reason, 'Oops');
}));

// ---- redirects at the pool level (urllib3 PoolManager's redirect=True)

const redirects: Handler = (req, s) => {
  const { target } = req;
  if (target === '/r1') s.write('HTTP/1.1 302 Found\r\nLocation: /r2\r\nContent-Length: 0\r\n\r\n');
  else if (target === '/r2') s.write('HTTP/1.1 301 Moved\r\nLocation: /final\r\nContent-Length: 0\r\n\r\n');
  else if (target === '/see-other') s.write('HTTP/1.1 303 See Other\r\nLocation: /final\r\nContent-Length: 0\r\n\r\n');
  else if (target === '/307') s.write('HTTP/1.1 307 Temporary Redirect\r\nLocation: /final\r\nContent-Length: 0\r\n\r\n');
  else if (target.startsWith('/away')) s.write(`HTTP/1.1 302 Found\r\nLocation: ${decodeURIComponent(target.slice(10))}\r\nContent-Length: 0\r\n\r\n`);
  else s.write(ok(`${req.method} ${req.target} ${req.body.length} ${req.headers['content-type'] ?? '-'} ${req.headers['authorization'] ?? '-'}`));
};

test('redirects are followed and recorded; redirect: false returns the 3xx', () => withServer(redirects, async (srv, pm) => {
  const r = await pm.urlopen('GET', `${srv.url}/r1`);
  assert.equal(r.status, 200);
  assert.equal(r.url, `${srv.url}/final`);
  assert.deepEqual(r.retries!.history.map((h) => [h.status, h.redirectLocation]), [[302, '/r2'], [301, '/final']]);
  const r2 = await pm.urlopen('GET', `${srv.url}/r1`, { redirect: false });
  assert.equal(r2.status, 302);
  assert.equal(r2.redirectLocation, '/r2');
}));

test('303 turns a POST into a GET without body; 307 keeps both', () => withServer(redirects, async (srv, pm) => {
  const headers = { 'Content-Type': 'text/plain' };
  const r = await pm.urlopen('POST', `${srv.url}/see-other`, { body: 'abc', headers });
  assert.equal(Buffer.from(r.data!).toString(), 'GET /final 0 - -');
  const r2 = await pm.urlopen('POST', `${srv.url}/307`, { body: 'abc', headers });
  assert.equal(Buffer.from(r2.data!).toString(), 'POST /final 3 text/plain -');
}));

test('redirect limits: MaxRetryError, or the last 3xx with raiseOnRedirect false', () => withServer(redirects, async (srv, pm) => {
  await assert.rejects(pm.urlopen('GET', `${srv.url}/r1`, { retries: new Retry({ redirect: 1 }) }),
    (e: unknown) => e instanceof MaxRetryError && e.reason!.message === 'too many redirects');
  const r = await pm.urlopen('GET', `${srv.url}/r1`, { retries: new Retry({ redirect: 1, raiseOnRedirect: false }) });
  assert.equal(r.status, 301);
}));

test('Authorization is dropped when a redirect leaves the origin', async () => {
  const other = await startRawServer(redirects);
  try {
    await withServer(redirects, async (srv, pm) => {
      const headers = { Authorization: 'Bearer secret' };
      const same = await pm.urlopen('GET', `${srv.url}/r2`, { headers });
      assert.match(Buffer.from(same.data!).toString(), /Bearer secret/);
      const away = await pm.urlopen('GET', `${srv.url}/away?url=${encodeURIComponent(`${other.url}/landing`)}`, { headers });
      assert.equal(Buffer.from(away.data!).toString(), 'GET /landing 0 - -');
    });
  } finally {
    await other.close();
  }
});


test('a one-shot body cannot follow a 307 (UnrewindableBodyError); a 303 drops it', () => withServer(redirects, async (srv, pm) => {
  async function* once() { yield Buffer.from('abc'); }
  await assert.rejects(pm.urlopen('POST', `${srv.url}/307`, { body: once(), bodyLength: 3 }), UnrewindableBodyError);
  const r = await pm.urlopen('POST', `${srv.url}/see-other`, { body: once(), bodyLength: 3 });
  assert.equal(Buffer.from(r.data!).toString(), 'GET /final 0 - -');
}));

test("preloadContent 'keepErrors': a body that breaks comes back in preloadError, never retried; headAt precedes the body", () => withServer(counting((n, s) => {
  if (n % 2 === 1) s.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
  else s.write(ok('whole body'));
}), async (srv, pm) => {
  const before = performance.now();
  const broken = await pm.urlopen('GET', srv.url, { retries: 2, preloadContent: 'keepErrors' });
  assert.equal(broken.status, 200);
  assert.equal(broken.data, null);
  assert.ok(broken.preloadError instanceof ProtocolError);
  assert.match((broken.preloadError as Error).message, /IncompleteRead\(3 bytes read, 7 more expected\)/);
  assert.equal(broken.retries!.history.length, 0, 'the body read is outside the retries');
  assert.equal(srv.connections, 1);
  const whole = await pm.urlopen('GET', srv.url, { retries: 2, preloadContent: 'keepErrors' });
  assert.equal(Buffer.from(whole.data!).toString(), 'whole body');
  assert.equal(whole.preloadError, undefined);
  assert.ok(typeof whole.headAt === 'number' && whole.headAt >= before && whole.headAt <= performance.now());
  const plain = await pm.urlopen('GET', srv.url, { retries: 2 });
  assert.equal(plain.headAt, undefined, 'only keepErrors records it');
}));

test('schemes other than http and https: URLSchemeUnknown', async () => {
  const pm = new PoolManager();
  await assert.rejects(pm.urlopen('GET', 'ftp://127.0.0.1/x'), URLSchemeUnknown);
  await assert.rejects(pm.urlopen('GET', 'http:///nohost'), LocationValueError);
});

test('a preloaded body that breaks is a read error: retried for GET, raised for POST', () => withServer(counting((n, s) => {
  if (n % 2 === 1) s.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
  else s.write(ok('whole body'));
}), async (srv, pm) => {
  const r = await pm.urlopen('GET', srv.url, { retries: 2 });
  assert.equal(Buffer.from(r.data!).toString(), 'whole body');
  assert.equal(r.retries!.history.length, 1);
  assert.ok(r.retries!.history[0]!.error instanceof ProtocolError);
  await assert.rejects(pm.urlopen('POST', srv.url, { body: 'x', retries: 2 }), (e: unknown) => {
    assert.ok(e instanceof ProtocolError);
    assert.match(e.message, /^Connection broken: IncompleteRead\(3 bytes read, 7 more expected\)/);
    return true;
  });
}));

test('urlopenFor: the receiver turns the response into the result; errors go through failed, and its own errors come out as they are', () => withServer((_req, socket) => {
  socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello');
}, async (srv, pm) => {
  const failed: unknown[] = [];
  const receiver = {
    received: (res: { status: number; data: Uint8Array | null }) => `${res.status}:${Buffer.from(res.data ?? []).toString()}`,
    failed: (err: unknown) => {
      failed.push(err);
      return new Error('translated', { cause: err });
    },
  };
  assert.equal(await pm.urlopenFor('GET', srv.url, {}, receiver), '200:hello');
  assert.deepEqual(failed, []);

  // A refused connection: failed() sees the pool's error and what it returns is thrown.
  const port = await closedPort();
  await assert.rejects(pm.urlopenFor('GET', `http://127.0.0.1:${port}/`, { retries: false }, receiver), (e: unknown) => {
    assert.equal((e as Error).message, 'translated');
    assert.ok((e as Error).cause instanceof NewConnectionError);
    return true;
  });
  assert.equal(failed.length, 1);

  // An error of received() is neither retried nor handed to failed().
  const before = srv.connections + srv.requests.length;
  const boom = new TypeError('receiver broke');
  await assert.rejects(pm.urlopenFor('GET', srv.url, { retries: 3 }, { received: () => { throw boom; }, failed: receiver.failed }), (e: unknown) => e === boom);
  assert.equal(failed.length, 1);
  assert.equal(srv.connections + srv.requests.length, before + 1, 'one request, no retry');
}));
