/**
 * Hostile proxies: a CONNECT answered 407, garbage, or a close; a forward (absolute-form) request
 * whose proxy closes. CPython 3.11 / Requests 2.28: ProxyError('Cannot connect to proxy.') for a
 * failed tunnel or a proxy that closes, ConnectionError('Connection aborted.', BadStatusLine) for
 * garbage; http.client set_tunnel: OSError('Tunnel connection failed: 407 ...'), BadStatusLine,
 * RemoteDisconnected; urllib: URLError for OSErrors, BadStatusLine passed through.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import * as httpkit from '../../src/index.js';
import * as client from '../../src/client/index.js';
import * as urllib from '../../src/urllib/index.js';
import { guard, openTcpHandles } from './harness.js';

type Answer = string | null;
const ANSWERS: Record<string, Answer> = {
  '407': 'HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n',
  garbage: 'garbage\r\n\r\n',
  close: null,
};

async function withProxy(answer: Answer, fn: (proxy: string, port: number) => Promise<void>): Promise<void> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    let head = '';
    s.on('data', (d: Buffer) => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      if (answer === null) s.end();
      else s.end(answer);
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  try {
    await fn(`http://127.0.0.1:${port}`, port);
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

async function viaRequests(url: string, proxy: string): Promise<unknown> {
  const s = new httpkit.Session();
  s.trustEnv = false;
  try {
    return await caught(s.get(url, { proxies: { http: proxy, https: proxy }, timeout: 1000 }));
  } finally {
    s.close();
  }
}

async function viaTunnel(port: number): Promise<unknown> {
  const conn = new client.HTTPSConnection('127.0.0.1', { port, timeout: 1000 });
  conn.setTunnel('example.invalid', { port: 443 });
  try {
    return await caught((async () => {
      await conn.request('GET', '/');
      await conn.getresponse();
    })());
  } finally {
    conn.close();
  }
}

function viaUrllib(proxy: string): Promise<unknown> {
  const opener = urllib.buildOpener(new urllib.ProxyHandler({ http: proxy, https: proxy }));
  return caught(opener.open('https://example.invalid/', { timeout: 1000 }));
}

test('CONNECT answered 407: Requests ProxyError, http.client OSError, urllib URLError, each naming "Tunnel connection failed: 407"', async () => {
  await withProxy(ANSWERS['407']!, async (proxy, port) => {
    const r = await viaRequests('https://example.invalid/', proxy);
    assert.ok(r instanceof httpkit.ProxyError, String(r));
    assert.match((r as Error).message, /407/);
    const c = await viaTunnel(port);
    assert.ok(c instanceof client.OSError, String(c));
    assert.match((c as Error).message, /Tunnel connection failed: 407 Proxy Authentication Required/);
    const u = await viaUrllib(proxy);
    assert.ok(u instanceof urllib.URLError, String(u));
    assert.match((u as Error).message, /Tunnel connection failed: 407/);
  });
});

test('CONNECT answered with garbage: Requests ConnectionError, http.client / urllib BadStatusLine', async () => {
  await withProxy(ANSWERS.garbage!, async (proxy, port) => {
    const r = await viaRequests('https://example.invalid/', proxy);
    assert.ok(r instanceof httpkit.ConnectionError, String(r));
    assert.match((r as Error).message, /garbage|status/i);
    const c = await viaTunnel(port);
    assert.ok(c instanceof client.BadStatusLine, String(c));
    const u = await viaUrllib(proxy);
    assert.ok(u instanceof client.BadStatusLine, String(u));
  });
});

test('CONNECT closed without an answer: Requests ProxyError, http.client RemoteDisconnected, urllib URLError', async () => {
  await withProxy(ANSWERS.close!, async (proxy, port) => {
    const r = await viaRequests('https://example.invalid/', proxy);
    assert.ok(r instanceof httpkit.ProxyError, String(r));
    const c = await viaTunnel(port);
    assert.ok(c instanceof client.RemoteDisconnected, String(c));
    const u = await viaUrllib(proxy);
    assert.ok(u instanceof urllib.URLError, String(u));
  });
});

test('a forward proxy that closes without an answer: Requests ProxyError("Cannot connect to proxy.")', async () => {
  await withProxy(ANSWERS.close!, async (proxy) => {
    const r = await viaRequests('http://example.invalid/', proxy);
    assert.ok(r instanceof httpkit.ProxyError, String(r));
  });
});

test('no socket or server left open by this file', async () => {
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
