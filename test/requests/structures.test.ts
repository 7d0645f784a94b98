import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseInsensitiveDict, LookupDict } from '../../src/requests/structures.js';
import { codes } from '../../src/requests/status-codes.js';

test('CaseInsensitiveDict: case-insensitive lookups, remembers the last key case, Map-like', () => {
  const d = new CaseInsensitiveDict<string>({ Accept: 'a' });
  d.set('aCCEPT', 'b');
  assert.equal(d.get('accept'), 'b');
  assert.deepEqual([...d.keys()], ['aCCEPT']);
  assert.equal(d.size, 1);
  assert.ok(d.has('ACCEPT'));
  d.set('X-Two', '2');
  assert.deepEqual([...d], [['aCCEPT', 'b'], ['X-Two', '2']]);
  assert.deepEqual([...d.lowerItems()], [['accept', 'b'], ['x-two', '2']]);
  assert.ok(d.equals({ accept: 'b', 'x-two': '2' }));
  assert.ok(!d.equals({ accept: 'b' }));
  const c = d.copy();
  c.delete('x-two');
  assert.equal(d.size, 2);
  assert.equal(c.size, 1);
  assert.equal(d.pop('X-TWO'), '2');
  assert.equal(d.pop('nope', 'dflt'), 'dflt');
  assert.equal(d.get('nope'), undefined);
  assert.deepEqual(new CaseInsensitiveDict(new Map([['A', '1']])).toJSON(), { A: '1' });
  assert.deepEqual(new CaseInsensitiveDict([['A', '1'], ['a', '2']]).toJSON(), { a: '2' });
});

test('CaseInsensitiveDict copies are independent both ways (copy-on-write), including empty dicts', () => {
  const a = new CaseInsensitiveDict<string>({ A: '1', B: '2' });
  const b = a.copy();
  const c = b.copy();
  a.set('a', 'changed'); // the source changes after copying
  assert.equal(b.get('A'), '1');
  assert.equal(c.get('A'), '1');
  b.delete('B'); // a copy changes
  assert.equal(a.get('b'), '2');
  assert.equal(c.get('b'), '2');
  c.clear();
  assert.equal(a.size, 2);
  assert.equal(b.size, 1);
  assert.equal(b.pop('a'), '1');
  assert.equal(a.get('A'), 'changed');
  const e1 = new CaseInsensitiveDict<string>();
  const e2 = new CaseInsensitiveDict<string>();
  e1.set('X', 'x'); // empty dicts start on one shared store: writing one must not show in another
  assert.equal(e2.size, 0);
  assert.equal(new CaseInsensitiveDict<string>().get('x'), undefined);
  assert.equal(e1.copy().get('x'), 'x');
});

test('codes: every Requests name, aliases and upper-case variants', () => {
  assert.equal(codes.ok, 200);
  assert.equal(codes.OK, 200);
  assert.equal(codes.okay, 200);
  assert.equal(codes['\\o/'], 200);
  assert.equal(codes['✓'], 200);
  assert.equal(codes.not_found, 404);
  assert.equal(codes.NOT_FOUND, 404);
  assert.equal(codes['-o-'], 404);
  assert.equal(codes.teapot, 418);
  assert.equal(codes.im_a_teapot, 418);
  assert.equal(codes.I_AM_A_TEAPOT, 418);
  assert.equal(codes.moved, 301);
  assert.equal(codes.temporary_redirect, 307);
  assert.equal(codes.permanent_redirect, 308);
  assert.equal(codes.resume, 308);
  // 'precondition' is both 412 and 428 in Requests' table; the later one wins, as setattr does.
  assert.equal(codes.precondition, 428);
  assert.equal(codes.server_error, 500);
  assert.equal(codes['/o\\'], 500);
  assert.equal(codes.get('nope'), null);
  assert.equal(codes.get('ok'), 200);
  assert.equal(codes.get('nope', 1), 1);
  assert.equal(String(codes), "<lookup 'status_codes'>");
  assert.ok(codes instanceof LookupDict);
  assert.ok(Object.isFrozen(codes));
});

test('codes matches Python Requests name for name', async () => {
  const { spawnSync } = await import('node:child_process');
  const py = spawnSync('/usr/bin/python3', ['-c', 'import json,requests; c=requests.codes; print(json.dumps({k: v for k, v in c.__dict__.items() if k != "name"}))'], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  const expected = JSON.parse(py.stdout) as Record<string, number>;
  for (const [name, code] of Object.entries(expected)) assert.equal(codes[name], code, name);
});
