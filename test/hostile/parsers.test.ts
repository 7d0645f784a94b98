/**
 * Hostile header and body content for the parsers above the wire: deep JSON, bogus and padded
 * charsets, Link / WWW-Authenticate (Basic, Digest) / Set-Cookie crafted against backtracking
 * regexes (CPython had CVE-2020-8492 in urllib's Basic auth regex). Each must settle fast
 * (< 1 s here; a catastrophic regex takes minutes) with the class Python gives, or succeed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import * as urllib from '../../src/urllib/index.js';
import { guard, openTcpHandles, startRoutedServer, type RoutedServer } from './harness.js';

const rep = (n: number, s: string): string => s.repeat(n);
const ok = (headers: string): string => `HTTP/1.1 200 OK\r\n${headers}Content-Length: 2\r\n\r\nok`;
const unauthorized = (challenge: string): string => `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: ${challenge}\r\nContent-Length: 0\r\n\r\n`;
const ROUTES: Record<string, string> = {
  '/json-deep': `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n${rep(200_000, '[')}`,
  '/charset-bogus': ok('Content-Type: text/html; charset=bogus\r\n'),
  '/charset-padded': ok(`Content-Type: text/html; ${rep(6000, 'a=b; ')}charset=utf-8\r\n`),
  '/link': ok(`Link: ${rep(4000, '<a>; rel="x"; ')}\r\n`),
  '/link-open': ok(`Link: <${rep(30_000, ' ;')}\r\n`),
  '/basic-commas': unauthorized(`Basic ${rep(20_000, ', ')}realm`),
  '/basic-quotes': unauthorized(`Basic realm=${rep(30_000, '\\"')}`),
  '/digest-escapes': unauthorized(`Digest ${rep(6000, 'a="b\\", ')}realm="x", nonce="y"`),
  '/digest-backslashes': unauthorized(`Digest realm="${rep(30_000, '\\\\')}, nonce="y"`),
  '/cookies': ok(`Set-Cookie: a=${rep(20_000, ';=')}\r\nSet-Cookie: b=1; Expires=${rep(10_000, '1 ')}\r\n`),
};

let srv: RoutedServer;
let base: string;
let s: httpkit.Session;
before(async () => {
  srv = await startRoutedServer((line) => ROUTES[line.split(' ')[1] ?? ''] ?? ok(''));
  base = `http://127.0.0.1:${srv.port}`;
  s = new httpkit.Session();
  s.trustEnv = false;
});
after(async () => {
  s.close();
  await srv.close();
});

/** Runs `fn` and returns [result or error, ms]; fails on a hang. */
async function timed(fn: () => Promise<unknown>): Promise<[unknown, number]> {
  const t0 = Date.now();
  try {
    const v = await guard(fn());
    return [v, Date.now() - t0];
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('HANG:')) throw e;
    return [e, Date.now() - t0];
  }
}
const FAST = 1000;

test('requests: 200 000 nested "[" is JSONDecodeError (Python: RecursionError), no stack overflow', async () => {
  const [e, ms] = await timed(async () => (await s.get(`${base}/json-deep`, { timeout: 2000 })).json());
  assert.ok(e instanceof httpkit.JSONDecodeError || e instanceof RangeError, String(e));
  assert.ok(ms < FAST, `${ms} ms`);
});
test('requests: an unknown charset falls back when decoding text (Python: str(content, errors="replace"))', async () => {
  const [text, ms] = await timed(async () => (await s.get(`${base}/charset-bogus`, { timeout: 2000 })).text);
  assert.equal(text, 'ok');
  assert.ok(ms < FAST);
});
test('requests: a Content-Type padded with 6000 parameters still yields its charset, fast', async () => {
  const [r, ms] = await timed(() => s.get(`${base}/charset-padded`, { timeout: 2000 }));
  assert.equal((r as httpkit.Response).encoding, 'utf-8');
  assert.ok(ms < FAST, `${ms} ms`);
});
for (const path of ['/link', '/link-open']) {
  test(`requests: r.links on a hostile Link header (${path}) settles fast`, async () => {
    const [links, ms] = await timed(async () => (await s.get(`${base}${path}`, { timeout: 2000 })).links);
    assert.ok(!(links instanceof Error), String(links));
    assert.ok(ms < FAST, `${ms} ms`);
  });
}
for (const path of ['/digest-escapes', '/digest-backslashes']) {
  test(`requests: HTTPDigestAuth on a hostile challenge (${path}) settles fast`, async () => {
    const [r, ms] = await timed(() => s.get(`${base}${path}`, { auth: new httpkit.HTTPDigestAuth('u', 'p'), timeout: 2000 }));
    assert.ok(r instanceof httpkit.Response, String(r));
    assert.equal(r.statusCode, 401);
    assert.ok(ms < FAST, `${ms} ms`);
  });
}
for (const [path, handler] of [['/basic-commas', 'basic'], ['/basic-quotes', 'basic'], ['/digest-escapes', 'digest'], ['/digest-backslashes', 'digest']] as const) {
  test(`urllib: ${handler} auth handler on a hostile challenge (${path}) is HTTPError 401, fast (CVE-2020-8492 shape)`, async () => {
    const pm = new urllib.HTTPPasswordMgrWithDefaultRealm();
    pm.addPassword(null, base, 'u', 'p');
    const opener = urllib.buildOpener(handler === 'basic' ? new urllib.HTTPBasicAuthHandler(pm) : new urllib.HTTPDigestAuthHandler(pm));
    const [e, ms] = await timed(() => opener.open(`${base}${path}`, { timeout: 2000 }));
    assert.ok(e instanceof urllib.HTTPError, String(e));
    assert.equal(e.code, 401);
    e.close();
    assert.ok(ms < FAST, `${ms} ms`);
  });
}
test('requests and urllib: crafted Set-Cookie lines are stored or dropped, fast', async () => {
  const [r, ms] = await timed(() => s.get(`${base}/cookies`, { timeout: 2000 }));
  assert.ok(r instanceof httpkit.Response, String(r));
  const opener = urllib.buildOpener(new urllib.HTTPCookieProcessor());
  const [u, ms2] = await timed(() => opener.open(`${base}/cookies`, { timeout: 2000 }));
  assert.ok(!(u instanceof Error), String(u));
  (u as { close(): void }).close();
  assert.ok(ms < FAST && ms2 < FAST, `${ms} / ${ms2} ms`);
});

test('no socket or server left open by this file', async () => {
  s.close();
  await srv.close();
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
