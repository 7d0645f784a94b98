/**
 * Hostile input from the caller's side: CR/LF/NUL in header names and values, control characters
 * and spaces in URL paths, bad ports, URLs without scheme or host, bad IPv6 literals. Each layer
 * must refuse before a byte reaches the wire (or, where Python sends, send it safely encoded),
 * with the class Python raises: Requests InvalidHeader / InvalidURL / MissingSchema / InvalidSchema;
 * http.client ValueError (API.md: TypeError or RangeError) / InvalidURL; urllib as CPython lets
 * those through, URLError for "no host given" / unknown schemes. Expectations: CPython 3.11 and
 * Requests 2.28 on the same inputs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import * as client from '../../src/client/index.js';
import * as urllib from '../../src/urllib/index.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { guard, openTcpHandles } from './harness.js';

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
let srv: ScriptedServer;
let base: string;
let session: httpkit.Session;

before(async () => {
  srv = await startScriptedServer([Array.from({ length: 20 }, () => OK)]);
  base = `http://127.0.0.1:${srv.port}`;
  session = new httpkit.Session();
  session.trustEnv = false;
});
after(async () => {
  session.close();
  await srv.close();
});

/** Every request line + header the server has received so far, across connections. */
const wire = (): string => srv.received.map((b) => b.toString('latin1')).join('');
const isValueError = (e: unknown): boolean => e instanceof TypeError || e instanceof RangeError;

async function rejects(p: Promise<unknown>, check: (e: unknown) => boolean, label: string): Promise<Error> {
  let caught: unknown = null;
  try {
    await guard(p, label);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== null, `${label}: expected an error, the request succeeded`);
  assert.ok(!(caught instanceof Error && caught.message.startsWith('HANG:')), String(caught));
  assert.ok(check(caught), `${label}: wrong class ${(caught as Error)?.constructor?.name}: ${(caught as Error)?.message}`);
  assert.ok((caught as Error).message.length > 0, `${label}: empty message`);
  return caught as Error;
}

async function viaClient(path: string, headers: Record<string, string> = {}): Promise<string> {
  const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 1000 });
  try {
    await conn.request('GET', path, { headers });
    const r = await conn.getresponse();
    return Buffer.from(await r.read()).toString('latin1');
  } finally {
    conn.close();
  }
}

// ---- header injection: refused before anything is sent ----
const badHeaders: Array<{ label: string; headers: Record<string, string>; show: RegExp; field: 'name' | 'value' }> = [
  { label: 'CRLF in a value', headers: { 'X-A': 'a\r\nX-Injected: 1' }, show: /X-Injected/, field: 'value' },
  { label: 'LF in a value', headers: { 'X-A': 'a\nX-Injected: 1' }, show: /X-Injected/, field: 'value' },
  { label: 'CR in a value', headers: { 'X-A': 'a\rX-Injected: 1' }, show: /X-Injected/, field: 'value' },
  { label: 'CRLF in a name', headers: { 'X-A\r\nX-Injected': 'a' }, show: /X-Injected/, field: 'name' },
  { label: 'colon in a name', headers: { 'X:A': 'a' }, show: /X:A/, field: 'name' },
  { label: 'empty name', headers: { '': 'a' }, show: /''|""/, field: 'name' },
];
for (const { label, headers, show, field } of badHeaders) {
  test(`requests: ${label} is InvalidHeader naming the ${field}, nothing sent`, async () => {
    const before = wire();
    const e = await rejects(session.get(`${base}/`, { headers, timeout: 1000 }), (x) => x instanceof httpkit.InvalidHeader, label);
    assert.match(e.message, new RegExp(`header ${field}`));
    assert.match(e.message, show);
    assert.equal(wire(), before);
  });
  test(`http.client: ${label} is a ValueError (TypeError/RangeError), nothing sent`, async () => {
    const before = wire();
    const e = await rejects(viaClient('/', headers), isValueError, label);
    assert.match(e.message, /header/i);
    assert.match(e.message, new RegExp(field, 'i'));
    assert.equal(wire(), before);
  });
  test(`urllib: ${label} is a ValueError (TypeError/RangeError) passed through, nothing sent`, async () => {
    const before = wire();
    const req = new urllib.Request(`${base}/`, { headers });
    const e = await rejects(urllib.urlopen(req, { timeout: 1000 }), isValueError, label);
    assert.match(e.message, /header/i);
    assert.match(e.message, new RegExp(field, 'i'));
    assert.equal(wire(), before);
  });
}

