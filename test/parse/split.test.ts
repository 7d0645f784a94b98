// urlsplit / urlparse / urlunsplit / urlunparse / urldefrag and the result records, one test per
// CPython rule; expected values come from /usr/bin/python3 (Debian 3.11.2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  urlsplit, urlparse, urlunsplit, urlunparse, urldefrag, SplitResult, ParseResult, DefragResult, SplitResultBytes,
} from '../../src/parse/index.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array | null): string | null => (b === null ? null : new TextDecoder().decode(b));

function parts(r: Iterable<string>): string[] {
  return [...r];
}

test('splits the five components; scheme lower-cased, netloc kept as written', () => {
  const r = urlsplit('HTTP://User:P%40ss@Host.COM:080/a;b;c?q#f');
  assert.deepEqual(parts(r), ['http', 'User:P%40ss@Host.COM:080', '/a;b;c', 'q', 'f']);
  assert.equal(r.username, 'User');
  assert.equal(r.password, 'P%40ss');
  assert.equal(r.hostname, 'host.com');
  assert.equal(r.port, 80);
});

test('leading C0 controls and spaces are stripped; tabs and newlines removed anywhere', () => {
  assert.deepEqual(parts(urlsplit(' \x00\x1fhttp://a/b')), ['http', 'a', '/b', '', '']);
  assert.deepEqual(parts(urlsplit('ht\ttp://ex\namp\rle.com/p\ta')), ['http', 'example.com', '/pa', '', '']);
  assert.deepEqual(parts(urlsplit('p', { scheme: ' \tf\ntp ' })), ['ftp', '', 'p', '', '']);
  // Only leading: a trailing space is kept, as CPython keeps it.
  assert.equal(urlsplit('http://a/b ').path, '/b ');
});

test('schemes without "//", and what does not count as a scheme', () => {
  assert.deepEqual(parts(urlsplit('mailto:user@example.com')), ['mailto', '', 'user@example.com', '', '']);
  assert.deepEqual(parts(urlsplit('path:only')), ['path', '', 'only', '', '']);
  assert.deepEqual(parts(urlsplit('1http://x')), ['', '', '1http://x', '', '']);
  assert.deepEqual(parts(urlsplit('a1+-.://x')), ['a1+-.', 'x', '', '', '']);
  assert.deepEqual(parts(urlsplit('http:///x')), ['http', '', '/x', '', '']);
  assert.deepEqual(parts(urlsplit('//host/p')), ['', 'host', '/p', '', '']);
  assert.deepEqual(parts(urlsplit('//a/b', { scheme: 'https' })), ['https', 'a', '/b', '', '']);
});

test('userinfo: the last "@" ends it, the first ":" splits user from password', () => {
  const a = urlsplit('http://u@v@h:1/');
  assert.deepEqual([a.username, a.password, a.hostname, a.port], ['u@v', null, 'h', 1]);
  const b = urlsplit('http://u:p:q@h/');
  assert.deepEqual([b.username, b.password, b.hostname, b.port], ['u', 'p:q', 'h', null]);
  const c = urlsplit('//a:b@c');
  assert.deepEqual([c.username, c.password, c.hostname], ['a', 'b', 'c']);
  const d = urlsplit('http://h/');
  assert.deepEqual([d.username, d.password], [null, null]);
});

test('fragments, queries and allowFragments: false', () => {
  assert.deepEqual(parts(urlsplit('x://a#b?c')), ['x', 'a', '', '', 'b?c']);
  assert.deepEqual(parts(urlsplit('http://a/p?q#f#g')), ['http', 'a', '/p', 'q', 'f#g']);
  assert.deepEqual(parts(urlsplit('a/b#c?d', { allowFragments: false })), ['', '', 'a/b#c', 'd', '']);
  assert.deepEqual(parts(urlsplit('http://a/b?c#d', { allowFragments: false })), ['http', 'a', '/b', 'c#d', '']);
});

