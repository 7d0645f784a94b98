// Echo routes of our httpbin: args, form, files, json, data, headers, url, with every body kind.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';
import { json, send } from './client.js';

describe('echo routes', () => {
  let server: HttpbinServer;
  before(async () => { server = await startHttpbin(); });
  after(async () => { await server.close(); });

  test('GET /get reports args (repeats as lists), headers, origin and url', async () => {
    const res = await send(server.url, { path: '/get?a=1&a=2&b=%C3%A9&c', headers: { 'x-foo_bar': 'x', 'X-Rep': ['1', '2'] } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/json');
    const body = json(res);
    assert.deepEqual(Object.keys(body).sort(), ['args', 'headers', 'origin', 'url']);
    assert.deepEqual(body.args, { a: ['1', '2'], b: 'é', c: '' });
    assert.equal(body.headers['X-Foo-Bar'], 'x');
    assert.equal(body.headers['X-Rep'], '1,2');
    assert.equal(body.headers['Host'], `127.0.0.1:${server.port}`);
    assert.equal(body.origin, '127.0.0.1');
    assert.equal(body.url, `${server.url}/get?a=1&a=2&b=é&c`);
  });

  test('JSON is written as Flask writes it: sorted, compact, ASCII-only, newline-terminated', async () => {
    const res = await send(server.url, { path: '/get?z=%E2%9C%93&a=1' });
    const text = res.body.toString('latin1');
    assert.ok(text.endsWith('}\n'));
    assert.ok(text.startsWith('{"args":{"a":"1","z":"\\u2713"},"headers":{'), text);
  });

  test('POST urlencoded form goes to form, data stays empty', async () => {
    const res = await send(server.url, { method: 'POST', path: '/post', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=two+words&a=3' });
    const body = json(res);
    assert.deepEqual(body.form, { a: ['1', '3'], b: 'two words' });
    assert.equal(body.data, '');
    assert.equal(body.json, null);
    assert.deepEqual(body.files, {});
  });

  test('POST JSON is parsed into json and kept verbatim in data', async () => {
    const res = await send(server.url, { method: 'POST', path: '/post', headers: { 'Content-Type': 'application/json' }, body: '{"a": [1, 2]}' });
    const body = json(res);
    assert.deepEqual(body.json, { a: [1, 2] });
    assert.equal(body.data, '{"a": [1, 2]}');
  });

  test('binary data is reported as a base64 data: URL', async () => {
    const res = await send(server.url, { method: 'PUT', path: '/put', body: Buffer.from([0, 255, 1]) });
    assert.equal(json(res).data, 'data:application/octet-stream;base64,AP8B');
  });

  test('multipart: fields in form, first file per name in files, binary files as data: URLs', async () => {
    const b = 'XyZ';
    const body = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="f"\r\n\r\nv1\r\n`),
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="f"\r\n\r\nv2\r\n`),
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="up"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n`),
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="up"; filename="b.txt"\r\n\r\nignored\r\n`),
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="img"; filename="x.png"\r\nContent-Type: image/png\r\n\r\n`), Buffer.from([0xff, 0]),
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const res = await send(server.url, { method: 'POST', path: '/post', headers: { 'Content-Type': `multipart/form-data; boundary=${b}` }, body });
    const got = json(res);
    assert.deepEqual(got.form, { f: ['v1', 'v2'] });
    assert.deepEqual(got.files, { up: 'hello', img: 'data:image/png;base64,/wA=' });
    assert.equal(got.data, '');
  });

  test('a malformed multipart body gives an empty form, not an error', async () => {
    const res = await send(server.url, { method: 'POST', path: '/post', headers: { 'Content-Type': 'multipart/form-data; boundary=nope' }, body: 'garbage' });
    assert.equal(res.status, 200);
    assert.deepEqual(json(res).form, {});
  });

  test('chunked request bodies are read whole', async () => {
    const res = await send(server.url, { method: 'POST', path: '/post', headers: { 'Content-Type': 'application/json' }, chunks: ['{"a":', ' 1}'] });
    const body = json(res);
    assert.deepEqual(body.json, { a: 1 });
    assert.equal(body.headers['Transfer-Encoding'], 'chunked');
  });

  test('/anything echoes any method and path, with method', async () => {
    const res = await send(server.url, { method: 'PATCH', path: '/anything/a/b?x=1', body: 'raw' });
    const body = json(res);
    assert.equal(body.method, 'PATCH');
    assert.equal(body.data, 'raw');
    assert.equal(body.url, `${server.url}/anything/a/b?x=1`);
  });

  test('method-specific routes answer 405 with Allow for other methods', async () => {
    const res = await send(server.url, { method: 'DELETE', path: '/post' });
    assert.equal(res.status, 405);
    assert.equal(res.headers['allow'], 'OPTIONS, POST');
  });

  test('/headers, /ip, /user-agent, /uuid', async () => {
    assert.equal(json(await send(server.url, { path: '/headers', headers: { 'X-A': 'b' } })).headers['X-A'], 'b');
    assert.deepEqual(json(await send(server.url, { path: '/ip', headers: { 'X-Forwarded-For': '10.0.0.1' } })), { origin: '10.0.0.1' });
    assert.deepEqual(json(await send(server.url, { path: '/user-agent', headers: { 'User-Agent': 'ua/1' } })), { 'user-agent': 'ua/1' });
    assert.match(json(await send(server.url, { path: '/uuid' })).uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('CORS headers on every response; OPTIONS preflight answered', async () => {
    const res = await send(server.url, { method: 'OPTIONS', path: '/get', headers: { Origin: 'http://a.example', 'Access-Control-Request-Headers': 'X-Y' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], 'http://a.example');
    assert.equal(res.headers['access-control-allow-credentials'], 'true');
    assert.equal(res.headers['access-control-allow-headers'], 'X-Y');
    assert.equal(res.headers['allow'], 'GET, HEAD, OPTIONS');
  });

  test('HEAD gets the headers of GET and no body', async () => {
    const res = await send(server.url, { method: 'HEAD', path: '/get' });
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 0);
    assert.ok(Number(res.headers['content-length']) > 0);
  });

  test('unknown paths get a 404 page', async () => {
    const res = await send(server.url, { path: '/no/such/route' });
    assert.equal(res.status, 404);
    assert.match(res.body.toString(), /<title>404 Not Found<\/title>/);
  });
});
