// urljoin: RFC 3986 §5.4 examples (normal and abnormal) with CPython 3.11's results, and the
// CPython quirks around schemes, netlocs, fragments and bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { urljoin } from '../../src/parse/index.js';

const BASE = 'http://a/b/c/d;p?q';

test('RFC 3986 §5.4.1 normal examples', () => {
  const cases: [string, string][] = [
    ['g:h', 'g:h'], ['g', 'http://a/b/c/g'], ['./g', 'http://a/b/c/g'], ['g/', 'http://a/b/c/g/'], ['/g', 'http://a/g'],
    ['//g', 'http://g'], ['?y', 'http://a/b/c/d;p?y'], ['g?y', 'http://a/b/c/g?y'], ['#s', 'http://a/b/c/d;p?q#s'],
    ['g#s', 'http://a/b/c/g#s'], ['g?y#s', 'http://a/b/c/g?y#s'], [';x', 'http://a/b/c/;x'], ['g;x', 'http://a/b/c/g;x'],
    ['g;x?y#s', 'http://a/b/c/g;x?y#s'], ['', 'http://a/b/c/d;p?q'], ['.', 'http://a/b/c/'], ['./', 'http://a/b/c/'],
    ['..', 'http://a/b/'], ['../', 'http://a/b/'], ['../g', 'http://a/b/g'], ['../..', 'http://a/'], ['../../', 'http://a/'],
    ['../../g', 'http://a/g'],
  ];
  for (const [ref, want] of cases) assert.equal(urljoin(BASE, ref), want, ref);
});

test('RFC 3986 §5.4.2 abnormal examples (surplus ".." dropped; "http:g" joined loosely as CPython does)', () => {
  const cases: [string, string][] = [
    ['../../../g', 'http://a/g'], ['../../../../g', 'http://a/g'], ['/./g', 'http://a/g'], ['/../g', 'http://a/g'],
    ['g.', 'http://a/b/c/g.'], ['.g', 'http://a/b/c/.g'], ['g..', 'http://a/b/c/g..'], ['..g', 'http://a/b/c/..g'],
    ['./../g', 'http://a/b/g'], ['./g/.', 'http://a/b/c/g/'], ['g/./h', 'http://a/b/c/g/h'], ['g/../h', 'http://a/b/c/h'],
    ['g;x=1/./y', 'http://a/b/c/g;x=1/y'], ['g;x=1/../y', 'http://a/b/c/y'], ['g?y/./x', 'http://a/b/c/g?y/./x'],
    ['g?y/../x', 'http://a/b/c/g?y/../x'], ['g#s/./x', 'http://a/b/c/g#s/./x'], ['g#s/../x', 'http://a/b/c/g#s/../x'],
    ['http:g', 'http://a/b/c/g'],
  ];
  for (const [ref, want] of cases) assert.equal(urljoin(BASE, ref), want, ref);
});

test('an empty base or url returns the other unchanged', () => {
  assert.equal(urljoin('', 'x/y'), 'x/y');
  assert.equal(urljoin('http://a/b', ''), 'http://a/b');
});

test('a different scheme, or one outside uses_relative, returns the url as given', () => {
  assert.equal(urljoin('http://a/b', 'https://c/d'), 'https://c/d');
  assert.equal(urljoin('mailto:a@b', 'c'), 'c');
  assert.equal(urljoin('http://a/b/c', 'ftp:x'), 'ftp:x');
});

test('netloc is inherited only for uses_netloc schemes; query kept when only a fragment changes', () => {
  assert.equal(urljoin('svn+ssh://h/r/x', 'y'), 'svn+ssh://h/r/y');
  assert.equal(urljoin('http://h/p?q=1', '#f'), 'http://h/p?q=1#f');
  assert.equal(urljoin('http://h/a/b', '//other/x'), 'http://other/x');
});

test('allowFragments: false keeps "#" inside the path', () => {
  assert.equal(urljoin('http://a/b/c', 'd#e', { allowFragments: false }), 'http://a/b/d#e');
});

test('urlsplit validation errors propagate from urljoin', () => {
  assert.throws(() => urljoin('http://[::1/', 'x'), { name: 'RangeError', message: 'Invalid IPv6 URL' });
});

test('bytes in, bytes out; mixing str and bytes is a TypeError', () => {
  const enc = new TextEncoder();
  const out = urljoin(enc.encode('http://a/b/c'), enc.encode('../d'));
  assert.ok(out instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(out), 'http://a/d');
  assert.throws(() => urljoin('http://a/', enc.encode('x')), { name: 'TypeError', message: 'Cannot mix str and non-str arguments' });
});
