import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeUrl, parseArgs, UsageError, type RequestArgs } from '../../src/cli/args.js';

const tty = { stdoutIsTTY: true };
const pipe = { stdoutIsTTY: false };

function req(argv: string[], t = tty): RequestArgs {
  const p = parseArgs(argv, t);
  assert.equal(p.command, 'request');
  return p as RequestArgs;
}

test('URL completion follows HTTPie (default scheme, :port shorthand, ://)', () => {
  const table: Array<[string, string]> = [
    ['example.org', 'http://example.org'],
    ['localhost:3000/x', 'http://localhost:3000/x'],
    [':3000/x', 'http://localhost:3000/x'],
    [':3000', 'http://localhost:3000'],
    [':/foo', 'http://localhost/foo'],
    [':', 'http://localhost'],
    ['://example.org/a', 'http://example.org/a'],
    ['https://example.org', 'https://example.org'],
    ['HTTP://Example.org', 'HTTP://Example.org'],
    ['127.0.0.1:8080/get?a=1', 'http://127.0.0.1:8080/get?a=1'],
    ['[::1]:8080/', 'http://[::1]:8080/'],
  ];
  for (const [input, want] of table) assert.equal(completeUrl(input), want, input);
  assert.equal(completeUrl('example.org', 'https'), 'https://example.org');
});

test('method: explicit, or guessed GET/POST from the items', () => {
  const table: Array<[string[], string, string]> = [
    [['example.org'], 'GET', 'http://example.org'],
    [['example.org', 'a==1'], 'GET', 'http://example.org'],
    [['example.org', 'X-A:1'], 'GET', 'http://example.org'],
    [['example.org', 'a=1'], 'POST', 'http://example.org'],
    [['example.org', 'a:=1'], 'POST', 'http://example.org'],
    [['--form', 'example.org', 'f@x.txt'], 'POST', 'http://example.org'],
    [['PUT', 'example.org', 'a=1'], 'PUT', 'http://example.org'],
    [['delete', 'example.org'], 'DELETE', 'http://example.org'],
    [['HEAD', ':3000'], 'HEAD', 'http://localhost:3000'],
    [['PROPFIND', 'example.org'], 'PROPFIND', 'http://example.org'],
    // `localhost` is a URL, not a method (HTTPie's FIXME false positive avoided).
    [['localhost', 'a=1'], 'POST', 'http://localhost'],
    [['example.org', '--raw', 'hello'], 'POST', 'http://example.org'],
  ];
  for (const [argv, method, url] of table) {
    const a = req(argv);
    assert.deepEqual([a.method, a.url], [method, url], argv.join(' '));
  }
  assert.equal(req(['GET', 'x.org']).methodGiven, true);
  assert.equal(req(['x.org', 'a=1']).methodGiven, false);
});

test('print defaults: hb on a terminal, b when redirected, flags and -p override', () => {
  assert.equal(req(['x.org']).print, 'hb');
  assert.equal(req(['x.org'], pipe).print, 'b');
  assert.equal(req(['-v', 'x.org'], pipe).print, 'HBhb');
  assert.equal(req(['--headers', 'x.org']).print, 'h');
  assert.equal(req(['-b', 'x.org']).print, 'b');
  assert.equal(req(['-p', 'Hh', 'x.org']).print, 'Hh');
  assert.equal(req(['-pHb', 'x.org']).print, 'Hb');
  assert.equal(req(['--print=B', 'x.org']).print, 'B');
  assert.equal(req(['-d', 'x.org']).print, 'h');
  assert.equal(req(['-o', 'out.txt', 'x.org']).print, 'b');
  assert.throws(() => req(['-p', 'Z', 'x.org']), UsageError);
});

test('pretty defaults to all on a terminal and none otherwise', () => {
  assert.equal(req(['x.org']).pretty, 'all');
  assert.equal(req(['x.org'], pipe).pretty, 'none');
  assert.equal(req(['--pretty=format', 'x.org'], pipe).pretty, 'format');
  assert.equal(req(['--pretty', 'colors', 'x.org']).pretty, 'colors');
  assert.throws(() => req(['--pretty', 'bogus', 'x.org']), UsageError);
});

