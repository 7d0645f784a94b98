import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ItemSyntaxError, isItem, parseItem, splitUploadType } from '../../src/cli/items.js';

// [argument, key, separator, value] — HTTPie's leftmost-then-longest separator rule.
const CASES: Array<[string, string, string, string]> = [
  ['X-API-Token:123', 'X-API-Token', ':', '123'],
  ['Accept:', 'Accept', ':', ''],
  ['X-Empty;', 'X-Empty', ';', ''],
  ['X-Data:@file.txt', 'X-Data', ':@', 'file.txt'],
  ['search==httpie', 'search', '==', 'httpie'],
  ['q==@query.txt', 'q', '==@', 'query.txt'],
  ['name=John', 'name', '=', 'John'],
  ['email=john@example.org', 'email', '=', 'john@example.org'],
  ['age:=29', 'age', ':=', '29'],
  ['hobbies:=["http","pies"]', 'hobbies', ':=', '["http","pies"]'],
  ['meta:=@meta.json', 'meta', ':=@', 'meta.json'],
  ['essay=@essay.txt', 'essay', '=@', 'essay.txt'],
  ['cv@~/CV.pdf', 'cv', '@', '~/CV.pdf'],
  ['url==http://example.org/?a=b', 'url', '==', 'http://example.org/?a=b'],
  ['Referer:http://example.org', 'Referer', ':', 'http://example.org'],
  ['a=b=c', 'a', '=', 'b=c'],
  ['a==b==c', 'a', '==', 'b==c'],
  ['=value', '', '=', 'value'],
  ['key=', 'key', '=', ''],
];

test('parseItem picks the leftmost, then the longest separator', () => {
  for (const [arg, key, sep, value] of CASES) {
    const item = parseItem(arg);
    assert.deepEqual([item.key, item.sep, item.value], [key, sep, value], arg);
    assert.equal(item.orig, arg);
  }
});

test('a backslash escapes separator characters into the key or value', () => {
  assert.deepEqual(pick(parseItem('foo\\:bar:baz')), ['foo:bar', ':', 'baz']);
  assert.deepEqual(pick(parseItem('foo\\=bar=baz')), ['foo=bar', '=', 'baz']);
  assert.deepEqual(pick(parseItem('path\\@x=1')), ['path@x', '=', '1']);
  assert.deepEqual(pick(parseItem('a=b\\=c')), ['a', '=', 'b=c']);
  // A backslash before a non-separator character stays as typed.
  assert.deepEqual(pick(parseItem('a=C:\\\\dir\\n')), ['a', '=', 'C:\\\\dir\\n']);
});

test('an argument without a separator is not an item', () => {
  assert.throws(() => parseItem('justaword'), ItemSyntaxError);
  assert.throws(() => parseItem('escaped\\=only'), ItemSyntaxError);
  assert.equal(isItem('example.org'), false);
  assert.equal(isItem('a=b'), true);
});

test('splitUploadType reads ;type= off an upload path', () => {
  assert.deepEqual(splitUploadType('photo.png;type=image/png'), { path: 'photo.png', type: 'image/png' });
  assert.deepEqual(splitUploadType('data.bin'), { path: 'data.bin', type: null });
});

function pick(i: { key: string; sep: string; value: string }): [string, string, string] {
  return [i.key, i.sep, i.value];
}
