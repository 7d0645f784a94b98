import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';
import { urlopen, buildOpener, installOpener } from '../../src/urllib/opener.js';
import { Request } from '../../src/urllib/request.js';
import { HTTPError, URLError } from '../../src/urllib/errors.js';
import { HTTPCookieProcessor, type HTTPURLResponse } from '../../src/urllib/handlers-http.js';
import { ProxyHandler } from '../../src/urllib/handlers-proxy.js';
import { ProxyBasicAuthHandler, HTTPBasicAuthHandler } from '../../src/urllib/handlers-auth.js';
import { HTTPPasswordMgrWithPriorAuth } from '../../src/urllib/passwords.js';
import { urlretrieve, urlcleanup } from '../../src/urllib/retrieve.js';
import { HTTPResponse } from '../../src/client/response.js';
import { SSLCertVerificationError, TimeoutError } from '../../src/client/errors.js';
import { CookieStore } from '../../src/cookies/store.js';
import { startProxy, type ProxyServer } from './proxy-server.js';

let httpbin: HttpbinServer;
let tls: HttpbinServer;
let proxy: ProxyServer;
let authProxy: ProxyServer;
let silent: Server;
const silentSockets = new Set<Socket>();
let tmp: string;

const json = async (r: { read(): Promise<Uint8Array> }): Promise<any> => JSON.parse(new TextDecoder().decode(await r.read()));

