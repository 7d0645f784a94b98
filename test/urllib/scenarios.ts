/**
 * Scenarios run both by CPython's urllib (py_urllib.py) and by ours (differential.test.ts)
 * against the same embedded httpbin ({base}) and raw server ({raw}).
 */
export interface Scenario {
  id: string;
  kind?: 'open' | 'retrieve';
  url: string;
  method?: string;
  /** UTF-8 body. */
  data?: string;
  headers?: Record<string, string>;
  handlers?: Array<'basic' | 'digest' | 'cookies' | 'noredirect' | 'tls' | 'proxy'>;
  /** Proxy URL for the 'proxy' handler ({proxy}, {authproxy}). */
  proxy?: string;
  auth?: [string, string];
  /** Response headers to compare. */
  respHeaders?: string[];
  /** A second URL opened with the same opener afterwards. */
  then?: string;
  filename?: string;
}

import { ECHO } from './raw-server.js';
import { rng } from '../robotparser/generator.js';

// Generated Location headers (relative references only: every target stays on the raw server).
const LOCATION_PIECES = ['a', 'b c', '%20', '%zz', '%', '..', '.', 'caf\xe9', '\xff', '~x', '?q=1 2', '#f', ';p=1', '&', '+', "'", '"', '<>', '[x]', '{y}', '|', '\\', '^', '`', '\xa0', '!$', '=', ':', '@', '*'];

function locationCases(count: number): Array<[string, string]> {
  const r = rng(4242);
  const cases: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) {
    let loc = r() < 0.6 ? '/' : r() < 0.5 ? '' : '../';
    const n = 1 + Math.floor(r() * 4);
    for (let k = 0; k < n; k++) loc += LOCATION_PIECES[Math.floor(r() * LOCATION_PIECES.length)] + (r() < 0.3 ? '/' : '');
    cases.push([`/loc/${i}`, loc]);
  }
  return cases;
}

const LOCATIONS = locationCases(60);

export const RAW_ROUTES: Record<string, string> = {
  ...Object.fromEntries(LOCATIONS.map(([path, loc]) => [path, `HTTP/1.1 302 Found\r\nLocation: ${loc}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`])),
  '/echo': ECHO,
  '/echo?q=1': ECHO,
  '/self-redirect': 'HTTP/1.1 301 Moved\r\nLocation: /self-redirect\r\nContent-Length: 4\r\nConnection: close\r\n\r\nloop',
  '/digest-always': 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="r", nonce="abc", qop="auth", opaque="o"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
  '/digest-auth-int': 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="r", nonce="abc", qop="auth-int"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
  '/digest-sha512': 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="r", nonce="abc", algorithm="SHA-512"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
  '/basic-always': 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="r"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
  '/basic-other-scheme': 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="r"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
  '/to-echo': 'HTTP/1.1 302 Found\r\nLocation: /echo?q=1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
  '/short': 'HTTP/1.1 200 OK\r\nContent-Length: 20000\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n' + 'x'.repeat(9000),
  '/latin1-location': 'HTTP/1.1 302 Found\r\nLocation: /anything/caf\xe9 x?q=\xe9\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
  '/uri-header': 'HTTP/1.1 301 Moved\r\nURI: /final\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
  '/no-location': 'HTTP/1.1 302 Found\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi',
  '/final': 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nfinal',
  '/ftp-redirect': 'HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1:1/x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
  '/keepalive': 'HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nkeep',
  '/http10': 'HTTP/1.0 203 Partial Info\r\nX-A: 1\r\n\r\nuntil close',
  '/weird-status': 'HTTP/1.1 299 Custom\r\nContent-Length: 1\r\nConnection: close\r\n\r\nz',
  '/chunked': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n',
};

