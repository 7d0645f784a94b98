import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, createReadStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as httpkit from '../../src/index.js';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';

let hb: HttpbinServer;
let s: httpkit.Session;
let dir: string;

before(async () => {
  hb = await startHttpbin();
  s = new httpkit.Session();
  s.trustEnv = false;
  dir = mkdtempSync(join(tmpdir(), 'httpkit-req-'));
});

after(async () => {
  s.close();
  await hb.close();
  rmSync(dir, { recursive: true, force: true });
});

test('params: object, pairs and string; arrays repeat; null dropped', async () => {
  let r = await s.get(`${hb.url}/get`, { params: { a: '1', b: ['x', 'y'], c: null, d: 'é &' } });
  assert.deepEqual(r.json().args, { a: '1', b: ['x', 'y'], d: 'é &' });
  assert.equal(r.url, `${hb.url}/get?a=1&b=x&b=y&d=%C3%A9+%26`);
  r = await s.get(`${hb.url}/get?z=0`, { params: [['k', '1'], ['k', '2']] });
  assert.deepEqual(r.json().args, { z: '0', k: ['1', '2'] });
  r = await s.get(`${hb.url}/get`, { params: 'raw=1' });
  assert.deepEqual(r.json().args, { raw: '1' });
});

test('bodies: form, raw string, bytes, JSON, multipart with a file stream, async iterable (chunked)', async () => {
  let r = await s.post(`${hb.url}/post`, { data: { a: '1', b: ['2', '3'] } });
  assert.deepEqual(r.json().form, { a: '1', b: ['2', '3'] });
  assert.equal(r.json().headers['Content-Type'], 'application/x-www-form-urlencoded');
  r = await s.post(`${hb.url}/post`, { data: 'plain text' });
  assert.equal(r.json().data, 'plain text');
  assert.equal(r.json().headers['Content-Type'], undefined);
  r = await s.put(`${hb.url}/put`, { data: new Uint8Array([104, 105]) });
  assert.equal(r.json().data, 'hi');
  r = await s.post(`${hb.url}/post`, { json: { a: 1, nested: { b: [true, null] } } });
  assert.deepEqual(r.json().json, { a: 1, nested: { b: [true, null] } });
  assert.equal(r.json().data, '{"a": 1, "nested": {"b": [true, null]}}');
  const path = join(dir, 'report.csv');
  writeFileSync(path, 'a,b\n1,2\n');
  r = await s.post(`${hb.url}/post`, { data: { k: 'v' }, files: { f: ['report.csv', createReadStream(path), 'text/csv'], g: createReadStream(path) } });
  const body = r.json();
  assert.deepEqual(body.form, { k: 'v' });
  assert.deepEqual(body.files, { f: 'a,b\n1,2\n', g: 'a,b\n1,2\n' });
  assert.match(body.headers['Content-Type'], /^multipart\/form-data; boundary=[0-9a-f]{32}$/);
  assert.ok(Number(body.headers['Content-Length']) > 0, 'length computed for file streams');
  async function* gen(): AsyncGenerator<Uint8Array> {
    yield Buffer.from('chunk1-');
    yield Buffer.from('chunk2');
  }
  r = await s.post(`${hb.url}/post`, { data: gen() });
  assert.equal(r.json().data, 'chunk1-chunk2');
  assert.equal(r.request?.headers.get('Transfer-Encoding'), 'chunked');
  r = await s.post(`${hb.url}/post`, { data: createReadStream(path) });
  assert.equal(r.json().data, 'a,b\n1,2\n');
  assert.equal(r.request?.headers.get('Content-Length'), '8');
});

test('header precedence: request over session, null removes a session header, defaults sent', async () => {
  await using sess = new httpkit.Session();
  sess.headers.set('X-Session', 's');
  sess.headers.set('X-Override', 'session');
  const r = await sess.get(`${hb.url}/headers`, { headers: { 'X-Override': 'request', 'User-Agent': null } });
  const h = r.json().headers;
  assert.equal(h['X-Session'], 's');
  assert.equal(h['X-Override'], 'request');
  assert.equal(h['Accept'], '*/*');
  assert.equal(h['Accept-Encoding'], 'gzip, deflate, br');
  // urllib3 adds its own User-Agent when Requests' one was removed.
  assert.notEqual(h['User-Agent'], 'python-httpkit/0.1.0');
});

