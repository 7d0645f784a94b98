/**
 * Behaviour pinned after the performance changes of the adapter/session/pool hot path (review):
 * hooks and cookies around a body that fails, redirects with broken bodies, re-chunking edge
 * cases, TLS options handed to adapter subclasses; what user code sees of the shared and lazily
 * made per-request state (options, proxies, headers, cookie jar, history); HTTPAdapter over a
 * pool manager of the caller's. Real loopback servers only.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import { PoolManager } from '../../src/pool/manager.js';
import type { PoolResponse, UrlopenOptions } from '../../src/pool/types.js';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';
import { startScriptedServer, type Step } from '../helpers/scripted-server.js';
import { Worker } from 'node:worker_threads';
import * as net from 'node:net';

let hb: HttpbinServer;

before(async () => {
  hb = await startHttpbin();
});

after(async () => {
  await hb.close();
});

function newSession(): httpkit.Session {
  const s = new httpkit.Session();
  s.trustEnv = false;
  return s;
}

/** An HTTPAdapter whose poolmanager is a caller's object with only `urlopen` (given the adapter's own manager to pass on to). */
function withCallersPoolManager(urlopen: (real: PoolManager, method: string, url: string, opts: UrlopenOptions) => Promise<PoolResponse>): httpkit.HTTPAdapter {
  const adapter = new httpkit.HTTPAdapter();
  const real = adapter.poolmanager;
  (adapter as { poolmanager: unknown }).poolmanager = {
    urlopen: (method: string, url: string, opts: UrlopenOptions) => urlopen(real, method, url, opts),
    clear: () => real.clear(),
    poolCount: 0,
  };
  return adapter;
}

async function withServer<T>(script: Step[][], fn: (base: string) => Promise<T>): Promise<T> {
  const srv = await startScriptedServer(script);
  try {
    return await fn(`http://127.0.0.1:${srv.port}`);
  } finally {
    await srv.close();
  }
}

const TRUNCATED_WITH_COOKIE = 'HTTP/1.1 200 OK\r\nSet-Cookie: k=v; Path=/\r\nContent-Length: 10\r\n\r\nabc';

test('a non-streamed body that breaks: response hooks still run and the session keeps the Set-Cookie (Requests reads the body last)', async () => {
  await withServer([[TRUNCATED_WITH_COOKIE, { close: true }]], async (base) => {
    const s = newSession();
    const seen: Array<number | null> = [];
    try {
      await assert.rejects(
        s.get(`${base}/x`, { hooks: { response: (r: httpkit.Response) => void seen.push(r.statusCode) } }),
        (e: unknown) => e instanceof httpkit.ChunkedEncodingError,
      );
      assert.deepEqual(seen, [200]);
      assert.equal(s.cookies.get('k'), 'v');
    } finally {
      s.close();
    }
  });
});

test('digest auth: a 401 whose body breaks is still answered (the retry goes out)', async () => {
  const challenge = 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="r", nonce="abc", qop="auth"\r\nContent-Length: 10\r\n\r\nabc';
  await withServer([[challenge, { close: true }], ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok']], async (base) => {
    const s = newSession();
    try {
      const r = await s.get(`${base}/digest`, { auth: new httpkit.HTTPDigestAuth('u', 'p') });
      assert.equal(r.statusCode, 200);
      assert.equal(r.text, 'ok');
      assert.equal(r.history.length, 1);
      assert.equal(r.history[0]!.statusCode, 401);
    } finally {
      s.close();
    }
  });
});

test('a redirect whose body breaks is followed; cookies of every hop land in the session', async () => {
  const hop = 'HTTP/1.1 302 Found\r\nLocation: /next\r\nSet-Cookie: a=1; Path=/\r\nContent-Length: 10\r\n\r\nabc';
  const final = 'HTTP/1.1 200 OK\r\nSet-Cookie: b=2; Path=/\r\nContent-Length: 2\r\n\r\nok';
  const srv = await startScriptedServer([[hop, { close: true }], [final]]);
  const s = newSession();
  try {
    const r = await s.get(`http://127.0.0.1:${srv.port}/start`);
    assert.equal(r.statusCode, 200);
    assert.equal(r.text, 'ok');
    assert.deepEqual(r.history.map((h) => h.statusCode), [302]);
    assert.equal(s.cookies.get('a'), '1');
    assert.equal(s.cookies.get('b'), '2');
    assert.match(srv.text(1), /\r\nCookie: a=1\r\n/i);
  } finally {
    s.close();
    await srv.close();
  }
});

