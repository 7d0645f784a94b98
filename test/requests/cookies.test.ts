import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RequestsCookieJar, cookiejarFromDict, mergeCookies } from '../../src/requests/cookies.js';
import { CookieConflictError } from '../../src/requests/errors.js';

test('RequestsCookieJar is Map-like: get/set/has/delete, iteration, size, views', () => {
  const jar = new RequestsCookieJar();
  jar.set('a', '1').set('b', '2');
  assert.equal(jar.get('a'), '1');
  assert.equal(jar.get('missing'), undefined);
  assert.equal(jar.get('missing', { default: 'd' }), 'd');
  assert.ok(jar.has('b'));
  assert.equal(jar.size, 2);
  assert.deepEqual([...jar], [['a', '1'], ['b', '2']]);
  assert.deepEqual([...jar.keys()], ['a', 'b']);
  assert.deepEqual([...jar.values()], ['1', '2']);
  assert.ok(jar.delete('a'));
  assert.ok(!jar.delete('a'));
  jar.set('b', null);
  assert.equal(jar.size, 0);
  assert.deepEqual(jar.toJSON(), {});
});

test('domains and paths: lookups narrow by domain/path, conflicts raise, dict views filter', () => {
  const jar = new RequestsCookieJar();
  jar.set('id', 'one', { domain: 'a.example', path: '/' });
  jar.set('id', 'two', { domain: 'b.example', path: '/x' });
  jar.set('other', 'o', { domain: 'a.example', path: '/' });
  assert.throws(() => jar.get('id'), CookieConflictError);
  assert.ok(jar.has('id'));
  assert.equal(jar.get('id', { domain: 'b.example' }), 'two');
  assert.equal(jar.get('id', { path: '/' }), 'one');
  assert.deepEqual(jar.getDict({ domain: 'a.example' }), { id: 'one', other: 'o' });
  assert.deepEqual(jar.getDict({ path: '/x' }), { id: 'two' });
  assert.deepEqual(jar.listDomains(), ['a.example', 'b.example']);
  assert.deepEqual(jar.listPaths(), ['/', '/x']);
  assert.equal(jar.multipleDomains(), true);
  jar.set('id', null, { domain: 'a.example' });
  assert.equal(jar.get('id'), 'two');
  assert.equal(jar.cookieHeaderFor('http://b.example/x/y'), 'id=two');
  assert.equal(jar.cookieHeaderFor('http://a.example/'), 'other=o');
  jar.clear('a.example');
  assert.deepEqual([...jar.keys()], ['id']);
});

test('update, copy, cookiejarFromDict (overwrite), mergeCookies, Set-Cookie extraction', () => {
  const a = cookiejarFromDict({ x: '1', y: '2' });
  const b = a.copy();
  b.set('x', 'changed');
  assert.equal(a.get('x'), '1');
  cookiejarFromDict({ x: 'kept?', z: '3' }, a, false);
  assert.deepEqual(a.getDict(), { x: '1', y: '2', z: '3' });
  mergeCookies(a, b);
  assert.equal(a.get('x'), 'changed');
  mergeCookies(a, { y: 'not overwritten', w: '4' });
  assert.deepEqual(a.getDict(), { x: 'changed', y: '2', z: '3', w: '4' });
  const jar = new RequestsCookieJar();
  jar.extractCookies('http://127.0.0.1:8000/p/q', ['s=1; Path=/p', 'h=2; HttpOnly', 'bad=3; Domain=example.com']);
  const cookies = jar.cookies();
  assert.deepEqual(cookies.map((c) => [c.name, c.domain, c.path, c.httpOnly]), [['s', '127.0.0.1', '/p', false], ['h', '127.0.0.1', '/p', true]]);
  const copy = new RequestsCookieJar();
  copy.update(jar);
  assert.equal(copy.cookieHeaderFor('http://127.0.0.1/p/x'), 's=1; h=2');
  assert.equal(copy.cookieHeaderFor('http://127.0.0.2/p/x'), null, 'host-only cookies stay host-only when copied');
  jar.set('q', '"quoted\\"value"');
  assert.equal(jar.get('q'), '"quotedvalue"');
});