test('cookies: set by the server across a redirect, kept by the session, cookies option, response.cookies', async () => {
  await using sess = new httpkit.Session();
  let r = await sess.get(`${hb.url}/cookies/set?a=1&b=2`);
  assert.deepEqual(r.json(), { cookies: { a: '1', b: '2' } });
  assert.equal(r.history.length, 1);
  assert.equal(r.history[0]?.cookies.get('a'), '1');
  assert.deepEqual(sess.cookies.getDict(), { a: '1', b: '2' });
  r = await sess.get(`${hb.url}/cookies`, { cookies: { extra: 'x' } });
  assert.deepEqual(r.json().cookies, { a: '1', b: '2', extra: 'x' });
  assert.ok(!sess.cookies.has('extra'), 'per-request cookies are not persisted');
  sess.cookies.set('manual', 'm');
  r = await sess.get(`${hb.url}/cookies`);
  assert.equal(r.json().cookies.manual, 'm');
  await sess.get(`${hb.url}/cookies/delete?a`);
  assert.deepEqual(sess.cookies.getDict(), { b: '2', manual: 'm' });
  const jar = new httpkit.RequestsCookieJar();
  jar.set('j', '1', { domain: '127.0.0.1', path: '/' });
  r = await httpkit.get(`${hb.url}/cookies`, { cookies: jar });
  assert.deepEqual(r.json().cookies, { j: '1' });
});

test('redirects: history, relative and absolute, 30x method rules, fragments, limits, allowRedirects false', async () => {
  let r = await s.get(`${hb.url}/redirect/3`);
  assert.equal(r.statusCode, 200);
  assert.equal(r.url, `${hb.url}/get`);
  assert.deepEqual(r.history.map((h) => h.statusCode), [302, 302, 302]);
  assert.deepEqual(r.history.map((h) => h.url), [`${hb.url}/redirect/3`, `${hb.url}/relative-redirect/2`, `${hb.url}/relative-redirect/1`]);
  r = await s.get(`${hb.url}/absolute-redirect/2`);
  assert.equal(r.history.length, 2);
  const to = (status: number): string => `${hb.url}/redirect-to?url=${encodeURIComponent('/anything')}&status_code=${status}`;
  for (const [status, method, keepsBody] of [[301, 'GET', false], [302, 'GET', false], [303, 'GET', false], [307, 'POST', true], [308, 'POST', true]] as const) {
    r = await s.post(to(status), { data: { k: 'v' } });
    assert.equal(r.json().method, method, `POST + ${status}`);
    assert.deepEqual(r.json().form, keepsBody ? { k: 'v' } : {}, `body after ${status}`);
    if (!keepsBody) assert.equal(r.json().headers['Content-Type'], undefined);
  }
  r = await s.put(to(301), { data: 'x' });
  assert.equal(r.json().method, 'PUT', '301 keeps methods other than POST');
  r = await s.head(to(303), { allowRedirects: true });
  assert.equal(r.request?.method, 'HEAD', '303 keeps HEAD');
  r = await s.get(`${hb.url}/redirect-to?url=${encodeURIComponent('/anything/x')}#frag`);
  assert.equal(r.url, `${hb.url}/anything/x#frag`);
  await using limited = new httpkit.Session();
  limited.maxRedirects = 2;
  await assert.rejects(limited.get(`${hb.url}/redirect/3`), (e: unknown) => e instanceof httpkit.TooManyRedirects && (e as Error).message === 'Exceeded 2 redirects.' && (e as httpkit.TooManyRedirects).response?.statusCode === 302);
  r = await s.get(`${hb.url}/redirect/2`, { allowRedirects: false });
  assert.equal(r.statusCode, 302);
  assert.ok(r.isRedirect);
  assert.ok(!r.isPermanentRedirect);
  assert.equal(r.next?.url, `${hb.url}/relative-redirect/1`);
  r = await s.get(`${hb.url}/redirect-to?url=/get&status_code=308`, { allowRedirects: false });
  assert.ok(r.isPermanentRedirect);
});

