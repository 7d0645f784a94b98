import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HTTPConnection } from '../../src/client/connection.js';
import { IncompleteRead } from '../../src/client/errors.js';
import { startRawServer, write, writeAndEnd, type RawServer } from './raw-server.js';

const routes: Record<string, { bytes: string | Buffer; end?: boolean }> = {
  '/cl': { bytes: 'HTTP/1.1 200 OK\r\nContent-Length: 11\r\nX-A: 1\r\nx-a: 2\r\n\r\nline1\nline2' },
  '/chunked': { bytes: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nline1\n\r\n5\r\nline2\r\n0\r\nX-Sum: 9\r\n\r\n' },
  '/close': { bytes: 'HTTP/1.0 200 OK\r\n\r\nuntil close', end: true },
  '/short': { bytes: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', end: true },
  '/short-chunked': { bytes: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n5\r\nde', end: true },
  '/empty': { bytes: 'HTTP/1.1 204 No Content\r\n\r\n' },
  '/big': { bytes: Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 4194304\r\n\r\n'), Buffer.alloc(4194304, 0x61)]) },
};

let server: RawServer;
before(async () => {
  server = await startRawServer(async (req, sock) => {
    const r = routes[req.target]!;
    if (r.end) await writeAndEnd(sock, r.bytes);
    else await write(sock, r.bytes);
  });
});
after(() => server.close());

async function open(path: string, method = 'GET'): Promise<{ conn: HTTPConnection; r: Awaited<ReturnType<HTTPConnection['getresponse']>> }> {
  const conn = new HTTPConnection('127.0.0.1', { port: server.port });
  await conn.request(method, path);
  return { conn, r: await conn.getresponse() };
}

const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

test('head attributes and getheader joining as CPython', async () => {
  const { conn, r } = await open('/cl');
  assert.deepEqual([r.status, r.reason, r.version, r.chunked, r.willClose, r.length], [200, 'OK', 11, false, false, 11]);
  assert.equal(r.getheader('x-a'), '1, 2');
  assert.equal(r.getheader('missing'), null);
  assert.equal(r.getheader('missing', 'dflt'), 'dflt');
  assert.equal(r.getheader('missing', ['a', 'b'] as unknown as string), 'a, b');
  assert.deepEqual(r.getheaders(), [['Content-Length', '11'], ['X-A', '1'], ['x-a', '2']]);
  assert.equal(r.msg, r.headers);
  assert.equal(r.headers.get('X-A'), '1');
  assert.equal(r.isclosed(), false);
  assert.equal(text(await r.read(3)), 'lin');
  assert.equal(r.length, 8);
  assert.equal(text(await r.readline()), 'e1\n');
  assert.equal(text(await r.peek()).startsWith('l'), true);
  const buf = new Uint8Array(3);
  assert.equal(await r.readinto(buf), 3);
  assert.equal(text(buf), 'lin');
  assert.equal(text(await r.read1()), 'e2');
  assert.equal(r.length, 0);
  assert.equal(r.isclosed(), true);
  assert.equal((await r.read()).length, 0);
  conn.close();
});

test('chunked: read(n) across chunks, readline, trailers exposed, connection reusable', async () => {
  const { conn, r } = await open('/chunked');
  assert.equal(r.chunked, true);
  assert.equal(r.length, null);
  assert.equal(text(await r.readline()), 'line1\n');
  assert.equal(text(await r.read(100)), 'line2');
  assert.equal(r.isclosed(), true);
  assert.equal(r.trailers?.get('x-sum'), '9');
  await conn.request('GET', '/cl');
  assert.equal(text(await (await conn.getresponse()).read()), 'line1\nline2');
  conn.close();
});

test('readlines() returns the remaining lines', async () => {
  const { conn, r } = await open('/chunked');
  assert.ok(r.readable());
  assert.deepEqual((await r.readlines()).map(text), ['line1\n', 'line2']);
  assert.ok(r.isclosed());
  conn.close();
});

test('async iteration yields the body in chunks', async () => {
  const { conn, r } = await open('/chunked');
  const parts: string[] = [];
  for await (const chunk of r) parts.push(text(chunk));
  assert.equal(parts.join(''), 'line1\nline2');
  assert.ok(r.isclosed());
  conn.close();
});

test('read until close (HTTP/1.0 without length)', async () => {
  const { conn, r } = await open('/close');
  assert.deepEqual([r.version, r.willClose, r.length], [10, true, null]);
  assert.equal(text(await r.read(5)), 'until');
  assert.equal(text(await r.read()), ' close');
  assert.ok(r.isclosed());
  conn.close();
});

test('truncation: read() raises IncompleteRead; read(n) returns the short data like CPython', async () => {
  let { conn, r } = await open('/short');
  await assert.rejects(r.read(), (e: unknown) => e instanceof IncompleteRead && text(e.partial) === 'abc' && e.expected === 7);
  conn.close();
  ({ conn, r } = await open('/short'));
  assert.equal(text(await r.read(8)), 'abc');
  assert.equal((await r.read(8)).length, 0);
  assert.ok(r.isclosed());
  conn.close();
  ({ conn, r } = await open('/short-chunked'));
  await assert.rejects(r.read(), (e: unknown) => e instanceof IncompleteRead && e.expected === null && text(e.partial).startsWith('abc'));
  conn.close();
});

test('HEAD and 204: empty body; the response stays open until read, as CPython', async () => {
  const opened = await open('/cl', 'HEAD');
  const conn = opened.conn;
  let r = opened.r;
  assert.equal(r.length, 0);
  assert.equal(r.isclosed(), false);
  assert.equal((await r.read()).length, 0);
  assert.ok(r.isclosed());
  await conn.request('GET', '/empty');
  r = await conn.getresponse();
  assert.equal(r.status, 204);
  assert.equal((await r.read()).length, 0);
  conn.close();
});

test('closing a response early keeps the connection usable (drained or replaced)', async () => {
  const { conn, r } = await open('/big');
  assert.equal((await r.read(10)).length, 10);
  r.close();
  assert.ok(r.closed && r.isclosed());
  await conn.request('GET', '/cl');
  assert.equal(text(await (await conn.getresponse()).read()), 'line1\nline2');
  conn.close();
});

test('a 4 MiB body read in blocks with readinto', async () => {
  const { conn, r } = await open('/big');
  const buf = new Uint8Array(65536);
  let total = 0;
  for (let i = 0; i < 1000; i++) {
    const n = await r.readinto(buf);
    if (n === 0) break;
    total += n;
  }
  assert.equal(total, 4194304);
  assert.ok(r.isclosed());
  conn.close();
});