test('options anywhere, combined short flags, values inline or separate', () => {
  const a = req(['x.org', 'a=1', '-vF', '--timeout', '2.5', '-a', 'u:p', '--auth-type=digest', '--max-redirects=3', '--verify', 'no', '--check-status']);
  assert.equal(a.follow, true);
  assert.equal(a.print, 'HBhb');
  assert.equal(a.timeoutMs, 2500);
  assert.equal(a.auth, 'u:p');
  assert.equal(a.authType, 'digest');
  assert.equal(a.maxRedirects, 3);
  assert.equal(a.verify, false);
  assert.equal(a.checkStatus, true);
  assert.equal(req(['--verify=yes', 'x.org']).verify, true);
  assert.equal(req(['--verify', '/etc/ca.pem', 'x.org']).verify, '/etc/ca.pem');
  assert.equal(req(['-f', 'x.org']).mode, 'form');
  const j = req(['-j', 'x.org']);
  assert.deepEqual([j.mode, j.explicitJson], ['json', true]);
  assert.equal(req(['-ofile.bin', 'x.org']).output, 'file.bin');
});

test('-- ends the options; items after it may start with a dash', () => {
  const a = req(['x.org', '--', '-weird=1']);
  assert.deepEqual(a.items.map((i) => [i.key, i.value]), [['-weird', '1']]);
});

test('usage errors', () => {
  assert.throws(() => parseArgs([], tty), /required: URL/);
  assert.throws(() => parseArgs(['--bogus', 'x.org'], tty), /unrecognized arguments: --bogus/);
  assert.throws(() => parseArgs(['x.org', 'notanitem'], tty), /is not a valid value/);
  assert.throws(() => parseArgs(['--timeout', 'soon', 'x.org'], tty), /invalid float value/);
  assert.throws(() => parseArgs(['--auth-type', 'ntlm', 'x.org'], tty), /invalid choice/);
  assert.throws(() => parseArgs(['x.org', '--auth'], tty), /expected one argument/);
});

test('serve, help and version', () => {
  assert.deepEqual(parseArgs(['serve'], tty), { command: 'serve', host: '127.0.0.1', port: 0, tls: false });
  assert.deepEqual(parseArgs(['serve', '--port', '8080', '--tls'], tty), { command: 'serve', host: '127.0.0.1', port: 8080, tls: true });
  assert.deepEqual(parseArgs(['serve', '--port=9', '--host', '::1'], tty), { command: 'serve', host: '::1', port: 9, tls: false });
  assert.throws(() => parseArgs(['serve', '--port', 'x'], tty), UsageError);
  assert.throws(() => parseArgs(['serve', '--nope'], tty), UsageError);
  assert.deepEqual(parseArgs(['--help'], tty), { command: 'help' });
  assert.deepEqual(parseArgs(['--version'], tty), { command: 'version' });
});

test('-vv adds the metadata part', () => {
  assert.equal(req(['-vv', 'x.org']).print, 'HBhbm');
  assert.equal(req(['-v', '-v', 'x.org']).print, 'HBhbm');
  assert.equal(req(['-p', 'hm', 'x.org']).print, 'hm');
});

test('--sorted / --unsorted', () => {
  assert.equal(req(['x.org']).sorted, true);
  assert.equal(req(['--unsorted', 'x.org']).sorted, false);
  assert.equal(req(['--unsorted', '--sorted', 'x.org']).sorted, true);
});

test('--continue needs --download and --output', () => {
  assert.equal(req(['-dc', '-o', 'f.bin', 'x.org']).resume, true);
  assert.throws(() => req(['-c', '-o', 'f.bin', 'x.org']), /--continue only works with --download and --output/);
  assert.throws(() => req(['-dc', 'x.org']), /--continue only works/);
});

test('a known short option wins over item syntax (argparse); an unknown dash word is an item', () => {
  assert.equal(req(['-a=u:p', 'x.org']).auth, '=u:p');
  assert.equal(req(['x.org', '-pH']).print, 'H');
  assert.deepEqual(req(['x.org', '-x-y:1']).items.map((i) => [i.key, i.sep, i.value]), [['-x-y', ':', '1']]);
});