test('errors while reading a non-streamed body keep their class; the next request works', async () => {
  const s = newSession();
  try {
    await withServer([['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab', { close: true }]], async (base) => {
      await assert.rejects(s.get(`${base}/chunked`), (e: unknown) => e instanceof httpkit.ChunkedEncodingError);
    });
    await withServer([['HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nnope']], async (base) => {
      await assert.rejects(s.get(`${base}/gzip`), (e: unknown) => e instanceof httpkit.ContentDecodingError);
    });
    await withServer([['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', { delay: 1000 }]], async (base) => {
      await assert.rejects(s.get(`${base}/slow`, { timeout: { connect: 1000, read: 100 } }), (e: unknown) => e instanceof httpkit.ConnectionError);
    });
    const r = await s.get(`${hb.url}/get`);
    assert.equal(r.statusCode, 200);
  } finally {
    s.close();
  }
});

test('a Session subclass overriding send() sees the request; a hook replacing the response wins', async () => {
  const calls: string[] = [];
  class Counting extends httpkit.Session {
    override send(req: httpkit.PreparedRequest, opts?: Parameters<httpkit.Session['send']>[1]): Promise<httpkit.Response> {
      calls.push(req.url ?? '');
      return super.send(req, opts);
    }
  }
  const s = new Counting();
  s.trustEnv = false;
  try {
    const r = await s.get(`${hb.url}/get`, {
      hooks: { response: async (res: httpkit.Response) => (res.statusCode === 200 ? s.get(`${hb.url}/status/201`) : res) },
    });
    assert.equal(r.statusCode, 201);
    assert.equal(calls.length, 2);
  } finally {
    s.close();
  }
});

test('an empty non-streamed body is an empty Buffer, as before', async () => {
  const s = newSession();
  try {
    const r = await s.get(`${hb.url}/status/204`);
    assert.equal(r.content?.length, 0);
    assert.ok(Buffer.isBuffer(r.content), 'content is a Buffer');
  } finally {
    s.close();
  }
});

test('HTTPAdapter subclasses may adjust the TLS options certVerify returns', async () => {
  class Tuned extends httpkit.HTTPAdapter {
    override certVerify(url: string, verify: boolean | string | undefined, cert: httpkit.AdapterSendOptions['cert']): ReturnType<httpkit.HTTPAdapter['certVerify']> {
      const tls = super.certVerify(url, verify, cert);
      (tls as { minVersion?: string }).minVersion = 'TLSv1.2';
      return tls;
    }
  }
  const s = newSession();
  s.mount('http://', new Tuned());
  try {
    const r = await s.get(`${hb.url}/get`);
    assert.equal(r.statusCode, 200);
    // certVerify hands every caller an object of its own, never the adapter's shared frozen
    // default: what one subclass changes cannot reach another adapter.
    const plain = new httpkit.HTTPAdapter();
    const first = plain.certVerify('https://x/', true, null);
    assert.ok(!Object.isFrozen(first), 'a mutable object');
    assert.notEqual(plain.certVerify('https://x/', true, null), first, 'a new object per call');
    assert.deepEqual({ ...first }, {});
    plain.close();
  } finally {
    s.close();
  }
});

/** A chunked response whose chunks are written separately (so they arrive as separate reads). */
function chunkedSteps(parts: Uint8Array[], contentType = 'application/octet-stream'): Step[] {
  const head = `HTTP/1.1 200 OK\r\nContent-Type: ${contentType}\r\nTransfer-Encoding: chunked\r\n\r\n`;
  const frames = parts.map((p) => Buffer.concat([Buffer.from(`${p.length.toString(16)}\r\n`), p, Buffer.from('\r\n')]));
  return [{ respond: [head, ...frames, '0\r\n\r\n'], gap: 5 }];
}

async function collect(it: AsyncIterable<Uint8Array | string>): Promise<Array<Uint8Array | string>> {
  const out: Array<Uint8Array | string> = [];
  for await (const c of it) out.push(typeof c === 'string' ? c : Buffer.from(c));
  return out;
}

