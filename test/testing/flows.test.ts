// Status, response-headers, redirect, cookie and auth routes of our httpbin.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';
import { json, send } from './client.js';
import { digestAuthorization, parseChallenge } from './compat-digest.js';

describe('status, redirect, cookie and auth routes', () => {
  let server: HttpbinServer;
  before(async () => { server = await startHttpbin(); });
  after(async () => { await server.close(); });

  test('/status/:code, with httpbin bodies for 418 and redirects', async () => {
    const teapot = await send(server.url, { path: '/status/418' });
    assert.equal(teapot.status, 418);
    assert.match(teapot.body.toString(), /teapot/);
    assert.equal(teapot.headers['x-more-info'], 'http://tools.ietf.org/html/rfc2324');
    const moved = await send(server.url, { method: 'POST', path: '/status/301' });
    assert.equal(moved.status, 301);
    assert.equal(moved.headers['location'], '/redirect/1');
    assert.equal((await send(server.url, { path: '/status/401' })).headers['www-authenticate'], 'Basic realm="Fake Realm"');
  });

  test('/status weighted lists pick only codes with weight', async () => {
    for (let i = 0; i < 20; i++) assert.equal((await send(server.url, { path: '/status/200:0,503:1' })).status, 503);
    const seen = new Set<number>();
    for (let i = 0; i < 40; i++) seen.add((await send(server.url, { path: '/status/200,201' })).status);
    assert.deepEqual([...seen].sort(), [200, 201]);
  });

  test('/status with a bad code is a 400', async () => {
    const res = await send(server.url, { path: '/status/abc' });
    assert.equal(res.status, 400);
    assert.equal(res.body.toString(), 'Invalid status code');
  });

  test('/response-headers sets the query as headers and lists them with its own length', async () => {
    const res = await send(server.url, { path: '/response-headers?X-A=1&X-A=2&freeform=hi' });
    assert.deepEqual(res.headers['x-a'], '1, 2');
    const body = json(res);
    assert.deepEqual(body, { 'Content-Length': res.headers['content-length'], 'Content-Type': 'application/json', 'X-A': ['1', '2'], freeform: 'hi' });
  });

  test('/redirect/:n chains relative redirects to /get; absolute=true makes them absolute', async () => {
    assert.equal((await send(server.url, { path: '/redirect/3' })).headers['location'], '/relative-redirect/2');
    assert.equal((await send(server.url, { path: '/redirect/1' })).headers['location'], '/get');
    assert.equal((await send(server.url, { path: '/redirect/2?absolute=true' })).headers['location'], `${server.url}/absolute-redirect/1`);
    assert.equal((await send(server.url, { path: '/relative-redirect/1' })).headers['location'], '/get');
    assert.equal((await send(server.url, { path: '/absolute-redirect/1' })).headers['location'], `${server.url}/get`);
    assert.equal((await send(server.url, { path: '/redirect/0' })).status, 400);
  });

  test('/redirect-to uses the url verbatim and honours 3xx status_code only', async () => {
    const res = await send(server.url, { method: 'PUT', path: '/redirect-to?url=http%3A%2F%2Fexample.com%2F%3Fa%3D1&status_code=307' });
    assert.equal(res.status, 307);
    assert.equal(res.headers['location'], 'http://example.com/?a=1');
    assert.equal((await send(server.url, { path: '/redirect-to?url=/x&status_code=200' })).status, 302);
  });

  test('/cookies lists cookies; set and delete answer with Set-Cookie and a redirect', async () => {
    assert.deepEqual(json(await send(server.url, { path: '/cookies', headers: { Cookie: 'a=1; b="q v"; __utma=x' } })), { cookies: { a: '1', b: 'q v' } });
    const set = await send(server.url, { path: '/cookies/set?k=v&s=a%20b' });
    assert.equal(set.status, 302);
    assert.equal(set.headers['location'], '/cookies');
    assert.deepEqual(set.headers['set-cookie'], ['k=v; Path=/', 's="a b"; Path=/']);
    assert.deepEqual((await send(server.url, { path: '/cookies/set/n/v' })).headers['set-cookie'], ['n=v; Path=/']);
    assert.deepEqual((await send(server.url, { path: '/cookies/delete?k' })).headers['set-cookie'], ['k=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/']);
  });

  test('basic auth: 200 with the right pair, 401 (or 404 hidden) otherwise', async () => {
    const good = { Authorization: `Basic ${Buffer.from('u:p').toString('base64')}` };
    assert.deepEqual(json(await send(server.url, { path: '/basic-auth/u/p', headers: good })), { authenticated: true, user: 'u' });
    assert.equal((await send(server.url, { path: '/basic-auth/u/other' , headers: good })).status, 401);
    assert.equal((await send(server.url, { path: '/hidden-basic-auth/u/other', headers: good })).status, 404);
    assert.equal((await send(server.url, { path: '/hidden-basic-auth/u/p', headers: good })).status, 200);
  });

  test('bearer: 401 with a challenge when missing, the token otherwise', async () => {
    const missing = await send(server.url, { path: '/bearer' });
    assert.equal(missing.status, 401);
    assert.equal(missing.headers['www-authenticate'], 'Bearer');
    assert.deepEqual(json(await send(server.url, { path: '/bearer', headers: { Authorization: 'Bearer token123' } })), { authenticated: true, token: 'token123' });
  });

  for (const [qop, algorithm] of [['auth', 'MD5'], ['auth', 'SHA-256'], ['auth-int', 'SHA-512']] as const) {
    test(`digest auth ${qop} ${algorithm}: challenge, then success`, async () => {
      const path = `/digest-auth/${qop}/user/pass/${algorithm}`;
      const first = await send(server.url, { path });
      assert.equal(first.status, 401);
      const challenge = parseChallenge(String(first.headers['www-authenticate']));
      assert.equal(challenge['qop'], qop);
      assert.equal(challenge['algorithm'], algorithm);
      assert.equal(challenge['realm'], 'me@kennethreitz.com');
      const ok = await send(server.url, { path, headers: { Authorization: digestAuthorization(challenge, path, 'user', 'pass'), Cookie: 'stale_after=never; fake=fake_value' } });
      assert.equal(ok.status, 200);
      assert.deepEqual(json(ok), { authenticated: true, user: 'user' });
      const bad = await send(server.url, { path, headers: { Authorization: digestAuthorization(challenge, path, 'user', 'nope') } });
      assert.equal(bad.status, 401);
    });
  }

  test('digest auth with require-cookie wants the cookie set on the challenge', async () => {
    const path = '/digest-auth/auth/user/pass?require-cookie=1';
    const challenge = parseChallenge(String((await send(server.url, { path })).headers['www-authenticate']));
    const authorization = digestAuthorization(challenge, path, 'user', 'pass');
    assert.equal((await send(server.url, { path, headers: { Authorization: authorization } })).status, 401);
    assert.equal((await send(server.url, { path, headers: { Authorization: authorization, Cookie: 'x=y' } })).status, 403);
    assert.equal((await send(server.url, { path, headers: { Authorization: authorization, Cookie: 'fake=fake_value' } })).status, 200);
  });
});
