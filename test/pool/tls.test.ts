/**
 * TLS options: CA from a file or a directory, verify off, the CA-bundle environment variables,
 * and keys that differ for every differing option.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';
import { PoolManager } from '../../src/pool/manager.js';
import { SSLError } from '../../src/pool/errors.js';
import { caBundleFromEnv, mergeTls, resolveTls, tlsKey } from '../../src/pool/tls.js';

let secure: HttpbinServer;
let dir: string;

before(async () => {
  secure = await startHttpbin({ tls: true });
  dir = mkdtempSync(join(tmpdir(), 'httpkit-pool-tls-'));
  writeFileSync(join(dir, 'ca.pem'), secure.ca!);
});

after(async () => {
  await secure?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('caFile and caDir are loaded (Requests verify="/path")', async () => {
  const pm = new PoolManager();
  try {
    assert.equal((await pm.urlopen('GET', `${secure.url}/get`, { tls: { caFile: join(dir, 'ca.pem') } })).status, 200);
    assert.equal((await pm.urlopen('GET', `${secure.url}/get`, { tls: { caDir: dir } })).status, 200);
    await assert.rejects(pm.urlopen('GET', `${secure.url}/get`, { tls: { caDir: tmpdir() + '/nonexistent-httpkit' }, retries: false }));
  } finally {
    pm.clear();
  }
});

test('a wrong CA is an SSLError', async () => {
  const pm = new PoolManager();
  try {
    // Some public root: it did not sign httpbin's test certificate.
    await assert.rejects(pm.urlopen('GET', `${secure.url}/get`, { tls: { ca: rootCertificates[0]! }, retries: false }), SSLError);
  } finally {
    pm.clear();
  }
});

test('tlsKey differs for every option; resolveTls maps verify and caches', () => {
  const base = tlsKey({});
  const variants = [
    { verify: false }, { checkHostname: false }, { ca: 'x' }, { caFile: '/a' }, { caDir: '/b' }, { cert: 'c' }, { certFile: '/c' },
    { key: 'k' }, { keyFile: '/k' }, { passphrase: 'p' }, { servername: 's' }, { minVersion: 'TLSv1.3' as const }, { ciphers: 'HIGH' },
  ];
  const keys = new Set([base, ...variants.map((v) => tlsKey(v))]);
  assert.equal(keys.size, variants.length + 1);
  assert.deepEqual({ ...resolveTls({ verify: false }) }, { rejectUnauthorized: false, checkHostname: false });
  assert.deepEqual({ ...resolveTls({}) }, { rejectUnauthorized: true, checkHostname: true });
  assert.equal(resolveTls({ ca: 'x' }), resolveTls({ ca: 'x' }), 'one frozen settings object per key');
  assert.deepEqual(mergeTls({ verify: false, ca: 'a' }, { ca: 'b', servername: undefined }), { verify: false, ca: 'b' });
});

test('caBundleFromEnv: REQUESTS_CA_BUNDLE, then CURL_CA_BUNDLE', () => {
  assert.equal(caBundleFromEnv({ REQUESTS_CA_BUNDLE: '/r', CURL_CA_BUNDLE: '/c' }), '/r');
  assert.equal(caBundleFromEnv({ CURL_CA_BUNDLE: '/c' }), '/c');
  assert.equal(caBundleFromEnv({}), null);
});
