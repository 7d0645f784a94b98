/**
 * The pool against the embedded httpbin (someone else's HTTP implementation: node:http), over
 * plain HTTP and TLS: request shapes, decoding, redirects, TLS verification and pool keys.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';
import { PoolManager } from '../../src/pool/manager.js';
import { MaxRetryError, SSLError } from '../../src/pool/errors.js';

let plain: HttpbinServer;
let secure: HttpbinServer;

before(async () => {
  [plain, secure] = await Promise.all([startHttpbin(), startHttpbin({ tls: true })]);
});

after(async () => {
  await plain?.close();
  await secure?.close();
});

const json = (data: Uint8Array | null): any => JSON.parse(Buffer.from(data!).toString());

test('GET sends Host, Accept-Encoding: identity and a User-Agent when absent', async () => {
  const pm = new PoolManager();
  try {
    const r = await pm.urlopen('GET', `${plain.url}/get?a=1&a=2`);
    assert.equal(r.status, 200);
    assert.equal(r.reason, 'OK');
    assert.equal(r.version, 11);
    const body = json(r.data);
    assert.deepEqual(body.args, { a: ['1', '2'] });
    assert.equal(body.headers.Host, new URL(plain.url).host);
    assert.equal(body.headers['Accept-Encoding'], 'identity');
    assert.match(body.headers['User-Agent'], /^httpkit\//);
    assert.equal(r.getHeader('content-type'), 'application/json');
    const custom = await pm.urlopen('GET', `${plain.url}/headers`, { headers: [['User-Agent', 'me'], ['X-Two', 'a']] });
    assert.equal(json(custom.data).headers['User-Agent'], 'me');
  } finally {
    pm.clear();
  }
});

test('POST bodies: bytes, string, stream (chunked)', async () => {
  const pm = new PoolManager();
  try {
    const a = await pm.urlopen('POST', `${plain.url}/post`, { body: new Uint8Array([104, 105]), headers: { 'Content-Type': 'text/plain' } });
    assert.equal(json(a.data).data, 'hi');
    async function* gen() { yield Buffer.from('str'); yield Buffer.from('eam'); }
    const b = await pm.urlopen('PUT', `${plain.url}/put`, { body: gen() });
    const echoed = json(b.data);
    assert.equal(echoed.data, 'stream');
    assert.equal(echoed.headers['Transfer-Encoding'], 'chunked');
  } finally {
    pm.clear();
  }
});

test('gzip, deflate and brotli routes are decoded', async () => {
  const pm = new PoolManager();
  try {
    assert.equal(json((await pm.urlopen('GET', `${plain.url}/gzip`)).data).gzipped, true);
    assert.equal(json((await pm.urlopen('GET', `${plain.url}/deflate`)).data).deflated, true);
    assert.equal(json((await pm.urlopen('GET', `${plain.url}/brotli`)).data).brotli, true);
  } finally {
    pm.clear();
  }
});

test('redirect chains and status codes', async () => {
  const pm = new PoolManager();
  try {
    const r = await pm.urlopen('GET', `${plain.url}/redirect/3`);
    assert.equal(r.status, 200);
    assert.equal(r.url, `${plain.url}/get`);
    assert.equal(r.retries!.history.length, 3);
    const teapot = await pm.urlopen('GET', `${plain.url}/status/418`);
    assert.equal(teapot.status, 418);
    const stream = await pm.urlopen('GET', `${plain.url}/stream/20`, { preloadContent: false });
    let lines = 0;
    for await (const chunk of stream) lines += Buffer.from(chunk).toString().split('\n').filter(Boolean).length;
    assert.equal(lines, 20);
  } finally {
    pm.clear();
  }
});

test('TLS: verified with the CA, refused without it, accepted with verify false', async () => {
  const pm = new PoolManager();
  try {
    const r = await pm.urlopen('GET', `${secure.url}/get`, { tls: { ca: secure.ca! } });
    assert.equal(r.status, 200);
    assert.equal(r.connection.secure, true);
    assert.equal(r.connection.alpnProtocol, 'http/1.1');
    await assert.rejects(pm.urlopen('GET', `${secure.url}/get`, { retries: false }), SSLError);
    await assert.rejects(pm.urlopen('GET', `${secure.url}/get`, { retries: 1 }), (e: unknown) => e instanceof MaxRetryError && e.reason instanceof SSLError);
    const insecure = await pm.urlopen('GET', `${secure.url}/get`, { tls: { verify: false } });
    assert.equal(insecure.status, 200);
  } finally {
    pm.clear();
  }
});

test('different TLS options never share a pool (or a socket)', async () => {
  const pm = new PoolManager();
  try {
    const a = await pm.urlopen('GET', `${secure.url}/get`, { tls: { ca: secure.ca! } });
    const b = await pm.urlopen('GET', `${secure.url}/get`, { tls: { verify: false } });
    const c = await pm.urlopen('GET', `${secure.url}/get`, { tls: { ca: secure.ca! } });
    assert.equal(pm.poolCount, 2);
    assert.equal(a.connection.reused, false);
    assert.equal(b.connection.reused, false, 'verify=false did not get the verified socket');
    assert.equal(c.connection.reused, true);
  } finally {
    pm.clear();
  }
});

test('a manager-level CA applies to every request; hostname is checked', async () => {
  const pm = new PoolManager({ tls: { ca: secure.ca! } });
  try {
    const r = await pm.urlopen('GET', `${secure.url}/get`);
    assert.equal(r.status, 200);
    // The certificate is for 127.0.0.1/localhost: another name must fail the host check.
    await assert.rejects(pm.urlopen('GET', `${secure.url}/get`, { tls: { servername: 'example.com' }, retries: false }), SSLError);
  } finally {
    pm.clear();
  }
});

test('streamed chunks are handed out without a copy and stay intact after the connection is reused', async () => {
  // The pool passes engine chunks on as they are (no copy): this pins the engine's promise that
  // a receive buffer is never reused or overwritten, with bulk reads (own 64 KiB buffers) and small ones.
  const pm = new PoolManager({ maxsize: 1, block: true });
  try {
    const path = '/stream-bytes/102400?seed=11&chunk_size=65536';
    const whole = (await pm.urlopen('GET', plain.url + path)).data!;
    assert.equal(whole.length, 102400); // httpbin's cap
    const kept: Uint8Array[] = [];
    const r = await pm.urlopen('GET', plain.url + path, { preloadContent: false });
    for await (const c of r) kept.push(c);
    // The same (only) connection carries more traffic while we hold the chunks.
    for (let i = 0; i < 3; i++) assert.equal((await pm.urlopen('GET', `${plain.url}/bytes/102400?seed=${i}`)).data!.length, 102400);
    assert.equal(pm.stats.idle, 1, 'one connection, reused');
    assert.deepEqual(Buffer.concat(kept), Buffer.from(whole));
  } finally {
    pm.clear();
  }
});