test('requests: leading whitespace in a header value is InvalidHeader (Requests check_header_validity)', async () => {
  await rejects(session.get(`${base}/`, { headers: { 'X-A': ' a' }, timeout: 1000 }), (x) => x instanceof httpkit.InvalidHeader, 'leading space');
});

test('NUL in a header value: never splits the request (Python sends it as is; refusing is also safe)', async () => {
  for (const run of [
    () => session.get(`${base}/`, { headers: { 'X-A': 'a\x00b' }, timeout: 1000 }).then((r) => r.text),
    () => viaClient('/', { 'X-A': 'a\x00b' }),
    () => urllib.urlopen(new urllib.Request(`${base}/`, { headers: { 'X-A': 'a\x00b' } }), { timeout: 1000 }).then(async (r) => Buffer.from(await r.read()).toString()),
  ]) {
    try {
      assert.equal(await guard(run()), 'ok');
    } catch (e) {
      assert.ok(e instanceof httpkit.InvalidHeader || isValueError(e), String(e));
    }
  }
  assert.doesNotMatch(wire(), /X-A: a\r\n/);
});

// ---- control characters and spaces in the URL ----
for (const [label, path, shown] of [['CRLF', '/a\r\nX-Injected: 1', '\\r'], ['space', '/a b', ' '], ['NUL', '/a\x00b', '\\x00'], ['tab', '/a\tb', '\\t']] as const) {
  test(`http.client: ${label} in the path is InvalidURL "can't contain control characters", nothing sent`, async () => {
    const before = wire();
    const e = await rejects(viaClient(path), (x) => x instanceof client.InvalidURL, label);
    assert.match(e.message, /control characters/);
    assert.ok(e.message.includes(shown), e.message);
    assert.equal(wire(), before);
  });
  test(`urllib: ${label} in the path is http.client's InvalidURL, nothing sent`, async () => {
    const before = wire();
    const e = await rejects(urllib.urlopen(`${base}${path}`, { timeout: 1000 }), (x) => x instanceof client.InvalidURL, label);
    assert.match(e.message, /control characters/);
    assert.equal(wire(), before);
  });
  test(`requests: ${label} in the path is percent-encoded (or stripped), never sent raw`, async () => {
    const r = await guard(session.get(`${base}${path}`, { timeout: 1000 }));
    assert.equal(r.text, 'ok');
    const line = srv.received.map((b) => b.toString('latin1')).join('').split('\r\n').filter((l) => l.startsWith('GET /a')).pop() ?? '';
    assert.match(line, /^GET \/a\S* HTTP\/1\.1$/, JSON.stringify(line));
    assert.doesNotMatch(wire(), /\r\nX-Injected: 1\r\n/);
  });
}

