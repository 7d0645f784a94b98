/**
 * A hostile server can plant cookies; they must never break the client's later requests (a cookie
 * the jar stores but our own header validation then refuses would make every later request to the
 * site fail). Control characters, latin-1, DEL, tabs and leading spaces in Set-Cookie: the next
 * request through the same Session / opener succeeds and carries no CR/LF/NUL.
 * (CPython's cookiejar keeps "\x01bad" and "a\tb"; the RFC 6265 jar drops them: a deliberate difference.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import * as urllib from '../../src/urllib/index.js';
import { guard, openTcpHandles, startRoutedServer } from './harness.js';

const JUNK = 'Set-Cookie: \x01bad=1\r\nSet-Cookie: hi=caf\xe9\r\nSet-Cookie: del=a\x7fb\r\nSet-Cookie: tab=a\tb\r\nSet-Cookie: sp= lead\r\n';
const route = (line: string): string =>
  line.startsWith('GET /set ') ? `HTTP/1.1 200 OK\r\n${JUNK}Content-Length: 2\r\n\r\nok` : 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

test('requests: planted junk cookies never break the next request of the Session', async () => {
  const srv = await startRoutedServer(route);
  const s = new httpkit.Session();
  s.trustEnv = false;
  try {
    await guard(s.get(`http://127.0.0.1:${srv.port}/set`, { timeout: 1000 }));
    assert.equal(s.cookies.get('hi'), 'caf\xe9');
    const r = await guard(s.get(`http://127.0.0.1:${srv.port}/next`, { timeout: 1000 }));
    assert.equal(r.statusCode, 200);
    const cookie = srv.raw.split('\r\n').find((l) => /^cookie:/i.test(l)) ?? '';
    assert.match(cookie, /hi=caf\xe9/);
    assert.doesNotMatch(cookie, /[\r\n\0]/);
  } finally {
    s.close();
    await srv.close();
  }
});

test('urllib: planted junk cookies never break the next request of the opener', async () => {
  const srv = await startRoutedServer(route);
  try {
    const opener = urllib.buildOpener(new urllib.HTTPCookieProcessor());
    (await guard(opener.open(`http://127.0.0.1:${srv.port}/set`, { timeout: 1000 }))).close();
    const r = await guard(opener.open(`http://127.0.0.1:${srv.port}/next`, { timeout: 1000 }));
    assert.equal(r.status, 200);
    r.close();
    assert.match(srv.raw, /\r\nCookie: [^\r\n]*hi=caf\xe9/);
  } finally {
    await srv.close();
  }
});

test('no socket or server left open by this file', async () => {
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
