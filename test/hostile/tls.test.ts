/**
 * Hostile TLS peers: plain HTTP on an https:// URL, a close during the handshake, garbage that
 * looks like a TLS record. CPython: ssl.SSLError (http.client), URLError(SSLError) (urllib),
 * requests.exceptions.SSLError (Requests); never a timeout, never a hang.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import * as httpkit from '../../src/index.js';
import * as client from '../../src/client/index.js';
import * as urllib from '../../src/urllib/index.js';
import { guard, openTcpHandles } from './harness.js';

type Mode = 'plain' | 'close' | 'garbage';
const behave: Record<Mode, (s: net.Socket) => void> = {
  plain: (s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')),
  close: (s) => s.once('data', () => s.end()),
  garbage: (s) => s.once('data', () => s.write(Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05]), Buffer.from(`hello${'x'.repeat(100)}`)]))),
};

async function withPeer(mode: Mode, fn: (port: number) => Promise<void>): Promise<void> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    behave[mode](s);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  try {
    await fn((srv.address() as net.AddressInfo).port);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => srv.close(() => r()));
  }
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await guard(p);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('HANG:')) throw e;
    return e;
  }
  assert.fail('expected an error');
}

for (const mode of ['plain', 'close', 'garbage'] as const) {
  test(`requests: https:// to a ${mode} peer is SSLError (a ConnectionError, not a Timeout)`, async () => {
    await withPeer(mode, async (port) => {
      const s = new httpkit.Session();
      s.trustEnv = false;
      try {
        const e = await caught(s.get(`https://127.0.0.1:${port}/`, { timeout: 1000, verify: false }));
        assert.ok(e instanceof httpkit.SSLError, String(e));
        assert.ok(!(e instanceof httpkit.Timeout));
        assert.ok((e as Error).message.length > 0);
      } finally {
        s.close();
      }
    });
  });
  test(`http.client: HTTPSConnection to a ${mode} peer is ssl.SSLError (an OSError)`, async () => {
    await withPeer(mode, async (port) => {
      const conn = new client.HTTPSConnection('127.0.0.1', { port, timeout: 1000, rejectUnauthorized: false });
      try {
        const e = await caught((async () => {
          await conn.request('GET', '/');
          await conn.getresponse();
        })());
        assert.ok(e instanceof client.SSLError, String(e));
        assert.ok(e instanceof client.OSError);
      } finally {
        conn.close();
      }
    });
  });
  test(`urllib: https:// to a ${mode} peer is URLError(reason=SSLError)`, async () => {
    await withPeer(mode, async (port) => {
      const e = await caught(urllib.urlopen(`https://127.0.0.1:${port}/`, { timeout: 1000 }));
      assert.ok(e instanceof urllib.URLError, String(e));
      assert.ok((e as urllib.URLError).reason instanceof client.SSLError, String((e as urllib.URLError).reason));
    });
  });
}

test('no socket or server left open by this file', async () => {
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
