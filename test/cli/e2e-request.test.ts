// End to end (requests): items, bodies, auth, redirects, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, useHttpbin } from './helpers.js';

const fx = useHttpbin();

test('GET with query and header items: redirected stdout gets the raw JSON body', async () => {
  const r = await cli([`${fx.server.url}/get`, 'q==a b', 'X-Token:t1']);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.deepEqual(body.args, { q: 'a b' });
  assert.equal(body.headers['X-Token'], 't1');
  assert.match(body.headers['User-Agent'], /^httpkit\//);
});

test('data items default to a JSON POST, as HTTPie', async () => {
  const r = await cli([`${fx.server.url}/post`, 'name=John', 'age:=29', 'tags:=["a"]', 'nested[k]=v']);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.deepEqual(body.json, { name: 'John', age: 29, tags: ['a'], nested: { k: 'v' } });
  assert.equal(body.headers['Content-Type'], 'application/json');
  assert.equal(body.headers.Accept, 'application/json, */*;q=0.5');
});

test('--form with a file upload sends multipart', async () => {
  const file = join(fx.dir, 'note.txt');
  writeFileSync(file, 'file body\n');
  const r = await cli(['--form', 'PUT', `${fx.server.url}/put`, 'k=v', `doc@${file}`]);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.deepEqual(body.form, { k: 'v' });
  assert.deepEqual(body.files, { doc: 'file body\n' });
  assert.match(body.headers['Content-Type'], /^multipart\/form-data; boundary=/);
});

test('basic and digest auth', async () => {
  const [basic, digest] = await Promise.all([
    cli(['-a', 'user:pw', `${fx.server.url}/basic-auth/user/pw`]),
    cli(['-A', 'digest', '-a', 'user:pw', '--check-status', `${fx.server.url}/digest-auth/auth/user/pw`]),
  ]);
  assert.equal(basic.code, 0, basic.stderr);
  assert.deepEqual(JSON.parse(basic.stdout), { authenticated: true, user: 'user' });
  assert.equal(digest.code, 0, digest.stderr);
  assert.equal(JSON.parse(digest.stdout).authenticated, true);
});

test('timeouts exit 2; a refused connection exits 1 with the error named', async () => {
  const [slow, refused] = await Promise.all([cli(['--timeout', '0.3', `${fx.server.url}/delay/3`]), cli(['http://127.0.0.1:1/'])]);
  assert.equal(slow.code, 2);
  assert.match(slow.stderr, /Request timed out \(0\.3s\)/);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^httpkit: error: ConnectionError: .* while doing a GET request to URL: http:\/\/127\.0\.0\.1:1\//);
});

test('piped stdin becomes the body of a POST', async () => {
  const r = await cli([`${fx.server.url}/post`], { input: '{"from":"stdin"}' });
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.deepEqual(body.json, { from: 'stdin' });
});

test('a stdin pipe left open and silent (the default of execFile) is no body, not a hang', async () => {
  const r = await cli([`${fx.server.url}/get`], { openStdin: true });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).url, `${fx.server.url}/get`);
});

test('--multipart without files still sends multipart/form-data', async () => {
  const r = await cli(['--multipart', `${fx.server.url}/post`, 'a=1', 'b=two']);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.deepEqual(body.form, { a: '1', b: 'two' });
  assert.match(body.headers['Content-Type'], /^multipart\/form-data; boundary=/);
});
