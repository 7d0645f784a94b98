// Compatibility: the same requests go to the real httpbin (Debian's python3-httpbin 0.7.0 under
// gunicorn) and to ours; statuses, the headers that matter, and normalised bodies must agree.
// Normalisation only removes what legitimately differs: the port in Host/url, random nonces.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';
import { send, type RawResponse } from './client.js';
import { contentCases, echoCases, edgeCases, flowCases, type CompatCase } from './compat-cases.js';
import { digestFlows } from './compat-digest.js';
import { argumentCases, generatedCases, headerParsingCases } from './compat-generated.js';
import { referenceUnavailable, startReference, type Reference } from './reference.js';

const skip = referenceUnavailable();

// Headers whose values must match (after normalisation) whenever either side sends them.
const COMPARED = ['content-type', 'location', 'set-cookie', 'content-encoding', 'www-authenticate', 'etag', 'cache-control',
  'content-range', 'accept-ranges', 'access-control-allow-origin', 'access-control-allow-credentials',
  'access-control-allow-methods', 'access-control-max-age', 'access-control-allow-headers', 'x-more-info', 'proxy-authenticate'];

/** Replace what differs between two healthy servers: the port and random challenge values. */
export function normalise(text: string): string {
  return text
    .replace(/127\.0\.0\.1:\d+/g, 'HOST')
    .replace(/(nonce|opaque)="([0-9a-f]+)"/g, (_m, k: string, v: string) => `${k}="<${v.length} hex>"`)
    .replace(/last_nonce=[0-9a-f]+/g, 'last_nonce=<hex>');
}

function deepNormalise(v: unknown): unknown {
  if (typeof v === 'string') return normalise(v);
  if (Array.isArray(v)) return v.map(deepNormalise);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepNormalise(x)]));
  return v;
}

function headerValues(res: RawResponse, name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i]!.toLowerCase() === name) out.push(normalise(res.rawHeaders[i + 1]!));
  return out;
}

// What gunicorn adds (or node:http adds) around the application's headers is not compared.
const TRANSPORT = new Set(['server', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

function headerOrder(res: RawResponse): string {
  return res.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase()).filter((n) => !TRANSPORT.has(n)).join(' ');
}

function decoded(c: CompatCase, res: RawResponse): Buffer {
  if (c.compare === 'gzip') return gunzipSync(res.body);
  if (c.compare === 'deflate') return inflateSync(res.body);
  if (c.compare === 'brotli') return brotliDecompressSync(res.body);
  return res.body;
}

/** Assert that `ours` answers like `theirs`. */
export function assertSame(c: CompatCase, theirs: RawResponse, ours: RawResponse): void {
  const label = `${c.name} (${c.method ?? 'GET'} ${c.path})`;
  assert.equal(ours.status, theirs.status, `${label}: status`);
  assert.equal(ours.reason, theirs.reason, `${label}: reason phrase`);
  assert.equal(headerOrder(ours), headerOrder(theirs), `${label}: header order`);
  const presenceOnly = c.path === '/cache' ? ['etag', 'last-modified'] : [];
  for (const name of COMPARED) {
    if (presenceOnly.includes(name)) continue;
    assert.deepEqual(headerValues(ours, name), headerValues(theirs, name), `${label}: header ${name}`);
  }
  for (const name of presenceOnly) assert.equal(headerValues(ours, name).length, headerValues(theirs, name).length, `${label}: ${name} present`);
  if (c.method === 'OPTIONS' || c.compare === 'json' || c.compare === 'bytes') {
    assert.deepEqual(new Set(headerValues(ours, 'allow').join(', ').split(', ')), new Set(headerValues(theirs, 'allow').join(', ').split(', ')), `${label}: allow`);
  }
  if (c.compare === 'none') return;
  const a = decoded(c, theirs).toString('latin1');
  const b = decoded(c, ours).toString('latin1');
  if (c.compare === 'bytes' || c.compare === 'lines') {
    assert.equal(normalise(b), normalise(a), `${label}: body`);
    if (c.compare === 'bytes') assert.deepEqual(headerValues(ours, 'content-length'), headerValues(theirs, 'content-length'), `${label}: content-length`);
    return;
  }
  const parse = (s: string): unknown => deepNormalise(JSON.parse(Buffer.from(s, 'latin1').toString('utf8')));
  assert.deepEqual(parse(b), parse(a), `${label}: json body`);
}

describe('compatibility with the real httpbin (python3-httpbin + gunicorn)', { skip }, () => {
  let reference: Reference;
  let ours: HttpbinServer;

  before(async () => {
    reference = await startReference();
    ours = await startHttpbin();
  });

  after(async () => {
    await ours?.close();
    await reference?.stop();
  });

  const families: Array<[string, CompatCase[]]> = [['echo', echoCases], ['status, redirects, cookies, auth', flowCases], ['content', contentCases], ['edge cases', edgeCases],
    ['Content-Type and Content-Disposition parsing', headerParsingCases()], ['argument parsing', argumentCases()]];
  for (const [family, cases] of families) {
    test(`${family}: ${cases.length} requests answer alike`, async () => {
      for (const c of cases) assertSame(c, await send(reference.url, c), await send(ours.url, c));
    });
  }

  test('300 generated requests (queries, paths, forms, multipart, JSON, cookies) answer alike', async () => {
    for (const c of generatedCases(20261125, 300)) {
      const label = JSON.stringify({ path: c.path, body: c.body?.toString('latin1'), headers: c.headers });
      try {
        assertSame(c, await send(reference.url, c), await send(ours.url, c));
      } catch (err) {
        throw new Error(`${label}: ${(err as Error).message}`, { cause: err });
      }
    }
  });

  test('echo bodies are byte-identical once the port is normalised', async () => {
    const byteCases = echoCases.filter((c) => c.compare === 'json' && !c.headers?.['Content-Type']?.toString().startsWith('multipart'));
    for (const c of byteCases) {
      const [theirs, mine] = [await send(reference.url, c), await send(ours.url, c)];
      assert.equal(normalise(mine.body.toString('latin1')), normalise(theirs.body.toString('latin1')), c.name);
    }
  });

  test('digest auth handshakes (MD5, SHA-256, SHA-512; auth, auth-int, stale, wrong password)', async () => {
    await digestFlows(reference.url, ours.url);
  });
});

if (skip !== undefined) test(`compatibility test skipped: ${skip}`, { skip }, () => {});
