/**
 * Streamed (async iterable) request bodies against a server that answers early ("413 Payload Too
 * Large") and closes while the body is still being produced. Requests 2.28 raises ConnectionError
 * ("[Errno 32] Broken pipe") within ~0.1 s; CPython http.client raises BrokenPipeError. Whatever the
 * class, the call must settle promptly and stop pulling the body.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as httpkit from '../../src/index.js';
import * as client from '../../src/client/index.js';
import { guard, openTcpHandles, startRoutedServer } from './harness.js';
import { startScriptedServer } from '../helpers/scripted-server.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
type Gen = (counter: { pulled: number }) => AsyncGenerator<Uint8Array>;
const BODIES: Record<string, Gen> = {
  'an endless generator without pauses': async function* (c) {
    const chunk = Buffer.alloc(65536, 0x78);
    for (let i = 0; i < 100_000; i++) {
      c.pulled++;
      yield chunk;
    }
  },
  '200 x 64 KiB chunks, 1 ms apart': async function* (c) {
    const chunk = Buffer.alloc(65536, 0x78);
    for (let i = 0; i < 200; i++) {
      c.pulled++;
      yield chunk;
      await sleep(1);
    }
  },
  '100 one-byte chunks, 20 ms apart': async function* (c) {
    for (let i = 0; i < 100; i++) {
      c.pulled++;
      yield Buffer.from('x');
      await sleep(20);
    }
  },
};

async function withEarlyServer(fn: (port: number) => Promise<void>): Promise<void> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.once('data', () => {
      s.end('HTTP/1.1 413 Payload Too Large\r\nContent-Length: 3\r\nConnection: close\r\n\r\nbig');
      setTimeout(() => s.destroy(), 100);
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  try {
    await fn((srv.address() as net.AddressInfo).port);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => srv.close(() => r()));
  }
}

// Regression (hostile finding 15): a peer that closed while the generator paused left the writer waiting for a 'drain' forever.
for (const [what, gen] of Object.entries(BODIES)) {
  test(`requests: ${what} as the body, early 413 + close: settles (413 or ConnectionError) and stops pulling`, async () => {
    await withEarlyServer(async (port) => {
      const counter = { pulled: 0 };
      let outcome: unknown;
      try {
        outcome = (await guard(httpkit.post(`http://127.0.0.1:${port}/`, { data: gen(counter), timeout: 1000 }))).statusCode;
      } catch (e) {
        if (e instanceof Error && e.message.startsWith('HANG:')) throw e;
        outcome = e;
      }
      assert.ok(outcome === 413 || outcome instanceof httpkit.ConnectionError, String(outcome));
      const after = counter.pulled;
      await sleep(100);
      assert.equal(counter.pulled, after, 'the body is still being pulled after the call settled');
    });
  });
  test(`http.client: ${what} as the body (chunked), early 413 + close: settles with an OSError or the 413`, async () => {
    await withEarlyServer(async (port) => {
      const conn = new client.HTTPConnection('127.0.0.1', { port, timeout: 1000 });
      try {
        let outcome: unknown;
        try {
          await guard(conn.request('POST', '/', { body: gen({ pulled: 0 }), encodeChunked: true }));
          outcome = (await guard(conn.getresponse())).status;
        } catch (e) {
          if (e instanceof Error && e.message.startsWith('HANG:')) throw e;
          outcome = e;
        }
        assert.ok(outcome === 413 || outcome instanceof client.OSError, String(outcome));
      } finally {
        conn.close();
      }
    });
  });
}

test('control: a pausing body generator to a server that reads it all gets its 200 (chunked, complete)', async () => {
  const srv = await startScriptedServer([['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok']]);
  try {
    const r = await guard(httpkit.post(`http://127.0.0.1:${srv.port}/`, { data: BODIES['100 one-byte chunks, 20 ms apart']!({ pulled: 0 }), timeout: 1000 }));
    assert.equal(r.text, 'ok');
    assert.match(srv.text(0), /\r\n0\r\n\r\n$/);
  } finally {
    await srv.close();
  }
});

// ---- the peer drops the connection without answering ----
async function withDroppingServer(mode: 'fin' | 'rst', fn: (port: number) => Promise<void>): Promise<void> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.once('data', () => (mode === 'fin' ? s.end() : s.destroy()));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  try {
    await fn((srv.address() as net.AddressInfo).port);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => srv.close(() => r()));
  }
}
for (const mode of ['fin', 'rst'] as const) {
  test(`requests: a pausing body generator, the server ${mode === 'fin' ? 'closes' : 'resets'} without answering: ConnectionError`, async () => {
    await withDroppingServer(mode, async (port) => {
      let err: unknown = null;
      try {
        await guard(httpkit.post(`http://127.0.0.1:${port}/`, { data: BODIES['100 one-byte chunks, 20 ms apart']!({ pulled: 0 }), timeout: 1000 }));
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof httpkit.ConnectionError, String(err));
    });
  });
}

// ---- the realistic trigger: uploading a file to a server with an upload limit ----
test('requests: a 20 MiB file stream (fs.createReadStream) vs an early 413 + close settles (413 or ConnectionError)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-up-'));
  const file = join(dir, 'big.bin');
  writeFileSync(file, Buffer.alloc(20 * 1024 * 1024, 0x78));
  try {
    await withEarlyServer(async (port) => {
      let outcome: unknown;
      try {
        outcome = (await guard(httpkit.post(`http://127.0.0.1:${port}/`, { data: createReadStream(file), timeout: 1000 }))).statusCode;
      } catch (e) {
        outcome = e;
      }
      assert.ok(outcome === 413 || outcome instanceof httpkit.ConnectionError, String(outcome));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- a body source that fails half-way: the half-sent request must never be followed on that socket ----
test('a body generator that throws half-way: the error surfaces; the next request never rides the half-sent socket', async () => {
  const srv = await startRoutedServer((line) => (line.startsWith('GET') ? 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' : null));
  async function* boom(): AsyncGenerator<Uint8Array> {
    yield Buffer.from('abc');
    await sleep(20);
    throw new Error('boom');
  }
  const base = `http://127.0.0.1:${srv.port}`;
  const s = new httpkit.Session();
  s.trustEnv = false;
  try {
    assert.equal((await guard(s.get(`${base}/warm`, { timeout: 1000 }))).text, 'ok');
    await assert.rejects(guard(s.post(`${base}/up`, { data: boom(), timeout: 1000 })), /boom/);
    assert.equal((await guard(s.get(`${base}/after`, { timeout: 1000 }))).text, 'ok');
    assert.equal(srv.connections, 2, 'the GET after a half-sent body reused its socket');
    const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 1000 });
    try {
      await conn.request('GET', '/warm2');
      await guard((await guard(conn.getresponse())).read());
      await assert.rejects(guard(conn.request('POST', '/up2', { body: boom(), encodeChunked: true })), /boom/);
      // CPython leaves the connection in Request-sent: the next request is CannotSendRequest until close().
      await assert.rejects(conn.request('GET', '/after2'), client.CannotSendRequest);
    } finally {
      conn.close();
    }
    assert.ok(!srv.lines.includes('GET /after2 HTTP/1.1'));
  } finally {
    s.close();
    await srv.close();
  }
});

test('no socket or server left open by this file', async () => {
  await sleep(100);
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