test('iterContent re-chunking: exact sizes across reads, size 1, size past the body, empty body', async () => {
  const parts = [Buffer.from('abc'), Buffer.from('defgh'), Buffer.from('i'), Buffer.from('jklmnopq')];
  const whole = Buffer.concat(parts).toString();
  const s = newSession();
  try {
    for (const size of [1, 2, 3, 4, 7, 17, 1000]) {
      const pieces = await withServer([chunkedSteps(parts)], async (base) => {
        const r = await s.get(`${base}/c`, { stream: true });
        return collect(r.iterContent({ chunkSize: size }));
      });
      assert.equal(pieces.map((p) => p.toString()).join(''), whole, `size ${size}`);
      const lengths = pieces.map((p) => p.length);
      for (const n of lengths.slice(0, -1)) assert.equal(n, size, `size ${size}: ${lengths.join(',')}`);
      assert.ok(lengths.at(-1)! <= size && lengths.at(-1)! > 0);
    }
    const empty = await withServer([chunkedSteps([])], async (base) => {
      const r = await s.get(`${base}/e`, { stream: true });
      return collect(r.iterContent({ chunkSize: 4 }));
    });
    assert.deepEqual(empty, []);
  } finally {
    s.close();
  }
});

test('iterContent decodeUnicode and iterLines with multi-byte characters split across reads and chunks', async () => {
  const text = 'héllo wörld\n€uro line\r\nlast ✓';
  const bytes = Buffer.from(text, 'utf8');
  // Cut in the middle of é, ö and €.
  const parts = [bytes.subarray(0, 2), bytes.subarray(2, 9), bytes.subarray(9, 14), bytes.subarray(14)];
  const s = newSession();
  try {
    for (const size of [1, 2, 3, 5, null]) {
      const decoded = await withServer([chunkedSteps(parts, 'text/plain; charset=utf-8')], async (base) => {
        const r = await s.get(`${base}/u`, { stream: true });
        return collect(r.iterContent({ chunkSize: size, decodeUnicode: true }));
      });
      assert.equal(decoded.join(''), text, `size ${size}`);
      const lines = await withServer([chunkedSteps(parts, 'text/plain; charset=utf-8')], async (base) => {
        const r = await s.get(`${base}/l`, { stream: true });
        return collect(r.iterLines({ decodeUnicode: true, chunkSize: 7 }));
      });
      assert.deepEqual(lines, ['héllo wörld', '€uro line', 'last ✓']);
    }
  } finally {
    s.close();
  }
});

test('a custom BaseAdapter that returns an unread response still gets its body loaded by Session.send', async () => {
  class Wrapping extends httpkit.BaseAdapter {
    readonly inner = new httpkit.HTTPAdapter();
    sent = 0;
    send(req: httpkit.PreparedRequest, opts: httpkit.AdapterSendOptions = {}): Promise<httpkit.Response> {
      this.sent++;
      return this.inner.send(req, { ...opts, stream: true });
    }
    close(): void {
      this.inner.close();
    }
  }
  const s = newSession();
  const adapter = new Wrapping();
  s.mount('http://', adapter);
  try {
    const r = await s.get(`${hb.url}/bytes/100?seed=1`);
    assert.equal(r.content?.length, 100);
    const streamed = await s.get(`${hb.url}/redirect/2`);
    assert.equal(streamed.json().url, `${hb.url}/get`);
    assert.equal(streamed.history.length, 2);
    assert.equal(adapter.sent, 4);
  } finally {
    s.close();
  }
});

test('a Session subclass overriding request() may add to the options get() hands it (Requests passes a fresh kwargs dict)', async () => {
  class WithTimeout extends httpkit.Session {
    override request(method: string, url: string | URL, opts: httpkit.RequestOptions = {}): Promise<httpkit.Response> {
      opts.timeout ??= 5000;
      return super.request(method, url, opts);
    }
  }
  const s = new WithTimeout();
  s.trustEnv = false;
  try {
    assert.equal((await s.get(`${hb.url}/get`)).statusCode, 200);
    assert.equal((await s.post(`${hb.url}/post`)).statusCode, 200);
    // Another session's call without options is not affected by what the subclass added.
    const plain = newSession();
    try {
      assert.equal((await plain.get(`${hb.url}/get`)).statusCode, 200);
    } finally {
      plain.close();
    }
  } finally {
    s.close();
  }
});

