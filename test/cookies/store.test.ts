import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CookieStore } from '../../src/cookies/store.js';

test('Set-Cookie from a response is sent back to the same host and path only', () => {
  const s = new CookieStore();
  s.setFromResponse('http://127.0.0.1:8080/cookies/set', ['a=1; Path=/', 'b=2; Path=/cookies']);
  assert.equal(s.cookieHeaderFor('http://127.0.0.1:9999/cookies/x'), 'b=2; a=1');
  assert.equal(s.cookieHeaderFor('http://127.0.0.1/other'), 'a=1');
  assert.equal(s.cookieHeaderFor('http://127.0.0.2/'), '');
  const all = s.getAll();
  assert.deepEqual(all.map((c) => [c.name, c.value, c.domain, c.path, c.hostOnly]), [
    ['a', '1', '127.0.0.1', '/', true],
    ['b', '2', '127.0.0.1', '/cookies', true],
  ]);
});

test('a Set-Cookie for a public suffix is rejected; a domain cookie reaches subdomains', () => {
  const s = new CookieStore();
  s.setFromResponse('http://www.example.co.uk/', ['bad=1; Domain=co.uk', 'good=1; Domain=example.co.uk']);
  assert.equal(s.cookieHeaderFor('http://shop.example.co.uk/'), 'good=1');
  assert.equal(s.cookieHeaderFor('http://other.co.uk/'), '');
  assert.equal(s.getAll()[0]?.domain, '.example.co.uk');
});

test('secure cookies only over https; expired Set-Cookie deletes', () => {
  const s = new CookieStore();
  s.setFromResponse('https://example.com/', ['s=1; Secure', 'p=2']);
  assert.equal(s.cookieHeaderFor('https://example.com/'), 's=1; p=2');
  assert.equal(s.cookieHeaderFor('http://example.com/'), 'p=2');
  s.setFromResponse('https://example.com/', ['p=; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
  assert.equal(s.cookieHeaderFor('https://example.com/'), 's=1');
});

test('hand-set cookies: no domain matches every host; set replaces; remove and clear', () => {
  const s = new CookieStore();
  s.set('any', 'x');
  s.set('dom', 'y', { domain: 'example.com', path: '/a' });
  assert.equal(s.cookieHeaderFor('http://anything.test/'), 'any=x');
  assert.equal(s.cookieHeaderFor('http://sub.example.com/a/b'), 'dom=y; any=x');
  s.set('any', 'z');
  assert.equal(s.cookieHeaderFor('http://h/'), 'any=z');
  assert.deepEqual(s.getAll().map((c) => [c.name, c.domain, c.path]), [['dom', 'example.com', '/a'], ['any', '', '/']]);
  s.remove('dom', { domain: '.example.com' });
  assert.deepEqual(s.getAll().map((c) => c.name), ['any']);
  s.set('gone', 'v', { expires: Date.now() - 1000 });
  assert.deepEqual(s.getAll().map((c) => c.name), ['any']);
  s.set('later', 'v', { expires: Date.now() + 60_000, secure: true });
  const later = s.getAll().find((c) => c.name === 'later');
  assert.ok(later !== undefined && typeof later.expires === 'number' && later.secure);
  assert.equal(s.cookieHeaderFor('http://h/'), 'any=z');
  s.clear();
  assert.deepEqual(s.getAll(), []);
  assert.equal(s.cookieHeaderFor('not a url'), '');
});
