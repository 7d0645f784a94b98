/**
 * Differential test: the same scenarios through Python's Requests (/usr/bin/python3) and
 * httpkit, against the same embedded httpbin; the echoed requests (method, url, args, form,
 * files, json, data, relevant headers), statuses, history and final URLs must agree.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as httpkit from '../../src/index.js';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';

interface Step {
  method?: string;
  path: string;
  params?: unknown;
  data?: unknown;
  json?: unknown;
  files?: Record<string, unknown>;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
  auth?: ['basic' | 'digest', string, string];
  allow_redirects?: boolean;
}

interface Outcome {
  meta: Record<string, unknown>;
  status: number;
  url: string;
  history: number[];
  history_urls: string[];
  body: any;
  cookies: Record<string, string>;
}

interface SessionConfig {
  headers?: Record<string, string | null>;
  params?: Record<string, string>;
  auth?: [string, string];
  cookies?: Record<string, string>;
}

const SCENARIOS: Array<{ name: string; steps: Step[]; session?: SessionConfig }> = [
  { name: 'session headers, params, auth and cookies merged under the request ones', session: { headers: { 'X-Custom': 'session', 'Accept': 'text/html' }, params: { s: '1', shared: 'session' }, auth: ['su', 'sp'], cookies: { sc: '1' } }, steps: [{ path: '/anything', params: { shared: 'request', r: '2' }, headers: { Accept: 'application/json' } }, { path: '/anything', headers: { 'X-Custom': 'request' }, auth: ['basic', 'ru', 'rp'], cookies: { rc: '2' } }] },
  { name: 'a session header removed', session: { headers: { 'Accept-Encoding': null } }, steps: [{ path: '/headers' }] },
  { name: 'HEAD through 303 stays HEAD', steps: [{ method: 'HEAD', path: '/redirect-to?url=%2Fget&status_code=303', allow_redirects: true }] },
  { name: 'params object with repeats', steps: [{ path: '/get', params: { a: '1', b: ['x', 'y'], sp: 'a b&c=d', u: 'é' } }] },
  { name: 'params pairs onto a query', steps: [{ path: '/get?z=0', params: [['k', '1'], ['k', '2']] }] },
  { name: 'params string', steps: [{ path: '/anything', params: 'raw=1&flag' }] },
  { name: 'url normalisation', steps: [{ path: '/anything/a/../b/./c%7e d?q=ü' }] },
  { name: 'form post', steps: [{ method: 'POST', path: '/post', data: { a: '1', b: ['2', '3'], e: '' } }] },
  { name: 'form pairs', steps: [{ method: 'POST', path: '/post', data: [['k', 'v'], ['k', 'w']] }] },
  { name: 'raw string body', steps: [{ method: 'PUT', path: '/put', data: 'just text' }] },
  { name: 'json body', steps: [{ method: 'POST', path: '/post', json: { a: 1, b: [true, null, 1.5], c: 'é✓', d: { e: [] } } }] },
  { name: 'json with explicit content type', steps: [{ method: 'PATCH', path: '/patch', json: [1, 2], headers: { 'Content-Type': 'application/merge-patch+json' } }] },
  { name: 'multipart files and data', steps: [{ method: 'POST', path: '/post', data: { k: 'v', n: ['1', '2'] }, files: { f: ['a.txt', 'hello\nworld', 'text/plain'], g: 'bare', h: ['x.bin', 'bytes', 'application/octet-stream', { 'X-Part': 'yes' }] } }] },
  { name: 'empty bodies: POST, PUT, DELETE, OPTIONS', steps: [{ method: 'POST', path: '/anything' }, { method: 'PUT', path: '/anything' }, { method: 'DELETE', path: '/anything' }, { method: 'OPTIONS', path: '/anything' }] },
  { name: 'custom headers', steps: [{ path: '/headers', headers: { 'X-Custom': 'v', Accept: 'application/json', 'user-agent': 'ua/1' } }] },
  { name: 'redirect chain', steps: [{ path: '/redirect/3' }] },
  { name: 'absolute redirects', steps: [{ path: '/absolute-redirect/2' }] },
  { name: 'relative redirects', steps: [{ path: '/relative-redirect/2' }] },
  { name: 'POST through 301/302/303/307/308', steps: [301, 302, 303, 307, 308].map((code) => ({ method: 'POST', path: `/redirect-to?url=%2Fanything%3Fx%3D1&status_code=${code}`, data: { k: 'v' } })) },
  { name: 'redirect not followed', steps: [{ path: '/redirect/2', allow_redirects: false }] },
  { name: 'redirect with fragment', steps: [{ path: '/redirect-to?url=%2Fanything%2Ff#frag' }] },
  { name: 'cookies in a session', steps: [{ path: '/cookies/set?a=1&b=2' }, { path: '/cookies', cookies: { extra: 'x' } }, { path: '/cookies/delete?a' }, { path: '/cookies' }] },
  { name: 'cookies set by name', steps: [{ path: '/cookies/set/n/v' }, { path: '/cookies' }] },
  { name: 'basic auth', steps: [{ path: '/basic-auth/u/p', auth: ['basic', 'u', 'p'] }, { path: '/basic-auth/u/p', auth: ['basic', 'u', 'nope'] }] },
  { name: 'hidden basic auth', steps: [{ path: '/hidden-basic-auth/u/p', auth: ['basic', 'u', 'p'] }] },
  { name: 'digest auth', steps: [{ path: '/digest-auth/auth/user/pass', auth: ['digest', 'user', 'pass'] }, { path: '/digest-auth/auth/user/pass/SHA-256', auth: ['digest', 'user', 'pass'] }] },
  { name: 'digest auth, wrong password', steps: [{ path: '/digest-auth/auth/user/pass', auth: ['digest', 'user', 'bad'] }] },
  { name: 'status codes', steps: [{ path: '/status/404' }, { path: '/status/418' }, { path: '/status/500' }, { path: '/status/201' }] },
  { name: 'gzip and deflate', steps: [{ path: '/gzip' }, { path: '/deflate' }] },
  { name: 'response headers', steps: [{ path: '/response-headers?X-A=1&X-A=2' }] },
  { name: 'Link headers', steps: [{ path: '/response-headers', params: { Link: '<http://x/p2>; rel="next", <http://x/p9>; rel=last; title="The end"' } }] },
  { name: 'content types and encodings', steps: ['/html', '/xml', '/json', '/robots.txt', '/deny', '/encoding/utf8', '/image/png', '/response-headers?Content-Type=text/plain', '/response-headers?Content-Type=text/csv%3B%20charset%3Dlatin-1'].map((path) => ({ path })) },
  { name: 'statuses and reasons', steps: [400, 401, 403, 405, 418, 429, 500, 502, 503, 299, 599].map((code) => ({ path: `/status/${code}` })) },
  { name: 'permanent redirects not followed', steps: [301, 302, 303, 307, 308].map((code) => ({ path: `/redirect-to?url=%2Fget&status_code=${code}`, allow_redirects: false })) },
];

/** The parts of an echoed request both clients must agree on. */
const COMPARED_HEADERS = ['Accept', 'Accept-Encoding', 'Authorization', 'Connection', 'Content-Length', 'Content-Type', 'Cookie', 'X-Custom', 'Host', 'User-Agent'];

