// End to end: the httpkit command spawned as a user runs it, against the embedded httpbin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// tsx by path, so the CLI can run with any working directory.
const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the CLI (stdin /dev/null unless `input`), bounded by a 20 s kill timer. */
function cli(args: string[], opts: { input?: string; cwd?: string; openStdin?: boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      stdio: [opts.input === undefined && !opts.openStdin ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', HTTPKIT_CONFIG_DIR: join(dir, 'config') },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout!.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

let server: HttpbinServer;
let dir: string;
before(async () => {
  server = await startHttpbin();
  dir = mkdtempSync(join(tmpdir(), 'httpkit-cli-'));
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('GET with query and header items: redirected stdout gets the raw JSON body', async () => {
  const r = await cli([`${server.url}/get`, 'q==a b', 'X-Token:t1']);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.deepEqual(body.args, { q: 'a b' });
  assert.equal(body.headers['X-Token'], 't1');
  assert.match(body.headers['User-Agent'], /^httpkit\//);
});

test('data items default to a JSON POST, as HTTPie', async () => {
  const r = await cli([`${server.url}/post`, 'name=John', 'age:=29', 'tags:=["a"]', 'nested[k]=v']);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.deepEqual(body.json, { name: 'John', age: 29, tags: ['a'], nested: { k: 'v' } });
  assert.equal(body.headers['Content-Type'], 'application/json');
  assert.equal(body.headers.Accept, 'application/json, */*;q=0.5');
});

test('--form with a file upload sends multipart', async () => {
  const file = join(dir, 'note.txt');
  writeFileSync(file, 'file body\n');
  const r = await cli(['--form', 'PUT', `${server.url}/put`, 'k=v', `doc@${file}`]);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.deepEqual(body.form, { k: 'v' });
  assert.deepEqual(body.files, { doc: 'file body\n' });
  assert.match(body.headers['Content-Type'], /^multipart\/form-data; boundary=/);
});

test('-v prints the request and the response head; --pretty=format indents JSON', async () => {
  const r = await cli(['-v', '--pretty=format', `${server.url}/post`, 'a=1']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^POST \/post HTTP\/1\.1\n/);
  assert.match(r.stdout, /\nContent-Type: application\/json\n/);
  assert.match(r.stdout, /\n\{\n {4}"a": "1"\n\}\n\n\nHTTP\/1\.1 200 OK\n/);
  assert.match(r.stdout, /\n {4}"json": \{\n {8}"a": "1"\n {4}\},\n/);
});

test('--headers prints only the response head; Header: removes a default header', async () => {
  const r = await cli(['-h', `${server.url}/headers`, 'Accept:']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^HTTP\/1\.1 200 OK\r\n/);
  assert.doesNotMatch(r.stdout, /"headers"/);
  const b = await cli([`${server.url}/headers`, 'Accept:']);
  assert.equal(JSON.parse(b.stdout).headers.Accept, undefined);
});

test('--check-status maps 4xx/5xx/3xx to exit codes 4/5/3 and warns on stderr', async () => {
  const r404 = await cli(['--check-status', `${server.url}/status/404`]);
  assert.equal(r404.code, 4);
  assert.match(r404.stderr, /warning: HTTP 404 NOT FOUND|warning: HTTP 404 Not Found/i);
  assert.equal((await cli(['--check-status', `${server.url}/status/503`])).code, 5);
  assert.equal((await cli(['--check-status', `${server.url}/redirect/1`])).code, 3);
  assert.equal((await cli([`${server.url}/status/500`])).code, 0);
});

test('--follow with --all prints every hop; too many redirects exits 6', async () => {
  const r = await cli(['-F', '--all', '-h', `${server.url}/redirect/2`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.match(/^HTTP\/1\.1 302 FOUND|^HTTP\/1\.1 302 Found/gim)?.length, 2);
  assert.match(r.stdout, /HTTP\/1\.1 200 OK/);
  const tooMany = await cli(['-F', '--max-redirects', '1', `${server.url}/redirect/3`]);
  assert.equal(tooMany.code, 6);
  assert.match(tooMany.stderr, /Too many redirects \(--max-redirects=1\)/);
});

test('basic and digest auth', async () => {
  const basic = await cli(['-a', 'user:pw', `${server.url}/basic-auth/user/pw`]);
  assert.equal(basic.code, 0, basic.stderr);
  assert.deepEqual(JSON.parse(basic.stdout), { authenticated: true, user: 'user' });
  const digest = await cli(['-A', 'digest', '-a', 'user:pw', '--check-status', `${server.url}/digest-auth/auth/user/pw`]);
  assert.equal(digest.code, 0, digest.stderr);
  assert.equal(JSON.parse(digest.stdout).authenticated, true);
});

test('timeouts exit 2; a refused connection exits 1 with the error named', async () => {
  const slow = await cli(['--timeout', '0.3', `${server.url}/delay/3`]);
  assert.equal(slow.code, 2);
  assert.match(slow.stderr, /Request timed out \(0\.3s\)/);
  const refused = await cli(['http://127.0.0.1:1/']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^httpkit: error: ConnectionError: .* while doing a GET request to URL: http:\/\/127\.0\.0\.1:1\//);
});

test('piped stdin becomes the body of a POST', async () => {
  const r = await cli([`${server.url}/post`], { input: '{"from":"stdin"}' });
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.deepEqual(body.json, { from: 'stdin' });
});

test('a stdin pipe left open and silent (the default of execFile) is no body, not a hang', async () => {
  const r = await cli([`${server.url}/get`], { openStdin: true });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).url, `${server.url}/get`);
});

test('--download saves the body under a derived name, --output under the given one', async () => {
  const r = await cli(['--download', `${server.url}/bytes/2048?seed=1`], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Downloading 2\.05 kB to "2048\.bin"/);
  assert.equal(readFileSync(join(dir, '2048.bin')).length, 2048);
  const again = await cli(['-d', `${server.url}/bytes/16`, '-o', 'named.out'], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(readFileSync(join(dir, 'named.out')).length, 16);
});

test('--offline prints the request without sending it; usage errors exit 2', async () => {
  const r = await cli(['--offline', ':1/nowhere', 'a=1']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^POST \/nowhere HTTP\/1\.1\r\nHost: localhost:1\r\n/);
  assert.match(r.stdout, /\{"a": "1"\}$/);
  const bad = await cli(['--nope', 'x.org']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^usage: httpkit/);
});

test('httpkit serve starts the embedded httpbin and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', TSX, MAIN, 'serve', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', () => reject(new Error(`serve exited: ${out}`)));
    });
    const r = await cli([`${url}/get`]);
    assert.equal(JSON.parse(r.stdout).url, `${url}/get`);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    clearTimeout(timer);
  }
});

test('--multipart without files still sends multipart/form-data', async () => {
  const r = await cli(['--multipart', `${server.url}/post`, 'a=1', 'b=two']);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.deepEqual(body.form, { a: '1', b: 'two' });
  assert.match(body.headers['Content-Type'], /^multipart\/form-data; boundary=/);
});

test('HTTPS: verification on by default, --verify CA_BUNDLE trusts a CA, --verify no skips it', async () => {
  const tls = await startHttpbin({ tls: true });
  try {
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, tls.ca!);
    const strict = await cli([`${tls.url}/get`]);
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /^httpkit: error: SSLError: /);
    const trusted = await cli(['--verify', ca, `${tls.url}/get`]);
    assert.equal(trusted.code, 0, trusted.stderr);
    assert.equal(JSON.parse(trusted.stdout).url, `${tls.url}/get`);
    const insecure = await cli(['--verify=no', `${tls.url}/get`]);
    assert.equal(insecure.code, 0, insecure.stderr);
  } finally {
    await tls.close();
  }
});

test('--session keeps headers, auth and cookies between runs; --session-read-only does not update', async () => {
  const first = await cli(['--session', 'work', `${server.url}/cookies/set?sid=42`, 'X-Team:blue', '-a', 'ann:pw']);
  assert.equal(first.code, 0, first.stderr);
  const second = await cli(['--session=work', `${server.url}/headers`]);
  const h = JSON.parse(second.stdout).headers;
  assert.equal(h['X-Team'], 'blue');
  assert.equal(h.Cookie, 'sid=42');
  assert.equal(h.Authorization, `Basic ${Buffer.from('ann:pw').toString('base64')}`);
  await cli(['--session-read-only', 'work', `${server.url}/cookies/set?other=1`, 'X-Team:red']);
  const third = await cli(['--session', 'work', `${server.url}/headers`]);
  assert.equal(JSON.parse(third.stdout).headers['X-Team'], 'blue');
  assert.equal(JSON.parse(third.stdout).headers.Cookie, 'sid=42');
});
