import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, type RequestArgs } from '../../src/cli/args.js';
import { buildNestedJson, pythonJsonDumps } from '../../src/cli/nested-json.js';
import { buildPlan, USER_AGENT, type ReadFile } from '../../src/cli/request.js';

const files: Record<string, string> = { 'essay.txt': 'hello\n', 'meta.json': '{"a": [1, 2]}', 'pic.png': 'PNG', 'tok.txt': 'secret\n' };
const read: ReadFile = (p) => {
  const v = files[p];
  if (v === undefined) throw new Error(`no such file ${p}`);
  return new TextEncoder().encode(v);
};

function plan(argv: string[], stdin: Uint8Array | null = null) {
  return buildPlan(parseArgs(argv, { stdoutIsTTY: false }) as RequestArgs, stdin, read);
}
const header = (p: ReturnType<typeof plan>, name: string) => p.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);

test('JSON mode (the default): data items become a json.dumps body with JSON headers', () => {
  const p = plan(['x.org', 'name=John', 'age:=29', 'tags:=["a","b"]', 'essay=@essay.txt', 'meta:=@meta.json']);
  assert.equal(p.method, 'POST');
  assert.equal(p.data, '{"name": "John", "age": 29, "tags": ["a", "b"], "essay": "hello\\n", "meta": {"a": [1, 2]}}');
  assert.deepEqual(header(p, 'Content-Type'), ['application/json']);
  assert.deepEqual(header(p, 'Accept'), ['application/json, */*;q=0.5']);
  assert.deepEqual(header(p, 'User-Agent'), [USER_AGENT]);
});

test('no data: no body and no JSON headers unless --json', () => {
  const p = plan(['x.org']);
  assert.equal(p.data, null);
  assert.deepEqual(header(p, 'Content-Type'), []);
  const j = plan(['--json', 'x.org']);
  assert.equal(j.data, null);
  assert.deepEqual(header(j, 'Accept'), ['application/json, */*;q=0.5']);
  assert.deepEqual(header(j, 'Content-Type'), ['application/json']);
});

test('form mode: pairs in order, form Content-Type; files make it multipart', () => {
  const p = plan(['-f', 'x.org', 'a=1', 'a=2', 'b=@essay.txt']);
  assert.deepEqual(p.data, [['a', '1'], ['a', '2'], ['b', 'hello\n']]);
  assert.deepEqual(header(p, 'Content-Type'), ['application/x-www-form-urlencoded; charset=utf-8']);
  const m = plan(['--form', 'x.org', 'k=v', 'pic@pic.png', 'doc@essay.txt;type=text/x-essay']);
  assert.deepEqual(header(m, 'Content-Type'), []);
  assert.deepEqual(m.files.map(([k, [name, , type]]) => [k, name, type]), [['pic', 'pic.png', 'image/png'], ['doc', 'essay.txt', 'text/x-essay']]);
  assert.throws(() => plan(['x.org', 'pic@pic.png']), /perhaps you meant --form/);
  assert.throws(() => plan(['-f', 'x.org', 'n:=1']), /not supported with --form/);
});

test('headers: user values replace defaults, empty removes, ; sends empty, :@ reads a file', () => {
  const p = plan(['x.org', 'User-Agent:me/1', 'Accept:', 'X-Empty;', 'X-Token:@tok.txt', 'X-A:1', 'X-A:2']);
  assert.deepEqual(header(p, 'User-Agent'), ['me/1']);
  assert.deepEqual(header(p, 'Accept'), [null]);
  assert.deepEqual(header(p, 'X-Empty'), ['']);
  assert.deepEqual(header(p, 'X-Token'), ['secret']);
  assert.deepEqual(header(p, 'X-A'), ['1', '2']);
});

test('query parameters keep order and repeats', () => {
  assert.deepEqual(plan(['x.org', 'q==a b', 'q==c', 'x==@essay.txt']).params, [['q', 'a b'], ['q', 'c'], ['x', 'hello\n']]);
});

test('auth, timeout, redirects, verify, cert', () => {
  const p = plan(['-a', 'user:pa:ss', '--timeout', '0.5', '-F', '--max-redirects', '4', '--verify', 'no', '--cert', 'c.pem', '--cert-key', 'k.pem', 'x.org']);
  assert.deepEqual(p.auth, { type: 'basic', user: 'user', password: 'pa:ss' });
  assert.equal(p.timeout, 500);
  assert.equal(p.allowRedirects, true);
  assert.equal(p.maxRedirects, 4);
  assert.equal(p.verify, false);
  assert.deepEqual(p.cert, ['c.pem', 'k.pem']);
  assert.deepEqual(plan(['-A', 'digest', '-a', 'u:p', 'x.org']).auth, { type: 'digest', user: 'u', password: 'p' });
  const b = plan(['-A', 'bearer', '-a', 'tok123', 'x.org']);
  assert.equal(b.auth, null);
  assert.deepEqual(header(b, 'Authorization'), ['Bearer tok123']);
  assert.equal(plan(['x.org']).allowRedirects, false);
});

test('stdin and --raw bodies cannot be mixed with data items', () => {
  const s = plan(['x.org'], new TextEncoder().encode('{"x":1}'));
  assert.deepEqual(s.data, new TextEncoder().encode('{"x":1}'));
  assert.deepEqual(header(s, 'Content-Type'), ['application/json']);
  assert.equal(plan(['x.org', '--raw', 'abc']).data, 'abc');
  assert.throws(() => plan(['x.org', '--raw', 'abc', 'a=1']), /cannot be mixed/);
});

test('nested JSON keys (HTTPie 3)', () => {
  assert.deepEqual(buildNestedJson([['a[b]', '1'], ['a[c]', 2]]), { a: { b: '1', c: 2 } });
  assert.deepEqual(buildNestedJson([['t[]', 'x'], ['t[]', 'y']]), { t: ['x', 'y'] });
  assert.deepEqual(buildNestedJson([['p[0][n]', 'a'], ['p[1][n]', 'b']]), { p: [{ n: 'a' }, { n: 'b' }] });
  assert.deepEqual(buildNestedJson([['[]', 1], ['[]', 2]]), [1, 2]);
  assert.deepEqual(buildNestedJson([['a[', 'lit']]), { 'a[': 'lit' });
  assert.deepEqual(buildNestedJson([['a', '1'], ['a', '2']]), { a: '2' });
});

test('pythonJsonDumps matches Python json.dumps defaults', () => {
  assert.equal(pythonJsonDumps({ a: 'é', b: [1, true, null], c: {} }), '{"a": "\\u00e9", "b": [1, true, null], "c": {}}');
  assert.equal(pythonJsonDumps('😀\u007f\n'), '"\\ud83d\\ude00\\u007f\\n"');
  assert.equal(pythonJsonDumps([]), '[]');
});

test('--multipart sends data fields as plain parts; --proxy fills Requests proxies', () => {
  const m = plan(['--multipart', 'x.org', 'a=1', 'pic@pic.png']);
  assert.equal(m.data, null);
  assert.deepEqual(m.files.map(([k, part]) => [k, part[0]]), [['a', null], ['pic', 'pic.png']]);
  assert.deepEqual(m.files[0]![1], [null, '1']);
  assert.deepEqual(header(m, 'Content-Type'), []);
  const p = plan(['--proxy', 'http:http://127.0.0.1:3128', '--proxy=https:http://p:1', 'x.org']);
  assert.deepEqual(p.proxies, { http: 'http://127.0.0.1:3128', https: 'http://p:1' });
  assert.throws(() => plan(['--proxy', 'nocolon', 'x.org']), /PROTOCOL:PROXY_URL/);
});
