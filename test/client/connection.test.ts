import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { HTTPConnection } from '../../src/client/connection.js';
import {
  CannotSendHeader, CannotSendRequest, ConnectionRefusedError, HTTPException, IncompleteRead, InvalidURL, LineTooLong, NotConnected,
  RemoteDisconnected, ConnectionResetError, ResponseNotReady, TimeoutError, BadStatusLine,
} from '../../src/client/errors.js';
import { hostHeader } from '../../src/client/hostport.js';
import { startRawServer, write, writeAndEnd, type RawServer } from './raw-server.js';

const OK = (body: string, extra = ''): string => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;

async function withServer(handler: Parameters<typeof startRawServer>[0], fn: (s: RawServer) => Promise<void>): Promise<void> {
  const s = await startRawServer(handler);
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

test('host/port parsing follows CPython _get_hostport', () => {
  assert.deepEqual([new HTTPConnection('example.com').host, new HTTPConnection('example.com').port], ['example.com', 80]);
  const c = new HTTPConnection('example.com:8080');
  assert.deepEqual([c.host, c.port], ['example.com', 8080]);
  const v6 = new HTTPConnection('[::1]:8080');
  assert.deepEqual([v6.host, v6.port], ['::1', 8080]);
  const v6b = new HTTPConnection('[::1]');
  assert.deepEqual([v6b.host, v6b.port], ['::1', 80]);
  const empty = new HTTPConnection('example.com:');
  assert.deepEqual([empty.host, empty.port], ['example.com', 80]);
  assert.equal(new HTTPConnection('h', { port: 81 }).port, 81);
  assert.throws(() => new HTTPConnection('example.com:abc'), (e: unknown) => e instanceof InvalidURL && e.message === "nonnumeric port: 'abc'");
  assert.throws(() => new HTTPConnection('exa\nmple.com'), InvalidURL);
});

test('request() sends CPython headers: Host (port when non-default), Accept-Encoding, Content-Length rules', async () => {
  await withServer(async (_req, sock) => write(sock, OK('ok')), async (s) => {
    const conn = new HTTPConnection('127.0.0.1', { port: s.port });
    const send = async (method: string, url: string, opts = {}): Promise<void> => {
      await conn.request(method, url, opts);
      const r = await conn.getresponse();
      await r.read();
    };
    await send('GET', '/a');
    await send('POST', '/b');
    await send('POST', '/c', { body: 'caf\u00e9', headers: { 'X-Num': 5, 'Content-Type': 'text/plain' } });
    await send('PUT', '/d', { body: new Uint8Array([1, 2, 3]) });
    await send('POST', '/e', { body: Readable.from([Buffer.from('ab'), Buffer.from(''), Buffer.from('cd')]) });
    await send('POST', '/f', { body: ['x', 'yz'], headers: { 'Content-Length': '3' } });
    await send('GET', '/g', { headers: { Host: 'other', 'Accept-Encoding': 'gzip' } });
    await send('GET', 'http://proxy.example:81/h');
    await send('GET', '');
    const r = s.requests;
    assert.equal(r[0]!.head, `GET /a HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nAccept-Encoding: identity`);
    assert.equal(r[1]!.head, `POST /b HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nAccept-Encoding: identity\r\nContent-Length: 0`);
    assert.equal(r[2]!.head, `POST /c HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nAccept-Encoding: identity\r\nContent-Length: 4\r\nX-Num: 5\r\nContent-Type: text/plain`);
    assert.deepEqual([...r[2]!.body], [0x63, 0x61, 0x66, 0xe9]);
    assert.match(r[3]!.head, /Content-Length: 3$/);
    assert.match(r[4]!.head, /Transfer-Encoding: chunked$/);
    assert.equal(r[4]!.body.toString(), 'abcd');
    assert.equal(r[5]!.body.toString(), 'xyz');
    assert.doesNotMatch(r[5]!.head, /Transfer-Encoding/);
    assert.equal(r[6]!.head, 'GET /g HTTP/1.1\r\nHost: other\r\nAccept-Encoding: gzip');
    assert.match(r[7]!.head, /^GET http:\/\/proxy.example:81\/h HTTP\/1.1\r\nHost: proxy.example:81\r\n/);
    assert.match(r[8]!.head, /^GET \/ HTTP\/1.1/);
    assert.equal(s.accepted, 1, 'all requests on one kept-alive socket');
    conn.close();
  });
});

test('Host header: default port omitted, IPv6 bracketed', async () => {
  assert.equal(hostHeader('/', '::1', 80, 80), '[::1]');
  assert.equal(hostHeader('/', '::1', 8080, 80), '[::1]:8080');
  assert.equal(hostHeader('/', 'example.com', 443, 443), 'example.com');
  assert.equal(hostHeader('/', 'b\u00fccher.example', 80, 80), 'xn--bcher-kva.example');
  assert.equal(hostHeader('https://h.example:444/x', 'proxy', 3128, 80), 'h.example:444');
  await withServer(async (_req, sock) => write(sock, OK('')), async (s) => {
    const c6 = new HTTPConnection('127.0.0.1', { port: s.port });
    c6.putrequest('GET', '/x', { skipAcceptEncoding: true });
    c6.putheader('X-Multi', 'a', 7, Buffer.from('b'));
    await c6.endheaders();
    await (await c6.getresponse()).read();
    assert.equal(s.requests[0]!.head, `GET /x HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nX-Multi: a\r\n\t7\r\n\tb`);
    c6.close();
  });
});

test('state machine: CannotSendRequest, CannotSendHeader, ResponseNotReady as CPython', async () => {
  await withServer(async (_req, sock) => write(sock, OK('hi')), async (s) => {
    const conn = new HTTPConnection('127.0.0.1', { port: s.port });
    await assert.rejects(conn.getresponse(), (e: unknown) => e instanceof ResponseNotReady && e.message === 'Idle');
    assert.throws(() => conn.putheader('X', 'y'), CannotSendHeader);
    conn.putrequest('GET', '/');
    assert.throws(() => conn.putrequest('GET', '/'), (e: unknown) => e instanceof CannotSendRequest && e.message === 'Request-started');
    await assert.rejects(conn.getresponse(), (e: unknown) => e instanceof ResponseNotReady && e.message === 'Request-started');
    await conn.endheaders();
    await assert.rejects(conn.endheaders(), CannotSendHeader);
    assert.throws(() => conn.putrequest('GET', '/'), (e: unknown) => e instanceof CannotSendRequest && e.message === 'Request-sent');
    const pending = conn.getresponse();
    await assert.rejects(conn.getresponse(), (e: unknown) => e instanceof ResponseNotReady && e.message === 'Request-sent');
    const r = await pending;
    // A new request may be sent before the previous response is read, but not its response read.
    await assert.rejects(conn.getresponse(), (e: unknown) => e instanceof ResponseNotReady && e.message === 'Idle');
    assert.deepEqual(Buffer.from(await r.read()).toString(), 'hi');
    assert.ok(r.isclosed());
    await conn.request('GET', '/again');
    assert.equal(Buffer.from(await (await conn.getresponse()).read()).toString(), 'hi');
    assert.equal(s.accepted, 1);
    conn.close();
  });
});

test('invalid method, URL and header values are refused before anything is written', () => {
  const conn = new HTTPConnection('127.0.0.1', { port: 9 });
  assert.throws(() => conn.putrequest('GE T', '/'), TypeError);
  conn.close();
  assert.throws(() => conn.putrequest('GET', '/a b'), InvalidURL);
  conn.close();
  assert.throws(() => conn.putrequest('GET', '/\r\nX: y'), InvalidURL);
  conn.close();
  conn.putrequest('GET', '/');
  assert.throws(() => conn.putheader('X-A', 'a\r\nInjected: 1'), TypeError);
  assert.throws(() => conn.putheader('Bad Name', 'v'), TypeError);
  conn.close();
});

test('string bodies are encoded ISO-8859-1; other characters are an error naming them', async () => {
  const conn = new HTTPConnection('127.0.0.1', { port: 9 });
  await assert.rejects(conn.request('POST', '/', { body: 'price: 5\u20ac' }), (e: unknown) => e instanceof RangeError && e.message.includes("('\u20ac')") && e.message.includes('not valid Latin-1'));
  conn.close();
});

test('keep-alive reuse, then reconnect after the server closes (Connection: close and silent close)', async () => {
  await withServer(async (req, sock) => {
    if (req.target === '/close') return writeAndEnd(sock, OK('bye', 'Connection: close\r\n'));
    if (req.target === '/silent') {
      await write(sock, OK('later'));
      sock.end();
      return;
    }
    return write(sock, OK('hi'));
  }, async (s) => {
    const conn = new HTTPConnection('127.0.0.1', { port: s.port });
    for (let i = 0; i < 3; i++) {
      await conn.request('GET', '/');
      await (await conn.getresponse()).read();
    }
    assert.equal(s.accepted, 1);
    await conn.request('GET', '/close');
    const r = await conn.getresponse();
    assert.equal(r.willClose, true);
    assert.equal(conn.sock, null, 'the response took the socket');
    assert.equal(Buffer.from(await r.read()).toString(), 'bye');
    await conn.request('GET', '/');
    await (await conn.getresponse()).read();
    assert.equal(s.accepted, 2, 'auto_open reconnected');
    await conn.request('GET', '/silent');
    await (await conn.getresponse()).read();
    // Wait (bounded) until the engine has seen the peer's FIN on the idle socket.
    const sock = (): { isAvailable(): boolean } | null => conn.sock;
    for (let i = 0; i < 200 && sock()?.isAvailable() === true; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await conn.request('GET', '/');
    assert.equal(Buffer.from(await (await conn.getresponse()).read()).toString(), 'hi');
    assert.equal(s.accepted, 3, 'a socket the peer closed while idle is replaced');
    conn.close();
  });
});

test('autoOpen off: send on a closed connection is NotConnected', async () => {
  const conn = new HTTPConnection('127.0.0.1', { port: 9 });
  conn.autoOpen = false;
  await assert.rejects(conn.send('x'), NotConnected);
});

test('malformed responses: BadStatusLine, LineTooLong, >100 headers, RemoteDisconnected, IncompleteRead', async () => {
  const replies: Record<string, string> = {
    '/bad': 'garbage here\r\n\r\n',
    '/long': `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(70000)}\r\n\r\n`,
    '/many': `HTTP/1.1 200 OK\r\n${'X-A: 1\r\n'.repeat(101)}\r\n`,
    '/none': '',
    '/short': 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345',
  };
  await withServer(async (req, sock) => writeAndEnd(sock, replies[req.target]!), async (s) => {
    const get = async (path: string): Promise<unknown> => {
      const conn = new HTTPConnection('127.0.0.1', { port: s.port });
      try {
        await conn.request('GET', path);
        const r = await conn.getresponse();
        return await r.read();
      } catch (e) {
        return e;
      } finally {
        conn.close();
      }
    };
    const bad = await get('/bad');
    assert.ok(bad instanceof BadStatusLine && bad.line === 'garbage here\r\n');
    const long = await get('/long');
    assert.ok(long instanceof LineTooLong && long.message === 'got more than 65536 bytes when reading header line');
    const many = await get('/many');
    assert.ok(many instanceof HTTPException && (many as Error).message === 'got more than 100 headers');
    const none = await get('/none');
    assert.ok(none instanceof RemoteDisconnected && none instanceof ConnectionResetError && none instanceof BadStatusLine);
    const short = await get('/short');
    assert.ok(short instanceof IncompleteRead);
    assert.equal(Buffer.from(short.partial).toString(), '12345');
    assert.equal(short.expected, 5);
    assert.equal(short.message, 'IncompleteRead(5 bytes read, 5 more expected)');
    assert.ok((short as Error).cause !== undefined, 'the engine error is kept as cause');
  });
});

test('connection refused is ConnectionRefusedError with code, never a timeout', async () => {
  const s = await startRawServer(() => {});
  const port = s.port;
  await s.close();
  const conn = new HTTPConnection('127.0.0.1', { port });
  await assert.rejects(conn.request('GET', '/'), (e: unknown) => e instanceof ConnectionRefusedError && e.code === 'ECONNREFUSED' && !(e instanceof TimeoutError));
  conn.close();
});

test('read timeout is TimeoutError("timed out")', async () => {
  await withServer(async () => {}, async (s) => {
    const conn = new HTTPConnection('127.0.0.1', { port: s.port, timeout: 150 });
    await conn.request('GET', '/');
    await assert.rejects(conn.getresponse(), (e: unknown) => e instanceof TimeoutError && (e as Error).message === 'timed out');
    conn.close();
  });
});

test('setTunnel refuses an established connection', async () => {
  await withServer(async (_req, sock) => write(sock, OK('')), async (s) => {
    const conn = new HTTPConnection('127.0.0.1', { port: s.port });
    await conn.connect();
    assert.throws(() => conn.setTunnel('example.com'), /Can't set up tunnel for established connection/);
    conn.close();
  });
});

test('low-level path: putrequest/putheader/endheaders then send(); explicit Transfer-Encoding with encodeChunked', async () => {
  await withServer(async (_req, sock) => write(sock, OK('ok')), async (s) => {
    await using conn = new HTTPConnection('127.0.0.1', { port: s.port, sourceAddress: ['127.0.0.1', 0] });
    conn.putrequest('POST', '/raw');
    conn.putheader('Content-Length', 6);
    await conn.endheaders();
    await conn.send('abc');
    await conn.send(new Uint8Array([0x64, 0x65, 0x66]));
    await (await conn.getresponse()).read();
    assert.equal(s.requests[0]!.body.toString(), 'abcdef');
    await conn.request('POST', '/te', { body: ['x', Buffer.from('yz')], headers: { 'Transfer-Encoding': 'chunked' }, encodeChunked: true });
    await (await conn.getresponse()).read();
    assert.equal(s.requests[1]!.body.toString(), 'xyz');
    assert.match(s.requests[1]!.head, /Transfer-Encoding: chunked$/);
    conn.putrequest('POST', '/body');
    conn.putheader('Transfer-Encoding', 'chunked');
    await conn.endheaders({ messageBody: new Blob(['blob-', 'data']), encodeChunked: true });
    await (await conn.getresponse()).read();
    assert.equal(s.requests[2]!.body.toString(), 'blob-data');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(Buffer.from('web-'));
        controller.enqueue(Buffer.from('stream'));
        controller.close();
      },
    });
    await conn.request('PUT', '/web', { body: stream });
    await (await conn.getresponse()).read();
    assert.equal(s.requests[3]!.body.toString(), 'web-stream');
    assert.match(s.requests[3]!.head, /Transfer-Encoding: chunked$/);
    assert.equal(s.accepted, 1);
  });
});

