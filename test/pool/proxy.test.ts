/**
 * Proxies: absolute-form requests for http://, CONNECT tunnels for https:// with the origin's
 * certificate verified through the tunnel, credentials sent only to the proxy, non-2xx CONNECT
 * answers as ProxyError with the socket dropped. Against a raw fake proxy (exact bytes) and a
 * real one: Debian's tinyproxy, started here on a free loopback port (skipped when absent).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';
import { PoolManager, proxyFromUrl } from '../../src/pool/manager.js';
import { MaxRetryError, NewConnectionError, ProxyError, SSLError, TunnelError } from '../../src/pool/errors.js';
import { ok, sleep, startRawServer } from './raw-server.js';

const TINYPROXY = ['/usr/bin/tinyproxy', '/usr/sbin/tinyproxy'].find((p) => existsSync(p)) ?? null;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`tinyproxy exited with ${child.exitCode}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = createConnection(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (up) return;
    await sleep(50);
  }
  throw new Error('tinyproxy did not start listening');
}

const json = (data: Uint8Array | null): any => JSON.parse(Buffer.from(data!).toString());

describe('fake proxy (raw server)', () => {
  test('http:// goes in absolute-form with the proxy headers; one pool per proxy', async () => {
    const proxy = await startRawServer((req, s) => { s.write(ok(req.target)); });
    const pm = proxyFromUrl(`http://us%40er:p%3Ass@127.0.0.1:${proxy.port}`, { proxyHeaders: { 'X-Proxy-Only': '1' } });
    try {
      const r = await pm.urlopen('GET', 'http://example.invalid:8080/path?q=1');
      assert.equal(Buffer.from(r.data!).toString(), 'http://example.invalid:8080/path?q=1');
      await pm.urlopen('GET', 'http://other.invalid/x');
      const [first, second] = proxy.requests;
      assert.equal(first!.headers['host'], 'example.invalid:8080');
      assert.equal(first!.headers['proxy-authorization'], `Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
      assert.equal(first!.headers['x-proxy-only'], '1');
      assert.equal(first!.headers['accept'], '*/*');
      assert.equal(second!.target, 'http://other.invalid/x');
      assert.equal(proxy.connections, 1, 'both origins went over the one proxy connection');
      assert.equal(r.connection.proxy, `http://127.0.0.1:${proxy.port}`);
    } finally {
      pm.clear();
      await proxy.close();
    }
  });

  test('a non-2xx CONNECT answer is a ProxyError and the socket is dropped', async () => {
    const proxy = await startRawServer((_req, s) => { s.write('HTTP/1.1 403 Forbidden\r\nContent-Length: 6\r\n\r\nnope!\n'); });
    const pm = new PoolManager();
    try {
      await assert.rejects(pm.urlopen('GET', 'https://example.invalid/', { proxy: { url: `http://u:p@127.0.0.1:${proxy.port}` }, retries: false }), (e: unknown) => {
        assert.ok(e instanceof ProxyError);
        assert.ok(e.originalError instanceof TunnelError);
        assert.equal(e.originalError.status, 403);
        assert.match(e.message, /Tunnel connection failed: 403 Forbidden/);
        return true;
      });
      assert.equal(proxy.requests[0]!.method, 'CONNECT');
      assert.equal(proxy.requests[0]!.target, 'example.invalid:443');
      assert.equal(proxy.requests[0]!.headers['host'], 'example.invalid:443');
      assert.equal(proxy.requests[0]!.headers['proxy-authorization'], `Basic ${Buffer.from('u:p').toString('base64')}`);
      for (let i = 0; i < 50 && proxy.open > 0; i++) await sleep(5);
      assert.equal(proxy.open, 0);
    } finally {
      pm.clear();
      await proxy.close();
    }
  });

  test('an unreachable proxy is ProxyError(NewConnectionError), counted as a connection error', async () => {
    const dead = await startRawServer(() => {});
    const port = dead.port;
    await dead.close();
    const pm = new PoolManager();
    try {
      await assert.rejects(pm.urlopen('GET', 'http://example.invalid/', { proxy: { url: `http://127.0.0.1:${port}` }, retries: 1 }), (e: unknown) => {
        assert.ok(e instanceof MaxRetryError);
        assert.ok(e.reason instanceof ProxyError);
        assert.ok(e.reason.originalError instanceof NewConnectionError);
        return true;
      });
    } finally {
      pm.clear();
    }
  });
});