test('Authorization survives a same-origin redirect and never crosses to another origin', async () => {
  const other = await startHttpbin();
  try {
    let r = await s.get(`${hb.url}/redirect-to?url=/headers`, { auth: ['u', 'p'] });
    assert.equal(r.json().headers['Authorization'], 'Basic dTpw');
    r = await s.get(`${hb.url}/redirect-to?url=${encodeURIComponent(`${other.url}/headers`)}`, { auth: ['u', 'p'], headers: { 'Proxy-Authorization': 'Basic eDp5' } });
    assert.equal(r.json().headers['Authorization'], undefined);
    assert.equal(r.json().headers['Proxy-Authorization'], undefined);
    assert.equal(r.history.length, 1);
  } finally {
    await other.close();
  }
});

test('auth: basic, session auth, digest (MD5, MD5-sess via default, SHA-256, SHA-512, auth-int) with nonce reuse', async () => {
  let r = await s.get(`${hb.url}/basic-auth/u/p`, { auth: ['u', 'p'] });
  assert.equal(r.statusCode, 200);
  r = await s.get(`${hb.url}/basic-auth/u/p`, { auth: ['u', 'wrong'] });
  assert.equal(r.statusCode, 401);
  await using sess = new httpkit.Session();
  sess.auth = ['u', 'p'];
  assert.equal((await sess.get(`${hb.url}/basic-auth/u/p`)).statusCode, 200);
  for (const alg of ['MD5', 'SHA-256', 'SHA-512']) {
    const auth = new httpkit.HTTPDigestAuth('user', 'pass');
    r = await s.get(`${hb.url}/digest-auth/auth/user/pass/${alg}`, { auth });
    assert.equal(r.statusCode, 200, alg);
    assert.equal(r.history.length, 1, `${alg}: one 401 then success`);
    assert.equal(r.history[0]?.statusCode, 401);
    assert.match(r.request?.headers.get('Authorization') ?? '', new RegExp(`algorithm="${alg}".*qop="auth", nc=00000001`));
  }
  const auth = new httpkit.HTTPDigestAuth('user', 'pass');
  r = await s.get(`${hb.url}/digest-auth/auth-int/user/pass`, { auth });
  assert.equal(r.statusCode, 200);
  assert.match(r.request?.headers.get('Authorization') ?? '', /qop="auth-int"/);
  r = await s.get(`${hb.url}/digest-auth/auth/user/wrong`, { auth: new httpkit.HTTPDigestAuth('user', 'pass') });
  assert.equal(r.statusCode, 401, 'one retry only');
  assert.equal(r.history.length, 1);
});

test('content decoding: gzip, deflate, brotli', async () => {
  assert.equal((await s.get(`${hb.url}/gzip`)).json().gzipped, true);
  assert.equal((await s.get(`${hb.url}/deflate`)).json().deflated, true);
  assert.equal((await s.get(`${hb.url}/brotli`)).json().brotli, true);
});

test('iterContent re-chunks any server chunking into exact sizes, bytes unchanged', async () => {
  const whole = (await s.get(`${hb.url}/stream-bytes/5000?seed=7`)).content as Uint8Array;
  assert.equal(whole.length, 5000);
  for (const serverChunk of [1, 7, 100, 4096]) {
    for (const size of [1, 3, 64, 1000, 5000, 8192]) {
      const r = await s.get(`${hb.url}/stream-bytes/5000?seed=7&chunk_size=${serverChunk}`, { stream: true });
      const got: Uint8Array[] = [];
      for await (const c of r.iterContent({ chunkSize: size })) got.push(c as Uint8Array);
      const sizes = got.map((c) => c.length);
      const expected = Array.from({ length: Math.ceil(5000 / size) }, (_, i) => Math.min(size, 5000 - i * size));
      assert.deepEqual(sizes, expected, `server chunks ${serverChunk}, chunkSize ${size}`);
      assert.deepEqual(Buffer.concat(got), Buffer.from(whole), `server chunks ${serverChunk}, chunkSize ${size}`);
    }
  }
});