export const SCENARIOS: Scenario[] = [
  ...LOCATIONS.map(([path]): Scenario => ({ id: `location${path.replaceAll('/', '-')}`, url: `{raw}${path}` })),
  // The exact request bytes (head order, name case, framing) echoed back by the raw server.
  { id: 'wire-get', url: '{raw}/echo' },
  { id: 'wire-post', url: '{raw}/echo', data: 'a=1&b=2' },
  { id: 'wire-post-empty', url: '{raw}/echo', data: '' },
  { id: 'wire-put', url: '{raw}/echo', data: 'x', method: 'PUT', headers: { 'content-TYPE': 'text/x', 'x-foo-BAR': 'v' } },
  { id: 'wire-headers', url: '{raw}/echo?q=1', headers: { Host: 'example.org', 'user-agent': 'ua/1', 'Accept-Encoding': 'gzip', Connection: 'keep-alive' } },
  { id: 'wire-content-length', url: '{raw}/echo', data: 'abc', headers: { 'Content-Length': '3', 'X-a': '1' } },
  { id: 'wire-redirect', url: '{raw}/to-echo', data: 'form=1', headers: { 'X-Keep': 'k' } },
  { id: 'wire-head', url: '{raw}/echo', method: 'HEAD' },
  { id: 'wire-delete', url: '{raw}/echo', method: 'DELETE' },
  { id: 'wire-options', url: '{raw}/echo', method: 'OPTIONS', headers: { Authorization: 'Basic eDp5' } },
  { id: 'get', url: '{base}/get?a=1&b=%20x', respHeaders: ['Content-Type', 'Content-Length'] },
  { id: 'get-fragment', url: '{base}/anything/p?q=1#frag' },
  { id: 'post-form', url: '{base}/post', data: 'x=1&y=two' },
  { id: 'post-json', url: '{base}/post', data: '{"a": 1}', headers: { 'content-type': 'application/json' } },
  { id: 'put', url: '{base}/put', data: 'body', method: 'PUT' },
  { id: 'patch', url: '{base}/patch', data: 'p', method: 'PATCH' },
  { id: 'delete', url: '{base}/delete', method: 'DELETE' },
  { id: 'delete-body', url: '{base}/anything', method: 'DELETE', data: 'gone' },
  { id: 'head', url: '{base}/get', method: 'HEAD', respHeaders: ['Content-Type'] },
  { id: 'post-empty', url: '{base}/post', data: '' },
  { id: 'custom-headers', url: '{base}/headers', headers: { 'x-custom-header': 'v1', 'ACCEPT': 'text/plain', 'x-two-WORDS': 'w' } },
  { id: 'host-override', url: '{base}/headers', headers: { Host: 'example.com' } },
  { id: 'ua-override', url: '{base}/user-agent', headers: { 'User-Agent': 'mine/1.0' } },
  { id: 'redirect-3', url: '{base}/redirect/3' },
  { id: 'redirect-10', url: '{base}/redirect/10' },
  { id: 'redirect-11', url: '{base}/redirect/11' },
  { id: 'relative-redirect', url: '{base}/relative-redirect/2' },
  { id: 'absolute-redirect', url: '{base}/absolute-redirect/2' },
  { id: 'redirect-to-301', url: '{base}/redirect-to?url=%2Fget%3Fz%3D1&status_code=301' },
  { id: 'redirect-post-302', url: '{base}/redirect-to?url=%2Fanything&status_code=302', data: 'a=1', headers: { 'X-Keep': 'yes' } },
  { id: 'redirect-post-303', url: '{base}/redirect-to?url=%2Fanything&status_code=303', data: 'a=1' },
  { id: 'redirect-post-307', url: '{base}/redirect-to?url=%2Fanything&status_code=307', data: 'a=1' },
  { id: 'redirect-get-307', url: '{base}/redirect-to?url=%2Fanything&status_code=307' },
  { id: 'redirect-get-308', url: '{base}/redirect-to?url=%2Fanything%2F308&status_code=308' },
  { id: 'redirect-put-301', url: '{base}/redirect-to?url=%2Fanything&status_code=301', method: 'PUT', data: 'x' },
  { id: 'redirect-head-302', url: '{base}/redirect-to?url=%2Fget&status_code=302', method: 'HEAD' },
  { id: 'redirect-space', url: '{base}/redirect-to?url=%2Fanything%2Fa%20b%3Fc%3Dd%20e' },
  { id: 'redirect-file-scheme', url: '{base}/redirect-to?url=file%3A%2F%2F%2Fetc%2Fpasswd' },
  { id: 'redirect-data-scheme', url: '{base}/redirect-to?url=data%3A%2Chello' },
  { id: 'redirect-no-path', url: '{base}/redirect-to?url=http%3A%2F%2F127.0.0.1%3A{port}' },
  { id: 'redirect-keeps-auth-same-origin', url: '{base}/redirect-to?url=%2Fheaders', headers: { Authorization: 'Bearer t', Cookie: 'c=1' } },
  { id: 'redirect-drops-auth-cross-origin', url: '{base}/redirect-to?url=http%3A%2F%2Flocalhost%3A{port}%2Fheaders', headers: { Authorization: 'Bearer t', Cookie: 'c=1', 'X-Other': 'kept' } },
  { id: 'redirect-self-loop', url: '{raw}/self-redirect' },
  { id: 'redirect-latin1', url: '{raw}/latin1-location' },
  { id: 'redirect-uri-header', url: '{raw}/uri-header' },
  { id: 'redirect-no-location', url: '{raw}/no-location' },
  { id: 'redirect-ftp', url: '{raw}/ftp-redirect' },
  { id: 'noredirect-handler', url: '{base}/redirect/1', handlers: ['noredirect'] },
  { id: 'https-verified', url: '{tls}/get?s=1', handlers: ['tls'] },
  { id: 'https-redirect', url: '{tls}/redirect/2', handlers: ['tls'] },
  { id: 'https-unverified', url: '{tls}/get' },
  { id: 'proxy-http', url: '{base}/anything?via=proxy', handlers: ['proxy'], proxy: '{proxy}', data: 'x=1' },
  { id: 'proxy-http-creds', url: '{base}/headers', handlers: ['proxy'], proxy: 'http://us%40r:p%3Aw@{proxyhost}' },
  { id: 'proxy-https-connect', url: '{tls}/headers', handlers: ['proxy', 'tls'], proxy: '{proxy}' },
  { id: 'proxy-https-creds', url: '{tls}/headers', handlers: ['proxy', 'tls'], proxy: 'http://pu:pp@{authproxyhost}' },
  { id: 'proxy-407', url: '{base}/get', handlers: ['proxy'], proxy: '{authproxy}' },
  { id: 'proxy-redirect', url: '{base}/redirect/2', handlers: ['proxy'], proxy: '{proxy}' },
  { id: 'status-404', url: '{base}/status/404' },
  { id: 'status-500', url: '{base}/status/500' },
  { id: 'status-204', url: '{base}/status/204' },
  { id: 'status-201', url: '{base}/status/201' },
  { id: 'status-418', url: '{base}/status/418' },
  { id: 'status-304', url: '{base}/status/304' },
  { id: 'status-302-noloc', url: '{base}/status/302' },
  { id: 'weird-status', url: '{raw}/weird-status' },
  { id: 'http10', url: '{raw}/http10', respHeaders: ['X-A'] },
  { id: 'keepalive-server', url: '{raw}/keepalive' },
  { id: 'chunked', url: '{raw}/chunked' },
  { id: 'basic-ok', url: '{base}/basic-auth/user/passwd', handlers: ['basic'], auth: ['user', 'passwd'] },
  { id: 'basic-wrong', url: '{base}/basic-auth/user/passwd', handlers: ['basic'], auth: ['user', 'nope'] },
  { id: 'basic-none', url: '{base}/basic-auth/user/passwd' },
  { id: 'hidden-basic', url: '{base}/hidden-basic-auth/user/passwd', handlers: ['basic'], auth: ['user', 'passwd'] },
  { id: 'digest-ok', url: '{base}/digest-auth/auth/user/passwd', handlers: ['digest'], auth: ['user', 'passwd'] },
  { id: 'digest-md5', url: '{base}/digest-auth/auth/user/passwd/MD5', handlers: ['digest'], auth: ['user', 'passwd'] },
  { id: 'digest-wrong', url: '{base}/digest-auth/auth/user/passwd', handlers: ['digest'], auth: ['user', 'bad'] },
  { id: 'digest-sha256', url: '{base}/digest-auth/auth/user/passwd/SHA-256', handlers: ['digest'], auth: ['user', 'passwd'] },
  { id: 'digest-retry-limit', url: '{raw}/digest-always', handlers: ['digest'], auth: ['user', 'passwd'] },
  { id: 'digest-retry-limit-again', url: '{raw}/digest-always', handlers: ['digest'], auth: ['user', 'passwd'] },
  { id: 'digest-auth-int', url: '{raw}/digest-auth-int', handlers: ['digest'], auth: ['user', 'passwd'] },
  { id: 'digest-sha512', url: '{raw}/digest-sha512', handlers: ['digest'], auth: ['user', 'passwd'] },
  { id: 'basic-always', url: '{raw}/basic-always', handlers: ['basic'], auth: ['user', 'passwd'] },
  { id: 'basic-other-scheme', url: '{raw}/basic-other-scheme', handlers: ['basic'], auth: ['user', 'passwd'] },
  { id: 'cookies-set', url: '{base}/cookies/set?a=1&b=two', handlers: ['cookies'], then: '{base}/cookies' },
  { id: 'cookies-none', url: '{base}/cookies/set?a=1' },
  { id: 'response-headers', url: '{base}/response-headers?X-Foo=bar&X-Foo=baz', respHeaders: ['X-Foo', 'Content-Type'] },
  { id: 'gzip-not-decoded', url: '{base}/gzip', respHeaders: ['Content-Encoding'] },
  { id: 'bytes', url: '{base}/bytes/100?seed=3' },
  { id: 'data-url', url: 'data:text/plain;charset=utf-8,hello%20world' },
  { id: 'data-url-b64', url: 'data:;base64,SGVsbG8sIFdvcmxkIQ==' },
  { id: 'data-url-bad-padding', url: 'data:;base64,SGVsbG8' },
  { id: 'file-url', url: 'file:///etc/hostname', respHeaders: ['Content-type', 'Content-length', 'Last-modified'] },
  { id: 'file-json', url: 'file://{repo}/package.json', respHeaders: ['Content-type', 'Content-length', 'Last-modified'] },
  { id: 'file-localhost', url: 'file://localhost{repo}/tsconfig.json', respHeaders: ['Content-type'] },
  { id: 'file-127', url: 'file://127.0.0.1{repo}/tsconfig.json' },
  { id: 'file-port', url: 'file://localhost:80{repo}/tsconfig.json' },
  { id: 'file-quoted', url: 'file://{repo}/%70ackage.json#frag', respHeaders: ['Content-type'] },
  { id: 'file-dir', url: 'file://{repo}/src' },
  { id: 'retrieve-file', kind: 'retrieve', url: 'file://{repo}/package.json' },
  { id: 'file-missing', url: 'file:///nonexistent/x.txt' },
  { id: 'file-remote', url: 'file://example.invalid/etc/hostname' },
  { id: 'unknown-scheme', url: 'foo://bar/baz' },
  { id: 'ftp-scheme-unhandled', url: 'gopher://127.0.0.1:1/x' },
  { id: 'refused', url: 'http://127.0.0.1:1/' },
  { id: 'no-host', url: 'http:///path' },
  { id: 'retrieve-bytes', kind: 'retrieve', url: '{base}/bytes/20000' },
  { id: 'retrieve-exact-block', kind: 'retrieve', url: '{base}/bytes/16384' },
  { id: 'retrieve-stream', kind: 'retrieve', url: '{base}/stream-bytes/20000?chunk_size=1000' },
  { id: 'retrieve-empty', kind: 'retrieve', url: '{base}/bytes/0' },
  { id: 'retrieve-short', kind: 'retrieve', url: '{raw}/short' },
  { id: 'retrieve-404', kind: 'retrieve', url: '{base}/status/404' },
  { id: 'retrieve-data', kind: 'retrieve', url: 'data:,abc' },
  { id: 'retrieve-post', kind: 'retrieve', url: '{base}/post', data: 'k=v' },
  { id: 'retrieve-redirect', kind: 'retrieve', url: '{base}/redirect/2' },
];
