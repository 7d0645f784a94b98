// quote / quotePlus / quoteFromBytes / unquote / unquotePlus / unquoteToBytes, one test per CPython
// rule; expected values come from /usr/bin/python3 (Debian 3.11.2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  quote, quotePlus, quoteFromBytes, unquote, unquotePlus, unquoteToBytes, UnicodeEncodeError, UnicodeDecodeError, LookupError,
} from '../../src/parse/index.js';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

test('quote: letters, digits, "_.-~" always safe; "/" safe by default', () => {
  assert.equal(quote('abc def/~_.-'), 'abc%20def/~_.-');
  assert.equal(quote('~'), '~');
  assert.equal(quote('a/b', { safe: '' }), 'a%2Fb');
  assert.equal(quote('a:b@c', { safe: ':@' }), 'a:b@c');
  assert.equal(quote('a&b=c', { safe: '&=' }), 'a&b=c');
  assert.equal(quote(''), '');
});

test('quote: non-ASCII safe characters do not count; astral characters are one code point', () => {
  assert.equal(quote('é', { safe: 'é' }), '%C3%A9');
  assert.equal(quote('é😀'), '%C3%A9%F0%9F%98%80');
  assert.equal(quote('\u{1F600}', { safe: '\u{1F600}' }), '%F0%9F%98%80');
});

test('quote: encodings and error handlers', () => {
  assert.equal(quote('é', { encoding: 'latin-1' }), '%E9');
  assert.equal(quote('é€', { encoding: 'latin-1', errors: 'replace' }), '%E9%3F');
  assert.equal(quote('é€', { encoding: 'ascii', errors: 'ignore' }), '');
  assert.equal(quote('€', { encoding: 'latin-1', errors: 'xmlcharrefreplace' }), '%26%238364%3B');
  assert.equal(quote('€', { encoding: 'ascii', errors: 'backslashreplace' }), '%5Cu20ac');
  assert.throws(() => quote('é', { encoding: 'ascii' }), {
    name: 'UnicodeEncodeError', message: "'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)",
  });
});

test('quote: a lone surrogate is an encoding error in UTF-8 strict, as in CPython', () => {
  assert.throws(() => quote('a\ud800b'), (e: unknown) => {
    assert.ok(e instanceof UnicodeEncodeError);
    assert.ok(e instanceof RangeError);
    assert.equal(e.message, "'utf-8' codec can't encode character '\\ud800' in position 1: surrogates not allowed");
    assert.deepEqual([e.encoding, e.start, e.end, e.reason], ['utf-8', 1, 2, 'surrogates not allowed']);
    return true;
  });
  // Position counts code points: the astral character before it is one.
  assert.throws(() => quote('😀\udc00'), { message: /in position 1:/ });
  assert.equal(quote('a\ud800b', { errors: 'replace' }), 'a%3Fb');
  assert.equal(quote('a\ud800b', { errors: 'surrogatepass' }), 'a%ED%A0%80b');
  assert.equal(quote('a\udc80b', { errors: 'surrogateescape' }), 'a%80b');
});

test('quote: unknown codec or handler is a LookupError, the handler only when needed', () => {
  assert.throws(() => quote('x', { encoding: 'bogus' }), (e: unknown) => e instanceof LookupError && (e as Error).message === 'unknown encoding: bogus');
  assert.throws(() => quote('\ud800', { errors: 'bogus' }), { name: 'LookupError', message: "unknown error handler name 'bogus'" });
  assert.equal(quote('x', { errors: 'bogus' }), 'x');
});

test('quote: bytes, and no encoding/errors with bytes', () => {
  assert.equal(quote(bytes(0x61, 0x20, 0x62, 0xff)), 'a%20b%FF');
  assert.throws(() => quote(ascii('a'), { encoding: 'utf-8' }), { name: 'TypeError', message: "quote() doesn't support 'encoding' for bytes" });
  assert.throws(() => quote(ascii('a'), { errors: 'strict' }), { name: 'TypeError', message: "quote() doesn't support 'errors' for bytes" });
});

test('quotePlus: space → "+", "+" quoted unless safe, safe defaults to ""', () => {
  assert.equal(quotePlus('a b+c/d'), 'a+b%2Bc%2Fd');
  assert.equal(quotePlus('a b', { safe: '+' }), 'a+b');
  assert.equal(quotePlus(ascii('a b')), 'a+b');
});

test('quoteFromBytes', () => {
  assert.equal(quoteFromBytes(ascii('abc def?')), 'abc%20def%3F');
  assert.equal(quoteFromBytes(new Uint8Array(0)), '');
  assert.throws(() => quoteFromBytes('x' as any), { name: 'TypeError', message: 'quote_from_bytes() expected bytes' });
});

test('unquote: invalid escapes stay, invalid UTF-8 becomes U+FFFD per maximal subpart', () => {
  assert.equal(unquote('abc%20def'), 'abc def');
  assert.equal(unquote('%zz%2'), '%zz%2');
  assert.equal(unquote('%C3%A9%ff%fe%'), 'é\ufffd\ufffd%');
  assert.equal(unquote('%e2%82'), '\ufffd');
  assert.equal(unquote('%ED%A0%80'), '\ufffd\ufffd\ufffd');
  assert.equal(unquote('%F0%9F%98%80'), '😀');
  assert.equal(unquote('a+b'), 'a+b');
});

test('unquote: escapes decode per ASCII run, so non-ASCII text splits a sequence', () => {
  assert.equal(unquote('%C3é%A9'), '\ufffdé\ufffd');
});

test('unquote: encoding and errors', () => {
  assert.equal(unquote('%E9', { encoding: 'latin-1' }), 'é');
  assert.equal(unquote('%ff', { errors: 'ignore' }), '');
  assert.equal(unquote('%ff', { errors: 'backslashreplace' }), '\\xff');
  assert.throws(() => unquote('%ff', { errors: 'strict' }), (e: unknown) => {
    assert.ok(e instanceof UnicodeDecodeError);
    assert.equal(e.message, "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
    return true;
  });
  assert.equal(unquote(ascii('%C3%A9')), 'é');
});

test('unquotePlus: "+" → " " first; str only, as in CPython', () => {
  assert.equal(unquotePlus('%7e/abc+def'), '~/abc def');
  assert.throws(() => unquotePlus(ascii('a+b') as any), TypeError);
});

test('unquoteToBytes: str is UTF-8 encoded first (strict)', () => {
  assert.deepEqual(unquoteToBytes('abc%20def%zz'), ascii('abc def%zz'));
  assert.deepEqual(unquoteToBytes('é%41'), bytes(0xc3, 0xa9, 0x41));
  assert.deepEqual(unquoteToBytes(ascii('%41%4')), ascii('A%4'));
  assert.deepEqual(unquoteToBytes(''), new Uint8Array(0));
  assert.throws(() => unquoteToBytes('\ud800'), { name: 'UnicodeEncodeError' });
});