test('streaming: iterLines, iterContent chunk sizes, decodeUnicode, StreamConsumedError, release on close', async () => {
  let r = await s.get(`${hb.url}/stream/4`, { stream: true });
  const lines: string[] = [];
  for await (const line of r.iterLines()) lines.push(Buffer.from(line as Uint8Array).toString('utf8'));
  assert.equal(lines.length, 4);
  assert.equal(JSON.parse(lines[3] as string).id, 3);
  assert.throws(() => r.iterContent(), httpkit.StreamConsumedError);
  r = await s.get(`${hb.url}/bytes/1000`, { stream: true });
  const sizes: number[] = [];
  for await (const chunk of r.iterContent({ chunkSize: 300 })) sizes.push((chunk as Uint8Array).length);
  assert.deepEqual(sizes, [300, 300, 300, 100]);
  r = await s.get(`${hb.url}/encoding/utf8`, { stream: true });
  let text = '';
  for await (const piece of r.iterContent({ chunkSize: 7, decodeUnicode: true })) text += piece as string;
  assert.ok(text.includes('∮ E⋅da = Q'));
  r = await s.get(`${hb.url}/bytes/64`);
  const again: number[] = [];
  for await (const chunk of r.iterContent({ chunkSize: 16 })) again.push((chunk as Uint8Array).length);
  assert.deepEqual(again, [16, 16, 16, 16], 'a loaded body can be iterated again');
  r = await s.get(`${hb.url}/stream-bytes/5000`, { stream: true });
  r.close();
  assert.throws(() => r.content, /not loaded|consumed/);
  r = await s.get(`${hb.url}/bytes/10`, { stream: true });
  assert.equal((await r.loadContent())?.length, 10);
  assert.equal(r.content?.length, 10);
});

test('elapsed runs until the head arrives, not until the body is read (Requests), with or without stream', async () => {
  for (const stream of [false, true]) {
    const t0 = performance.now();
    const r = await s.get(`${hb.url}/drip?duration=0.8&numbytes=4&delay=0`, { stream });
    if (stream) await r.loadContent();
    const total = performance.now() - t0;
    assert.equal(r.content?.length, 4);
    assert.ok(total >= 600, `the body drips for 0.8 s (took ${total} ms)`);
    assert.ok(r.elapsed < total / 2, `elapsed ${r.elapsed} ms should exclude the body (total ${total} ms), stream ${stream}`);
  }
});

test('Response: encoding rules, text, json, JSONDecodeError, links, raiseForStatus, ok, elapsed', async () => {
  let r = await s.get(`${hb.url}/html`);
  assert.equal(r.encoding, 'utf-8');
  assert.ok(r.text.includes('Herman Melville'));
  r = await s.get(`${hb.url}/response-headers?Content-Type=text/plain`);
  assert.equal(r.encoding, 'ISO-8859-1', 'text/* without charset');
  r = await s.get(`${hb.url}/json`);
  assert.equal(r.encoding, 'utf-8');
  assert.equal(typeof r.json().slideshow, 'object');
  r = await s.get(`${hb.url}/html`);
  assert.throws(() => r.json(), (e: unknown) => e instanceof httpkit.JSONDecodeError && e instanceof httpkit.RequestException && /Expecting value: line 1 column 1 \(char 0\)/.test((e as Error).message));
  r = await s.get(`${hb.url}/links/3/1`);
  r = await s.get(`${hb.url}/response-headers`, { params: { Link: '<http://x/p2>; rel="next", <http://x/p9>; rel="last"' } });
  assert.deepEqual(r.links, { next: { url: 'http://x/p2', rel: 'next' }, last: { url: 'http://x/p9', rel: 'last' } });
  r = await s.get(`${hb.url}/status/404`);
  assert.equal(r.ok, false);
  assert.throws(() => r.raiseForStatus(), (e: unknown) => e instanceof httpkit.HTTPError && (e as Error).message === `404 Client Error: ${r.reason} for url: ${hb.url}/status/404` && (e as httpkit.HTTPError).response === r);
  r = await s.get(`${hb.url}/status/503`);
  assert.throws(() => r.raiseForStatus(), /^HTTPError: 503 Server Error: /);
  r = await s.get(`${hb.url}/status/204`);
  assert.equal(r.ok, true);
  r.raiseForStatus();
  assert.equal(r.text, '');
  assert.ok(r.elapsed >= 0);
  assert.equal(String(r), '<Response [204]>');
  r = await s.get(`${hb.url}/bytes/200`);
  assert.equal(r.encoding, null);
  assert.equal(typeof r.apparentEncoding === 'string' || r.apparentEncoding === null, true);
  r.encoding = 'latin-1';
  assert.equal(r.text.length, 200);
});

