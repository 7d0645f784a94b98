import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prettyJson } from '../../src/cli/json-pretty.js';

test('indent 4 and sorted keys, like json.dumps(indent=4, sort_keys=True)', () => {
  assert.equal(prettyJson('{"b":1,"a":{"d":[],"c":{}}}'), '{\n    "a": {\n        "c": {},\n        "d": []\n    },\n    "b": 1\n}');
  assert.equal(prettyJson('[1,[2,[]]]'), '[\n    1,\n    [\n        2,\n        []\n    ]\n]');
  assert.equal(prettyJson(' "x" '), '"x"');
  assert.equal(prettyJson('{"b":1,"a":2}', false), '{\n    "b": 1,\n    "a": 2\n}');
});

test('numbers keep their literal text; strings are re-escaped as ensure_ascii=False', () => {
  assert.equal(prettyJson('[12345678901234567890, 1.0, -0.5e-3, true, null]'), '[\n    12345678901234567890,\n    1.0,\n    -0.5e-3,\n    true,\n    null\n]');
  assert.equal(prettyJson('["\\u00e9\\n\\/", "\\ud83d\\ude00"]'), '[\n    "é\\n/",\n    "😀"\n]');
});

test('a repeated key keeps its last value (Python dict)', () => {
  assert.equal(prettyJson('{"a":1,"a":2}'), '{\n    "a": 2\n}');
});

test('not JSON: SyntaxError', () => {
  for (const bad of ['', '{', '{"a" 1}', '[1,]', '01', 'nul', '{"a":1}x', "{'a':1}", '"\u0001"', '[' .repeat(2000)]) {
    assert.throws(() => prettyJson(bad), SyntaxError, JSON.stringify(bad.slice(0, 20)));
  }
});
