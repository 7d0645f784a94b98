/** The engine over real loopback sockets: exact bytes in and out, keep-alive, framing, failures. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../src/engine/connect.js';
import { ProtocolError } from '../../src/protocol/errors.js';
import { SocketError } from '../../src/engine/errors.js';
import type { Connection, Response } from '../../src/engine/types.js';
import { startScriptedServer } from '../helpers/scripted-server.js';
import type { ScriptedServer, Step } from '../helpers/scripted-server.js';

const servers: ScriptedServer[] = [];
const conns: Connection[] = [];
after(async () => {
  for (const c of conns) c.close();
  await Promise.all(servers.map((s) => s.close()));
});

async function setup(script: Step[][]): Promise<{ srv: ScriptedServer; conn: Connection }> {
  const srv = await startScriptedServer(script);
  servers.push(srv);
  const conn = await connect({ host: '127.0.0.1', port: srv.port });
  conns.push(conn);
  return { srv, conn };
}

async function readAll(r: Response): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of r.body) parts.push(Buffer.from(c));
  return Buffer.concat(parts).toString('latin1');
}

const GET = (target = '/'): { method: string; target: string; headers: string[] } => ({ method: 'GET', target, headers: ['Host', 'example'] });
const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('engine connection', () => {
  it('keep-alive: several requests on one connection, exact request bytes', async () => {
    const ok = (s: string): string => `HTTP/1.1 200 OK\r\nContent-Length: ${s.length}\r\n\r\n${s}`;
    const { srv, conn } = await setup([[ok('one'), ok('two'), 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nthree\r\n0\r\n\r\n']]);
    assert.equal(await readAll(await conn.request(GET('/1'), null)), 'one');
    assert.equal(conn.isAvailable(), true);
    assert.equal(await readAll(await conn.request({ method: 'POST', target: '/2', headers: ['Host', 'example'] }, 'body')), 'two');
    const r3 = await conn.request(GET('/3'), null);
    assert.equal(r3.chunked, true);
    assert.equal(await readAll(r3), 'three');
    assert.deepEqual(r3.body.trailers, []);
    assert.equal(srv.connections, 1);
    assert.equal(srv.text(0), 'GET /1 HTTP/1.1\r\nHost: example\r\n\r\nPOST /2 HTTP/1.1\r\nHost: example\r\nContent-Length: 4\r\n\r\nbodyGET /3 HTTP/1.1\r\nHost: example\r\n\r\n');
    assert.equal(conn.isIdle(), true);
  });

  it('split writes with gaps give the same response', async () => {
    const raw = 'HTTP/1.1 200 OK\r\nContent-Length: 11\r\nX-A: b\r\n\r\nhello world';
    const parts = [raw.slice(0, 3), raw.slice(3, 20), raw.slice(20, 40), raw.slice(40)];
    const { conn } = await setup([[{ respond: parts, gap: 10 }]]);
    const r = await conn.request(GET(), null);
    assert.deepEqual(r.headers, ['Content-Length', '11', 'X-A', 'b']);
    assert.equal(await readAll(r), 'hello world');
  });

  it('until-close body, then the connection is closed', async () => {
    const { conn } = await setup([['HTTP/1.0 200 OK\r\n\r\nall the rest', { close: true }]]);
    const r = await conn.request(GET(), null);
    assert.equal(r.willClose, true);
    assert.equal(await readAll(r), 'all the rest');
    assert.equal(conn.isClosed(), true);
  });

  it('HEAD and 204 finish at once and free the connection', async () => {
    const { conn } = await setup([['HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n', 'HTTP/1.1 204 No Content\r\n\r\n']]);
    const r = await conn.request({ method: 'HEAD', target: '/', headers: [] }, null);
    assert.equal(r.body.done, true);
    assert.equal(await r.body.read(), null);
    assert.equal(conn.isAvailable(), true);
    const r2 = await conn.request({ method: 'DELETE', target: '/', headers: [] }, null);
    assert.equal(r2.status, 204);
    assert.equal(r2.body.done, true);
  });

  it('1xx responses are skipped', async () => {
    const { conn } = await setup([['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok']]);
    const r = await conn.request(GET(), null);
    assert.equal(r.status, 200);
    assert.equal(await readAll(r), 'ok');
  });

  it('truncated body: INCOMPLETE with the bytes still expected', async () => {
    const { conn } = await setup([['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello', { close: true }]]);
    const r = await conn.request(GET(), null);
    assert.equal(Buffer.from((await r.body.read())!).toString(), 'hello');
    await assert.rejects(r.body.read(), (e: unknown) => e instanceof ProtocolError && e.code === 'INCOMPLETE' && e.expected === 5);
    await assert.rejects(r.body.read(), (e: unknown) => e instanceof ProtocolError && e.code === 'INCOMPLETE');
    assert.equal(conn.isClosed(), true);
  });

  it('readUpTo across a truncation: INCOMPLETE carries the bytes it gathered', async () => {
    const { conn } = await setup([[{ respond: ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab', 'cd'], gap: 10 }, { delay: 20 }, { close: true }]]);
    const r = await conn.request(GET(), null);
    await assert.rejects(r.body.readUpTo(10), (e: unknown) => e instanceof ProtocolError && e.code === 'INCOMPLETE' && Buffer.from(e.partial!).toString() === 'abcd' && e.expected === 6);
  });

  it('close before any status line: REMOTE_DISCONNECTED', async () => {
    const { conn } = await setup([[{ awaitRequest: true }, { close: true }]]);
    await assert.rejects(conn.request(GET(), null), (e: unknown) => e instanceof ProtocolError && e.code === 'REMOTE_DISCONNECTED');
  });

  it('garbage: BAD_STATUS_LINE carrying the line', async () => {
    const { conn } = await setup([['SSH-2.0-OpenSSH\r\n']]);
    await assert.rejects(conn.request(GET(), null), (e: unknown) => e instanceof ProtocolError && e.code === 'BAD_STATUS_LINE' && e.line === 'SSH-2.0-OpenSSH\r\n');
    assert.equal(conn.isClosed(), true);
  });

  it('an invalid request throws INVALID_REQUEST, writes nothing, and leaves the connection usable', async () => {
    const { srv, conn } = await setup([['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok']]);
    await assert.rejects(conn.request({ method: 'GET', target: '/a b', headers: [] }, null), (e: unknown) => e instanceof ProtocolError && e.code === 'INVALID_REQUEST' && /target/.test(e.message));
    await assert.rejects(conn.request({ method: 'GET', target: '/', headers: ['X', 'a\r\nInjected: 1'] }, null), (e: unknown) => e instanceof ProtocolError && e.code === 'INVALID_REQUEST' && /"X"/.test(e.message));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(srv.text(0), '');
    assert.equal(conn.isAvailable(), true);
    assert.equal(await readAll(await conn.request(GET(), null)), 'ok');
  });

  it('streams an AsyncIterable body chunked, and a large byte body with Content-Length', async () => {
    const ok = 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n';
    const { srv, conn } = await setup([[ok, ok]]);
    async function* gen(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('ab');
      yield new Uint8Array(0);
      yield Buffer.from('cde');
    }
    await conn.request({ method: 'PUT', target: '/s', headers: [] }, gen());
    const big = Buffer.alloc(300 * 1024, 0x61);
    await conn.request({ method: 'POST', target: '/b', headers: [] }, big);
    await until(() => srv.received[0]!.length >= 300 * 1024);
    const text = srv.text(0);
    assert.ok(text.startsWith('PUT /s HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n3\r\ncde\r\n0\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 307200\r\n\r\naaa'));
    assert.equal(text.length, text.indexOf('POST /b') + 'POST /b HTTP/1.1\r\nContent-Length: 307200\r\n\r\n'.length + 307200);
  });

  it('framing options: bodyLength for a stream, encodeChunked for bytes, addFraming: false', async () => {
    const ok = 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n';
    const { srv, conn } = await setup([[ok, ok, ok, ok]]);
    async function* gen(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('abc');
    }
    await conn.request({ method: 'PUT', target: '/1', headers: [] }, gen(), { bodyLength: 3 });
    await conn.request({ method: 'PUT', target: '/2', headers: [] }, Buffer.from('xyz'), { encodeChunked: true });
    await conn.request({ method: 'PUT', target: '/3', headers: ['Content-Length', '2'] }, 'hi', { addFraming: false });
    const big = Buffer.alloc(70 * 1024, 0x62);
    await conn.request({ method: 'PUT', target: '/4', headers: [] }, big, { encodeChunked: true });
    await until(() => srv.received[0]!.length >= 70 * 1024);
    const text = srv.text(0);
    assert.ok(text.startsWith('PUT /1 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc'));
    assert.ok(text.includes('PUT /2 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nxyz\r\n0\r\n\r\n'));
    assert.ok(text.includes('PUT /3 HTTP/1.1\r\nContent-Length: 2\r\n\r\nhiPUT /4'));
    assert.ok(text.endsWith('PUT /4 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n11800\r\n' + 'b'.repeat(70 * 1024) + '\r\n0\r\n\r\n'));
  });

  it('a body that is neither bytes, string nor async iterable is a TypeError; nothing is written', async () => {
    const { srv, conn } = await setup([['HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n']]);
    await assert.rejects(conn.request({ method: 'POST', target: '/', headers: [] }, 42 as unknown as string), TypeError);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(srv.text(0), '');
    assert.equal(conn.isAvailable(), true);
  });

  it('writeRaw + readResponse (the http.client low-level path)', async () => {
    const { srv, conn } = await setup([['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi', 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nbye']]);
    await conn.writeRaw(Buffer.from('GET /raw HTTP/1.1\r\nHost: x\r\n\r\n'));
    assert.equal(conn.isIdle(), false);
    const r = await conn.readResponse('GET');
    assert.equal(await readAll(r), 'hi');
    assert.equal(conn.isAvailable(), true);
    await conn.writeRaw(Buffer.from('POST /raw HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n'));
    await conn.writeRaw(Buffer.from('z'));
    assert.equal(await readAll(await conn.readResponse('POST')), 'bye');
    assert.equal(srv.text(0), 'GET /raw HTTP/1.1\r\nHost: x\r\n\r\nPOST /raw HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nz');
  });

  it('readResponse after the peer already answered and closed still reads the response', async () => {
    const { conn } = await setup([['HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 4\r\n\r\ndone', { close: true }]]);
    await conn.writeRaw(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    await until(() => conn.isClosed());
    const r = await conn.readResponse('GET');
    assert.equal(await readAll(r), 'done');
    await assert.rejects(conn.readResponse('GET'), SocketError);
  });

  it('an idle connection closed by the peer is not available; one that got stray bytes neither', async () => {
    const { conn } = await setup([['HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', { delay: 20 }, { close: true }]]);
    await readAll(await conn.request(GET(), null));
    assert.equal(conn.isAvailable(), true);
    await until(() => !conn.isAvailable());
    assert.equal(conn.isAvailable(), false);
    await assert.rejects(conn.request(GET(), null), SocketError);
    const b = await setup([['HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', { delay: 20 }, { write: 'HTTP/1.1 408 Timeout\r\n\r\n' }]]);
    await readAll(await b.conn.request(GET(), null));
    await until(() => !b.conn.isAvailable());
    assert.equal(b.conn.isAvailable(), false);
    assert.equal(b.conn.isClosed(), false);
  });

  it('chunks handed out stay valid after later reads and later responses (buffers are never reused)', async () => {
    const body = (c: string, n: number): string => `HTTP/1.1 200 OK\r\nContent-Length: ${n}\r\n\r\n` + c.repeat(n);
    const { conn } = await setup([[{ respond: [body('a', 100_000)] }, body('b', 50), body('c', 70_000)]]);
    const kept: Uint8Array[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await conn.request(GET(), null);
      for (let c = await r.body.read(); c !== null; c = await r.body.read()) kept.push(c);
    }
    const text = Buffer.concat(kept).toString('latin1');
    assert.equal(text, 'a'.repeat(100_000) + 'b'.repeat(50) + 'c'.repeat(70_000));
  });

  it('readUpTo fills up to n bytes across chunks', async () => {
    const { conn } = await setup([[{ respond: ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', 'defg', 'hij'], gap: 10 }]]);
    const r = await conn.request(GET(), null);
    assert.equal(Buffer.from((await r.body.readUpTo(2))!).toString(), 'ab');
    assert.equal(Buffer.from((await r.body.readUpTo(6))!).toString(), 'cdefgh');
    assert.equal(r.body.received, 8);
    assert.equal(Buffer.from((await r.body.readUpTo(100))!).toString(), 'ij');
    assert.equal(await r.body.readUpTo(5), null);
    assert.equal(r.body.done, true);
  });

  it('cancel() keeps the connection when the rest is buffered, closes it otherwise', async () => {
    const { conn } = await setup([['HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nabcdef', 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial']]);
    const r = await conn.request(GET(), null);
    await new Promise((res) => setTimeout(res, 20));
    r.body.cancel();
    assert.equal(conn.isAvailable(), true);
    const r2 = await conn.request(GET(), null);
    await r2.body.read();
    r2.body.cancel();
    assert.equal(conn.isClosed(), true);
    assert.equal(await r2.body.read(), null);
  });

  it('hasExpired and setRef', async () => {
    const { conn } = await setup([['HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n']]);
    await readAll(await conn.request(GET(), null));
    assert.equal(conn.hasExpired(60_000), false);
    assert.equal(conn.hasExpired(10, performance.now() + 1000), true);
    conn.setRef(false);
    conn.setRef(true);
  });
});