test('a Session subclass overriding mergeEnvironmentSettings() decides the settings of request() (Requests calls it per request)', async () => {
  const seen: string[] = [];
  class Streaming extends httpkit.Session {
    override mergeEnvironmentSettings(...args: Parameters<httpkit.Session['mergeEnvironmentSettings']>): httpkit.AdapterSendOptions {
      seen.push(args[0]);
      return { ...super.mergeEnvironmentSettings(...args), stream: true };
    }
  }
  const s = new Streaming();
  s.trustEnv = false;
  try {
    const r = await s.get(`${hb.url}/bytes/10?seed=1`, { timeout: 5000 });
    assert.deepEqual(seen, [`${hb.url}/bytes/10?seed=1`]);
    assert.equal(r.contentLoaded, false, 'stream: true from the override');
    assert.equal((await r.loadContent())?.length, 10);
  } finally {
    s.close();
  }
});

/**
 * A keep-alive HTTP server on another thread (as a real server is: its work does not run on this
 * event loop), answering each request after `delayMs`: 'proxy' when the request line carries an
 * absolute URL (it was sent to it as a proxy), else 'direct'.
 */
async function startThreadServer(delayMs: number): Promise<{ port: number; close: () => Promise<void> }> {
  const code = `
    const net = require('node:net');
    const { parentPort } = require('node:worker_threads');
    const sockets = new Set();
    const srv = net.createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      let buf = '';
      s.on('data', (d) => {
        buf += d;
        for (let i = buf.indexOf('\\r\\n\\r\\n'); i !== -1; i = buf.indexOf('\\r\\n\\r\\n')) {
          const body = /^[A-Z]+ http:/.test(buf) ? 'proxy' : 'direct';
          buf = buf.slice(i + 4);
          setTimeout(() => s.write('HTTP/1.1 200 OK\\r\\nContent-Length: ' + body.length + '\\r\\n\\r\\n' + body), ${delayMs});
        }
      });
    });
    srv.listen(0, '127.0.0.1', () => parentPort.postMessage(srv.address().port));
    parentPort.once('message', () => { for (const s of sockets) s.destroy(); srv.close(() => parentPort.close()); });`;
  const worker = new Worker(code, { eval: true });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    port,
    close: async () => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      await exited;
    },
  };
}

test('trustEnv: a reading of the environment ends with its turn, before Node waits for I/O (a proxy variable set after an awaited response applies)', async () => {
  const names = ['http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY'] as const;
  const saved = names.map((n) => process.env[n]);
  // Each answer takes 150 ms: long after this loop iteration's check phase (where the turn ends).
  const srv = await startThreadServer(150);
  const s = new httpkit.Session();
  try {
    for (const n of names) delete process.env[n];
    const url = `http://127.0.0.1:${srv.port}/x`;
    assert.equal((await s.get(url)).text, 'direct');
    // The next request starts in a timer callback, on the kept connection: nothing else is
    // pending when Node then waits for its response.
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal((await s.get(url)).text, 'direct');
    process.env['http_proxy'] = `http://127.0.0.1:${srv.port}`;
    assert.equal((await s.get(url)).text, 'proxy', 'http_proxy set after an awaited response');
  } finally {
    names.forEach((n, i) => {
      if (saved[i] === undefined) delete process.env[n];
      else process.env[n] = saved[i];
    });
    s.close();
    await srv.close();
  }
});

test('allowRedirects: false and a redirect whose body breaks: the Requests error class, as Requests (its read of a short Content-Length fails again)', async () => {
  const hop = 'HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 10\r\n\r\nabc';
  await withServer([[hop, { close: true }]], async (base) => {
    const s = newSession();
    try {
      await assert.rejects(s.get(`${base}/a`, { allowRedirects: false }), (e: unknown) => e instanceof httpkit.ChunkedEncodingError);
    } finally {
      s.close();
    }
  });
});