before(async () => {
  httpbin = await startHttpbin();
  tls = await startHttpbin({ tls: true });
  proxy = await startProxy();
  authProxy = await startProxy({ requireAuth: 'Basic ' + Buffer.from('pu:pp').toString('base64') });
  silent = createServer((s) => {
    silentSockets.add(s);
    s.on('close', () => silentSockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  tmp = mkdtempSync(join(tmpdir(), 'urllib-test-'));
  installOpener(buildOpener(new ProxyHandler({})));
});

after(async () => {
  installOpener(null);
  for (const s of silentSockets) s.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  await authProxy?.close();
  await proxy?.close();
  await tls?.close();
  await httpbin?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('urlopen: the response is an http.client HTTPResponse too, with status, reason, headers, url', async () => {
  const r = (await urlopen(`${httpbin.url}/get?x=1#top`)) as HTTPURLResponse;
  assert.ok(r instanceof HTTPResponse);
  assert.equal(r.status, 200);
  assert.equal(r.getcode(), 200);
  assert.equal(r.reason, 'OK');
  assert.equal(r.msg, 'OK');
  assert.equal(r.version, 11);
  assert.equal(r.geturl(), `${httpbin.url}/get?x=1#top`);
  assert.equal(r.info().get('content-type'), 'application/json');
  assert.equal(r.getheader('Content-Type'), 'application/json');
  assert.equal(r.willClose, true);
  assert.equal(r.chunked, false);
  assert.ok(r.length! > 0);
  assert.equal(r.isclosed(), false);
  const buf = new Uint8Array(1);
  assert.equal(await r.readinto(buf), 1);
  assert.equal(String.fromCharCode(buf[0]!), '{');
  const body = JSON.parse('{' + new TextDecoder().decode(await r.read()));
  assert.equal(r.isclosed(), true);
  assert.equal(body.headers['Connection'], 'close');
  assert.match(body.headers['User-Agent'], /^httpkit-urllib\/\d/);
  assert.equal(body.headers['Accept-Encoding'], 'identity');
  r.close();
});

test('urlopen accepts URL objects (CPython: str(url))', async () => {
  const r = await urlopen(new URL(`${httpbin.url}/get?u=1`));
  assert.equal((await json(r)).args.u, '1');
  assert.equal(new Request(new URL('http://h/p#f')).fragment, 'f');
});

test('urlopen: async iteration and readline over an HTTP body', async () => {
  const r = await urlopen(`${httpbin.url}/stream/3`);
  const first = await r.readline();
  assert.equal(JSON.parse(new TextDecoder().decode(first)).id, 0);
  let rest = '';
  for await (const chunk of r) rest += new TextDecoder().decode(chunk);
  assert.equal(rest.trim().split('\n').length, 2);
});

test('urlopen: data option POSTs form-encoded bytes; a stream body is sent chunked', async () => {
  const r = await urlopen(`${httpbin.url}/post`, { data: new TextEncoder().encode('a=1') });
  assert.deepEqual((await json(r)).form, { a: '1' });
  async function* parts() {
    yield new TextEncoder().encode('hello ');
    yield new TextEncoder().encode('world');
  }
  const req = new Request(`${httpbin.url}/post`, { data: parts(), headers: { 'Content-Type': 'text/plain' } });
  const echoed = await json(await urlopen(req));
  assert.equal(echoed.data, 'hello world');
  assert.equal(echoed.headers['Transfer-Encoding'], 'chunked');
});

test('HTTPError is readable like a response', async () => {
  let caught: unknown;
  try {
    await urlopen(`${httpbin.url}/status/418`);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof HTTPError);
  assert.equal(caught.code, 418);
  assert.match(caught.reason, /teapot/i);
  assert.equal(caught.reason, caught.msg);
  assert.match(new TextDecoder().decode(await caught.read()), /teapot/);
  assert.equal(caught.headers.get('x-more-info'), 'http://tools.ietf.org/html/rfc2324');
});

test('connection refused is a URLError whose reason is the socket error', async () => {
  await assert.rejects(urlopen('http://127.0.0.1:1/'), (e: unknown) => {
    assert.ok(e instanceof URLError);
    assert.equal((e.reason as { code?: string }).code, 'ECONNREFUSED');
    return true;
  });
});

test('a read timeout while waiting for the response propagates as TimeoutError (as CPython)', async () => {
  const port = (silent.address() as { port: number }).port;
  const started = Date.now();
  await assert.rejects(urlopen(`http://127.0.0.1:${port}/`, { timeout: 300 }), TimeoutError);
  assert.ok(Date.now() - started < 5000);
});

test('https: verified with the test CA as context; unverified certificate → URLError(SSLCertVerificationError)', async () => {
  const r = await urlopen(`${tls.url}/get`, { context: { ca: tls.ca! } });
  assert.equal((await json(r)).url, `${tls.url}/get`);
  await assert.rejects(urlopen(`${tls.url}/get`), (e: unknown) => e instanceof URLError && e.reason instanceof SSLCertVerificationError);
});

test('ProxyHandler: http goes absolute-form through the proxy, credentials become Proxy-authorization', async () => {
  const opener = buildOpener(new ProxyHandler({ http: `http://u%40x:p%3A@127.0.0.1:${proxy.port}` }));
  const body = await json(await opener.open(`${httpbin.url}/get?via=proxy`));
  assert.equal(body.args.via, 'proxy');
  const seen = proxy.seen.at(-1)!;
  assert.equal(seen.target, `${httpbin.url}/get?via=proxy`);
  assert.equal(seen.proxyAuthorization, 'Basic ' + Buffer.from('u@x:p:').toString('base64'));
  assert.equal(body.headers.Host, `127.0.0.1:${httpbin.port}`);
});

test('ProxyHandler: https is tunnelled with CONNECT; Proxy-Authorization stays on the CONNECT', async () => {
  const { HTTPSHandler } = await import('../../src/urllib/handlers-http.js');
  const opener = buildOpener(new ProxyHandler({ https: `http://pu:pp@127.0.0.1:${authProxy.port}` }), new HTTPSHandler({ context: { ca: tls.ca! } }));
  const body = await json(await opener.open(`${tls.url}/headers`));
  assert.equal(authProxy.seen.at(-1)!.method, 'CONNECT');
  assert.equal(authProxy.seen.at(-1)!.target, `127.0.0.1:${tls.port}`);
  assert.equal(body.headers['Proxy-Authorization'], undefined);
});

test('ProxyBasicAuthHandler answers a 407 from the proxy', async () => {
  const opener = buildOpener(new ProxyHandler({ http: `http://127.0.0.1:${authProxy.port}` }), (() => {
    const h = new ProxyBasicAuthHandler();
    h.addPassword('proxy', `127.0.0.1:${authProxy.port}`, 'pu', 'pp');
    return h;
  })());
  const body = await json(await opener.open(`${httpbin.url}/get`));
  assert.equal(body.url, `${httpbin.url}/get`);
  await assert.rejects(buildOpener(new ProxyHandler({ http: `http://127.0.0.1:${authProxy.port}` })).open(`${httpbin.url}/get`), (e: unknown) => e instanceof HTTPError && e.code === 407);
});

test('HTTPPasswordMgrWithPriorAuth sends Basic credentials up front once authenticated', async () => {
  const mgr = new HTTPPasswordMgrWithPriorAuth();
  mgr.addPassword(null, httpbin.url, 'user', 'passwd', true);
  const opener = buildOpener(new ProxyHandler({}), new HTTPBasicAuthHandler(mgr));
  const body = await json(await opener.open(`${httpbin.url}/hidden-basic-auth/user/passwd`));
  assert.deepEqual(body, { authenticated: true, user: 'user' });
});

test('HTTPCookieProcessor shares a CookieStore', async () => {
  const store = new CookieStore();
  const opener = buildOpener(new ProxyHandler({}), new HTTPCookieProcessor(store));
  await (await opener.open(`${httpbin.url}/cookies/set?k=v`)).read();
  assert.deepEqual(store.getAll().map((c) => [c.name, c.value]), [['k', 'v']]);
  store.set('hand', 'made', { domain: '127.0.0.1' });
  const body = await json(await opener.open(`${httpbin.url}/cookies`));
  assert.deepEqual(body.cookies, { k: 'v', hand: 'made' });
  const explicit = await json(await opener.open(new Request(`${httpbin.url}/cookies`, { headers: { Cookie: 'mine=1' } })));
  assert.deepEqual(explicit.cookies, { mine: '1' }, 'CPython add_cookie_header leaves an explicit Cookie header alone');
});

test('urlretrieve: named file, reporthook calls, temp files removed by urlcleanup', async () => {
  const target = join(tmp, 'out.bin');
  const calls: number[][] = [];
  const [name, headers] = await urlretrieve(`${httpbin.url}/bytes/10000`, { filename: target, reporthook: (...a) => calls.push(a) });
  assert.equal(name, target);
  assert.equal(readFileSync(target).length, 10000);
  assert.equal(headers.get('Content-Length'), '10000');
  assert.deepEqual(calls, [[0, 8192, 10000], [1, 8192, 10000], [2, 8192, 10000]]);
  const [temp] = await urlretrieve(`${httpbin.url}/bytes/10`);
  assert.ok(existsSync(temp));
  urlcleanup();
  assert.ok(!existsSync(temp));
  const [local] = await urlretrieve(`file://${target}`);
  assert.equal(local, target, 'a file: URL without filename returns the local path');
});