test('hooks: response hooks run per hop and may replace the response; session hooks merge', async () => {
  const seen: number[] = [];
  await s.get(`${hb.url}/redirect/2`, { hooks: { response: (res: httpkit.Response) => { seen.push(res.statusCode ?? 0); } } });
  assert.deepEqual(seen, [302, 302, 200]);
  const replacement = new httpkit.Response();
  replacement.statusCode = 299;
  const r = await s.get(`${hb.url}/get`, { hooks: { response: [() => replacement] } });
  assert.equal(r, replacement);
  await using sess = new httpkit.Session();
  const calls: string[] = [];
  sess.hooks.response.push(() => { calls.push('session'); });
  await sess.get(`${hb.url}/get`);
  await sess.get(`${hb.url}/get`, { hooks: { response: () => { calls.push('request'); } } });
  assert.deepEqual(calls, ['session', 'request']);
});

test('adapters: mount keeps longest prefix first; getAdapter; InvalidSchema for unknown schemes', async () => {
  await using sess = new httpkit.Session();
  const special = new httpkit.HTTPAdapter({ maxRetries: 2, poolMaxsize: 2 });
  sess.mount(`${hb.url}/`, special);
  assert.equal(sess.getAdapter(`${hb.url}/get`), special);
  assert.notEqual(sess.getAdapter('http://elsewhere/'), special);
  assert.deepEqual([...sess.adapters.keys()], [`${hb.url}/`, 'https://', 'http://']);
  assert.equal(special.maxRetries.total, 2);
  assert.equal((await sess.get(`${hb.url}/get`)).statusCode, 200);
  await assert.rejects(sess.get('ftp://example.com/x'), (e: unknown) => e instanceof httpkit.InvalidSchema && (e as Error).message === "No connection adapters were found for 'ftp://example.com/x'");
  await assert.rejects(sess.get('localhost:1/x'), httpkit.InvalidSchema);
  await assert.rejects(httpkit.get('nohost'), httpkit.MissingSchema);
});

test('adapters changed directly on the Map (not through mount) are seen by the next getAdapter', async () => {
  await using sess = new httpkit.Session();
  const direct = new httpkit.HTTPAdapter();
  assert.ok(sess.getAdapter('http://x.test/y') instanceof httpkit.HTTPAdapter);
  sess.adapters.set('http://x.test/', direct);
  // Requests' order is the Map's: 'http://' was first, and still matches first.
  assert.notEqual(sess.getAdapter('http://x.test/y'), direct);
  sess.adapters.delete('http://');
  assert.equal(sess.getAdapter('http://x.test/y'), direct);
  assert.throws(() => sess.getAdapter('http://other.test/'), httpkit.InvalidSchema);
  sess.adapters.clear();
  assert.throws(() => sess.getAdapter('https://x.test/'), httpkit.InvalidSchema);
  direct.close();
});

test('module functions, delete export, prepareRequest + send, concurrent use of one session', async () => {
  assert.equal((await httpkit.delete(`${hb.url}/delete`)).json().url, `${hb.url}/delete`);
  assert.equal((await httpkit.options(`${hb.url}/get`)).statusCode, 200);
  assert.equal((await httpkit.head(`${hb.url}/get`)).text, '');
  assert.equal((await httpkit.patch(`${hb.url}/patch`, { data: 'p' })).json().data, 'p');
  assert.equal((await httpkit.request('put', `${hb.url}/put`, { json: [1] })).json().json[0], 1);
  const prep = s.prepareRequest(new httpkit.Request('GET', `${hb.url}/get`, { params: { q: 'x' } }));
  assert.equal((await s.send(prep)).json().args.q, 'x');
  const all = await Promise.all(Array.from({ length: 24 }, (_, i) => s.get(`${hb.url}/anything`, { params: { i } })));
  assert.deepEqual(all.map((r) => r.json().args.i), Array.from({ length: 24 }, (_, i) => String(i)));
});