test('a Map assigned to session.adapters (readonly to TypeScript, not to JavaScript) is the one getAdapter() reads, as before', async () => {
  const s = newSession();
  const mine = new httpkit.HTTPAdapter();
  (s as { adapters: Map<string, httpkit.BaseAdapter> }).adapters = new Map([['http://', mine]]);
  try {
    assert.equal(s.getAdapter(`${hb.url}/get`), mine);
    assert.throws(() => s.getAdapter('https://x.test/'), httpkit.InvalidSchema);
    assert.equal((await s.get(`${hb.url}/get`)).connection, mine);
  } finally {
    s.close();
  }
});

test('a prepared request without cookies has its own empty jar on demand; its headers are its own once touched', async () => {
  const s = newSession();
  s.headers.set('X-Session', 'yes');
  try {
    const a = s.prepareRequest(new httpkit.Request('GET', `${hb.url}/get`));
    const b = s.prepareRequest(new httpkit.Request('GET', `${hb.url}/get`));
    // The jar: a RequestsCookieJar, the same one each time asked, never shared between requests or copies.
    const jar = a.cookieJar;
    assert.ok(jar instanceof httpkit.RequestsCookieJar);
    assert.equal(a.cookieJar, jar);
    assert.notEqual(b.cookieJar, jar);
    const copy = a.copy();
    assert.notEqual(copy.cookieJar, jar);
    jar!.set('only', 'a');
    assert.equal(copy.cookieJar!.size, 0);
    assert.equal(b.cookieJar!.size, 0);
    // A copy of a request nobody asked for the jar of still gets a jar of its own.
    const c = s.prepareRequest(new httpkit.Request('GET', `${hb.url}/get`)).copy();
    assert.ok(c.cookieJar instanceof httpkit.RequestsCookieJar);
    // Headers: the session's, and changing one request's changes no other nor the session.
    a.headers.set('X-Mine', '1');
    a.headers.delete('X-Session');
    assert.equal(b.headers.get('X-Session'), 'yes');
    assert.equal(b.headers.has('X-Mine'), false);
    assert.equal(s.headers.get('X-Session'), 'yes');
    const r = await s.send(b);
    assert.equal(r.json().headers['X-Session'], 'yes');
    assert.equal(r.json().headers['X-Mine'], undefined);
    const r2 = await s.send(a);
    assert.equal(r2.json().headers['X-Mine'], '1');
    assert.equal(r2.json().headers['X-Session'], undefined);
  } finally {
    s.close();
  }
});

test('Response.history is an empty list to read and to add to; a redirect chain sets it', async () => {
  const s = newSession();
  try {
    const plain = await s.get(`${hb.url}/get`);
    assert.equal(plain.history.length, 0);
    assert.equal(plain.history, plain.history, 'the same list each time');
    plain.history.push(plain);
    assert.equal(plain.history.length, 1);
    const chain = await s.get(`${hb.url}/redirect/2`);
    assert.equal(chain.history.length, 2);
    assert.deepEqual(chain.history.map((h) => h.statusCode), [302, 302]);
  } finally {
    s.close();
  }
});

test('mergeEnvironmentSettings hands out proxies the caller may change (Requests returns a new dict)', () => {
  const s = newSession();
  try {
    const a = s.mergeEnvironmentSettings(`${hb.url}/get`, null, null, null, null);
    a.proxies!['http'] = 'http://127.0.0.1:9';
    const b = s.mergeEnvironmentSettings(`${hb.url}/get`, null, null, null, null);
    assert.deepEqual(b.proxies, {});
  } finally {
    s.close();
  }
});

test('elapsed runs from the send to the head, through HTTPAdapter and through an adapter of the caller', async () => {
  await withServer([[{ delay: 60 }, 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'], [{ delay: 60 }, 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok']], async (base) => {
    const s = newSession();
    try {
      const r = await s.get(`${base}/a`);
      assert.ok(r.elapsed >= 50 && r.elapsed < 5000, `elapsed ${r.elapsed}`);
      class Wrapping extends httpkit.HTTPAdapter {
        override send(request: httpkit.PreparedRequest, opts?: httpkit.AdapterSendOptions): Promise<httpkit.Response> {
          return super.send(request, opts);
        }
      }
      s.mount('http://', new Wrapping());
      const r2 = await s.get(`${base}/b`);
      assert.ok(r2.elapsed >= 50 && r2.elapsed < 5000, `elapsed ${r2.elapsed}`);
    } finally {
      s.close();
    }
  });
});

