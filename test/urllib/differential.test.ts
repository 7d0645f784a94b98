/**
 * Differential test: every scenario of scenarios.ts runs through CPython's urllib
 * (/usr/bin/python3 py_urllib.py, one batch) and through ours, against the same embedded httpbin
 * and raw server; status, final URL, reason, echoed request (headers/body), selected response
 * headers, error class/code/reason and urlretrieve's reporthook calls must be equal.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';
import { buildOpener, installOpener } from '../../src/urllib/opener.js';
import { Request } from '../../src/urllib/request.js';
import { HTTPError, URLError } from '../../src/urllib/errors.js';
import { HTTPPasswordMgrWithDefaultRealm } from '../../src/urllib/passwords.js';
import { HTTPBasicAuthHandler } from '../../src/urllib/handlers-auth.js';
import { HTTPDigestAuthHandler } from '../../src/urllib/handlers-digest.js';
import { HTTPCookieProcessor, HTTPSHandler } from '../../src/urllib/handlers-http.js';
import { HTTPRedirectHandler } from '../../src/urllib/handlers-redirect.js';
import { ProxyHandler } from '../../src/urllib/handlers-proxy.js';
import { urlcleanup, urlretrieve } from '../../src/urllib/retrieve.js';
import { startRawServer, type RawServer } from './raw-server.js';
import { startProxy, type ProxyServer } from './proxy-server.js';
import { RAW_ROUTES, SCENARIOS, type Scenario } from './scenarios.js';

type Result = Record<string, unknown>;

const REPO = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

let httpbin: HttpbinServer;
let tls: HttpbinServer;
let raw: RawServer;
let proxy: ProxyServer;
let authProxy: ProxyServer;
let tmp: string;
let resolved: Scenario[];
let python: Result[];

function resolve(s: Scenario): Scenario {
  const sub = (u: string): string =>
    u.replaceAll('{base}', httpbin.url).replaceAll('{raw}', raw.url).replaceAll('{tls}', tls.url).replaceAll('{port}', String(httpbin.port))
      .replaceAll('{repo}', REPO).replaceAll('{proxyhost}', `127.0.0.1:${proxy.port}`).replaceAll('{proxy}', proxy.url)
      .replaceAll('{authproxyhost}', `127.0.0.1:${authProxy.port}`).replaceAll('{authproxy}', authProxy.url);
  return { ...s, url: sub(s.url), ...(s.then ? { then: sub(s.then) } : {}), ...(s.proxy ? { proxy: sub(s.proxy) } : {}) };
}

function runPython(input: unknown): Promise<Result[]> {
  const script = fileURLToPath(new URL('./py_urllib.py', import.meta.url));
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.toLowerCase().endsWith('_proxy')) delete env[k];
  return new Promise((resolvePromise, reject) => {
    const child = spawn('/usr/bin/python3', [script], { stdio: ['pipe', 'pipe', 'inherit'], env });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`python exited ${code}`));
      else resolvePromise(JSON.parse(Buffer.concat(out).toString('utf8')) as Result[]);
    });
    child.stdin.end(JSON.stringify(input));
  });
}

function normaliseEcho(body: Uint8Array): Result {
  try {
    const data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as unknown;
    const headers = (data as { headers?: Record<string, string> } | null)?.headers;
    if (headers && typeof headers === 'object' && 'User-Agent' in headers) headers['User-Agent'] = '<ua>';
    return { json: data };
  } catch {
    return { raw: Buffer.from(body).toString('base64') };
  }
}

class NoRedirect extends HTTPRedirectHandler {
  override redirectRequest(): null {
    return null;
  }
}

function build(sc: Scenario) {
  const handlers: object[] = [];
  for (const h of sc.handlers ?? []) {
    if (h === 'basic' || h === 'digest') {
      const mgr = new HTTPPasswordMgrWithDefaultRealm();
      mgr.addPassword(null, [httpbin.url, raw.url], sc.auth![0], sc.auth![1]);
      handlers.push(h === 'basic' ? new HTTPBasicAuthHandler(mgr) : new HTTPDigestAuthHandler(mgr));
    } else if (h === 'cookies') handlers.push(new HTTPCookieProcessor());
    else if (h === 'tls') handlers.push(new HTTPSHandler({ context: { ca: tls.ca! } }));
    else if (h === 'proxy') handlers.push(new ProxyHandler({ http: sc.proxy!, https: sc.proxy! }));
    else handlers.push(NoRedirect);
  }
  if (!sc.handlers?.includes('proxy')) handlers.push(new ProxyHandler({}));
  const opener = buildOpener(...handlers);
  opener.addheaders = [['User-agent', 'differential/1.0']]; // same bytes on both sides
  return opener;
}

function pyErrorName(e: unknown): string {
  if (e instanceof HTTPError) return 'HTTPError';
  if (e instanceof URLError) return (e as Error).name;
  // Python's ValueError family maps to RangeError (binascii.Error for bad base64).
  if (e instanceof RangeError) return /padding|base64/i.test(e.message) ? 'Error' : 'ValueError';
  return (e as Error).name;
}

async function errorResult(e: unknown): Promise<Result> {
  const out: Result = { error: pyErrorName(e) };
  if (e instanceof HTTPError) {
    Object.assign(out, { code: e.code, reason: e.reason, url: e.geturl(), body: normaliseEcho(await e.read()) });
  } else if (e instanceof URLError) {
    out.reason = typeof e.reason === 'string' ? e.reason : pyReasonClass(e.reason);
  }
  return out;
}

/** The Python class CPython would have in URLError.reason. */
function pyReasonClass(reason: unknown): string {
  const code = (reason as { code?: string }).code;
  if (code === 'ENOENT') return 'FileNotFoundError';
  if (code === 'EISDIR') return 'IsADirectoryError';
  return (reason as Error).name;
}