test('timeouts and abort: ReadTimeout on a slow server, AbortSignal on every call', async () => {
  await assert.rejects(s.get(`${hb.url}/delay/2`, { timeout: 200 }), (e: unknown) => e instanceof httpkit.ReadTimeout && e instanceof httpkit.Timeout && !(e instanceof httpkit.ConnectTimeout));
  await assert.rejects(s.get(`${hb.url}/delay/2`, { timeout: { connect: 1000, read: 150 } }), httpkit.ReadTimeout);
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 100);
  await assert.rejects(s.get(`${hb.url}/delay/2`, { signal: ac.signal }), (e: unknown) => (e as Error).name === 'AbortError');
  const r = await s.get(`${hb.url}/delay/0.1`, { timeout: null });
  assert.equal(r.statusCode, 200);
});

test('custom AuthBase subclasses and HTTPProxyAuth', async () => {
  class TokenAuth extends httpkit.AuthBase {
    call(r: httpkit.PreparedRequest): httpkit.PreparedRequest {
      r.headers.set('Authorization', 'Bearer t0k');
      return r;
    }
  }
  let r = await s.get(`${hb.url}/bearer`, { auth: new TokenAuth() });
  assert.equal(r.statusCode, 200);
  assert.equal(r.json().token, 't0k');
  r = await s.get(`${hb.url}/headers`, { auth: new httpkit.HTTPProxyAuth('pu', 'pp') });
  assert.equal(r.json().headers['Proxy-Authorization'], `Basic ${Buffer.from('pu:pp').toString('base64')}`);
  assert.equal(r.json().headers['Authorization'], undefined);
  assert.ok(new httpkit.HTTPBasicAuth('a', 'b').equals(new httpkit.HTTPBasicAuth('a', 'b')));
});

test('timeout as a (connect, read) pair; a bad pair is refused', async () => {
  assert.equal((await s.get(`${hb.url}/get`, { timeout: [1000, 2000] })).statusCode, 200);
  await assert.rejects(s.get(`${hb.url}/delay/2`, { timeout: [1000, 150] }), httpkit.ReadTimeout);
  await assert.rejects(s.get(`${hb.url}/get`, { timeout: [1, 2, 3] as unknown as [number, number] }), /Invalid timeout/);
});

test('prepareRequest merges session settings; send refuses a Request; mergeEnvironmentSettings precedence', async () => {
  await using sess = new httpkit.Session();
  sess.trustEnv = false;
  sess.headers.set('X-S', '1');
  sess.params = { sp: 'x' };
  sess.auth = ['su', 'sp'];
  sess.cookies.set('sc', 'v');
  const p = sess.prepareRequest(new httpkit.Request('post', `${hb.url}/anything`, { params: { rp: 'y' }, data: { a: '1' }, headers: { 'X-R': '2' } }));
  assert.equal(p.method, 'POST');
  assert.equal(p.url, `${hb.url}/anything?sp=x&rp=y`);
  assert.equal(p.headers.get('X-S'), '1');
  assert.equal(p.headers.get('X-R'), '2');
  assert.equal(p.headers.get('Authorization'), `Basic ${Buffer.from('su:sp').toString('base64')}`);
  assert.equal(p.headers.get('Cookie'), 'sc=v');
  assert.equal(p.body, 'a=1');
  assert.equal(p.headers.get('Content-Length'), '3');
  await assert.rejects(sess.send(new httpkit.Request('GET', `${hb.url}/get`) as unknown as httpkit.PreparedRequest), TypeError);
  sess.proxies = { http: 'http://session-proxy:1' };
  sess.verify = '/session/ca.pem';
  const merged = sess.mergeEnvironmentSettings(`${hb.url}/`, { http: 'http://explicit:2' }, null, null, null);
  assert.deepEqual(merged.proxies, { http: 'http://explicit:2' });
  assert.equal(merged.verify, '/session/ca.pem');
  assert.equal(merged.stream, false);
  const removed = sess.mergeEnvironmentSettings(`${hb.url}/`, { http: null }, true, false, null);
  assert.deepEqual(removed.proxies, {}, 'an explicit null removes the session proxy');
  assert.equal(removed.stream, true);
  assert.equal(removed.verify, false);
});
