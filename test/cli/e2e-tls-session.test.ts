// End to end: HTTPS verification and --session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHttpbin } from '../../src/testing/server.js';
import { cli, useHttpbin } from './helpers.js';

const fx = useHttpbin();

test('HTTPS: verification on by default, --verify CA_BUNDLE trusts a CA, --verify no skips it', async () => {
  const tls = await startHttpbin({ tls: true });
  try {
    const ca = join(fx.dir, 'ca.pem');
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
  const cfg = () => ({ configDir: join(fx.dir, 'config') });
  const first = await cli(['--session', 'work', `${fx.server.url}/cookies/set?sid=42`, 'X-Team:blue', '-a', 'ann:pw'], cfg());
  assert.equal(first.code, 0, first.stderr);
  const second = await cli(['--session=work', `${fx.server.url}/headers`], cfg());
  const h = JSON.parse(second.stdout).headers;
  assert.equal(h['X-Team'], 'blue');
  assert.equal(h.Cookie, 'sid=42');
  assert.equal(h.Authorization, `Basic ${Buffer.from('ann:pw').toString('base64')}`);
  await cli(['--session-read-only', 'work', `${fx.server.url}/cookies/set?other=1`, 'X-Team:red'], cfg());
  const third = await cli(['--session', 'work', `${fx.server.url}/headers`], cfg());
  assert.equal(JSON.parse(third.stdout).headers['X-Team'], 'blue');
  assert.equal(JSON.parse(third.stdout).headers.Cookie, 'sid=42');
});
