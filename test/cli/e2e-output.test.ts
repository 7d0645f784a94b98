// End to end (output): --print/--pretty, --check-status, downloads, --offline, serve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, useHttpbin, MAIN, ROOT, TSX } from './helpers.js';

const fx = useHttpbin();

test('-v prints the request and the response head; --pretty=format indents JSON', async () => {
  const r = await cli(['-v', '--pretty=format', `${fx.server.url}/post`, 'a=1']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^POST \/post HTTP\/1\.1\n/);
  assert.match(r.stdout, /\nContent-Type: application\/json\n/);
  assert.match(r.stdout, /\n\{\n {4}"a": "1"\n\}\n\n\nHTTP\/1\.1 200 OK\n/);
  assert.match(r.stdout, /\n {4}"json": \{\n {8}"a": "1"\n {4}\},\n/);
});

test('--headers prints only the response head; Header: removes a default header', async () => {
  const r = await cli(['-h', `${fx.server.url}/headers`, 'Accept:']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^HTTP\/1\.1 200 OK\r\n/);
  assert.doesNotMatch(r.stdout, /"headers"/);
  const b = await cli([`${fx.server.url}/headers`, 'Accept:']);
  assert.equal(JSON.parse(b.stdout).headers.Accept, undefined);
});

test('--check-status maps 4xx/5xx/3xx to exit codes 4/5/3 and warns on stderr', async () => {
  const [r404, r503, r302, plain] = await Promise.all([
    cli(['--check-status', `${fx.server.url}/status/404`]),
    cli(['--check-status', `${fx.server.url}/status/503`]),
    cli(['--check-status', `${fx.server.url}/redirect/1`]),
    cli([`${fx.server.url}/status/500`]),
  ]);
  assert.equal(r404.code, 4);
  assert.match(r404.stderr, /warning: HTTP 404 NOT FOUND|warning: HTTP 404 Not Found/i);
  assert.equal(r503.code, 5);
  assert.equal(r302.code, 3);
  assert.equal(plain.code, 0);
});

test('--follow with --all prints every hop; too many redirects exits 6', async () => {
  const r = await cli(['-F', '--all', '-h', `${fx.server.url}/redirect/2`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.match(/^HTTP\/1\.1 302 FOUND|^HTTP\/1\.1 302 Found/gim)?.length, 2);
  assert.match(r.stdout, /HTTP\/1\.1 200 OK/);
  const tooMany = await cli(['-F', '--max-redirects', '1', `${fx.server.url}/redirect/3`]);
  assert.equal(tooMany.code, 6);
  assert.match(tooMany.stderr, /Too many redirects \(--max-redirects=1\)/);
});

test('--download saves the body under a derived name, --output under the given one', async () => {
  const r = await cli(['--download', `${fx.server.url}/bytes/2048?seed=1`], { cwd: fx.dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Downloading 2\.05 kB to "2048\.bin"/);
  assert.equal(readFileSync(join(fx.dir, '2048.bin')).length, 2048);
  const again = await cli(['-d', `${fx.server.url}/bytes/16`, '-o', 'named.out'], { cwd: fx.dir });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(readFileSync(join(fx.dir, 'named.out')).length, 16);
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

test('raw output streams the body through (bytes, chunked streams), -h leaves it unread', async () => {
  const [bytes, lines, head] = await Promise.all([
    cli([`${fx.server.url}/bytes/100000?seed=7`, '-o', join(fx.dir, 'stream.bin')]),
    cli([`${fx.server.url}/stream/3`]),
    cli(['-h', `${fx.server.url}/bytes/50000`]),
  ]);
  assert.equal(bytes.code, 0, bytes.stderr);
  assert.equal(readFileSync(join(fx.dir, 'stream.bin')).length, 100000);
  assert.equal(lines.stdout.trim().split('\n').map((l) => JSON.parse(l).id).join(','), '0,1,2');
  assert.equal(head.code, 0, head.stderr);
  assert.match(head.stdout, /^HTTP\/1\.1 200 OK\r\n/);
  assert.match(head.stdout, /Content-Length: 50000\r\n/);
});

test('--download --continue resumes a partial file with a Range request', async () => {
  const file = join(fx.dir, 'resume.bin');
  const full = await cli([`${fx.server.url}/range/1000`, '-o', join(fx.dir, 'full.bin')]);
  assert.equal(full.code, 0, full.stderr);
  const whole = readFileSync(join(fx.dir, 'full.bin'));
  writeFileSync(file, whole.subarray(0, 100));
  const r = await cli(['-dc', '-o', file, `${fx.server.url}/range/1000`]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Resuming from byte 100/);
  assert.deepEqual(readFileSync(file), whole);
});