test('adapters and hooks get options of their own to change, request after request (Requests passes fresh kwargs)', async () => {
  const s = newSession();
  try {
    const seen: Array<Record<string, unknown>> = [];
    class Tagging extends httpkit.HTTPAdapter {
      override addHeaders(request: httpkit.PreparedRequest, opts: httpkit.AdapterSendOptions): void {
        (opts as Record<string, unknown>)['mark'] = seen.length; // a frozen object would throw here
        seen.push(opts as Record<string, unknown>);
        request.headers.set('X-Added', String(seen.length));
      }
    }
    s.mount('http://', new Tagging());
    const a = await s.get(`${hb.url}/headers`);
    const b = await s.get(`${hb.url}/headers`);
    assert.equal(a.json().headers['X-Added'], '1');
    assert.equal(b.json().headers['X-Added'], '2');
    assert.notEqual(seen[0], seen[1]);

    class Custom extends httpkit.BaseAdapter {
      inner = new httpkit.HTTPAdapter();
      override send(request: httpkit.PreparedRequest, opts: httpkit.AdapterSendOptions = {}): Promise<httpkit.Response> {
        opts.timeout = 5000; // allowed: the options are this call's
        return this.inner.send(request, opts);
      }
      override close(): void {
        this.inner.close();
      }
    }
    s.mount('http://', new Custom());
    assert.equal((await s.get(`${hb.url}/get`)).statusCode, 200);
    assert.equal((await s.get(`${hb.url}/get`)).statusCode, 200);

    s.mount('http://', new httpkit.HTTPAdapter());
    const hookOpts: unknown[] = [];
    const hook = (r: httpkit.Response, opts: unknown): void => {
      (opts as Record<string, unknown>)['seen'] = true;
      hookOpts.push(opts);
      void r;
    };
    await s.get(`${hb.url}/get`, { hooks: { response: hook } });
    await s.get(`${hb.url}/get`, { hooks: { response: hook } });
    assert.equal(hookOpts.length, 2);
    assert.notEqual(hookOpts[0], hookOpts[1]);
  } finally {
    s.close();
  }
});

test('getAdapter answers for the adapters mounted now, also for the URL it answered before', async () => {
  const s = newSession();
  try {
    const url = `${hb.url}/get`;
    const first = s.getAdapter(url);
    assert.equal(s.getAdapter(url), first);
    const other = new httpkit.HTTPAdapter();
    s.mount(`${hb.url}/`, other);
    assert.equal(s.getAdapter(url), other);
    s.adapters.delete(`${hb.url}/`);
    assert.equal(s.getAdapter(url), first);
    other.close();
  } finally {
    s.close();
  }
});

