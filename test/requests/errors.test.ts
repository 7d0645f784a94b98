import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync, rmSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as httpkit from '../../src/index.js';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';
import { startScriptedServer } from '../helpers/scripted-server.js';

let s: httpkit.Session;
let dir: string;

before(() => {
  s = new httpkit.Session();
  s.trustEnv = false;
  dir = mkdtempSync(join(tmpdir(), 'httpkit-err-'));
});

after(() => {
  s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

test('a refused connection is a ConnectionError, never a Timeout, with the cause kept', async () => {
  const port = await freePort();
  await assert.rejects(s.get(`http://127.0.0.1:${port}/`), (e: unknown) => {
    assert.ok(e instanceof httpkit.ConnectionError);
    assert.ok(!(e instanceof httpkit.Timeout));
    assert.ok(!(e instanceof httpkit.ConnectTimeout));
    assert.ok((e as Error).cause instanceof Error);
    assert.ok((e as httpkit.ConnectionError).request instanceof httpkit.PreparedRequest);
    return true;
  });
});

test('a connect (TLS handshake) that stalls is a ConnectTimeout: also a ConnectionError and a Timeout', async () => {
  const sockets: net.Socket[] = [];
  const srv = net.createServer((sock) => sockets.push(sock));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  try {
    const port = (srv.address() as net.AddressInfo).port;
    await assert.rejects(s.get(`https://127.0.0.1:${port}/`, { timeout: { connect: 200, read: 5000 } }), (e: unknown) => {
      assert.ok(e instanceof httpkit.ConnectTimeout, String(e));
      assert.ok(e instanceof httpkit.ConnectionError);
      assert.ok(e instanceof httpkit.Timeout);
      return true;
    });
  } finally {
    for (const sock of sockets) sock.destroy();
    await new Promise<void>((r) => srv.close(() => r()));
  }
});

test('no response head within the read timeout: ReadTimeout', async () => {
  const srv = await startScriptedServer([[{ awaitRequest: true }]]);
  try {
    await assert.rejects(s.get(`http://127.0.0.1:${srv.port}/`, { timeout: 200 }), (e: unknown) => e instanceof httpkit.ReadTimeout && !(e instanceof httpkit.ConnectTimeout));
  } finally {
    await srv.close();
  }
});

test('a body that stalls: ReadTimeout (Requests 2.x: ConnectionError; both hold)', async () => {
  const srv = await startScriptedServer([[{ respond: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab' }]]);
  try {
    await assert.rejects(s.get(`http://127.0.0.1:${srv.port}/`, { timeout: 200 }), (e: unknown) => e instanceof httpkit.ReadTimeout && e instanceof httpkit.ConnectionError);
    const r = await s.get(`http://127.0.0.1:${srv.port}/`, { timeout: 200, stream: true });
    await assert.rejects(async () => {
      for await (const _ of r.iterContent({ chunkSize: 4 })) { /* drain */ }
    }, httpkit.ReadTimeout);
  } finally {
    await srv.close();
  }
});

test('a broken chunked body and a truncated body: ChunkedEncodingError', async () => {
  const srv = await startScriptedServer([
    [{ respond: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab' }, { close: true }],
    [{ respond: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n' }, { close: true }],
    [{ respond: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc' }, { close: true }],
  ]);
  try {
    for (let i = 0; i < 3; i++) {
      await assert.rejects(s.get(`http://127.0.0.1:${srv.port}/${i}`), (e: unknown) => e instanceof httpkit.ChunkedEncodingError && (e as Error).cause !== undefined, `case ${i}`);
    }
  } finally {
    await srv.close();
  }
});

test('a bad gzip body: ContentDecodingError; a good one decodes', async () => {
  const good = gzipSync(Buffer.from('hello gzip'));
  const srv = await startScriptedServer([
    [{ respond: 'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 12\r\n\r\nnot gzip!!!!' }, { close: true }],
    [{ respond: Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${good.length}\r\n\r\n`), good]) }, { close: true }],
  ]);
  try {
    await assert.rejects(s.get(`http://127.0.0.1:${srv.port}/`), httpkit.ContentDecodingError);
    const r = await s.get(`http://127.0.0.1:${srv.port}/`);
    assert.equal(r.text, 'hello gzip');
  } finally {
    await srv.close();
  }
});

test('the server closes without answering: ConnectionError', async () => {
  const srv = await startScriptedServer([[{ awaitRequest: true }, { close: true }]]);
  try {
    await assert.rejects(s.get(`http://127.0.0.1:${srv.port}/`), (e: unknown) => e instanceof httpkit.ConnectionError && !(e instanceof httpkit.Timeout));
  } finally {
    await srv.close();
  }
});

test('TLS: an unknown CA is an SSLError; verify: false and verify: <CA file> succeed', async () => {
  const tls: HttpbinServer = await startHttpbin({ tls: true });
  try {
    await assert.rejects(s.get(`${tls.url}/get`), (e: unknown) => e instanceof httpkit.SSLError && e instanceof httpkit.ConnectionError);
    assert.equal((await s.get(`${tls.url}/get`, { verify: false })).statusCode, 200);
    const caPath = join(dir, 'ca.pem');
    writeFileSync(caPath, tls.ca ?? '');
    assert.equal((await s.get(`${tls.url}/get`, { verify: caPath })).statusCode, 200);
    await assert.rejects(s.get(`${tls.url}/get`, { verify: join(dir, 'missing.pem') }), /Could not find a suitable TLS CA certificate bundle/);
    const saved = process.env['REQUESTS_CA_BUNDLE'];
    process.env['REQUESTS_CA_BUNDLE'] = caPath;
    try {
      await using envSession = new httpkit.Session();
      assert.equal((await envSession.get(`${tls.url}/get`)).statusCode, 200, 'REQUESTS_CA_BUNDLE honoured when trustEnv');
      envSession.trustEnv = false;
      await assert.rejects(envSession.get(`${tls.url}/get`), httpkit.SSLError);
    } finally {
      if (saved === undefined) delete process.env['REQUESTS_CA_BUNDLE'];
      else process.env['REQUESTS_CA_BUNDLE'] = saved;
    }
  } finally {
    await tls.close();
  }
});

test('proxies: absolute-form through an HTTP proxy, an unreachable proxy is a ProxyError, no_proxy bypasses', async () => {
  const proxy = await startScriptedServer([[{ respond: 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' }]]);
  try {
    const r = await s.get('http://example.test/path?q=1', { proxies: { http: `http://u:p@127.0.0.1:${proxy.port}` } });
    assert.equal(r.text, 'ok');
    const sent = proxy.text(0);
    assert.match(sent, /^GET http:\/\/example\.test\/path\?q=1 HTTP\/1\.1\r\n/);
    assert.match(sent, /\r\nProxy-Authorization: Basic dTpw\r\n/i);
    const port = await freePort();
    await assert.rejects(s.get('http://example.test/', { proxies: { http: `http://127.0.0.1:${port}` } }), (e: unknown) => e instanceof httpkit.ProxyError && e instanceof httpkit.ConnectionError);
    await assert.rejects(s.get('http://example.test/', { proxies: { http: 'http://:8080' } }), httpkit.InvalidURL);
  } finally {
    await proxy.close();
  }
});

test('trustEnv: HTTP_PROXY and NO_PROXY from the environment; explicit proxies win', async () => {
  const hb = await startHttpbin();
  const proxy = await startScriptedServer([[{ respond: 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nproxy' }]]);
  const saved = { http: process.env['http_proxy'], no: process.env['no_proxy'] };
  try {
    process.env['http_proxy'] = `http://127.0.0.1:${proxy.port}`;
    process.env['no_proxy'] = '127.0.0.1';
    await using envSession = new httpkit.Session();
    assert.equal((await envSession.get('http://example.test/')).text, 'proxy');
    assert.equal((await envSession.get(`${hb.url}/get`)).statusCode, 200, 'no_proxy host goes direct');
    envSession.trustEnv = false;
    await assert.rejects(envSession.get('http://example.test/', { timeout: { connect: 2000 } }), httpkit.ConnectionError);
  } finally {
    if (saved.http === undefined) delete process.env['http_proxy'];
    else process.env['http_proxy'] = saved.http;
    if (saved.no === undefined) delete process.env['no_proxy'];
    else process.env['no_proxy'] = saved.no;
    await proxy.close();
    await hb.close();
  }
});

test('trustEnv: the environment is read once per event-loop turn; a change is seen once the turn ends', async () => {
  const hb = await startHttpbin();
  const proxyReply = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nproxy';
  const proxy = await startScriptedServer([[{ respond: proxyReply }, { respond: proxyReply }, { respond: proxyReply }]]);
  const names = ['http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY'] as const;
  const saved = names.map((n) => process.env[n]);
  const viaProxy = (r: httpkit.Response): boolean => r.text === 'proxy';
  const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  try {
    for (const n of names) delete process.env[n];
    await using envSession = new httpkit.Session();
    const url = `${hb.url}/get`;
    assert.equal(viaProxy(await envSession.get(url)), false, 'no proxy variable: direct');
    // After awaiting I/O the turn has ended: the new variable applies to the next request.
    process.env['http_proxy'] = `http://127.0.0.1:${proxy.port}`;
    assert.equal(viaProxy(await envSession.get(url)), true, 'http_proxy set after an await: through the proxy');
    delete process.env['http_proxy'];
    await nextTurn();
    // Requests started in one synchronous run share the turn's reading (the documented departure
    // from Requests, which reads os.environ per request).
    const first = envSession.get(url);
    process.env['HTTP_PROXY'] = `http://127.0.0.1:${proxy.port}`;
    const sameTurn = envSession.get(url);
    assert.equal(viaProxy(await first), false);
    assert.equal(viaProxy(await sameTurn), false, 'started in the same turn as `first`: the same reading');
    await nextTurn();
    assert.equal(viaProxy(await envSession.get(url)), true, 'the next turn reads HTTP_PROXY');
    assert.equal(proxy.connections, 1);
  } finally {
    names.forEach((n, i) => {
      if (saved[i] === undefined) delete process.env[n];
      else process.env[n] = saved[i];
    });
    await proxy.close();
    await hb.close();
  }
});

test('netrc credentials for the requested host only, when trustEnv', async () => {
  const hb = await startHttpbin();
  const saved = process.env['NETRC'];
  try {
    const netrc = join(dir, 'netrc');
    writeFileSync(netrc, 'machine 127.0.0.1 login nu password np\nmachine other.example login x password y\n');
    process.env['NETRC'] = netrc;
    await using envSession = new httpkit.Session();
    assert.equal((await envSession.get(`${hb.url}/basic-auth/nu/np`)).statusCode, 200);
    assert.equal((await envSession.get(`${hb.url}/basic-auth/nu/np`, { auth: ['nu', 'bad'] })).statusCode, 401, 'explicit auth wins');
    envSession.trustEnv = false;
    assert.equal((await envSession.get(`${hb.url}/basic-auth/nu/np`)).statusCode, 401);
  } finally {
    if (saved === undefined) delete process.env['NETRC'];
    else process.env['NETRC'] = saved;
    await hb.close();
  }
});

test('307 with a one-shot stream body: UnrewindableBodyError; a file stream is reopened', async () => {
  const hb = await startHttpbin();
  try {
    async function* gen(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('once');
    }
    const url = `${hb.url}/redirect-to?url=/anything&status_code=307`;
    await assert.rejects(s.post(url, { data: gen() }), httpkit.UnrewindableBodyError);
    const path = join(dir, 'body.txt');
    writeFileSync(path, 'file body');
    const r = await s.post(url, { data: createReadStream(path) });
    assert.equal(r.json().data, 'file body');
    assert.equal(r.history.length, 1);
  } finally {
    await hb.close();
  }
});

test('HTTPAdapter maxRetries retries refused connections, then ConnectionError (from MaxRetryError)', async () => {
  await using sess = new httpkit.Session();
  sess.mount('http://', new httpkit.HTTPAdapter({ maxRetries: new httpkit.Retry({ total: 2, backoffFactor: 0 }) }));
  const port = await freePort();
  await assert.rejects(sess.get(`http://127.0.0.1:${port}/`), (e: unknown) => e instanceof httpkit.ConnectionError && /Max retries exceeded/.test((e as Error).message));
  const busy = { respond: 'HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n' };
  const srv = await startScriptedServer([[busy, busy, busy, busy]]);
  try {
    sess.mount('http://', new httpkit.HTTPAdapter({ maxRetries: new httpkit.Retry({ total: 2, statusForcelist: [503], backoffFactor: 0 }) }));
    await assert.rejects(sess.get(`http://127.0.0.1:${srv.port}/`, { timeout: 5000 }), httpkit.RetryError);
    assert.equal(srv.received.reduce((n, b) => n + (b.toString('latin1').match(/^GET /gm)?.length ?? 0), 0), 3, 'first try + 2 retries');
  } finally {
    await srv.close();
  }
});

test('streamed bodies: the connection is reused once consumed; close() on an unread body drops it; abort mid-body', async () => {
  const hb = await startHttpbin();
  const reused: boolean[] = [];
  try {
    await using sess = new httpkit.Session();
    sess.trustEnv = false;
    const seen = (): void => undefined;
    await sess.get(`${hb.url}/get`, { timeout: 5000 }).then((r) => r.close());
    for (let i = 0; i < 3; i++) {
      const r = await sess.get(`${hb.url}/stream/2`, { stream: true, hooks: { response: seen } });
      for await (const _ of r.iterLines()) { /* consume */ }
      reused.push(r.raw?.connection.reused ?? false);
    }
    assert.deepEqual(reused, [true, true, true], "each consumed stream gave its connection back");
    const r1 = await sess.get(`${hb.url}/bytes/50000`, { stream: true });
    r1.close();
    assert.throws(() => r1.content, /consumed|not loaded/);
    assert.equal((await sess.get(`${hb.url}/get`)).statusCode, 200, 'the session still works after close()');
    const ac = new AbortController();
    const r2 = await sess.get(`${hb.url}/drip?numbytes=20&duration=2`, { stream: true, signal: ac.signal });
    await assert.rejects(async () => {
      let n = 0;
      for await (const _ of r2.iterContent({ chunkSize: 1 })) if (++n === 2) ac.abort();
    }, (e: unknown) => (e as Error).name === 'AbortError');
  } finally {
    await hb.close();
  }
});

test('urllib3 rules: empty Location stops, bad methods are refused unsent, conflicting Content-Length, a closing forward proxy', async () => {
  const srv = await startScriptedServer([
    [{ respond: 'HTTP/1.1 302 Found\r\nLocation: \r\nContent-Length: 0\r\nConnection: close\r\n\r\n' }, { close: true }],
    [{ respond: 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc' }, { close: true }],
    [{ awaitRequest: true }, { close: true }],
  ]);
  try {
    const r = await s.get(`http://127.0.0.1:${srv.port}/empty`, { timeout: 5000 });
    assert.equal(r.statusCode, 302);
    assert.equal(r.history.length, 0);
    await assert.rejects(s.request('GE T', `http://127.0.0.1:${srv.port}/`), (e: unknown) => e instanceof RangeError && /Method cannot contain non-token characters 'GE T'/.test((e as Error).message));
    assert.equal(srv.connections, 1, 'nothing sent for the bad method');
    await assert.rejects(s.get(`http://127.0.0.1:${srv.port}/cl`, { timeout: 5000 }), (e: unknown) => e instanceof httpkit.InvalidHeader && /Content-Length contained multiple unmatching values/.test((e as Error).message));
    await assert.rejects(s.get('http://example.invalid/', { proxies: { http: `http://127.0.0.1:${srv.port}` }, timeout: 5000 }), (e: unknown) => e instanceof httpkit.ProxyError && /Cannot connect to proxy/.test((e as Error).message));
  } finally {
    await srv.close();
  }
});
