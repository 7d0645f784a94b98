// main() driven in process with an injected Io: no spawn, no network (offline and usage paths).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main, statusExit, type Io } from '../../src/cli/main.js';
import { VERSION } from '../../src/cli/request.js';

function fakeIo(stdoutIsTTY = false, stdin: string | null = null): Io & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const text = (c: string | Uint8Array) => (typeof c === 'string' ? c : new TextDecoder().decode(c));
  return {
    stdout: { write: (c: string | Uint8Array) => out.push(text(c)) },
    stderr: { write: (c: string | Uint8Array) => err.push(text(c)) },
    stdoutIsTTY,
    readStdin: async () => (stdin === null ? null : new TextEncoder().encode(stdin)),
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

test('--help, --version and usage errors', async () => {
  const help = fakeIo();
  assert.equal(await main(['--help'], help), 0);
  assert.match(help.out(), /^usage: httpkit \[METHOD\] URL \[REQUEST_ITEM \.\.\.\]/);
  const version = fakeIo();
  assert.equal(await main(['--version'], version), 0);
  assert.equal(version.out(), `${VERSION}\n`);
  const bad = fakeIo();
  assert.equal(await main(['x.org', 'nosep'], bad), 2);
  assert.match(bad.err(), /httpkit: error: argument REQUEST_ITEM: "nosep" is not a valid value/);
});

test('--offline prints the prepared request: JSON body, query, headers', async () => {
  const io = fakeIo();
  assert.equal(await main(['--offline', 'PUT', 'example.org/x', 'q==1', 'a=b', 'n:=2', 'X-T:v'], io), 0);
  const text = io.out();
  assert.match(text, /^PUT \/x\?q=1 HTTP\/1\.1\r\n/);
  assert.match(text, /\r\nHost: example\.org\r\n/);
  assert.match(text, /\r\nX-T: v\r\n/);
  assert.match(text, /\r\nContent-Type: application\/json\r\n/);
  assert.ok(text.endsWith('{"a": "b", "n": 2}'));
});

test('--offline with a piped body guesses POST; bad items are usage errors (status 2)', async () => {
  const piped = fakeIo(false, 'raw body');
  assert.equal(await main(['--offline', 'example.org/p'], piped), 0);
  assert.match(piped.out(), /^POST \/p HTTP\/1\.1/);
  assert.ok(piped.out().endsWith('raw body'));
  const mixed = fakeIo(false, 'raw body');
  assert.equal(await main(['--offline', '--raw', 'x', 'example.org/p', 'a=1'], mixed), 2);
  assert.match(mixed.err(), /cannot be mixed/);
  const missing = fakeIo();
  assert.equal(await main(['--offline', 'example.org', 'f=@/no/such/file'], missing), 2);
  assert.match(missing.err(), /No such file or directory/);
});

test('statusExit: HTTPie exit codes per status class', () => {
  assert.deepEqual([200, 301, 302, 404, 418, 500, 503].map((s) => statusExit(s, false)), [0, 3, 3, 4, 4, 5, 5]);
  assert.equal(statusExit(302, true), 0);
});