test('a plain GET or HEAD is prepared as any other request: URL userinfo auth, session headers, no body headers, the response request', async () => {
  const s = newSession();
  s.headers.set('X-S', '1');
  try {
    const u = new URL(hb.url);
    const withUser = `http://us%40er:p%3Ass@${u.host}/headers`;
    const r = await s.get(withUser, { timeout: 5000 });
    assert.equal(r.json().headers['Authorization'], `Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
    assert.equal(r.json().headers['X-S'], '1');
    assert.equal(r.json().headers['Content-Length'], undefined);
    assert.equal(r.request!.method, 'GET');
    assert.equal(r.request!.body, null);
    assert.equal(r.request!.headers.get('Authorization'), r.json().headers['Authorization']);
    const h = await s.head(`${hb.url}/get`);
    assert.equal(h.request!.method, 'HEAD');
    assert.equal(h.request!.headers.has('Content-Length'), false);
    // The same request through prepareRequest (every step) prepares the same.
    const full = s.prepareRequest(new httpkit.Request('GET', withUser));
    assert.equal(full.url, r.request!.url);
    assert.deepEqual([...full.headers], [...r.request!.headers]);
    // A lowercase method, an empty headers object and null fields are still plain calls.
    const o = await s.request('get', `${hb.url}/get`, { headers: {}, params: null, data: null, json: null });
    assert.equal(o.request!.method, 'GET');
    assert.equal(o.statusCode, 200);
  } finally {
    s.close();
  }
});

test('a Session subclass overriding prepareRequest() prepares every request of get()/request() (Requests calls prepare_request)', async () => {
  const seen: string[] = [];
  class Stamping extends httpkit.Session {
    override prepareRequest(request: httpkit.Request): httpkit.PreparedRequest {
      seen.push(`${request.method} ${String(request.url)}`);
      const p = super.prepareRequest(request);
      p.headers.set('X-Stamp', String(seen.length));
      return p;
    }
  }
  const s = new Stamping();
  s.trustEnv = false;
  try {
    const r = await s.get(`${hb.url}/headers`, { params: { a: '1' } });
    assert.equal(r.json().headers['X-Stamp'], '1');
    assert.deepEqual(seen, [`GET ${hb.url}/headers`]);
    assert.equal(r.request!.url, `${hb.url}/headers?a=1`);
    const p = await s.post(`${hb.url}/post`, { data: { k: 'v' } });
    assert.equal(p.json().form.k, 'v');
    assert.equal(p.json().headers['X-Stamp'], '2');
  } finally {
    s.close();
  }
});

test('an HTTPAdapter whose poolmanager is the caller\'s (only urlopen) still sends, reads and translates errors', async () => {
  const s = newSession();
  const calls: string[] = [];
  // A caller's manager: urlopen only, and it does not preload (the adapter reads the body itself).
  s.mount('http://', withCallersPoolManager((real, method, url, opts) => {
    calls.push(`${method} ${url}`);
    return real.urlopen(method, url, { ...opts, preloadContent: false });
  }));
  try {
    const r = await s.get(`${hb.url}/get`, { params: { q: '1' } });
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().args.q, '1');
    assert.deepEqual(calls, [`GET ${hb.url}/get?q=1`]);
    const closed = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(port));
      });
    });
    await assert.rejects(s.get(`http://127.0.0.1:${closed}/`), (e: unknown) => e instanceof httpkit.ConnectionError);
  } finally {
    s.close();
  }
});

// ---- From the review of the per-request allocation changes (8c400a5..fd1b608): what user code
// of a Session sees, and HTTPAdapter over a pool manager of the caller's.

test('response hooks get a proxies dict they may change (Requests passes its own dict per request)', async () => {
  const s = newSession();
  try {
    const seen: unknown[] = [];
    const hook = (_r: httpkit.Response, opts: httpkit.AdapterSendOptions): void => {
      assert.equal(Object.isFrozen(opts.proxies), false);
      opts.proxies!['x-mark'] = 'seen'; // a frozen shared dict would throw here
      seen.push(opts.proxies);
    };
    assert.equal((await s.get(`${hb.url}/get`, { hooks: { response: hook } })).statusCode, 200);
    assert.equal((await s.get(`${hb.url}/get`, { hooks: { response: hook } })).statusCode, 200);
    assert.equal(seen.length, 2);
    assert.notEqual(seen[0], seen[1]);
    // The next plain request is unaffected.
    const r = await s.get(`${hb.url}/get`);
    assert.equal(r.statusCode, 200);
  } finally {
    s.close();
  }
});

test('adapters, a send() override and addHeaders get proxies they may change, with or without per-call settings', async () => {
  const s = newSession();
  try {
    const frozen: boolean[] = [];
    class Custom extends httpkit.BaseAdapter {
      inner = new httpkit.HTTPAdapter();
      override send(request: httpkit.PreparedRequest, opts: httpkit.AdapterSendOptions = {}): Promise<httpkit.Response> {
        frozen.push(Object.isFrozen(opts.proxies));
        return this.inner.send(request, opts);
      }
      override close(): void {
        this.inner.close();
      }
    }
    s.mount('http://', new Custom());
    await s.get(`${hb.url}/get`);
    await s.get(`${hb.url}/get`, { timeout: 5000 });

    class Tagging extends httpkit.HTTPAdapter {
      override addHeaders(_request: httpkit.PreparedRequest, opts: httpkit.AdapterSendOptions): void {
        frozen.push(Object.isFrozen(opts.proxies));
      }
    }
    s.mount('http://', new Tagging());
    await s.get(`${hb.url}/get`);
    assert.deepEqual(frozen, [false, false, false]);
  } finally {
    s.close();
  }

  const sent: boolean[] = [];
  class Sending extends httpkit.Session {
    override send(request: httpkit.PreparedRequest, opts?: httpkit.SendOptions): Promise<httpkit.Response> {
      sent.push(Object.isFrozen(opts?.proxies));
      return super.send(request, opts);
    }
  }
  const t = new Sending();
  t.trustEnv = false;
  try {
    await t.get(`${hb.url}/get`);
    await t.get(`${hb.url}/get`, { timeout: 5000 });
    assert.deepEqual(sent, [false, false]);
  } finally {
    t.close();
  }
});

test('a Session subclass overriding rebuildProxies() gets the request\'s proxies as a dict it may change', async () => {
  const given: boolean[] = [];
  class Rebuilding extends httpkit.Session {
    override rebuildProxies(prepared: httpkit.PreparedRequest, proxies: Record<string, string | null | undefined> | null | undefined): Record<string, string | null | undefined> {
      given.push(Object.isFrozen(proxies));
      return super.rebuildProxies(prepared, proxies);
    }
  }
  const s = new Rebuilding();
  s.trustEnv = false;
  try {
    const r = await s.get(`${hb.url}/redirect/1`);
    assert.equal(r.statusCode, 200);
    assert.deepEqual(given, [false]);
  } finally {
    s.close();
  }
});

test('Session.request() hands a subclass\'s prepareRequest() a Request with the method upper-cased (Requests: method.upper())', async () => {
  const methods: Array<string | null> = [];
  class Recording extends httpkit.Session {
    override prepareRequest(request: httpkit.Request): httpkit.PreparedRequest {
      methods.push(request.method);
      return super.prepareRequest(request);
    }
  }
  const s = new Recording();
  s.trustEnv = false;
  try {
    assert.equal((await s.request('get', `${hb.url}/get`)).statusCode, 200);
    assert.deepEqual(methods, ['GET']);
  } finally {
    s.close();
  }
});

test('a caller\'s pool manager that passes on a copy of the options keeps every option (no redirects, the body, no retries)', async () => {
  const s = newSession();
  const seen: UrlopenOptions[] = [];
  const adapter = withCallersPoolManager((real, method, url, opts) => {
    const copy = { ...opts };
    seen.push(copy);
    return real.urlopen(method, url, copy);
  });
  s.mount('http://', adapter);
  try {
    // Requests follows redirects itself: the pool must not.
    const r = await s.get(`${hb.url}/redirect/2`);
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.history.map((h) => h.statusCode), [302, 302]);
    const p = await s.post(`${hb.url}/post`, { data: 'abc', timeout: 3000 });
    assert.equal(p.json().data, 'abc');
    const last = seen[seen.length - 1]!;
    assert.equal(last.redirect, false);
    assert.equal(last.retries, adapter.maxRetries);
    assert.equal(last.preloadContent, 'keepErrors');
    assert.equal(last.decodeContent, true);
  } finally {
    s.close();
  }
});

