/**
 * Differential test of urllib.request's building blocks against CPython (/usr/bin/python3
 * py_units.py, one batch): Request attributes, data: URLs, mimetypes.guess_type, proxy URL
 * parsing and no_proxy, the password managers, parse_http_list, Basic realm parsing, normpath,
 * pathname2url/url2pathname, _splitport, str.title/str.capitalize.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Request } from '../../src/urllib/request.js';
import { DataHandler } from '../../src/urllib/handlers-local.js';
import { guessType } from '../../src/urllib/mimetypes.js';
import { parseProxy, proxyBypass } from '../../src/urllib/handlers-proxy.js';
import { HTTPPasswordMgr, HTTPPasswordMgrWithDefaultRealm, HTTPPasswordMgrWithPriorAuth } from '../../src/urllib/passwords.js';
import { parseHttpList, parseRealm } from '../../src/urllib/handlers-auth.js';
import { capitalize, normpath, splitport, title } from '../../src/urllib/pyutil.js';
import { pathname2url, url2pathname } from '../../src/urllib/retrieve.js';
import { rng } from '../robotparser/generator.js';

type Json = Record<string, unknown>;

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

const r = rng(7);
const URLS = [
  'http://example.com/path?q=1#frag', 'HTTP://Example.COM:8080/a/b', 'https://user:pw@host/x', 'http://h', 'http://h?x',
  'http://h#f', 'http://%68ost/p', 'file:///etc/passwd', 'file://localhost/tmp/x', 'data:,hi', '<URL:http://wrapped/x>',
  ' http://spaces/ ', 'http://[::1]:80/v6', 'ftp://f/x;type=a', 'nope', '/relative/path', 'http://h/a#b#c', 'mailto:x@y',
  'http://h:/p', 'http:///nohost', 'x-y+z.1:opaque', 'http://h/%7E?%20#%23',
];
const HEADER_SETS: Array<Record<string, string>> = [
  {}, { 'content-TYPE': 'text/plain' }, { 'X-Custom': '1', 'x-custom': '2' }, { Host: 'other' }, { 'content-length': '3', 'Content-Type': 'a/b' },
];

function requestSpecs(): Json[] {
  const specs: Json[] = [];
  for (const url of URLS) {
    for (let i = 0; i < 4; i++) {
      const spec: Json = { url, headers: pick(r, HEADER_SETS) };
      if (r() < 0.4) spec.data = pick(r, ['', 'a=1', 'xyz']);
      if (r() < 0.3) spec.method = pick(r, ['PUT', 'HEAD', 'get', '']);
      if (r() < 0.3) spec.unredirected = [['content-type', 'un/red'], ['X-Other', 'o']];
      if (r() < 0.3) spec.newData = pick(r, ['', 'changed']);
      if (r() < 0.4) spec.proxy = [pick(r, ['proxy:3128', 'p']), pick(r, ['http', 'https'])];
      specs.push(spec);
    }
  }
  return specs;
}

function ourRequest(spec: Json): Json {
  try {
    const req = new Request(spec.url as string, {
      data: spec.data !== undefined ? Buffer.from(spec.data as string) : null,
      headers: spec.headers as Record<string, string>,
      method: (spec.method as string | undefined) ?? null,
    });
    for (const [k, v] of (spec.unredirected as Array<[string, string]> | undefined) ?? []) req.addUnredirectedHeader(k, v);
    const sorted = (): Array<[string, string]> => req.headerItems().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out: Json = {
      type: req.type, host: req.host, selector: req.selector, full_url: req.fullUrl, fragment: req.fragment,
      origin_req_host: req.originReqHost, method: req.getMethod(), items: sorted(), has_ct: req.hasHeader('Content-type'),
      get_ct: req.getHeader('Content-type'),
    };
    if (spec.newData !== undefined) {
      req.data = Buffer.from(spec.newData as string);
      out.after_data = sorted();
    }
    if (spec.proxy) {
      const [host, type] = spec.proxy as [string, string];
      req.setProxy(host, type);
      out.proxied = [req.type, req.host, req.selector, req.hasProxy(), req._tunnelHost];
    }
    return out;
  } catch (e) {
    return err(e);
  }
}

function err(e: unknown): Json {
  const name = (e as Error).name;
  return { error: name === 'RangeError' ? 'ValueError' : name };
}

function safe<A, R>(fn: (a: A) => R): (a: A) => unknown {
  return (a) => {
    try {
      return fn(a);
    } catch (e) {
      return err(e);
    }
  };
}

const DATA_URLS = [
  'data:,A%20brief%20note', 'data:text/plain;charset=iso-8859-7,%be%fg%be', 'data:;base64,SGVsbG8=', 'data:image/png;base64,iVBO Rw0K',
  'data:text/html;base64,PGI+aGk8L2I+', 'data:,', 'data:;base64,', 'data:;base64,QUJD%3D', 'data:;base64,QQ', 'data:;base64,QUI',
  'data:;base64,Q', 'data:;base64,QQ==QUJD', 'data:;base64,Q=Q=', 'data:nocomma', 'data:a/b;x=y,é', 'data:text/plain;base64;x=1,abc',
  'data:,%ZZ%4', 'data:;BASE64,SGk=', 'DATA:,upper',
];
const FILENAMES = [
  '/a/b.txt', '/x.tar.gz', '/x.TXT', '/x.tgz', '/x.gz', '/y.json', '/y.Z', 'a.foo', '/%7Ex.html', '/x.png?x=1', '/x.py', '/dir/',
  'x.svgz', '/.bashrc', '/a.b/c', '/x.JPG', '/x.jpeg', '/x.css', '/x.js', '/x.mjs', '/x.wasm', '/x.pdf', '/x.zip', '/x.mp4',
  '/x.webp', '/x.svg', '/x.xml', '/x.csv', '/x.md', '/x.ico', '/x.woff2', '/x.tar.bz2', '/x.tar.xz', '/x.tbz2', '/x.gz.gz',
  'data:text/x;a=b,zz', 'data:foo,zz', 'data:nocomma', '/x..html', '/x.', '/x.docx', '/x.xlsx', '/x.bin', '/x.exe', '/x.sh', '/x.c',
  '/x.h', '/x.ts', '/x.mp3', '/x.wav', '/x.ogg', '/x.avif', '/x.heic', '/x.yaml', '/x.toml', '/x.rtf', '/x.epub',
];

function passwordSpecs(): Json[] {
  const uris = ['http://example.com/', 'http://example.com:80/a', 'https://example.com/a/b', 'example.com', 'example.com:8080', 'http://other/x', 'http://example.com/ab'];
  const specs: Json[] = [];
  for (const kind of ['plain', 'default', 'prior']) {
    for (let i = 0; i < 6; i++) {
      const add = [];
      for (let k = 0; k < 3; k++) add.push([pick(r, ['realm', null, 'other']), pick(r, uris), `u${k}`, `p${k}`]);
      const find = [];
      for (let k = 0; k < 5; k++) find.push([pick(r, ['realm', null, 'other', 'x']), pick(r, [...uris, 'http://example.com/a/b/c', 'https://example.com:443/a/b/x'])]);
      const reduce = uris.map((u) => [u, r() < 0.5]);
      specs.push({ kind, add, find, reduce });
    }
  }
  return specs;
}

function ourPassword(spec: Json): Json {
  const kinds = { plain: HTTPPasswordMgr, default: HTTPPasswordMgrWithDefaultRealm, prior: HTTPPasswordMgrWithPriorAuth };
  const mgr = new kinds[spec.kind as keyof typeof kinds]();
  for (const [realm, uri, user, pw] of spec.add as Array<[string | null, string, string, string]>) mgr.addPassword(realm, uri, user, pw);
  const reduce = spec.reduce as Array<[string, boolean]>;
  const out: Json = {
    find: (spec.find as Array<[string | null, string]>).map(([realm, uri]) => mgr.findUserPassword(realm, uri)),
    reduce: reduce.map(([u, d]) => mgr.reduceUri(u, d)),
  };
  if (mgr instanceof HTTPPasswordMgrWithPriorAuth) out.auth = reduce.map(([u]) => mgr.isAuthenticated(u));
  return out;
}

const INPUT = {
  requests: requestSpecs(),
  mimetypes: FILENAMES,
  dataurls: DATA_URLS,
  proxies: ['http://proxy:3128', 'proxy:3128', 'http://user:pw@proxy:3128/', 'http://u%40x:p%3A@p:1', 'socks5://h', 'file:/x', 'user@host:8', 'http://a@b@c/d', 'https://p', 'http://[::1]:3128'],
  bypass: [['example.com', 'example.com'], ['www.example.com', '.example.com'], ['example.com:80', 'example.com'], ['x.com', '*'], ['EXAMPLE.com', 'Example.COM, other'], ['notexample.com', 'example.com'], ['h', ''], ['h:1', 'h:1'], ['a.b.c', ' , b.c ']],
  passwords: passwordSpecs(),
  httplist: ['a, b, c', 'a="x, y", b', 'a="x\\", y", c', '', ',,', 'k=v,  k2="v 2"', 'x="unterminated, y'],
  realms: ['Basic realm="r"', "basic realm='r2', Digest realm=\"d\"", 'Basic realm=unquoted', 'Digest nonce="n"', 'Bearer', '', 'Basic  realm="a b", Basic realm="c"'],
  normpath: ['', '/', '//', '///', '//a//b/', 'a/../..', '/../x', './a/./b/', 'a/b/../../..', '/a/b/../c', '//x/../y'],
  pathname2url: ['/tmp/a b', '/é', '/a%b', '~/x', '/a?b#c'],
  url2pathname: ['/tmp/a%20b', '/%C3%A9', '/%', '/a+b', '/%zz'],
  splitport: ['host', 'host:80', 'host:', ':80', 'h:8a', '[::1]:80', 'a:b:1', ''],
  title: ['content-type', 'x-foo1bar', 'WWW-AUTHENTICATE', 'a_b', 'te', 'éa-b'],
  capitalize: ['content-TYPE', 'x', '', 'éA', '1abc', 'HOST'],
};

let python: Json;

before(async () => {
  const script = fileURLToPath(new URL('./py_units.py', import.meta.url));
  python = await new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as Json) : reject(new Error(`python exited ${code}`))));
    child.stdin.end(JSON.stringify(INPUT));
  });
});

async function dataUrl(url: string): Promise<unknown> {
  try {
    const resp = new DataHandler().dataOpen(new Request(url));
    const headers = [...(resp.info() as unknown as Iterable<[string, string]>)];
    return { headers, body: Buffer.from(await resp.read()).toString('base64'), url: resp.geturl() };
  } catch (e) {
    const name = (e as Error).name;
    return { error: name === 'RangeError' ? ((e as Error).message.includes('unpack') ? 'ValueError' : 'Error') : name };
  }
}

function compare(key: keyof typeof INPUT, ours: unknown[]): void {
  const theirs = python[key] as unknown[];
  const inputs = INPUT[key] as unknown[];
  assert.equal(ours.length, theirs.length);
  for (let i = 0; i < ours.length; i++) assert.deepEqual(ours[i], theirs[i], `${key} #${i}: ${JSON.stringify(inputs[i])}`);
}

test('Request attributes and header dicts match CPython', () => compare('requests', INPUT.requests.map(ourRequest)));
test('data: URLs match CPython (headers, body, errors)', async () => compare('dataurls', await Promise.all(DATA_URLS.map(dataUrl))));
test('mimetypes.guess_type matches CPython (with /etc/mime.types)', () => compare('mimetypes', FILENAMES.map(safe(guessType))));
test('proxy URL parsing matches _parse_proxy', () => compare('proxies', INPUT.proxies.map(safe(parseProxy))));
test('no_proxy bypass matches proxy_bypass_environment', () => compare('bypass', INPUT.bypass.map(([h, n]) => proxyBypass(h!, { no: n! }))));
test('password managers match CPython', () => compare('passwords', INPUT.passwords.map(ourPassword)));
test('parse_http_list matches', () => compare('httplist', INPUT.httplist.map(parseHttpList)));
test('Basic realm parsing matches _parse_realm', () => compare('realms', INPUT.realms.map(parseRealm)));
test('posixpath.normpath matches', () => compare('normpath', INPUT.normpath.map(normpath)));
test('pathname2url / url2pathname match', () => {
  compare('pathname2url', INPUT.pathname2url.map(safe(pathname2url)));
  compare('url2pathname', INPUT.url2pathname.map(safe(url2pathname)));
});
test('_splitport, str.title, str.capitalize match', () => {
  compare('splitport', INPUT.splitport.map(splitport));
  compare('title', INPUT.title.map(title));
  compare('capitalize', INPUT.capitalize.map(capitalize));
});