// ---- bad ports, schemes, hosts ----
for (const url of ['http://127.0.0.1:99999/', 'http://127.0.0.1:abc/', 'http://127.0.0.1:-1/', 'http://[::1/', 'http:///path', 'http://']) {
  test(`requests: ${JSON.stringify(url)} is InvalidURL naming the URL`, async () => {
    const e = await rejects(session.get(url, { timeout: 1000 }), (x) => x instanceof httpkit.InvalidURL, url);
    assert.ok(e.message.includes(url) || /host|port|parse/i.test(e.message), e.message);
  });
}
for (const url of ['127.0.0.1/x', 'example.com']) {
  test(`requests: ${JSON.stringify(url)} is MissingSchema ("No scheme supplied. Perhaps you meant http://...")`, async () => {
    const e = await rejects(session.get(url), (x) => x instanceof httpkit.MissingSchema, url);
    assert.match(e.message, /No scheme supplied/);
    assert.ok(e.message.includes(`http://${url}`), e.message);
  });
  test(`urllib: ${JSON.stringify(url)} is ValueError "unknown url type"`, async () => {
    const e = await rejects(urllib.urlopen(url), isValueError, url);
    assert.match(e.message, /unknown url type/);
  });
}
for (const url of ['gopher://127.0.0.1/', 'javascript:alert(1)']) {
  test(`requests: ${JSON.stringify(url)} is InvalidSchema "No connection adapters were found"`, async () => {
    const e = await rejects(session.get(url), (x) => x instanceof httpkit.InvalidSchema, url);
    assert.match(e.message, /No connection adapters were found/);
  });
}
test('urllib: gopher:// is URLError "unknown url type: gopher"', async () => {
  const e = await rejects(urllib.urlopen('gopher://127.0.0.1/'), (x) => x instanceof urllib.URLError, 'gopher');
  assert.match(e.message, /unknown url type: gopher/);
});
for (const url of ['http:///path', 'http://']) {
  test(`urllib: ${JSON.stringify(url)} is URLError "no host given"`, async () => {
    const e = await rejects(urllib.urlopen(url), (x) => x instanceof urllib.URLError, url);
    assert.match(e.message, /no host given/);
  });
}
test('urllib: "http://[::1/" is ValueError "Invalid IPv6 URL"', async () => {
  const e = await rejects(urllib.urlopen('http://[::1/'), isValueError, 'bad ipv6');
  assert.match(e.message, /Invalid IPv6 URL/);
});
test('urllib: a nonnumeric port is http.client InvalidURL "nonnumeric port: \'abc\'"', async () => {
  const e = await rejects(urllib.urlopen('http://127.0.0.1:abc/'), (x) => x instanceof client.InvalidURL, 'port');
  assert.match(e.message, /nonnumeric port: 'abc'/);
});
test('urllib: port 99999 fails fast with an error (CPython: URLError from connect)', async () => {
  await rejects(urllib.urlopen('http://127.0.0.1:99999/', { timeout: 1000 }), (x) => x instanceof urllib.URLError || x instanceof client.InvalidURL || isValueError(x), 'port');
});
test('http.client: a nonnumeric port in the host is InvalidURL "nonnumeric port"', async () => {
  const e = await rejects((async () => new client.HTTPConnection('127.0.0.1:abc'))(), (x) => x instanceof client.InvalidURL, 'port');
  assert.match(e.message, /nonnumeric port: 'abc'/);
});
test('http.client: port 99999 fails with an error, never hangs', async () => {
  const conn = new client.HTTPConnection('127.0.0.1:99999', { timeout: 1000 });
  try {
    await rejects(conn.request('GET', '/'), (x) => x instanceof client.OSError || x instanceof client.InvalidURL || isValueError(x), 'port');
  } finally {
    conn.close();
  }
});
for (const host of ['a b', 'a\r\nb']) {
  test(`http.client: host ${JSON.stringify(host)} is InvalidURL "can't contain control characters" (CPython: in __init__)`, async () => {
    const e = await rejects((async () => new client.HTTPConnection(host, { timeout: 1000 }))(), (x) => x instanceof client.InvalidURL, host);
    assert.match(e.message, /control characters/);
  });
}