test('setDebuglevel prints what is sent and received, like CPython', async () => {
  await withServer(async (_req, sock) => write(sock, OK('ok', 'X-Debug: 1\r\n')), async (s) => {
    const conn = new HTTPConnection('127.0.0.1', { port: s.port });
    conn.setDebuglevel(1);
    const lines: string[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => void lines.push(args.join(' '));
    try {
      await conn.request('GET', '/dbg');
      await (await conn.getresponse()).read();
    } finally {
      console.log = original;
      conn.close();
    }
    assert.ok(lines.some((l) => l.startsWith("send: b'GET /dbg HTTP/1.1\\r\\n")));
    assert.ok(lines.includes("reply: 'HTTP/1.1 200 OK\\r\\n'"));
    assert.ok(lines.includes('header: X-Debug: 1'));
  });
});

test('an idle kept-alive connection that is never closed does not keep the process alive', async () => {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  await withServer(async (_req, sock) => write(sock, OK('ok')), async (s) => {
    const module = fileURLToPath(new URL('../../src/client/connection.ts', import.meta.url));
    const script = `import { HTTPConnection } from ${JSON.stringify(module)};
      const conn = new HTTPConnection('127.0.0.1', { port: ${s.port} });
      await conn.request('GET', '/');
      const r = await conn.getresponse();
      console.log(Buffer.from(await r.read()).toString());`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill(), 20_000);
    const code = await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    assert.equal(code, 0);
    assert.equal(out.trim(), 'ok');
    assert.equal(s.accepted, 1);
  });
});

