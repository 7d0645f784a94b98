import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, type RequestArgs } from '../../src/cli/args.js';
import { buildPlan } from '../../src/cli/request.js';
import { applySession, loadSession, saveSession, sessionPath, updatedSession } from '../../src/cli/sessions.js';

const plan = (argv: string[]) => buildPlan(parseArgs(argv, { stdoutIsTTY: false }) as RequestArgs, null, () => new Uint8Array());

test('session files live per host and port unless the name is a path', () => {
  const env = { HTTPKIT_CONFIG_DIR: '/cfg' };
  assert.equal(sessionPath('dev', 'http://example.org/x', env), '/cfg/sessions/example.org_80/dev.json');
  assert.equal(sessionPath('dev', 'https://example.org:8443/', env), '/cfg/sessions/example.org_8443/dev.json');
  assert.equal(sessionPath('dev', 'http://[::1]:3000/', env), '/cfg/sessions/___1__3000/dev.json');
  assert.equal(sessionPath('./s.json', 'http://x.org/', env), './s.json');
  assert.equal(sessionPath('d', 'http://x.org/', { XDG_CONFIG_HOME: '/xdg' }), '/xdg/httpkit/sessions/x.org_80/d.json');
  assert.throws(() => sessionPath('bad name', 'http://x.org/', env), /invalid session name/);
});

test('precedence: defaults < session < command line; session auth when none given', () => {
  const p = plan(['x.org', 'X-Cli:1', 'Accept:']);
  const s = { headers: { 'User-Agent': 'sess/1', 'X-Cli': 'old', Accept: 'text/html' }, cookies: [], auth: { type: 'digest' as const, username: 'u', password: 'p' } };
  const merged = applySession(p, s);
  const get = (n: string) => merged.headers.filter(([k]) => k.toLowerCase() === n.toLowerCase()).map(([, v]) => v);
  assert.deepEqual(get('User-Agent'), ['sess/1']);
  assert.deepEqual(get('X-Cli'), ['1']);
  assert.deepEqual(get('Accept'), [null]);
  assert.deepEqual(merged.auth, { type: 'digest', user: 'u', password: 'p' });
  assert.deepEqual(applySession(plan(['-a', 'a:b', 'x.org']), s).auth, { type: 'basic', user: 'a', password: 'b' });
});

test('updating keeps custom headers (not Content-*/If-*), drops removed ones and expired cookies', () => {
  const p = plan(['x.org', 'X-New:v', 'Content-Type:text/plain', 'If-None-Match:x', 'X-Old:']);
  const cookie = (name: string, expires: number | null) => ({ name, value: 'v', domain: 'x.org', path: '/', secure: false, httpOnly: false, expires, hostOnly: true });
  const next = updatedSession({ headers: { 'x-old': 'gone', Keep: 'me' }, cookies: [], auth: { type: null, username: null, password: null } }, p, [cookie('live', null), cookie('dead', 1)], 1000);
  assert.deepEqual(next.headers, { Keep: 'me', 'X-New': 'v' });
  assert.deepEqual(next.cookies.map((c) => c.name), ['live']);
});

test('save and load round-trip with HTTPie layout, private file mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'httpkit-sess-'));
  try {
    const path = join(dir, 'a', 'b.json');
    assert.deepEqual(loadSession(path), { headers: {}, cookies: [], auth: { type: null, username: null, password: null } });
    const data = { headers: { A: '1' }, cookies: [], auth: { type: 'basic' as const, username: 'u', password: 'p' } };
    saveSession(path, data);
    assert.deepEqual(loadSession(path), data);
    assert.equal(statSync(path).mode & 0o777, 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
