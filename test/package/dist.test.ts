/**
 * The built package, as users load it: `npm run build` output through package.json `exports`
 * (self-reference: `import('httpkit/client')` resolves to dist/). Every other test runs the
 * sources; this one checks what the bundling step (scripts/bundle.mjs) could break: one copy of
 * each class across entries, class and error names (keepNames), files found relative to the
 * bundle, the CLI bin. Skipped when dist/ was not built (`npm run build`; .ci/run always builds).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { SourceMap } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(`${root}dist/index.js`) && existsSync(`${root}dist/client/index.js`);
const skip = built ? false : 'dist/ not built (run `npm run build`)';
const version = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;

// Through variables, so TypeScript does not resolve the self-reference to dist's .d.ts at check time.
const spec = (entry: string): string => (entry === '' ? 'httpkit' : `httpkit/${entry}`);
const load = (entry: string): Promise<any> => import(spec(entry));

test('each entry loads from dist and names its classes as the sources do', { skip }, async () => {
  const [httpkit, client, urllib, parse, robotparser, testing] = await Promise.all(
    ['', 'client', 'urllib', 'parse', 'robotparser', 'testing'].map(load));
  for (const [mod, names] of [
    [httpkit, ['RequestException', 'ConnectionError', 'HTTPError', 'Timeout', 'ReadTimeout', 'SSLError', 'ProxyError', 'TooManyRedirects']],
    [client, ['HTTPException', 'IncompleteRead', 'RemoteDisconnected', 'ConnectionError', 'SSLError', 'TimeoutError']],
    [urllib, ['URLError', 'HTTPError', 'ContentTooShortError']],
  ] as const) {
    for (const name of names) {
      assert.equal(typeof mod[name], 'function', name);
      assert.equal(mod[name].name, name, `class name of ${name}`);
    }
  }
  // The bundler may rename a class (a clash in a chunk, a self-reference); every exported class
  // must still carry its own name (src/internal/names.ts restores them).
  const entries = { httpkit, client, urllib, parse, robotparser, testing };
  let classes = 0;
  for (const [entry, mod] of Object.entries(entries)) {
    for (const [key, value] of Object.entries(mod as Record<string, unknown>)) {
      if (typeof value !== 'function' || !/^class[\s{]/.test(Function.prototype.toString.call(value))) continue;
      classes++;
      assert.equal((value as { name: string }).name, key, `${entry}: class exported as ${key}`);
    }
  }
  assert.ok(classes > 100, `exported classes checked: ${classes}`);
  assert.equal(new httpkit.ConnectTimeout('x').name, 'ConnectTimeout');
  assert.equal(new httpkit.SSLError('x').name, 'SSLError');
  assert.equal(new httpkit.ProxyError('x').name, 'ProxyError');
  assert.equal(String(new client.IncompleteRead(new Uint8Array(3), 5)), 'IncompleteRead(3 bytes read, 5 more expected)');
  assert.equal(String(parse.urlsplit('http://a/b?c#d')), "SplitResult(scheme='http', netloc='a', path='/b', query='c', fragment='d')");
  assert.equal(client.HTTPStatus.NOT_FOUND.phrase, 'Not Found');
  assert.equal(typeof robotparser.RobotFileParser, 'function');
  assert.equal(typeof testing.startHttpbin, 'function');
});

test('the bundled layers work together against the bundled httpbin, one class per name across entries', { skip }, async () => {
  const [httpkit, client, urllib, testing] = await Promise.all(['', 'client', 'urllib', 'testing'].map(load));
  const hb = await testing.startHttpbin();
  const s = new httpkit.Session();
  try {
    const r = await s.get(`${hb.url}/cookies/set?k=v`);
    assert.deepEqual(r.json(), { cookies: { k: 'v' } }, 'Session with cookies (tough-cookie loads from a chunk)');
    const conn = new client.HTTPConnection('127.0.0.1', { port: hb.port });
    try {
      await conn.request('GET', '/status/418');
      const res = await conn.getresponse();
      assert.equal(res.status, 418);
      await res.read();
    } finally {
      conn.close();
    }
    const u = await urllib.urlopen(`${hb.url}/user-agent`);
    // The version comes from package.json, found relative to the bundled file.
    assert.equal(JSON.parse(Buffer.from(await u.read()).toString())['user-agent'], `httpkit-urllib/${version}`);
    // A refused connection: urllib's URLError carries the OSError class that httpkit/client exports.
    const closedPort = await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as AddressInfo;
        srv.close(() => resolve(port));
      });
    });
    await assert.rejects(urllib.urlopen(`http://127.0.0.1:${closedPort}/`), (err: any) => {
      assert.ok(err instanceof urllib.URLError);
      assert.ok(err.reason instanceof client.ConnectionRefusedError, `reason is ${err.reason?.constructor?.name}`);
      assert.ok(err.reason instanceof client.OSError);
      return true;
    });
  } finally {
    s.close();
    await hb.close();
  }
});

test('the CLI bin runs from dist', { skip }, () => {
  const out = execFileSync(process.execPath, [`${root}dist/cli/main.js`, '--version'], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(out.trim(), version);
});

test('the CLI bin starts with its #! line (npm runs dist/cli/main.js itself as `httpkit`); its source map still lines up', { skip }, () => {
  const file = `${root}dist/cli/main.js`;
  const code = readFileSync(file, 'utf8');
  assert.match(code, /^#!\/usr\/bin\/env node\n/);
  const lines = code.split('\n');
  const line = lines.findIndex((l) => l.includes('usage: httpkit [METHOD]'));
  assert.ok(line > 0, 'the usage text is in the bin');
  const map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
  const entry = map.findEntry(line, lines[line]!.indexOf('usage: httpkit [METHOD]')) as { originalSource?: string; originalLine?: number };
  assert.ok(entry.originalSource !== undefined && entry.originalLine !== undefined, 'mapped');
  const source = fileURLToPath(new URL(entry.originalSource, pathToFileURL(file)));
  assert.equal(source, `${root}src/cli/main.ts`);
  assert.ok(readFileSync(source, 'utf8').split('\n')[entry.originalLine]!.includes('usage: httpkit [METHOD]'), `line ${entry.originalLine + 1}`);
});

/** The relative files a built module imports statically (`import … from "./x.js"`), transitively. */
function staticImportClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  // esbuild's output: `import{…}from"./x.js"` or `import"./x.js"`; `import("./x.js")` is lazy and left out.
  for (const m of code.matchAll(/import(?:\{[^}]*\}from|\*as [\w$]+from)?\s*"(\.{1,2}\/[^"]+)"/g)) {
    staticImportClosure(fileURLToPath(new URL(m[1]!, pathToFileURL(file))), seen);
  }
  return seen;
}

