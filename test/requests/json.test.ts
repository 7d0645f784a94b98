import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { pyJsonDumps } from '../../src/requests/json.js';

const CASES: unknown[] = [
  { a: 1, b: [1, 2, { c: null }], d: 'x' },
  'héllo wörld ✓ \u{1F600}',
  'quote " backslash \\ newline \n tab \t ctrl \u0001 del \u007f slash /',
  [1.5, -0.25, 1e-7, 0.0001, 0.00001, 123456789012, true, false, null],
  {},
  [],
  { nested: { empty: {}, list: [] } },
];

test('pyJsonDumps matches Python json.dumps byte for byte', () => {
  const py = spawnSync('/usr/bin/python3', ['-c', 'import json,sys\nfor line in sys.stdin: print(json.dumps(json.loads(line), allow_nan=False))'], {
    input: CASES.map((c) => JSON.stringify(c)).join('\n') + '\n',
    encoding: 'utf8',
  });
  assert.equal(py.status, 0, py.stderr);
  const expected = py.stdout.trimEnd().split('\n');
  CASES.forEach((c, i) => assert.equal(pyJsonDumps(c), expected[i], JSON.stringify(c)));
});

test('pyJsonDumps: NaN/Infinity refused, toJSON/Map/BigInt honoured, undefined dropped', () => {
  assert.throws(() => pyJsonDumps({ a: NaN }), /Out of range float values are not JSON compliant/);
  assert.throws(() => pyJsonDumps([Infinity]), /Out of range/);
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  assert.throws(() => pyJsonDumps(cyclic), /Circular reference/);
  assert.equal(pyJsonDumps({ d: new Date(0), m: new Map([['k', 1]]), n: 10n ** 30n, u: undefined }), '{"d": "1970-01-01T00:00:00.000Z", "m": {"k": 1}, "n": 1000000000000000000000000000000}');
  assert.equal(pyJsonDumps([undefined]), '[null]');
});