test('HTTPAdapter calls urlopen of a PoolManager subclass that overrides it (as before the pool\'s receiver API)', async () => {
  const calls: string[] = [];
  class Counting extends PoolManager {
    override urlopen(method: string, url: string, opts?: UrlopenOptions): Promise<PoolResponse> {
      calls.push(`${method} ${url}`);
      return super.urlopen(method, url, opts);
    }
  }
  class Adapter extends httpkit.HTTPAdapter {
    override initPoolmanager(connections: number, maxsize: number, block?: boolean): void {
      super.initPoolmanager(connections, maxsize, block);
      this.poolmanager = new Counting({ numPools: connections, maxsize, block });
    }
  }
  const s = newSession();
  s.mount('http://', new Adapter());
  try {
    const r = await s.get(`${hb.url}/get`);
    assert.equal(r.statusCode, 200);
    assert.deepEqual(calls, [`GET ${hb.url}/get`]);
  } finally {
    s.close();
  }
});

test('a session hook given as a bare function (Requests accepts one) runs, whatever its declared parameters', async () => {
  const s = new httpkit.Session();
  s.trustEnv = false;
  try {
    let calls = 0;
    // A rest-parameter function has length 0: it is still a hook.
    (s.hooks as unknown as Record<string, unknown>)['response'] = (...args: unknown[]) => {
      calls += args.length > 0 ? 1 : 0;
    };
    await s.get(`${hb.url}/get`);
    await s.get(`${hb.url}/get`, { hooks: { response: [] } });
    assert.equal(calls, 2);
  } finally {
    s.close();
  }
});