// ---- method injection, cookies, Host, params ----
for (const method of ['GET\r\nX-Injected: 1', 'GET\x00', 'GE T']) {
  test(`requests: method ${JSON.stringify(method)} is a ValueError (TypeError/RangeError) naming the method, nothing sent`, async () => {
    const before = wire();
    const e = await rejects(session.request(method, `${base}/`, { timeout: 1000 }), isValueError, 'requests');
    assert.match(e.message, /method/i);
    assert.equal(wire(), before);
  });
  test(`requests: method ${JSON.stringify(method)} is refused before anything is sent`, async () => {
    const before = wire();
    await rejects(session.request(method, `${base}/`, { timeout: 1000 }), (x) => x instanceof Error, 'requests');
    assert.equal(wire(), before);
  });
}
for (const method of ['GET\r\nX-Injected: 1', 'GET\x00']) {
  test(`http.client / urllib: method ${JSON.stringify(method)} is ValueError "method can't contain control characters", nothing sent`, async () => {
    const before = wire();
    const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 1000 });
    try {
      const e = await rejects(conn.request(method, '/'), isValueError, 'http.client');
      assert.match(e.message, /method/i);
    } finally {
      conn.close();
    }
    const e = await rejects(urllib.urlopen(new urllib.Request(`${base}/`, { method }), { timeout: 1000 }), isValueError, 'urllib');
    assert.match(e.message, /method/i);
    assert.equal(wire(), before);
  });
}
test('requests: a cookie value with CRLF never reaches the wire as a header break (Requests: ValueError from http.client)', async () => {
  const before = wire();
  try {
    await guard(session.get(`${base}/`, { cookies: { a: 'b\r\nX-Injected: 1' }, timeout: 1000 }));
  } catch (e) {
    assert.ok(e instanceof httpkit.InvalidHeader || isValueError(e), String(e));
    assert.equal(wire(), before);
  }
  assert.doesNotMatch(wire(), /\r\nX-Injected: 1\r\n/);
});
test('requests: a Host header with CRLF is InvalidHeader', async () => {
  await rejects(session.get(`${base}/`, { headers: { Host: 'a\r\nb' }, timeout: 1000 }), (x) => x instanceof httpkit.InvalidHeader, 'host');
});
test('requests: a non-string header value is InvalidHeader "must be of type str or bytes"', async () => {
  const e = await rejects(session.get(`${base}/`, { headers: { 'X-A': 1 as unknown as string }, timeout: 1000 }), (x) => x instanceof httpkit.InvalidHeader, 'int');
  assert.match(e.message, /must be of type str or bytes/);
});
test('requests: CRLF in params is percent-encoded (?a=b%0D%0Ac)', async () => {
  const r = await guard(session.get(`${base}/`, { params: { a: 'b\r\nc' }, timeout: 1000 }));
  assert.equal(r.url, `${base}/?a=b%0D%0Ac`);
});
test('requests: CRLF in basic-auth credentials is base64-encoded, never a header break', async () => {
  const r = await guard(session.get(`${base}/`, { auth: ['u\r\nX-Injected: 1', 'p'], timeout: 1000 }));
  assert.equal(r.text, 'ok');
  assert.doesNotMatch(wire(), /\r\nX-Injected: 1\r\n/);
});

// ---- a PreparedRequest edited after prepare() is still checked on the wire ----
test('requests: CR/LF planted into a PreparedRequest after prepare() never reaches the wire', async () => {
  const before = wire();
  const mutations: Array<(pr: httpkit.PreparedRequest) => void> = [
    (pr) => pr.headers.set('X-A', 'a\r\nX-Injected: 1'),
    (pr) => pr.headers.set('X-B\r\nX-Injected', '1'),
    (pr) => ((pr as { url: string }).url = `${base}/a\r\nX-Injected: 1`),
    (pr) => ((pr as { method: string }).method = 'GET /x HTTP/1.1\r\nX-Injected: 1\r\n\r\nGET'),
  ];
  for (const mutate of mutations) {
    const pr = new httpkit.Request('GET', `${base}/`).prepare();
    mutate(pr);
    await rejects(session.send(pr, { timeout: 1000 }), (x) => x instanceof Error, 'mutated PreparedRequest');
  }
  assert.equal(wire(), before);
});

test('http.client low-level API: putheader / putrequest refuse CR/LF and spaces synchronously, as CPython', () => {
  const before = wire();
  const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 1000 });
  try {
    conn.putrequest('GET', '/', { skipHost: true });
    assert.throws(() => conn.putheader('X-A', 'a\r\nX-Injected: 1'), (e: unknown) => isValueError(e) && /header/i.test((e as Error).message));
    assert.throws(() => conn.putheader('Host', 'x\r\nX-Injected: 1'), (e: unknown) => isValueError(e));
  } finally {
    conn.close();
  }
  const conn2 = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 1000 });
  try {
    assert.throws(() => conn2.putrequest('GET', '/a b'), (e: unknown) => e instanceof client.InvalidURL && /control characters/.test((e as Error).message));
  } finally {
    conn2.close();
  }
  assert.equal(wire(), before);
});

test('no socket or server left open by this file', async () => {
  session.close();
  await new Promise((r) => setTimeout(r, 50));
  // Only the shared scripted server (1 listener + idle keep-alive sockets it still holds) may remain.
  await srv.close();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