test('urlparse: params after the last segment\'s ";" for uses_params schemes only', () => {
  assert.deepEqual([...urlparse('http://a/p;x/y;z')], ['http', 'a', '/p;x/y', 'z', '', '']);
  assert.deepEqual([...urlparse('sip:alice@atlanta.com;transport=tcp')], ['sip', '', 'alice@atlanta.com', 'transport=tcp', '', '']);
  assert.deepEqual([...urlparse('unknown:/p;x')], ['unknown', '', '/p;x', '', '', '']);
  assert.deepEqual([...urlsplit('http://a/p;x/y;z')], ['http', 'a', '/p;x/y;z', '', '']);
});

test('IPv6 literals: hostname without brackets, zone id kept as written', () => {
  const r = urlsplit('http://[::1]:8080/x');
  assert.deepEqual([r.hostname, r.port], ['::1', 8080]);
  assert.equal(urlsplit('http://[fe80::1%tESt]:1234/keys').hostname, 'fe80::1%tESt');
  assert.equal(urlsplit('http://[v7.abc]/').hostname, 'v7.abc');
  assert.equal(urlsplit('http://[::ffff:1.2.3.4]/').hostname, '::ffff:1.2.3.4');
});

test('IPv6 validation (bracketed-host checks of 3.11.2-Debian)', () => {
  const bad: [string, string][] = [
    ['http://[vz.x]/', 'IPvFuture address is invalid'],
    ['http://[1.2.3.4]/', 'An IPv4 address cannot be in brackets'],
    ['http://[::1]x/', 'Invalid IPv6 URL'],
    ['http://x[::1]/', 'Invalid IPv6 URL'],
    ['http://[::1/', 'Invalid IPv6 URL'],
    ['http://::1]/', 'Invalid IPv6 URL'],
    ['http://[::1%]/', "'::1%' does not appear to be an IPv4 or IPv6 address"],
    ['http://[]/', "'' does not appear to be an IPv4 or IPv6 address"],
    ['http://[1::2::3]/', "'1::2::3' does not appear to be an IPv4 or IPv6 address"],
  ];
  for (const [url, message] of bad) assert.throws(() => urlsplit(url), { name: 'RangeError', message }, url);
});

test('port: digits only, 0-65535, RangeError naming the value', () => {
  assert.equal(urlsplit('http://h:0/').port, 0);
  assert.equal(urlsplit('http://h:/').port, null);
  assert.throws(() => urlsplit('http://h:99999/').port, { name: 'RangeError', message: 'Port out of range 0-65535' });
  assert.throws(() => urlsplit('http://h:-1/').port, { name: 'RangeError', message: "Port could not be cast to integer value as '-1'" });
  assert.throws(() => urlsplit('http://h: 80/').port, { name: 'RangeError', message: "Port could not be cast to integer value as ' 80'" });
  assert.throws(() => urlsplit('http://h:١٢/').port, { name: 'RangeError' });
});

test('netlocs that grow delimiters under NFKC are refused; other unicode is kept', () => {
  assert.throws(() => urlsplit('http://\u2100.com/'), { name: 'RangeError', message: "netloc '\u2100.com' contains invalid characters under NFKC normalization" });
  assert.throws(() => urlsplit('http://ex\uff1aample/'), { name: 'RangeError' });
  assert.equal(urlsplit('http://münchen.de/').hostname, 'münchen.de');
  assert.equal(urlsplit('http://ΑΣ/').hostname, 'ας'); // Python's final-sigma lower()
});

test('astral characters and lone surrogates pass through untouched', () => {
  assert.deepEqual(parts(urlsplit('http://😀.com/\ud800?\udc00#x')), ['http', '😀.com', '/\ud800', '\udc00', 'x']);
});

