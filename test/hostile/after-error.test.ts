/**
 * After a body error, touching the response again must settle at once (a value or an error), never
 * wait on the dead socket: Requests r.content / iterContent / text after ChunkedEncodingError
 * (Requests 2.28 gives b'' / [] / ''), http.client read() after IncompleteRead (CPython raises
 * IncompleteRead again), urllib read() likewise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';
import * as client from '../../src/client/index.js';
import * as urllib from '../../src/urllib/index.js';
import { guard, openTcpHandles } from './harness.js';
import { startScriptedServer } from '../helpers/scripted-server.js';

const CUT = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n10\r\nefg';

/** Runs fn; returns 'value' or 'error'; fails on a hang. */
async function settle(fn: () => unknown): Promise<'value' | 'error'> {
  try {
    await guard(Promise.resolve().then(fn));
    return 'value';
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('HANG:')) throw e;
    return 'error';
  }
}

test('requests: after ChunkedEncodingError in iterContent, content / text / iterContent again settle at once', async () => {
  const srv = await startScriptedServer([[{ respond: CUT }, { close: true }]]);
  const s = new httpkit.Session();
  s.trustEnv = false;
  try {
    const r = await guard(s.get(`http://127.0.0.1:${srv.port}/`, { stream: true, timeout: 1000 }));
    const first = await settle(async () => {
      for await (const _ of r.iterContent({ chunkSize: 2 })) { /* drain */ }
    });
    assert.equal(first, 'error');
    for (const touch of [() => r.content, () => r.text, async () => {
      for await (const _ of r.iterContent({ chunkSize: 2 })) { /* drain */ }
    }]) {
      await settle(touch);
    }
  } finally {
    s.close();
    await srv.close();
  }
});

test('http.client / urllib: read() after IncompleteRead settles at once', async () => {
  const srv = await startScriptedServer([[{ respond: CUT }, { close: true }]]);
  try {
    const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 1000 });
    try {
      await conn.request('GET', '/');
      const r = await guard(conn.getresponse());
      assert.equal(await settle(() => r.read()), 'error');
      await settle(() => r.read());
      await settle(() => r.readline());
    } finally {
      conn.close();
    }
    const u = await guard(urllib.urlopen(`http://127.0.0.1:${srv.port}/`, { timeout: 1000 }));
    assert.equal(await settle(() => u.read()), 'error');
    await settle(() => u.read());
    u.close();
  } finally {
    await srv.close();
  }
});

// ---- every read mode of http.client on a cut body (CPython 3.11 measured) ----
type Mode = 'read7' | 'readline' | 'readinto' | 'iter';
async function readAll(r: client.HTTPResponse, mode: Mode): Promise<string> {
  const got: string[] = [];
  if (mode === 'iter') {
    for await (const x of r) got.push(Buffer.from(x).toString('latin1'));
    return got.join('');
  }
  for (let i = 0; i < 20; i++) {
    let x: Uint8Array;
    if (mode === 'read7') x = await r.read(7);
    else if (mode === 'readline') x = await r.readline();
    else {
      const b = new Uint8Array(7);
      x = b.subarray(0, await r.readinto(b));
    }
    if (x.length === 0) break;
    got.push(Buffer.from(x).toString('latin1'));
  }
  return got.join('');
}
const CUT_CHUNKED = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab\ncd\r\n10\r\nefg';
const CUT_LENGTH = 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab\ncd';
for (const mode of ['read7', 'readline', 'readinto', 'iter'] as const) {
  test(`http.client: ${mode} on a chunked body cut mid-chunk ends in IncompleteRead`, async () => {
    const srv = await startScriptedServer([[{ respond: CUT_CHUNKED }, { close: true }]]);
    const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 1000 });
    try {
      await conn.request('GET', '/');
      const r = await guard(conn.getresponse());
      await assert.rejects(guard(readAll(r, mode)), client.IncompleteRead);
    } finally {
      conn.close();
      await srv.close();
    }
  });
  test(`http.client: ${mode} on a short Content-Length body returns the short data, then ends (CPython sized reads)`, async () => {
    const srv = await startScriptedServer([[{ respond: CUT_LENGTH }, { close: true }]]);
    const conn = new client.HTTPConnection('127.0.0.1', { port: srv.port, timeout: 1000 });
    try {
      await conn.request('GET', '/');
      const r = await guard(conn.getresponse());
      assert.equal(await guard(readAll(r, mode)), 'ab\ncd');
    } finally {
      conn.close();
      await srv.close();
    }
  });
}

for (const mode of ['read7', 'readline'] as const) {
  for (const [label, raw, expect] of [['a chunked body cut mid-chunk', CUT_CHUNKED, 'IncompleteRead'], ['a short Content-Length body', CUT_LENGTH, 'ab\ncd']] as const) {
    test(`urllib: ${mode} on ${label} behaves as http.client (CPython returns the HTTPResponse itself)`, async () => {
      const srv = await startScriptedServer([[{ respond: raw }, { close: true }]]);
      try {
        const u = await guard(urllib.urlopen(`http://127.0.0.1:${srv.port}/`, { timeout: 1000 }));
        try {
          const got: string[] = [];
          const run = async (): Promise<void> => {
            for (let i = 0; i < 20; i++) {
              const x = mode === 'read7' ? await u.read(7) : await u.readline();
              if (x.length === 0) return;
              got.push(Buffer.from(x).toString('latin1'));
            }
          };
          if (expect === 'IncompleteRead') await assert.rejects(guard(run()), client.IncompleteRead);
          else {
            await guard(run());
            assert.equal(got.join(''), expect);
          }
        } finally {
          u.close();
        }
      } finally {
        await srv.close();
      }
    });
  }
}

// ---- the peer goes away while the reader is not waiting ----
for (const end of ['close', 'destroy'] as const) {
  test(`requests / http.client: the server ${end === 'close' ? 'closes' : 'resets'} between two reads of a streamed body; the next read fails at once`, async () => {
    const step = end === 'close' ? { close: true as const } : { destroy: true as const };
    const raw = 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc';
    const srv = await startScriptedServer([[{ respond: raw }, { delay: 50 }, step]]);
    const s = new httpkit.Session();
    s.trustEnv = false;
    try {
      const r = await guard(s.get(`http://127.0.0.1:${srv.port}/`, { stream: true, timeout: 4000 }));
      const it = r.iterContent({ chunkSize: 3 })[Symbol.asyncIterator]();
      assert.equal(Buffer.from((await guard(it.next())).value as Uint8Array).toString(), 'abc');
      await new Promise((res) => setTimeout(res, 200));
      const t0 = Date.now();
      await assert.rejects(guard(it.next()), httpkit.ChunkedEncodingError);
      assert.ok(Date.now() - t0 < 1000);
    } finally {
      s.close();
      await srv.close();
    }
    const srv2 = await startScriptedServer([[{ respond: raw }, { delay: 50 }, step]]);
    const conn = new client.HTTPConnection('127.0.0.1', { port: srv2.port, timeout: 4000 });
    try {
      await conn.request('GET', '/');
      const resp = await guard(conn.getresponse());
      assert.equal(Buffer.from(await guard(resp.read(3))).toString(), 'abc');
      await new Promise((res) => setTimeout(res, 200));
      const t0 = Date.now();
      await assert.rejects(guard(resp.read()), client.IncompleteRead);
      assert.ok(Date.now() - t0 < 1000);
    } finally {
      conn.close();
      await srv2.close();
    }
  });
}

test('no socket or server left open by this file', async () => {
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