async function runOpen(sc: Scenario): Promise<Result> {
  const opener = build(sc);
  try {
    const req = new Request(sc.url, { data: sc.data !== undefined ? Buffer.from(sc.data) : null, headers: sc.headers ?? {}, method: sc.method ?? null });
    const resp = await opener.open(req, { timeout: 10_000 });
    const headers: Result = {};
    for (const k of sc.respHeaders ?? []) headers[k] = resp.headers.get(k) ?? null;
    let body = await resp.read();
    if (resp.headers.get('Content-Encoding') === 'gzip') body = gunzipSync(body); // proves it arrived still compressed
    const out: Result = { status: resp.status, reason: resp.reason, url: resp.geturl(), body: normaliseEcho(body), headers };
    resp.close();
    if (sc.then) {
      const r2 = await opener.open(sc.then, { timeout: 10_000 });
      out.then = { status: r2.status, url: r2.geturl(), body: normaliseEcho(await r2.read()) };
    }
    return out;
  } catch (e) {
    return errorResult(e);
  }
}

async function runRetrieve(sc: Scenario): Promise<Result> {
  const calls: number[][] = [];
  try {
    installOpener(build(sc));
    const [filename, headers] = await urlretrieve(sc.url, {
      filename: sc.filename ?? null,
      reporthook: (...a) => calls.push(a),
      data: sc.data !== undefined ? Buffer.from(sc.data) : null,
    });
    return { calls, size: readFileSync(filename).length, ctype: headers.get('Content-Type') ?? null };
  } catch (e) {
    return { ...(await errorResult(e)), calls };
  } finally {
    urlcleanup();
  }
}

/** Where we differ from CPython on purpose (reason), with what we assert instead. */
const DELIBERATE: Record<string, { reason: string; check: (ours: Result, py: Result) => void }> = {
  'redirect-drops-auth-cross-origin': {
    reason: 'ARCHITECTURE.md: credentials never cross an origin change; CPython sends a user-added Authorization/Cookie to the new host',
    check: (o, p) => {
      const headers = (x: Result) => ((x.body as Result).json as { headers: Record<string, string> }).headers;
      assert.equal(headers(p).Authorization, 'Bearer t');
      assert.equal(headers(o).Authorization, undefined);
      assert.equal(headers(o).Cookie, undefined);
      assert.equal(headers(o)['X-Other'], 'kept');
      const { Authorization: _a, Cookie: _c, ...rest } = headers(p);
      assert.deepEqual(headers(o), rest);
    },
  },
  'redirect-ftp': {
    reason: 'httpkit/urllib has no FTPHandler (not in API.md): an ftp: redirect target is allowed, as in CPython, but then has no opener',
    check: (o) => assert.deepEqual(o, { error: 'URLError', reason: 'unknown url type: ftp' }),
  },
};

/** Differences caused by layers below urllib, reported to their owners; shown as TODO, not failures. */
const KNOWN_GAPS: Record<string, string> = {};

before(async () => {
  httpbin = await startHttpbin();
  tls = await startHttpbin({ tls: true });
  raw = await startRawServer(RAW_ROUTES);
  proxy = await startProxy();
  authProxy = await startProxy({ requireAuth: 'Basic ' + Buffer.from('pu:pp').toString('base64') });
  tmp = mkdtempSync(join(tmpdir(), 'urllib-diff-'));
  const caFile = join(tmp, 'ca.pem');
  writeFileSync(caFile, tls.ca!);
  resolved = SCENARIOS.map(resolve);
  python = await runPython({ base: httpbin.url, raw: raw.url, caFile, scenarios: resolved });
});

after(async () => {
  await authProxy?.close();
  await proxy?.close();
  await raw?.close();
  await tls?.close();
  await httpbin?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('every scenario matches CPython urllib', async (t) => {
  let same = 0;
  for (const [i, sc] of resolved.entries()) {
    const ours = sc.kind === 'retrieve' ? await runRetrieve(sc) : await runOpen(sc);
    const py = python[i]!;
    await t.test(sc.id, { todo: KNOWN_GAPS[sc.id] ?? false }, () => {
      const special = DELIBERATE[sc.id];
      if (special) special.check(ours, py);
      else assert.deepEqual(ours, py);
    });
    if (JSON.stringify(ours) === JSON.stringify(py)) same++;
  }
  t.diagnostic(`${same}/${resolved.length} scenarios identical to CPython`);
});
