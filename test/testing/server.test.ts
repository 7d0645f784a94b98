// The server itself: malformed HTTP gets a 400 and the server keeps serving; TLS with the exposed
// CA; close() ends keep-alive connections and pending slow routes promptly.
import assert from 'node:assert/strict';
import { Agent, get } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';
import { json, send } from './client.js';

/** Write `bytes` on a fresh connection and collect everything until the server closes (≤ 5 s). */
function raw(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => { socket.destroy(); resolve(Buffer.concat(chunks).toString('latin1')); }, 5000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => { clearTimeout(timer); resolve(Buffer.concat(chunks).toString('latin1')); });
    socket.on('error', (err) => { clearTimeout(timer); reject(err); });
    socket.end(bytes);
  });
}

describe('malformed requests', () => {
  let server: HttpbinServer;
  before(async () => { server = await startHttpbin(); });
  after(async () => { await server.close(); });

  const cases: Array<[string, string, RegExp]> = [
    ['garbage request line', 'GARBAGE\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['header without colon', 'GET /get HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['space before colon', 'GET /get HTTP/1.1\r\nHost : x\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['bad chunk size', 'POST /post HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['non-numeric Content-Length', 'POST /post HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['Content-Length with Transfer-Encoding', 'POST /post HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['control character in header value', 'GET /get HTTP/1.1\r\nHost: x\r\nX: a\x01b\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['raw non-ASCII byte in the target (RFC 9112 §3.2)', 'GET /get?q=\xff HTTP/1.1\r\nHost: x\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['oversized header block', `GET /get HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`, /^HTTP\/1\.1 431 /],
  ];
  for (const [name, bytes, expected] of cases) {
    test(`${name} → error status, and the server still serves`, async () => {
      assert.match(await raw(server.port, bytes), expected);
      const ok = await send(server.url, { path: '/get' });
      assert.equal(ok.status, 200);
    });
  }

  test('routes cannot be made to inject headers; errors in routes are 500s, and serving goes on', async () => {
    for (const path of ['/response-headers?X=a%0D%0AInjected:%201', '/response-headers?a%0Ab=1', '/redirect-to?url=%0D%0Ax']) {
      const res = await send(server.url, { path });
      assert.equal(res.status, 500, path);
      assert.equal(res.headers['injected'], undefined);
    }
    const framed = await send(server.url, { path: '/response-headers?Content-Length=5' });
    assert.equal(framed.status, 200);
    assert.equal(Number(framed.headers['content-length']), framed.body.length);
    assert.equal((await send(server.url, { path: '/get' })).status, 200);
  });

  test('a body cut short by the client does not hurt the server', async () => {
    await raw(server.port, 'POST /post HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort');
    assert.equal((await send(server.url, { path: '/get' })).status, 200);
  });

  test('raw bytes in the request target and odd percent escapes are tolerated', async () => {
    const answer = await raw(server.port, 'GET /anything/%zz%C3%A9?q=%ZZ&r=%e2%82%ac HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 200 /);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { url: string; args: Record<string, string> };
    // As Werkzeug rebuilds it: the bad escape's "%" quoted, valid UTF-8 escapes decoded.
    assert.equal(body.url, 'http://h/anything/%25zzé?q=%ZZ&r=€');
    assert.deepEqual(body.args, { q: '%ZZ', r: '€' });
  });

  test('absolute-form targets are routed by their path', async () => {
    const answer = await raw(server.port, `GET http://127.0.0.1:${server.port}/get?x=1 HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`);
    assert.match(answer, /^HTTP\/1\.1 200 /);
    assert.match(answer, /"args":\{"x":"1"\}/);
  });

  test('doubled slashes: leading ones collapse, inner ones get a 308 to the merged path', async () => {
    const lead = await raw(server.port, 'GET //get HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n');
    assert.match(lead, /^HTTP\/1\.1 200 /);
    const inner = await raw(server.port, 'GET /anything//a//b?x=1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n');
    assert.match(inner, /^HTTP\/1\.1 308 /);
    assert.match(inner, /\r\nLocation: http:\/\/h\/anything\/a\/b\?x=1\r\n/);
    assert.match(await raw(server.port, 'GET /get// HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'), /^HTTP\/1\.1 404 /);
  });

  test('HTTP/1.1 request without Host is answered, as gunicorn does', async () => {
    const answer = await raw(server.port, 'GET /headers HTTP/1.1\r\nConnection: close\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 200 /);
    assert.match(answer, /\{"headers":\{"Connection":"close"\}\}/);
  });

  test('HTTP/1.0 request without Host is answered', async () => {
    const answer = await raw(server.port, 'GET /get HTTP/1.0\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 200 /);
    assert.match(answer, new RegExp(`"url":"http://127\\.0\\.0\\.1:${server.port}/get"`));
  });
});

describe('TLS', () => {
  let server: HttpbinServer;
  before(async () => { server = await startHttpbin({ tls: true }); });
  after(async () => { await server.close(); });

  test('serves HTTPS verified by the exposed CA, for 127.0.0.1 and localhost', async () => {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(server.ca?.startsWith('-----BEGIN CERTIFICATE-----'));
    const res = await send(server.url, { path: '/get', ca: server.ca });
    assert.equal(res.status, 200);
    assert.equal(json(res).url, `${server.url}/get`);
    const viaName = await send(`https://localhost:${server.port}`, { path: '/get', ca: server.ca });
    assert.equal(viaName.status, 200);
  });

  test('a client without the CA refuses the certificate', async () => {
    await assert.rejects(send(server.url, { path: '/get' }), (err: NodeJS.ErrnoException) => /CERT|SELF_SIGNED|VERIFY/.test(String(err.code)));
  });

  test('cookies set over HTTPS are Secure', async () => {
    const res = await send(server.url, { path: '/cookies/set?a=1', ca: server.ca });
    assert.deepEqual(res.headers['set-cookie'], ['a=1; Secure; Path=/']);
  });
});

describe('close()', () => {
  test('ends idle keep-alive connections and pending slow routes promptly', async () => {
    const server = await startHttpbin();
    const agent = new Agent({ keepAlive: true });
    try {
      await new Promise<void>((resolve, reject) => {
        get(`${server.url}/get`, { agent }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject);
      });
      const slow = new Promise<string>((resolve) => {
        get(`${server.url}/delay/10`, { agent: false }, (res) => { res.resume(); res.on('end', () => resolve('ended')); res.on('error', () => resolve('error')); })
          .on('error', () => resolve('error'));
      });
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      await server.close();
      assert.ok(Date.now() - started < 2000, `close took ${Date.now() - started} ms`);
      assert.ok(['ended', 'error'].includes(await slow));
    } finally {
      agent.destroy();
    }
  });

  test('listens on the requested port and host', async () => {
    const first = await startHttpbin();
    await first.close();
    const again = await startHttpbin({ port: first.port, host: '127.0.0.1' });
    try {
      assert.equal(again.port, first.port);
      assert.equal(again.host, '127.0.0.1');
      assert.equal(again.url, `http://127.0.0.1:${first.port}`);
    } finally {
      await again.close();
    }
  });
});

describe('package entry point and IPv6', () => {
  test('httpkit/testing exports startHttpbin and the CA', async () => {
    const barrel = await import('../../src/testing/index.js');
    assert.equal(typeof barrel.startHttpbin, 'function');
    assert.ok(barrel.CA_CERT.includes('BEGIN CERTIFICATE'));
  });

  test('listens on ::1 with a bracketed url, over HTTP and HTTPS', async (t) => {
    let server: HttpbinServer;
    try {
      server = await startHttpbin({ host: '::1' });
    } catch {
      t.skip('no IPv6 loopback here');
      return;
    }
    try {
      assert.match(server.url, /^http:\/\/\[::1\]:\d+$/);
      const body = json(await send(server.url, { path: '/get' }));
      assert.equal(body.origin, '::1');
      assert.equal(body.url, `${server.url}/get`);
    } finally {
      await server.close();
    }
    const secure = await startHttpbin({ host: '::1', tls: true });
    try {
      assert.equal((await send(secure.url, { path: '/get', ca: secure.ca })).status, 200);
    } finally {
      await secure.close();
    }
  });
});
