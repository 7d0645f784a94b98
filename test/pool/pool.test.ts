/**
 * Connection reuse rules of the pool against raw loopback servers: LIFO reuse, maxsize with and
 * without block, pool timeout, LRU bound on pools, idle expiry, servers that close idle sockets
 * or send stray bytes, the once-only retry of idempotent requests on a stale connection.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { PoolManager } from '../../src/pool/manager.js';
import { ClosedPoolError, EmptyPoolError, ProtocolError } from '../../src/pool/errors.js';
import { ok, sleep, startRawServer, type Handler, type RawServer } from './raw-server.js';

async function withServer(fn: (srv: RawServer) => Promise<void>, handler: Handler = (_r, s) => { s.write(ok()); }): Promise<void> {
  const srv = await startRawServer(handler);
  try {
    await fn(srv);
  } finally {
    await srv.close();
  }
}

test('sequential requests reuse one keep-alive connection', () => withServer(async (srv) => {
  const pm = new PoolManager();
  try {
    const reused: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await pm.urlopen('GET', `${srv.url}/${i}`);
      assert.equal(Buffer.from(r.data!).toString(), 'ok');
      reused.push(r.connection.reused);
    }
    assert.equal(srv.connections, 1);
    assert.deepEqual(reused, [false, true, true, true, true]);
  } finally {
    pm.clear();
  }
}));

test('idle connections are reused last-in first-out', () => withServer(async (srv) => {
  const pm = new PoolManager();
  try {
    const rs = await Promise.all(['/a', '/b', '/c'].map((p) => pm.urlopen('GET', srv.url + p, { preloadContent: false })));
    assert.equal(srv.connections, 3);
    const connOf = (path: string) => srv.requests.find((r) => r.target === path)!.conn;
    for (const r of rs) await r.readAll();
    // Released in the order a, b, c: c's connection is on top of the idle stack.
    await pm.urlopen('GET', srv.url + '/next');
    assert.equal(connOf('/next'), connOf('/c'));
    assert.equal(srv.connections, 3);
  } finally {
    pm.clear();
  }
}));

test('without block, connections beyond maxsize are opened and not kept', () => withServer(async (srv) => {
  const pm = new PoolManager({ maxsize: 2 });
  try {
    const rs = await Promise.all([1, 2, 3, 4].map((i) => pm.urlopen('GET', `${srv.url}/${i}`, { preloadContent: false })));
    assert.equal(srv.connections, 4);
    for (const r of rs) await r.readAll();
    for (let i = 0; i < 50 && srv.open > 2; i++) await sleep(5);
    assert.equal(srv.open, 2, 'two extra connections were closed on release');
  } finally {
    pm.clear();
  }
}));

test('with block, requests wait for a free connection; pool timeout → EmptyPoolError', () => withServer(async (srv) => {
  const pm = new PoolManager({ maxsize: 1, block: true, poolTimeout: 50 });
  try {
    const held = await pm.urlopen('GET', `${srv.url}/1`, { preloadContent: false });
    const t0 = Date.now();
    await assert.rejects(pm.urlopen('GET', `${srv.url}/2`, { retries: false }), EmptyPoolError);
    assert.ok(Date.now() - t0 >= 40);
    const waiting = pm.urlopen('GET', `${srv.url}/3`, { timeout: { pool: 2000 } });
    await sleep(20);
    await held.readAll();
    const r = await waiting;
    assert.equal(r.status, 200);
    assert.equal(r.connection.reused, true);
    assert.equal(srv.connections, 1);
  } finally {
    pm.clear();
  }
}));

test('the number of pools is bounded: least recently used closed first', async () => {
  const servers = await Promise.all([0, 1, 2].map(() => startRawServer((_r, s) => { s.write(ok()); })));
  const pm = new PoolManager({ numPools: 2 });
  try {
    await pm.urlopen('GET', servers[0]!.url);
    await pm.urlopen('GET', servers[1]!.url);
    await pm.urlopen('GET', servers[0]!.url); // 0 becomes most recent
    await pm.urlopen('GET', servers[2]!.url); // evicts 1
    assert.equal(pm.poolCount, 2);
    for (let i = 0; i < 50 && servers[1]!.open > 0; i++) await sleep(5);
    assert.equal(servers[1]!.open, 0);
    assert.equal(servers[0]!.open, 1);
    await pm.urlopen('GET', servers[0]!.url);
    assert.equal(servers[0]!.connections, 1, 'pool 0 survived with its connection');
  } finally {
    pm.clear();
    for (const s of servers) await s.close();
  }
});

test('a server that closes idle keep-alive sockets: the dead connection is dropped, not used', () => withServer(async (srv) => {
  const pm = new PoolManager();
  try {
    await pm.urlopen('GET', `${srv.url}/1`);
    await sleep(60);
    const r = await pm.urlopen('GET', `${srv.url}/2`, { retries: false });
    assert.equal(r.status, 200);
    assert.equal(r.connection.reused, false);
    assert.equal(srv.connections, 2);
  } finally {
    pm.clear();
  }
}, (_r, s) => {
  s.write(ok());
  setTimeout(() => s.end(), 10);
}));

test('an idle connection that received stray bytes is not reused', () => withServer(async (srv) => {
  const pm = new PoolManager();
  try {
    await pm.urlopen('GET', `${srv.url}/1`);
    await sleep(40);
    const r = await pm.urlopen('GET', `${srv.url}/2`, { retries: false });
    assert.equal(Buffer.from(r.data!).toString(), 'ok');
    assert.equal(r.connection.reused, false);
  } finally {
    pm.clear();
  }
}, (req, s) => {
  s.write(ok());
  if (req.index === 0) setTimeout(() => s.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstray'), 10);
}));

test('idle connections older than keepAliveMs are not reused', () => withServer(async (srv) => {
  const pm = new PoolManager({ keepAliveMs: 20 });
  try {
    await pm.urlopen('GET', `${srv.url}/1`);
    await sleep(50);
    const r = await pm.urlopen('GET', `${srv.url}/2`);
    assert.equal(r.connection.reused, false);
    assert.equal(srv.connections, 2);
  } finally {
    pm.clear();
  }
}));

test('Connection: close, read-until-close and HTTP/1.0 responses are not reused', () => withServer(async (srv) => {
  const pm = new PoolManager();
  try {
    for (const p of ['/close', '/eof', '/http10', '/after']) await pm.urlopen('GET', srv.url + p);
    assert.equal(srv.connections, 4);
  } finally {
    pm.clear();
  }
}, (req, s) => {
  if (req.target === '/close') s.write(ok('ok', 'Connection: close\r\n'));
  else if (req.target === '/eof') s.end('HTTP/1.1 200 OK\r\n\r\nuntil close');
  else if (req.target === '/http10') s.write('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok');
  else s.write(ok());
}));

test('a body released before its end closes the connection', () => withServer(async (srv) => {
  const pm = new PoolManager();
  try {
    const r = await pm.urlopen('GET', `${srv.url}/big`, { preloadContent: false });
    assert.ok((await r.read())!.length > 0);
    r.release();
    const r2 = await pm.urlopen('GET', `${srv.url}/small`);
    assert.equal(r2.connection.reused, false);
    assert.equal(srv.connections, 2);
  } finally {
    pm.clear();
  }
}, (req, s) => {
  if (req.target === '/big') {
    s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n`);
    s.write(Buffer.alloc(64 * 1024, 97));
  } else {
    s.write(ok());
  }
}));

test('drainAndRelease keeps the connection when the rest is small', () => withServer(async (srv) => {
  const pm = new PoolManager();
  try {
    const r = await pm.urlopen('GET', `${srv.url}/x`, { preloadContent: false });
    await r.drainAndRelease();
    const r2 = await pm.urlopen('GET', `${srv.url}/y`);
    assert.equal(r2.connection.reused, true);
  } finally {
    pm.clear();
  }
}, (_r, s) => { s.write(ok('x'.repeat(10_000))); }));

// The server reads the second request on a connection and drops the socket without answering:
// the race of a keep-alive timeout on the server with a new request from the client.
const dropSecond = (req: { index: number }, s: import('node:net').Socket): void => {
  if (req.index === 1) s.destroy();
  else s.write(ok());
};

test('an idempotent request failing on a reused connection is retried once on a fresh one', () => withServer(async (srv) => {
  const pm = new PoolManager({ retries: false });
  try {
    await pm.urlopen('GET', `${srv.url}/1`);
    const r = await pm.urlopen('GET', `${srv.url}/2`);
    assert.equal(r.status, 200);
    assert.equal(r.connection.reused, false);
    assert.equal(srv.connections, 2);
    assert.deepEqual(srv.requests.map((q) => [q.conn, q.target]), [[0, '/1'], [0, '/2'], [1, '/2']]);
  } finally {
    pm.clear();
  }
}, dropSecond));

test('a POST failing on a reused connection is not retried', () => withServer(async (srv) => {
  const pm = new PoolManager();
  try {
    await pm.urlopen('GET', `${srv.url}/1`);
    await assert.rejects(pm.urlopen('POST', `${srv.url}/post`, { body: 'data' }), ProtocolError);
    assert.equal(srv.requests.filter((q) => q.method === 'POST').length, 1);
    assert.equal(srv.connections, 1);
  } finally {
    pm.clear();
  }
}, dropSecond));

test('a one-shot body is never replayed', () => withServer(async (srv) => {
  const pm = new PoolManager();
  try {
    await pm.urlopen('GET', `${srv.url}/1`);
    async function* body() { yield Buffer.from('abcd'); }
    await assert.rejects(pm.urlopen('PUT', `${srv.url}/put`, { body: body(), bodyLength: 4 }), ProtocolError);
    assert.equal(srv.requests.filter((q) => q.method === 'PUT').length, 1);
  } finally {
    pm.clear();
  }
}, dropSecond));

test('clear() closes idle connections; requests waiting on a closed pool fail', () => withServer(async (srv) => {
  const pm = new PoolManager({ maxsize: 1, block: true });
  const held = await pm.urlopen('GET', `${srv.url}/1`, { preloadContent: false });
  const waiting = pm.urlopen('GET', `${srv.url}/2`);
  await sleep(10);
  pm.clear();
  await assert.rejects(waiting, ClosedPoolError);
  await held.readAll();
  for (let i = 0; i < 50 && srv.open > 0; i++) await sleep(5);
  assert.equal(srv.open, 0, 'the in-flight connection was closed when it came back');
}));

test('idle pooled sockets do not keep the process alive', () => withServer(async (srv) => {
  const code = `
    import { PoolManager } from ${JSON.stringify(new URL('../../src/pool/manager.ts', import.meta.url).href)};
    const pm = new PoolManager();
    const r = await pm.urlopen('GET', ${JSON.stringify(srv.url)});
    console.log(r.status);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const t0 = Date.now();
  const exit = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => { child.kill(); resolve(null); }, 10_000);
    child.on('exit', (c) => { clearTimeout(timer); resolve(c); });
  });
  assert.equal(exit, 0, err);
  assert.equal(out.trim(), '200');
  assert.equal(srv.connections, 1);
  assert.ok(Date.now() - t0 < 10_000);
}));

test('IPv6 literal hosts: bracketed Host header, one pool', async (t) => {
  const { createServer } = await import('node:net');
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('data', (d) => {
      const host = /\r\nHost: ([^\r]*)/i.exec(d.toString('latin1'))?.[1] ?? '';
      s.write(ok(host));
    });
    s.on('error', () => {});
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(0, '::1', () => resolve(true));
  });
  if (!listening) return t.skip('no IPv6 loopback here');
  const port = (server.address() as { port: number }).port;
  const pm = new PoolManager();
  try {
    const r = await pm.urlopen('GET', `http://[::1]:${port}/x`);
    assert.equal(Buffer.from(r.data!).toString(), `[::1]:${port}`);
    const r2 = await pm.urlopen('GET', `http://[::1]:${port}/y`);
    assert.equal(r2.connection.reused, true);
  } finally {
    pm.clear();
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  }
});

test('an abandoned streaming response does not keep the process alive; one being read does', () => withServer(async (srv) => {
  const run = async (code: string): Promise<{ exit: number | null; out: string; ms: number }> => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const t0 = Date.now();
    const exit = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => { child.kill(); resolve(null); }, 10_000);
      child.on('exit', (c) => { clearTimeout(timer); resolve(c); });
    });
    return { exit, out: out.trim(), ms: Date.now() - t0 };
  };
  const mod = JSON.stringify(new URL('../../src/pool/manager.ts', import.meta.url).href);
  const abandoned = await run(`
    import { PoolManager } from ${mod};
    const r = await new PoolManager().urlopen('GET', ${JSON.stringify(srv.url)}, { preloadContent: false });
    console.log(r.status);`);
  assert.equal(abandoned.exit, 0, abandoned.out);
  assert.equal(abandoned.out, '200');
  const reading = await run(`
    import { PoolManager } from ${mod};
    const r = await new PoolManager().urlopen('GET', ${JSON.stringify(srv.url + '/rest')}, { preloadContent: false });
    console.log(Buffer.from(await r.readAll()).toString());`);
  assert.equal(reading.exit, 0, reading.out);
  assert.equal(reading.out, 'first part, then the rest');
}, (req, s) => {
  // Head and a first part now; the rest only for /rest, 200 ms later.
  s.write('HTTP/1.1 200 OK\r\nContent-Length: 25\r\n\r\nfirst part');
  if (req.target === '/rest') setTimeout(() => s.write(', then the rest'), 200);
}));
