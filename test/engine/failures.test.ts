/** Connect failures, read timeouts, abort signals and back pressure, over real loopback sockets. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { connect } from '../../src/engine/connect.js';
import { HIGH_WATER_BYTES } from '../../src/engine/connection.js';
import type { HttpConnection } from '../../src/engine/connection.js';
import { AbortError, ConnectError, ConnectTimeoutError, ReadTimeoutError, SocketError, WriteTimeoutError } from '../../src/engine/errors.js';
import type { Connection } from '../../src/engine/types.js';
import { startScriptedServer } from '../helpers/scripted-server.js';
import type { ScriptedServer } from '../helpers/scripted-server.js';

const servers: ScriptedServer[] = [];
const conns: Connection[] = [];
after(async () => {
  for (const c of conns) c.close();
  await Promise.all(servers.map((s) => s.close()));
});
const GET = { method: 'GET', target: '/', headers: ['Host', 'x'] };

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('connect failures', () => {
  it('a refused connection is a ConnectError (never a timeout) naming host and port', async () => {
    const port = await freePort();
    await assert.rejects(connect({ host: '127.0.0.1', port, connectTimeout: 5000 }), (e: unknown) => {
      assert.ok(e instanceof ConnectError);
      assert.ok(!(e instanceof ConnectTimeoutError));
      assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      assert.equal((e.cause as NodeJS.ErrnoException).code, 'ECONNREFUSED');
      return true;
    });
  });

  it('an unresolvable host is a ConnectError', async () => {
    await assert.rejects(connect({ host: 'does-not-exist.invalid', port: 80 }), ConnectError);
  });

  it('an already aborted signal fails before connecting', async () => {
    const port = await freePort();
    await assert.rejects(connect({ host: '127.0.0.1', port, signal: AbortSignal.abort() }), AbortError);
  });

  it('a TLS handshake that never completes is a ConnectTimeoutError within connectTimeout', async () => {
    const silent = net.createServer((s) => {
      s.on('error', () => undefined);
      s.resume();
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const t = Date.now();
      await assert.rejects(connect({ host: '127.0.0.1', port: (silent.address() as net.AddressInfo).port, tls: {}, connectTimeout: 150 }), (e: unknown) => e instanceof ConnectTimeoutError && /timed out/.test(e.message));
      assert.ok(Date.now() - t < 5000);
    } finally {
      await new Promise((r) => silent.close(r));
    }
  });

  it('abort during connect is an AbortError', async () => {
    const silent = net.createServer((s) => {
      s.on('error', () => undefined);
      s.resume();
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 50);
      await assert.rejects(connect({ host: '127.0.0.1', port: (silent.address() as net.AddressInfo).port, tls: {}, signal: ac.signal }), AbortError);
    } finally {
      await new Promise((r) => silent.close(r));
    }
  });

  it('bad options are TypeError / RangeError', async () => {
    await assert.rejects(connect({ host: '', port: 80 }), TypeError);
    await assert.rejects(connect({ host: '127.0.0.1', port: 70000 }), RangeError);
    await assert.rejects(connect({ host: '127.0.0.1', port: 80, connectTimeout: -1 }), RangeError);
  });
});

describe('read timeout and abort', () => {
  it('a server that never answers: ReadTimeoutError after readTimeout ms', async () => {
    const srv = await startScriptedServer([[{ awaitRequest: true }]]);
    servers.push(srv);
    const conn = await connect({ host: '127.0.0.1', port: srv.port, readTimeout: 150 });
    conns.push(conn);
    const t = Date.now();
    await assert.rejects(conn.request(GET, null), (e: unknown) => e instanceof ReadTimeoutError && /127\.0\.0\.1/.test(e.message));
    assert.ok(Date.now() - t >= 140, 'not before the timeout');
    assert.equal(conn.isClosed(), true);
  });

  it('a stall in the middle of a body: ReadTimeoutError from read()', async () => {
    const srv = await startScriptedServer([['HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nsome']]);
    servers.push(srv);
    const conn = await connect({ host: '127.0.0.1', port: srv.port });
    conns.push(conn);
    const r = await conn.request(GET, null, { readTimeout: 150 });
    assert.equal(Buffer.from((await r.body.read())!).toString(), 'some');
    await assert.rejects(r.body.read(), ReadTimeoutError);
  });

  it('a slow reader is not timed out while bytes wait unread', async () => {
    const srv = await startScriptedServer([['HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd']]);
    servers.push(srv);
    const conn = await connect({ host: '127.0.0.1', port: srv.port, readTimeout: 50 });
    conns.push(conn);
    const r = await conn.request(GET, null);
    await new Promise((res) => setTimeout(res, 200));
    assert.equal(Buffer.from((await r.body.read())!).toString(), 'abcd');
    assert.equal(await r.body.read(), null);
    assert.equal(conn.isAvailable(), true);
  });

  it('abort while waiting for the response: AbortError, connection closed', async () => {
    const srv = await startScriptedServer([[{ awaitRequest: true }]]);
    servers.push(srv);
    const conn = await connect({ host: '127.0.0.1', port: srv.port });
    conns.push(conn);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 30);
    await assert.rejects(conn.request(GET, null, { signal: ac.signal }), AbortError);
    assert.equal(conn.isClosed(), true);
  });

  it('abort while reading a body: read() rejects with AbortError', async () => {
    const srv = await startScriptedServer([['HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart']]);
    servers.push(srv);
    const conn = await connect({ host: '127.0.0.1', port: srv.port });
    conns.push(conn);
    const ac = new AbortController();
    const r = await conn.request(GET, null, { signal: ac.signal });
    await r.body.read();
    setTimeout(() => ac.abort(), 20);
    await assert.rejects(r.body.read(), AbortError);
    assert.equal(conn.isClosed(), true);
  });

  it('one signal shared by 30 exchanges: one listener (no MaxListenersExceededWarning), all aborted', async () => {
    const srv = await startScriptedServer([[{ awaitRequest: true }]]);
    servers.push(srv);
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => void warnings.push(w);
    process.on('warning', onWarning);
    try {
      const ac = new AbortController();
      const list = await Promise.all(Array.from({ length: 30 }, () => connect({ host: '127.0.0.1', port: srv.port })));
      conns.push(...list);
      const pending = list.map((c) => c.request(GET, null, { signal: ac.signal }));
      await new Promise((r) => setTimeout(r, 30));
      ac.abort();
      const results = await Promise.allSettled(pending);
      assert.ok(results.every((r) => r.status === 'rejected' && r.reason instanceof AbortError));
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(warnings.filter((w) => w.name === 'MaxListenersExceededWarning'), []);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('an aborted signal rejects before anything is written', async () => {
    const srv = await startScriptedServer([[]]);
    servers.push(srv);
    const conn = await connect({ host: '127.0.0.1', port: srv.port });
    conns.push(conn);
    await assert.rejects(conn.request(GET, null, { signal: AbortSignal.abort() }), AbortError);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(srv.text(0), '');
  });
});

describe('back pressure', () => {
  it('a large body is pulled: unread bytes stay bounded while the reader waits', async () => {
    const total = 64 * 1024 * 1024;
    const server = net.createServer((s) => {
      s.once('data', () => {
        s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${total}\r\n\r\n`);
        const block = Buffer.alloc(1024 * 1024, 0x62);
        let sent = 0;
        const pump = (): void => {
          while (sent < total) {
            sent += block.length;
            if (!s.write(block)) return void s.once('drain', pump);
          }
        };
        pump();
      });
      s.on('error', () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const conn = (await connect({ host: '127.0.0.1', port: (server.address() as net.AddressInfo).port })) as HttpConnection;
      conns.push(conn);
      const r = await conn.request(GET, null);
      await r.body.read();
      await new Promise((res) => setTimeout(res, 300)); // the server keeps trying to send
      assert.ok(conn.protocol.bufferedBytes <= HIGH_WATER_BYTES + 256 * 1024, `buffered ${conn.protocol.bufferedBytes}`);
      let n = r.body.received;
      for (let c = await r.body.read(); c !== null; c = await r.body.read()) n += c.length;
      assert.equal(n, total);
      assert.equal(conn.isAvailable(), true);
      conn.close();
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('early responses', () => {
  it('a server that answers 413 and closes mid-upload: the response is returned, not the write error', async () => {
    const server = net.createServer((s) => {
      s.on('error', () => undefined);
      s.once('data', () => {
        s.end('HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\nContent-Length: 8\r\n\r\ntoo big!');
        setTimeout(() => s.destroy(), 20);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const conn = await connect({ host: '127.0.0.1', port: (server.address() as net.AddressInfo).port });
      conns.push(conn);
      async function* body(): AsyncGenerator<Uint8Array> {
        for (let i = 0; i < 256; i++) {
          yield Buffer.alloc(256 * 1024, 0x61);
          await new Promise((r) => setImmediate(r));
        }
      }
      const r = await conn.request({ method: 'PUT', target: '/upload', headers: [] }, body());
      assert.equal(r.status, 413);
      assert.equal(Buffer.from((await r.body.readUpTo(100)) ?? []).toString(), 'too big!');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('write timeouts', () => {
  async function deafServer(): Promise<{ port: number; close: () => Promise<void> }> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
      s.pause(); // never read: the client's writes pile up in the kernel, then in Node
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
      port: (server.address() as net.AddressInfo).port,
      close: () => new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
    };
  }
  const big = Buffer.alloc(64 * 1024 * 1024, 0x61);

  it('writeRaw to a peer that never reads: WriteTimeoutError (a SocketError with ETIMEDOUT), not a hang', async () => {
    const srv = await deafServer();
    try {
      const conn = await connect({ host: '127.0.0.1', port: srv.port, readTimeout: 300 });
      conns.push(conn);
      await assert.rejects(conn.writeRaw(big), (e: unknown) => {
        assert.ok(e instanceof WriteTimeoutError && e instanceof SocketError);
        assert.equal((e.cause as NodeJS.ErrnoException).code, 'ETIMEDOUT');
        return true;
      });
      assert.equal(conn.isClosed(), true);
    } finally {
      await srv.close();
    }
  });

  it('request() streaming to a peer that never reads: WriteTimeoutError', async () => {
    const srv = await deafServer();
    try {
      const conn = await connect({ host: '127.0.0.1', port: srv.port, readTimeout: 300 });
      conns.push(conn);
      await assert.rejects(conn.request({ method: 'PUT', target: '/', headers: [] }, big), WriteTimeoutError);
    } finally {
      await srv.close();
    }
  });
});