test('importing httpkit/client reads two files: its entry and one chunk (issue 3: import under 10 ms)', { skip }, () => {
  const files = [...staticImportClosure(`${root}dist/client/index.js`)].map((f) => f.slice(root.length));
  assert.equal(files.length, 2, `static import path: ${files.join(', ')}`);
  // esbuild's helper chunk is inlined, so no file imports it.
  for (const f of files) assert.doesNotMatch(readFileSync(`${root}${f}`, 'utf8'), /^var __defProp=[^\n]*export\{/);
});

test('stack traces from the bundle map to the TypeScript sources (--enable-source-maps)', { skip }, () => {
  const script = `
    const client = await import('httpkit/client');
    const httpkit = await import('httpkit');
    const frames = [];
    try { new client.HTTPConnection('127.0.0.1', { port: 9 }).putheader('A', 'b'); } catch (e) { frames.push(e.stack.split('\\n')[1]); }
    try { await httpkit.get('nope://x'); } catch (e) { frames.push(e.stack.split('\\n')[1]); }
    process.stdout.write(JSON.stringify(frames));`;
  const out = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script],
    { cwd: root, encoding: 'utf8', timeout: 30_000 });
  const frames = JSON.parse(out) as string[];
  const expected = [['src/client/connection.ts', 'throw new CannotSendHeader'], ['src/requests/session.ts', 'No connection adapters']];
  assert.equal(frames.length, expected.length, out);
  for (const [i, [source, text]] of expected.entries()) {
    const m = /\((.+\.ts):(\d+):\d+\)$/.exec(frames[i]!);
    assert.ok(m, `frame ${frames[i]}`);
    assert.equal(m[1], `${root}${source}`, 'the path of the source file');
    const line = readFileSync(m[1], 'utf8').split('\n')[Number(m[2]) - 1]!;
    assert.ok(line.includes(text!), `line ${m[2]} of ${source}: ${line}`);
  }
});
