// parseQs / parseQsl / urlencode, one test per CPython rule; expected values come from
// /usr/bin/python3 (Debian 3.11.2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQs, parseQsl, urlencode, quote } from '../../src/parse/index.js';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (b: Uint8Array): string => String.fromCharCode(...b);

test('parseQsl: blanks dropped, "+" is space, escapes decoded with replace', () => {
  assert.deepEqual(parseQsl('a=1&b=&c&d=%20+x&&e=%C3%A9%ff'), [['a', '1'], ['d', '  x'], ['e', 'é\ufffd']]);
  assert.deepEqual(parseQsl('a==b=c'), [['a', '=b=c']]);
  assert.deepEqual(parseQsl(''), []);
});

test('parseQsl: keepBlankValues', () => {
  assert.deepEqual(parseQsl('a=1&b=&c', { keepBlankValues: true }), [['a', '1'], ['b', ''], ['c', '']]);
});

test('parseQsl: strictParsing refuses empty fields and fields without "="', () => {
  assert.throws(() => parseQsl('a=1&&b=2', { strictParsing: true }), { name: 'RangeError', message: "bad query field: ''" });
  assert.throws(() => parseQsl('a=1&c', { strictParsing: true }), { name: 'RangeError', message: "bad query field: 'c'" });
});

test('parseQsl: separator (only "&" by default since 3.10)', () => {
  assert.deepEqual(parseQsl('a=1;b=2'), [['a', '1;b=2']]);
  assert.deepEqual(parseQsl('a=1;b=2', { separator: ';' }), [['a', '1'], ['b', '2']]);
  assert.throws(() => parseQsl('a=1', { separator: '' }), { name: 'RangeError', message: 'Separator must be of type string or bytes.' });
});

test('parseQsl: maxNumFields', () => {
  assert.throws(() => parseQsl('a=1&b=2&c=3', { maxNumFields: 2 }), { name: 'RangeError', message: 'Max number of fields exceeded' });
  assert.deepEqual(parseQsl('a=1&b=2', { maxNumFields: 2 }), [['a', '1'], ['b', '2']]);
});

test('parseQsl: encoding and errors', () => {
  assert.deepEqual(parseQsl('a=%E9', { encoding: 'latin-1' }), [['a', 'é']]);
  assert.throws(() => parseQsl('a=%ff', { errors: 'strict' }), { name: 'UnicodeDecodeError' });
});

test('parseQsl: bytes in, bytes out (ASCII only, as CPython re-encodes results as ASCII)', () => {
  const pairs = parseQsl(ascii('a=1&b=%41'));
  assert.deepEqual(pairs.map(([k, v]) => [text(k), text(v)]), [['a', '1'], ['b', 'A']]);
  assert.throws(() => parseQsl(ascii('a=%C3%A9')), { name: 'UnicodeEncodeError' });
});

test('parseQs: lists of values per name, in first-seen order', () => {
  assert.deepEqual(parseQs('a=1&b=2&a=3'), { a: ['1', '3'], b: ['2'] });
  assert.deepEqual(parseQs(''), {});
  assert.deepEqual(parseQs('a&b=', { keepBlankValues: true }), { a: [''], b: [''] });
  // '__proto__' is an ordinary key, as in a Python dict.
  const r = parseQs('__proto__=x');
  assert.deepEqual(Object.keys(r), ['__proto__']);
  assert.deepEqual(r['__proto__'], ['x']);
  const b = parseQs(ascii('k=1&k=2'));
  assert.deepEqual([...b].map(([k, v]) => [text(k), v.map(text)]), [['k', ['1', '2']]]);
});

test('urlencode: quotePlus by default; objects, Maps and pair arrays', () => {
  assert.equal(urlencode({ a: 'x y', b: '+&=' }), 'a=x+y&b=%2B%26%3D');
  assert.equal(urlencode([['a', 1], ['a', 2]]), 'a=1&a=2');
  assert.equal(urlencode(new Map([['a', '1'], ['b', '2']])), 'a=1&b=2');
  assert.equal(urlencode('' as any), '');
  assert.equal(urlencode([]), '');
});

test('urlencode: doseq expands sequences; without it a list is its Python repr', () => {
  assert.equal(urlencode({ a: ['1', '2'] }), 'a=%5B%271%27%2C+%272%27%5D');
  assert.equal(urlencode({ a: ['x', "y'"] }), 'a=%5B%27x%27%2C+%22y%27%22%5D');
  assert.equal(urlencode({ a: ['1', '2'] }, { doseq: true }), 'a=1&a=2');
  assert.equal(urlencode({ a: ['x', ascii('y'), 3] }, { doseq: true }), 'a=x&a=y&a=3');
  assert.equal(urlencode({ a: [] }, { doseq: true }), '');
  assert.equal(urlencode({ a: 'str' }, { doseq: true }), 'a=str');
});

test('urlencode: values go through Python str(): None, True, floats; bytes quoted as bytes', () => {
  assert.equal(urlencode({ a: null, b: true, c: 1.5, d: Uint8Array.of(0xff, 0x20) }), 'a=None&b=True&c=1.5&d=%FF+');
  assert.equal(urlencode({ b: 1e-5, c: 0.1 }), 'b=1e-05&c=0.1');
  assert.equal(urlencode(new Map([[ascii('k'), ascii('v')]])), 'k=v');
  // Python's str() of a dict, a set and nested lists.
  assert.equal(urlencode({ a: { x: 1, "y's": [true, null] }, b: new Map([[1, 'q']]), c: new Set(), d: new Set(['z']), e: [[1.5, -2]] }),
    'a=%7B%27x%27%3A+1%2C+%22y%27s%22%3A+%5BTrue%2C+None%5D%7D&b=%7B1%3A+%27q%27%7D&c=set%28%29&d=%7B%27z%27%7D&e=%5B%5B1.5%2C+-2%5D%5D');
});

test('urlencode: safe, encoding, quoteVia', () => {
  assert.equal(urlencode({ a: 'é' }, { encoding: 'latin-1' }), 'a=%E9');
  assert.equal(urlencode({ a: '/ x' }, { safe: '/' }), 'a=/+x');
  assert.equal(urlencode({ a: 'x y' }, { quoteVia: quote }), 'a=x%20y');
  const seen: unknown[] = [];
  urlencode({ k: 'v' }, { quoteVia: (s, o) => (seen.push([s, o]), String(s)), safe: '/', encoding: 'latin-1' });
  assert.deepEqual(seen, [['k', { safe: '/', encoding: 'latin-1' }], ['v', { safe: '/', encoding: 'latin-1' }]]);
});

test('urlencode: strings and malformed pairs are refused', () => {
  assert.throws(() => urlencode('abc' as any), { name: 'TypeError', message: 'not a valid non-string sequence or mapping object' });
  assert.throws(() => urlencode(['ab'] as any), { name: 'TypeError' });
  assert.throws(() => urlencode([['a', 1, 2]] as any), { name: 'RangeError', message: 'too many values to unpack (expected 2)' });
});