function normalise(o: Outcome, base: string): unknown {
  const body = o.body === null || typeof o.body !== 'object' ? o.body : { ...o.body };
  if (body !== null && typeof body === 'object' && body.headers !== undefined) {
    const h: Record<string, string> = {};
    for (const name of COMPARED_HEADERS) {
      let v = body.headers[name];
      if (v === undefined) continue;
      if (name === 'User-Agent' && /^python-(requests|httpkit)\//.test(v)) v = '<default>';
      h[name] = name === 'Content-Type' ? v.replace(/boundary=[0-9a-f]{32}/, 'boundary=B') : v;
    }
    body.headers = h;
  }
  if (body !== null && typeof body === 'object' && typeof body.data === 'string') body.data = body.data.replace(/[0-9a-f]{32}/g, 'B');
  // Echoed requests differ in size by the User-Agent (python-requests/x vs python-httpkit/y).
  const meta = { ...o.meta };
  if (body !== null && typeof body === 'object' && body.headers !== undefined) {
    delete meta['content_length'];
    delete meta['text_length'];
  }
  // httpbin's digest route keeps its nonce in a cookie: random, so only its presence is compared.
  const cookies = { ...o.cookies };
  if (cookies['last_nonce'] !== undefined) cookies['last_nonce'] = 'N';
  return { ...o, meta, cookies, url: o.url.replace(base, ''), history_urls: o.history_urls.map((u) => u.replace(base, '')), body };
}

async function runPython(base: string): Promise<Outcome[][]> {
  const script = fileURLToPath(new URL('./py_requests.py', import.meta.url));
  const child = spawn('/usr/bin/python3', [script, base], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  child.stdin.end(JSON.stringify(SCENARIOS));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, err);
  return JSON.parse(out) as Outcome[][];
}

async function runOurs(base: string, step: Step, s: httpkit.Session): Promise<Outcome> {
  const auth = step.auth === undefined ? null : step.auth[0] === 'basic' ? ([step.auth[1], step.auth[2]] as const) : new httpkit.HTTPDigestAuth(step.auth[1], step.auth[2]);
  const opts: httpkit.RequestOptions = { params: step.params as never, data: step.data as never, json: step.json, files: step.files as never, headers: step.headers ?? null, cookies: step.cookies ?? null, auth };
  if (step.allow_redirects !== undefined) opts.allowRedirects = step.allow_redirects;
  const r = await s.request(step.method ?? 'GET', base + step.path, opts);
  let body: unknown;
  try {
    body = r.json();
  } catch {
    body = null;
  }
  let raised: string | null = null;
  try {
    r.raiseForStatus();
  } catch (e) {
    raised = (e as Error).message;
  }
  const meta = {
    encoding: r.encoding,
    ok: r.ok,
    is_redirect: r.isRedirect,
    is_permanent_redirect: r.isPermanentRedirect,
    links: r.links,
    reason: r.reason,
    raised,
    content_length: r.content?.length ?? 0,
    text_length: r.encoding === null ? null : [...r.text].length, // code points, as Python's len()
  };
  return { meta, status: r.statusCode ?? 0, url: r.url ?? '', history: r.history.map((h) => h.statusCode ?? 0), history_urls: r.history.map((h) => h.url ?? ''), body, cookies: s.cookies.getDict() };
}

function configure(s: httpkit.Session, cfg: SessionConfig | undefined): void {
  if (cfg === undefined) return;
  for (const [k, v] of Object.entries(cfg.headers ?? {})) {
    if (v === null) s.headers.delete(k);
    else s.headers.set(k, v);
  }
  s.params = cfg.params ?? {};
  if (cfg.auth !== undefined) s.auth = cfg.auth;
  for (const [k, v] of Object.entries(cfg.cookies ?? {})) s.cookies.set(k, v);
}

let hb: HttpbinServer;
before(async () => {
  hb = await startHttpbin();
});
after(async () => {
  await hb.close();
});

test('httpkit and Python Requests send the same requests and see the same results', async () => {
  const expected = await runPython(hb.url);
  for (const [i, sc] of SCENARIOS.entries()) {
    await using s = new httpkit.Session();
    s.trustEnv = false;
    configure(s, sc.session);
    for (const [j, step] of sc.steps.entries()) {
      const ours = await runOurs(hb.url, step, s);
      const theirs = (expected[i] as Outcome[])[j] as Outcome;
      assert.deepEqual(normalise(ours, hb.url), normalise(theirs, hb.url), `${sc.name}, step ${j}`);
    }
  }
});