test('IPv6 literal host "[::1]:port": connects and sends a bracketed Host header', async (t) => {
  let s: RawServer;
  try {
    s = await startRawServer(async (_req, sock) => write(sock, OK('v6')), '::1');
  } catch {
    t.skip('no IPv6 loopback here');
    return;
  }
  try {
    const conn = new HTTPConnection(`[::1]:${s.port}`);
    await conn.request('GET', '/');
    assert.equal(Buffer.from(await (await conn.getresponse()).read()).toString(), 'v6');
    assert.match(s.requests[0]!.head, new RegExp(`\\r\\nHost: \\[::1\\]:${s.port}\\r\\n`));
    conn.close();
  } finally {
    await s.close();
  }
});

test('a body above the join limit goes out with its head, whole and in order (head and body written together)', async () => {
  await withServer(async (_req, sock) => write(sock, OK('ok')), async (s) => {
    const conn = new HTTPConnection('127.0.0.1', { port: s.port });
    try {
      const body = Buffer.alloc(3 * 1024 * 1024 + 7);
      for (let i = 0; i < body.length; i++) body[i] = (i * 31) & 0xff;
      for (let round = 0; round < 2; round++) {
        await conn.request('POST', `/big${round}`, { body });
        const r = await conn.getresponse();
        assert.equal((await r.read()).toString(), 'ok');
      }
      assert.equal(s.requests.length, 2);
      for (const [i, req] of s.requests.entries()) {
        assert.match(req.head, new RegExp(`^POST /big${i} HTTP/1.1\\r\\n[\\s\\S]*Content-Length: ${body.length}$`));
        assert.ok(req.body.equals(body), `body ${i} intact`);
      }
      assert.equal(s.accepted, 1);
    } finally {
      conn.close();
    }
  });
});
