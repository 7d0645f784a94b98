/**
 * Connect timeouts and retries against hostile peers.
 * - A listener whose accept backlog is full drops SYNs, so connect() stalls: Requests ConnectTimeout
 *   (also a ConnectionError and a Timeout), http.client TimeoutError('timed out'), urllib
 *   URLError(reason=TimeoutError). Node accepts on its own, so a tiny /usr/bin/python3 holds the listener.
 * - Retry(total=2) against a server that only sends garbage: GET is retried (3 connections) and ends
 *   in ConnectionError naming the bad status line; POST is not retried (urllib3: not idempotent).
 * CPython 3.11 / Requests 2.28 measured on the same setups.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as httpkit from '../../src/index.js';
import * as client from '../../src/client/index.js';
import * as urllib from '../../src/urllib/index.js';
import { guard, openTcpHandles, startRoutedServer } from './harness.js';

const PY = '/usr/bin/python3';
const HOLD = 'import socket,sys,time\ns=socket.socket();s.bind(("127.0.0.1",0));s.listen(0)\nprint(s.getsockname()[1],flush=True)\nsys.stdin.read()';
let py: ChildProcess | null = null;
let port = 0;
const fillers: net.Socket[] = [];

before(async () => {
  if (!existsSync(PY)) return;
  py = spawn(PY, ['-c', HOLD], { stdio: ['pipe', 'pipe', 'ignore'] });
  port = await new Promise<number>((resolve, reject) => {
    py!.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    py!.once('error', reject);
  });
  // Fill the backlog: these complete the handshake in the kernel and are never accepted.
  for (let i = 0; i < 4; i++) {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => undefined);
    fillers.push(s);
  }
  await new Promise((r) => setTimeout(r, 200));
});
after(() => {
  for (const s of fillers) s.destroy();
  py?.stdin?.end();
  py?.kill();
});

async function caught(p: Promise<unknown>): Promise<[unknown, number]> {
  const t0 = Date.now();
  try {
    await guard(p);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('HANG:')) throw e;
    return [e, Date.now() - t0];
  }
  assert.fail('expected an error');
}

test('requests: a stalled connect is ConnectTimeout (a ConnectionError and a Timeout) after the connect timeout', async (t) => {
  if (py === null) return t.skip('no /usr/bin/python3');
  const s = new httpkit.Session();
  s.trustEnv = false;
  try {
    const [e, ms] = await caught(s.get(`http://127.0.0.1:${port}/`, { timeout: { connect: 300, read: 5000 } }));
    assert.ok(e instanceof httpkit.ConnectTimeout, String(e));
    assert.ok(e instanceof httpkit.ConnectionError && e instanceof httpkit.Timeout);
    assert.ok(!(e instanceof httpkit.ReadTimeout));
    assert.match((e as Error).message, /timed out/);
    assert.ok(ms >= 250 && ms < 2000, `${ms} ms`);
  } finally {
    s.close();
  }
});

test('http.client: a stalled connect is TimeoutError("timed out")', async (t) => {
  if (py === null) return t.skip('no /usr/bin/python3');
  const conn = new client.HTTPConnection('127.0.0.1', { port, timeout: 300 });
  try {
    const [e, ms] = await caught(conn.request('GET', '/'));
    assert.ok(e instanceof client.TimeoutError, String(e));
    assert.match((e as Error).message, /timed out/);
    assert.ok(ms < 2000, `${ms} ms`);
  } finally {
    conn.close();
  }
});

test('urllib: a stalled connect is URLError(reason=TimeoutError)', async (t) => {
  if (py === null) return t.skip('no /usr/bin/python3');
  const [e] = await caught(urllib.urlopen(`http://127.0.0.1:${port}/`, { timeout: 300 }));
  assert.ok(e instanceof urllib.URLError, String(e));
  assert.ok((e as urllib.URLError).reason instanceof client.TimeoutError, String((e as urllib.URLError).reason));
});

test('requests: Retry(total=2) retries a GET answered with garbage twice, then ConnectionError naming the status line', async () => {
  const srv = await startRoutedServer(() => 'garbage\r\n\r\n');
  const s = new httpkit.Session();
  s.trustEnv = false;
  s.mount('http://', new httpkit.HTTPAdapter({ maxRetries: new httpkit.Retry({ total: 2, backoffFactor: 0 }) }));
  try {
    const [e] = await caught(s.get(`http://127.0.0.1:${srv.port}/`, { timeout: 1000 }));
    assert.ok(e instanceof httpkit.ConnectionError, String(e));
    assert.match((e as Error).message, /garbage/);
    assert.equal(srv.connections, 3);
    const before = srv.connections;
    const [e2] = await caught(s.post(`http://127.0.0.1:${srv.port}/`, { data: 'x', timeout: 1000 }));
    assert.ok(e2 instanceof httpkit.ConnectionError, String(e2));
    assert.equal(srv.connections - before, 1, 'a POST must not be retried after a read error');
  } finally {
    s.close();
    await srv.close();
  }
});

test('no socket or server left open by this file (besides the backlog fillers, closed here)', async () => {
  for (const s of fillers) s.destroy();
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