describe('tinyproxy', { skip: TINYPROXY ? false : 'tinyproxy is not installed (apt-get install tinyproxy)' }, () => {
  let child: ChildProcess;
  let dir: string;
  let port: number;
  let plain: HttpbinServer;
  let secure: HttpbinServer;
  let log = '';

  before(async () => {
    [plain, secure] = await Promise.all([startHttpbin(), startHttpbin({ tls: true })]);
    dir = mkdtempSync(join(tmpdir(), 'httpkit-tinyproxy-'));
    port = await freePort();
    // No ConnectPort line: CONNECT to every port is allowed (tinyproxy.conf(5)).
    writeFileSync(join(dir, 'tinyproxy.conf'), [
      `Port ${port}`, 'Listen 127.0.0.1', 'Allow 127.0.0.1', 'Timeout 30', 'MaxClients 50',
      'LogLevel Info', 'DisableViaHeader Yes', 'BasicAuth user pass', '',
    ].join('\n'));
    child = spawn(TINYPROXY!, ['-d', '-c', join(dir, 'tinyproxy.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => { log += d; });
    child.stderr!.on('data', (d) => { log += d; });
    await waitForPort(port, child);
  });

  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    await plain?.close();
    await secure?.close();
  });

  const proxyUrl = (auth = 'user:pass@') => `http://${auth}127.0.0.1:${port}`;

  test('http:// through the proxy (absolute-form) with credentials from the proxy URL', async () => {
    const pm = proxyFromUrl(proxyUrl());
    try {
      const r = await pm.urlopen('GET', `${plain.url}/get?via=proxy`);
      assert.equal(r.status, 200, log);
      assert.deepEqual(json(r.data).args, { via: 'proxy' });
      const denied = await pm.urlopen('GET', `${plain.url}/get`, { proxy: { url: proxyUrl('') } });
      assert.equal(denied.status, 407);
    } finally {
      pm.clear();
    }
  });

  test('https:// through a CONNECT tunnel, origin certificate verified with its CA', async () => {
    const pm = proxyFromUrl(proxyUrl(), { tls: { ca: secure.ca! } });
    try {
      const r = await pm.urlopen('GET', `${secure.url}/headers`);
      assert.equal(r.status, 200);
      assert.equal(r.connection.secure, true);
      const headers = json(r.data).headers as Record<string, string>;
      assert.ok(!Object.keys(headers).some((h) => h.toLowerCase() === 'proxy-authorization'), 'credentials stay with the proxy');
      const again = await pm.urlopen('GET', `${secure.url}/get`);
      assert.equal(again.connection.reused, true, 'the tunnel is kept and reused');
    } finally {
      pm.clear();
    }
  });

  test('through the tunnel, an unverifiable origin certificate is an SSLError', async () => {
    const pm = proxyFromUrl(proxyUrl());
    try {
      await assert.rejects(pm.urlopen('GET', `${secure.url}/get`, { retries: false }), SSLError);
    } finally {
      pm.clear();
    }
  });

  test('CONNECT without credentials: 407 → ProxyError', async () => {
    const pm = proxyFromUrl(proxyUrl(''), { tls: { ca: secure.ca! } });
    try {
      await assert.rejects(pm.urlopen('GET', `${secure.url}/get`, { retries: false }), (e: unknown) => {
        assert.ok(e instanceof ProxyError);
        assert.ok(e.originalError instanceof TunnelError);
        assert.equal(e.originalError.status, 407);
        return true;
      });
    } finally {
      pm.clear();
    }
  });
});