test('results: frozen, iterable, indexable, repr, replace, geturl', () => {
  const r = urlsplit('http://a/b?c#d');
  assert.ok(r instanceof SplitResult);
  assert.ok(Object.isFrozen(r));
  assert.throws(() => {
    (r as any).path = 'x';
  }, TypeError);
  const [scheme, netloc] = r;
  assert.deepEqual([scheme, netloc, (r as any)[2], r.length], ['http', 'a', '/b', 5]);
  assert.equal(String(r), "SplitResult(scheme='http', netloc='a', path='/b', query='c', fragment='d')");
  const z = r.replace({ path: '/z' });
  assert.equal(z.geturl(), 'http://a/z?c#d');
  assert.equal(r.path, '/b');
  assert.throws(() => r.replace({ bogus: 1 } as any), { name: 'RangeError', message: "Got unexpected field names: ['bogus']" });
  assert.deepEqual(SplitResult.fields, ['scheme', 'netloc', 'path', 'query', 'fragment']);
  const p = urlparse('http://a/p;x?q#f');
  assert.ok(p instanceof ParseResult);
  assert.equal(p.geturl(), 'http://a/p;x?q#f');
  assert.deepEqual(JSON.parse(JSON.stringify(r)), { scheme: 'http', netloc: 'a', path: '/b', query: 'c', fragment: 'd' });
});

test('urlunsplit / urlunparse', () => {
  assert.equal(urlunsplit(['http', 'a', 'b', '', '']), 'http://a/b');
  assert.equal(urlunsplit(['http', '', '//b', '', '']), 'http://b');
  assert.equal(urlunsplit(['', '', '//b', 'q', 'f']), '//b?q#f');
  assert.equal(urlunsplit(['mailto', '', 'a@b', '', '']), 'mailto:a@b');
  assert.equal(urlunsplit(['file', '', '/etc', '', '']), 'file:///etc');
  assert.equal(urlunparse(['http', 'a', '/p', 'x', 'q', 'f']), 'http://a/p;x?q#f');
  assert.equal(urlunsplit(urlsplit('http://a/b?')), 'http://a/b');
  assert.throws(() => urlunsplit(['a', 'b']), RangeError);
});

test('urldefrag', () => {
  const d = urldefrag('http://a/b?c#d');
  assert.ok(d instanceof DefragResult);
  assert.deepEqual([...d], ['http://a/b?c', 'd']);
  assert.equal(d.geturl(), 'http://a/b?c#d');
  assert.deepEqual([...urldefrag('http://a/b?c#')], ['http://a/b?c', '']);
  assert.deepEqual([...urldefrag(' http://a/b#x')], ['http://a/b', 'x']);
  assert.deepEqual([...urldefrag('no-fragment ')], ['no-fragment ', '']);
});

test('bytes in, bytes out; non-ASCII bytes and mixed types are errors', () => {
  const r = urlsplit(enc('http://U:P@H:1/b'));
  assert.ok(r instanceof SplitResultBytes);
  assert.deepEqual([...r].map(dec), ['http', 'U:P@H:1', '/b', '', '']);
  assert.deepEqual([dec(r.hostname), dec(r.username), dec(r.password), r.port], ['h', 'U', 'P', 1]);
  assert.equal(dec(r.geturl()), 'http://U:P@H:1/b');
  assert.throws(() => urlsplit(enc('http://h:x/')).port, { name: 'RangeError', message: "Port could not be cast to integer value as b'x'" });
  assert.throws(() => urlsplit(enc('http://é/')), { name: 'UnicodeDecodeError' });
  assert.throws(() => urlsplit('http://a/', { scheme: enc('x') }), { name: 'TypeError', message: 'Cannot mix str and non-str arguments' });
  assert.equal(String(urlsplit(enc('http://a/b'))), "SplitResultBytes(scheme=b'http', netloc=b'a', path=b'/b', query=b'', fragment=b'')");
  assert.deepEqual([...urlsplit('http://a/b').encode()].map(dec), ['http', 'a', '/b', '', '']);
  assert.deepEqual([...urlsplit(enc('http://a/b')).decode()], ['http', 'a', '/b', '', '']);
  assert.deepEqual([...urldefrag(enc('http://a#f'))].map(dec), ['http://a', 'f']);
});

test('anything but a string or Uint8Array is a TypeError naming what it got', () => {
  assert.throws(() => urlsplit(undefined as any), { name: 'TypeError', message: 'urlsplit() expected a string or Uint8Array, got undefined' });
  assert.throws(() => urlparse(new URL('http://a/') as any), { name: 'TypeError', message: 'urlparse() expected a string or Uint8Array, got URL' });
  assert.throws(() => urldefrag(42 as any), { name: 'TypeError' });
});
