/**
 * More bad URLs, checked before any network I/O (Requests 2.32 / urllib3 rules; CPython 3.11 urllib),
 * and URL-confusion strings that must reach 127.0.0.1, never a host named after the '@'.
 * Requests 2.28 leaks urllib3's LocationParseError for a 64-character label; 2.32 raises InvalidURL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import * as client from '../../src/client/index.js';
import * as urllib from '../../src/urllib/index.js';
import { guard, openTcpHandles } from './harness.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
let srv: ScriptedServer;
let s: httpkit.Session;
before(async () => {
  srv = await startScriptedServer([[OK, OK, OK]]);
  s = new httpkit.Session();
  s.trustEnv = false;
});
after(async () => {
  s.close();
  await srv.close();
});

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await guard(p);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('HANG:')) throw e;
    return e;
  }
  return null;
}
const isValueError = (e: unknown): boolean => e instanceof TypeError || e instanceof RangeError;

const REQUESTS_INVALID: Array<[string, RegExp]> = [
  ['http://127.0.0.1:80:80/', /./],
  ['http://[::1]x/', /./],
  ['http://%zz/', /./],
  ['http://:80/', /No host supplied/],
  [`http://${'a'.repeat(64)}.example/`, /label|parse/i],
  ['http://.example/', /invalid label/],
  ['http://a..b/', /label|parse/i],
  ['http:/127.0.0.1/', /No host supplied/],
  ['http:127.0.0.1', /No host supplied/],
  ['http://*/', /invalid label/],
];
for (const [url, message] of REQUESTS_INVALID) {
  // Through a loopback "proxy" (our server), so a URL we wrongly accept is sent there instead of
  // being resolved by DNS: the suite never leaves 127.0.0.1.
  test(`requests: ${JSON.stringify(url)} is InvalidURL before any connection`, async () => {
    const before = srv.connections;
    const proxy = `http://127.0.0.1:${srv.port}`;
    const e = await caught(s.get(url, { timeout: 500, proxies: { http: proxy, https: proxy } }));
    assert.ok(e instanceof httpkit.InvalidURL, String(e));
    assert.match((e as Error).message, message);
    assert.equal(srv.connections, before);
  });
}
test('requests: "//127.0.0.1/" is MissingSchema', async () => {
  const e = await caught(s.get('//127.0.0.1/'));
  assert.ok(e instanceof httpkit.MissingSchema, String(e));
});
for (const url of ['http:/127.0.0.1/', 'http:127.0.0.1']) {
  test(`urllib: ${JSON.stringify(url)} is URLError "no host given"`, async () => {
    const e = await caught(urllib.urlopen(url, { timeout: 500 }));
    assert.ok(e instanceof urllib.URLError, String(e));
    assert.match((e as Error).message, /no host given/);
  });
}
test('urllib: "//127.0.0.1/" is ValueError "unknown url type"', async () => {
  const e = await caught(urllib.urlopen('//127.0.0.1/'));
  assert.ok(isValueError(e), String(e));
  assert.match((e as Error).message, /unknown url type/);
});
test('urllib: "http://[::1]x/" is ValueError "Invalid IPv6 URL"', async () => {
  const e = await caught(urllib.urlopen('http://[::1]x/'));
  assert.ok(isValueError(e), String(e));
  assert.match((e as Error).message, /Invalid IPv6 URL/);
});

// ---- URL confusion: the authority ends at the first '/', '?', '#' (and '\' is not a delimiter) ----
test('requests: "http://127.0.0.1:PORT#@evil/" goes to 127.0.0.1:PORT', async () => {
  const before = srv.connections;
  const r = await guard(s.get(`http://127.0.0.1:${srv.port}#@evil/`, { timeout: 1000 }));
  assert.equal(r.text, 'ok');
  assert.ok(srv.connections >= before);
  assert.doesNotMatch(srv.received.map((b) => b.toString('latin1')).join(''), /Host: evil/i);
});
test('requests: "http://127.0.0.1:PORT\\\\@evil/" goes to 127.0.0.1:PORT with the path /%5C@evil/', async () => {
  const r = await guard(s.get(`http://127.0.0.1:${srv.port}\\@evil/`, { timeout: 1000 }));
  assert.equal(r.text, 'ok');
  assert.match(srv.received.map((b) => b.toString('latin1')).join(''), /GET \/%5C@evil\/ HTTP\/1\.1/);
});
test('urllib: "http://127.0.0.1:PORT\\\\@evil/" is InvalidURL "nonnumeric port" (CPython)', async () => {
  const e = await caught(urllib.urlopen(`http://127.0.0.1:${srv.port}\\@evil/`, { timeout: 500 }));
  assert.ok(e instanceof client.InvalidURL, String(e));
  assert.match((e as Error).message, /nonnumeric port/);
});

test('no socket or server left open by this file', async () => {
  s.close();
  await srv.close();
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
