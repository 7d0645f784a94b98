// The request set of the compatibility test: each is sent to the real httpbin (gunicorn) and to
// ours, and the normalised answers must agree. `compare` says how bodies are compared.
import type { RawRequest } from './client.js';

/** How to compare the two bodies. */
export type Compare = 'json' | 'bytes' | 'lines' | 'gzip' | 'deflate' | 'brotli' | 'none';

/** One request of the compatibility suite. */
export interface CompatCase extends RawRequest {
  readonly name: string;
  readonly compare: Compare;
}

const BOUNDARY = 'compatBoundary7MA4YWxkTrZu0gW';

function multipart(parts: Array<{ name: string; filename?: string; type?: string; data: string | Buffer }>): Buffer {
  const pieces: Buffer[] = [];
  for (const p of parts) {
    let head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += '\r\n';
    if (p.type !== undefined) head += `Content-Type: ${p.type}\r\n`;
    pieces.push(Buffer.from(head + '\r\n'), Buffer.from(p.data), Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(pieces);
}

const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
const FORM = 'application/x-www-form-urlencoded';
const UA = { 'User-Agent': 'compat-test/1.0' };

/** The echo routes with every kind of body. */
export const echoCases: CompatCase[] = [
  { name: 'get with repeated, encoded and empty args', path: '/get?a=1&a=2&b=%C3%A9&c=%41%2F%20+x&d&e=&%FF=%FE', headers: UA, compare: 'json' },
  { name: 'get with odd header names', path: '/get', headers: { 'x-foo_bar': 'a', 'X-1abc': 'b', 'x-rep': ['1', '2'], 'Accept': 'text/plain' }, compare: 'json' },
  { name: 'get hides proxy headers', path: '/get', headers: { 'X-Forwarded-For': '10.1.2.3', Via: '1.1 proxy', 'X-Request-Id': 'r1' }, compare: 'json' },
  { name: 'get shows proxy headers with show_env', path: '/get?show_env=1', headers: { 'X-Forwarded-For': '10.1.2.3', 'X-Forwarded-Proto': 'https' }, compare: 'json' },
  { name: 'anything with encoded path', path: '/anything/x%2Fy/%C3%A9/%E2%82%AC?q=1', compare: 'json' },
  { name: 'anything with json body', method: 'PUT', path: '/anything', headers: { 'Content-Type': 'application/json' }, body: '{"a": [1, 2.5, null, true], "b": {"c": "\\u00e9"}}', compare: 'json' },
  { name: 'post urlencoded', method: 'POST', path: '/post?x=1', headers: { 'Content-Type': FORM }, body: 'a=1&b=two+words&a=3&c=%E2%9C%93&d&e=%FF', compare: 'json' },
  { name: 'post json', method: 'POST', path: '/post', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"name": "httpkit", "list": [1, 2, 3]}', compare: 'json' },
  { name: 'post invalid json text', method: 'POST', path: '/post', headers: { 'Content-Type': 'application/json' }, body: '{not json', compare: 'json' },
  { name: 'post binary body', method: 'POST', path: '/post', headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2, 255, 254, 128]), compare: 'json' },
  { name: 'post text body', method: 'POST', path: '/post', headers: { 'Content-Type': 'text/plain' }, body: 'héllo wörld\n', compare: 'json' },
  {
    name: 'post multipart', method: 'POST', path: '/post', headers: { 'Content-Type': MULTIPART_TYPE }, compare: 'json',
    body: multipart([
      { name: 'field', data: 'value' }, { name: 'field', data: 'second' }, { name: 'utf', data: 'é✓' },
      { name: 'file1', filename: 'a.txt', type: 'text/plain', data: 'file contents\n' },
      { name: 'file1', filename: 'b.txt', type: 'text/plain', data: 'second file' },
      { name: 'bin', filename: 'x.png', type: 'image/png', data: Buffer.from([0x89, 0x50, 0xff, 0x00]) },
      { name: 'notype', filename: 'y.bin', data: Buffer.from([0xff, 0xfe]) },
    ]),
  },
  { name: 'post multipart without boundary', method: 'POST', path: '/post', headers: { 'Content-Type': 'multipart/form-data' }, body: 'whatever', compare: 'json' },
  { name: 'post chunked json', method: 'POST', path: '/post', headers: { 'Content-Type': 'application/json' }, chunks: ['{"chunked":', ' true, "n": ', '42}'], compare: 'json' },
  { name: 'post chunked form', method: 'POST', path: '/post', headers: { 'Content-Type': FORM }, chunks: ['a=1&', 'b=2'], compare: 'json' },
  { name: 'put text', method: 'PUT', path: '/put', headers: { 'Content-Type': 'text/plain' }, body: 'put body', compare: 'json' },
  { name: 'patch form', method: 'PATCH', path: '/patch', headers: { 'Content-Type': FORM }, body: 'p=1', compare: 'json' },
  { name: 'delete with args', method: 'DELETE', path: '/delete?id=7', compare: 'json' },
  { name: 'headers', path: '/headers', headers: { ...UA, 'X-Custom': 'yes', Cookie: 'a=1' }, compare: 'json' },
  { name: 'ip', path: '/ip', compare: 'json' },
  { name: 'user-agent', path: '/user-agent', headers: UA, compare: 'json' },
  { name: 'user-agent absent', path: '/user-agent', compare: 'json' },
  { name: 'delay 0', path: '/delay/0?x=1', compare: 'json' },
  { name: 'head get', method: 'HEAD', path: '/get', compare: 'bytes' },
  { name: 'not found', path: '/nope', compare: 'bytes' },
  { name: 'method not allowed', method: 'POST', path: '/get', compare: 'bytes' },
  { name: 'cors preflight', method: 'OPTIONS', path: '/post', headers: { Origin: 'http://example.com', 'Access-Control-Request-Headers': 'X-A' }, compare: 'bytes' },
  { name: 'unknown expectation is ignored', path: '/get', headers: { Expect: 'something-else' }, compare: 'json' },
  { name: 'cors origin echoed', path: '/get', headers: { Origin: 'http://example.com' }, compare: 'json' },
];

/** Status, headers, redirects, cookies and auth. */
export const flowCases: CompatCase[] = [
  { name: 'status 418', path: '/status/418', compare: 'bytes' },
  { name: 'status 402', path: '/status/402', compare: 'bytes' },
  { name: 'status 302', path: '/status/302', compare: 'bytes' },
  { name: 'status 204', path: '/status/204', compare: 'bytes' },
  { name: 'status 304', path: '/status/304', compare: 'bytes' },
  { name: 'status 401', method: 'POST', path: '/status/401', compare: 'bytes' },
  { name: 'status unknown code', path: '/status/599', compare: 'bytes' },
  { name: 'status weighted', path: '/status/503:1,503:2', compare: 'bytes' },
  { name: 'status invalid', path: '/status/abc', compare: 'bytes' },
  { name: 'response-headers', path: '/response-headers?X-A=1&X-A=2&freeform=hi%20there', compare: 'bytes' },
  { name: 'redirect 3', path: '/redirect/3', compare: 'bytes' },
  { name: 'redirect 1', path: '/redirect/1', compare: 'bytes' },
  { name: 'redirect absolute', path: '/redirect/2?absolute=true', compare: 'none' },
  { name: 'relative-redirect', path: '/relative-redirect/2', compare: 'bytes' },
  { name: 'absolute-redirect', path: '/absolute-redirect/1', compare: 'none' },
  { name: 'redirect-to with status', path: '/redirect-to?url=/get&status_code=307', compare: 'bytes' },
  { name: 'redirect-to post', method: 'POST', path: '/redirect-to?url=http%3A%2F%2Fexample.com%2Fa%3Fb%3Dc', compare: 'bytes' },
  { name: 'cookies', path: '/cookies', headers: { Cookie: 'a=1; b="x y"; _gauges_unique=1; c' }, compare: 'json' },
  { name: 'cookies show_env', path: '/cookies?show_env', headers: { Cookie: '__utma=1; k=v' }, compare: 'json' },
  { name: 'cookies set', path: '/cookies/set?k1=v1&k2=v%20w&k1=dup', compare: 'bytes' },
  { name: 'cookies set path', path: '/cookies/set/name/value', compare: 'bytes' },
  { name: 'cookies delete', path: '/cookies/delete?k1&k2', compare: 'bytes' },
  { name: 'basic-auth ok', path: '/basic-auth/user/passwd', headers: { Authorization: 'Basic dXNlcjpwYXNzd2Q=' }, compare: 'json' },
  { name: 'basic-auth wrong', path: '/basic-auth/user/passwd', headers: { Authorization: 'Basic dXNlcjp3cm9uZw==' }, compare: 'bytes' },
  { name: 'basic-auth lower-case scheme', path: '/basic-auth/user/passwd', headers: { Authorization: 'basic dXNlcjpwYXNzd2Q=' }, compare: 'json' },
  { name: 'hidden-basic-auth missing', path: '/hidden-basic-auth/user/passwd', compare: 'bytes' },
  { name: 'hidden-basic-auth ok', path: '/hidden-basic-auth/user/passwd', headers: { Authorization: 'Basic dXNlcjpwYXNzd2Q=' }, compare: 'json' },
  { name: 'bearer missing', path: '/bearer', compare: 'bytes' },
  { name: 'bearer token', path: '/bearer', headers: { Authorization: 'Bearer mytoken123' }, compare: 'json' },
  { name: 'bearer token 0.7.0 lstrip quirk', path: '/bearer', headers: { Authorization: 'Bearer abc' }, compare: 'json' },
  { name: 'digest challenge', path: '/digest-auth/auth/user/passwd', compare: 'bytes' },
  { name: 'digest challenge sha-512 no qop', path: '/digest-auth/none/user/passwd/SHA-512', compare: 'bytes' },
  { name: 'digest basic creds rechallenge', path: '/digest-auth/auth/user/passwd', headers: { Authorization: 'Basic dXNlcjpwYXNzd2Q=' }, compare: 'bytes' },
];

/** Generated and fixed content, caching and ranges. */
export const contentCases: CompatCase[] = [
  { name: 'gzip', path: '/gzip', headers: UA, compare: 'gzip' },
  { name: 'deflate', path: '/deflate', headers: UA, compare: 'deflate' },
  { name: 'brotli', path: '/brotli', headers: UA, compare: 'brotli' },
  { name: 'bytes seeded', path: '/bytes/64?seed=42', compare: 'bytes' },
  { name: 'bytes seeded big seed', path: '/bytes/300?seed=123456789012345678901234567890', compare: 'bytes' },
  { name: 'stream-bytes seeded', path: '/stream-bytes/50?seed=7&chunk_size=10', compare: 'bytes' },
  { name: 'stream', path: '/stream/3?x=1', headers: { ...UA, 'X-Zeta': 'z', 'Content-Type': 'text/x' }, compare: 'lines' },
  { name: 'range whole', path: '/range/30', compare: 'bytes' },
  { name: 'range slice', path: '/range/100', headers: { Range: 'bytes=10-19' }, compare: 'bytes' },
  { name: 'range suffix', path: '/range/100', headers: { Range: 'bytes=-5' }, compare: 'bytes' },
  { name: 'range open end', path: '/range/40?chunk_size=7', headers: { Range: 'bytes=30-' }, compare: 'bytes' },
  { name: 'range unsatisfiable', path: '/range/10', headers: { Range: 'bytes=20-30' }, compare: 'bytes' },
  { name: 'range too big', path: '/range/200000', compare: 'bytes' },
  { name: 'etag match', path: '/etag/abc', headers: { 'If-None-Match': '"abc"' }, compare: 'bytes' },
  { name: 'etag weak list', path: '/etag/abc', headers: { 'If-None-Match': 'W/"x", "abc"' }, compare: 'bytes' },
  { name: 'etag if-match fails', path: '/etag/abc', headers: { 'If-Match': '"xyz"' }, compare: 'bytes' },
  { name: 'etag plain', path: '/etag/abc', compare: 'json' },
  { name: 'cache conditional', path: '/cache', headers: { 'If-Modified-Since': 'Wed, 21 Oct 2015 07:28:00 GMT' }, compare: 'bytes' },
  { name: 'cache plain', path: '/cache', compare: 'json' },
  { name: 'cache max-age', path: '/cache/60', compare: 'json' },
  { name: 'base64', path: '/base64/SFRUUEJJTiBpcyBhd2Vzb21l', compare: 'bytes' },
  { name: 'base64 urlsafe', path: '/base64/aHR0cGtpdD8-Pz8_', compare: 'bytes' },
  { name: 'links page', path: '/links/5/2', compare: 'bytes' },
  { name: 'links redirect', path: '/links/3', compare: 'bytes' },
  { name: 'robots.txt', path: '/robots.txt', compare: 'bytes' },
  { name: 'deny', path: '/deny', compare: 'bytes' },
  { name: 'xml', path: '/xml', compare: 'bytes' },
  { name: 'html', path: '/html', compare: 'bytes' },
  { name: 'forms/post', path: '/forms/post', compare: 'bytes' },
  { name: 'image by accept', path: '/image', headers: { Accept: 'image/webp' }, compare: 'none' },
  { name: 'image png', path: '/image/png', compare: 'none' },
  { name: 'image not acceptable', path: '/image', headers: { Accept: 'text/plain' }, compare: 'bytes' },
  { name: 'drip', path: '/drip?numbytes=5&duration=0&code=201', compare: 'bytes' },
  { name: 'drip invalid', path: '/drip?numbytes=0', compare: 'bytes' },
];

const mp = (body: string, boundary = 'BB'): RawRequest =>
  ({ method: 'POST', path: '/post', headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.from(body, 'latin1') });

/** Corner cases of parsing and formatting where a careless port would drift. */
export const edgeCases: CompatCase[] = [
  { name: 'json numbers keep Python int/float forms', method: 'POST', path: '/post', headers: { 'Content-Type': 'application/json' }, body: '{"a": 1.0, "b": 1e5, "c": 12345678901234567890123, "d": 1e-7, "f": -0.0, "g": 1E16}', compare: 'bytes' },
  { name: 'json NaN and Infinity', method: 'POST', path: '/post', body: '[NaN, Infinity, -Infinity]', compare: 'bytes' },
  { name: 'json with BOM is not json', method: 'POST', path: '/post', body: '\ufeff{"a":1}', compare: 'json' },
  { name: 'control and astral characters escaped', method: 'POST', path: '/post', body: 'a\x00b\x7f\x1f 😀 \u2028', compare: 'bytes' },
  { name: 'form type is case-insensitive', method: 'POST', path: '/post', headers: { 'Content-Type': 'Application/X-WWW-Form-Urlencoded; charset=latin-1' }, body: 'a=%E9&b=c', compare: 'json' },
  { name: 'legacy x-url-encoded form', method: 'POST', path: '/post', headers: { 'Content-Type': 'application/x-url-encoded' }, body: 'a=1', compare: 'json' },
  { name: 'form with raw bytes', method: 'POST', path: '/post', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: Buffer.from('a=\xc3\xa9&b=\xff', 'latin1'), compare: 'json' },
  { ...mp('--BB\nContent-Disposition: form-data; name="a"\n\nLF only\n--BB--\n'), name: 'multipart with bare LF', compare: 'json' },
  { ...mp('preamble\r\n--BB\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--BB--\r\nepilogue'), name: 'multipart preamble and epilogue', compare: 'json' },
  { ...mp("--BB\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''%C3%A9.txt\r\n\r\nx\r\n--BB--\r\n"), name: 'multipart RFC 5987 filename', compare: 'json' },
  { ...mp('--BB\r\nContent-Disposition: form-data; name="f"; filename=""\r\n\r\nempty filename\r\n--BB--\r\n'), name: 'multipart empty filename is a file', compare: 'json' },
  { ...mp('--BB\r\nContent-Disposition: form-data; name="f"\r\nContent-Type: text/plain; charset=latin-1\r\n\r\n\xe9\r\n--BB--\r\n'), name: 'multipart field charset', compare: 'json' },
  { ...mp('--BB\r\nContent-Disposition: form-data; name="f"\r\n\r\nno end'), name: 'multipart unterminated', compare: 'json' },
  { ...mp('--BB\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--BB--\r\n'), name: 'multipart part without name', compare: 'json' },
  { ...mp('--BB\r\nX: y\r\n\r\nno disposition\r\n--BB--\r\n'), name: 'multipart part without disposition', compare: 'json' },
  { ...mp('--BB\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--BB--'), name: 'multipart without final CRLF', compare: 'json' },
  { ...mp('--a.b+c\r\nContent-Disposition: form-data; name="q"\r\n\r\nv\r\n--a.b+c--\r\n', 'a.b+c'), name: 'multipart boundary with regex characters', compare: 'json' },
  { ...mp('--quoted b\r\nContent-Disposition: form-data; name="q"\r\n\r\nv\r\n--quoted b--\r\n', '"quoted b"'), name: 'multipart quoted boundary', compare: 'json' },
  { name: 'empty header value', path: '/get', headers: { 'X-Empty': '' }, compare: 'json' },
  { name: 'empty content-type', method: 'POST', path: '/post', headers: { 'Content-Type': '' }, body: 'x', compare: 'json' },
  { name: 'post without body', method: 'POST', path: '/post', compare: 'json' },
  { name: 'range list falls back to whole', path: '/range/10', headers: { Range: 'bytes=0-1,3-4' }, compare: 'bytes' },
  { name: 'range in other units', path: '/range/10', headers: { Range: 'items=0-1' }, compare: 'bytes' },
  { name: 'range reversed', path: '/range/10', headers: { Range: 'bytes=3-2' }, compare: 'bytes' },
  { name: 'cookie header oddities', path: '/cookies', headers: { Cookie: 'a=1;;b=2; c = 3 ; d="x\\"y"; =e; f=\\"; g="\\101"' }, compare: 'json' },
  { name: 'cookies sent as UTF-8 bytes (and a bad byte)', path: '/cookies', headers: { Cookie: 'n=\xc3\xa9; m=\xff; "q"="\\303\\251"' }, compare: 'json' },
  { name: 'underscore spellings of Content-Type/-Length are dropped, X_A merges with x-a', path: '/headers', headers: { Content_Type: 'x', Content_Length: '5', X_A: '1', 'x-a': '2' }, compare: 'json' },
  { name: 'header values with high bytes', path: '/headers', headers: { 'X-U': '\xc3\xa9\xff' }, compare: 'json' },
  { name: 'basic auth without padding is refused', path: '/basic-auth/user/passwd', headers: { Authorization: 'Basic dXNlcjpwYXNzd2Q' }, compare: 'bytes' },
  { name: 'basic auth with junk inside the base64', path: '/basic-auth/user/passwd', headers: { Authorization: 'Basic dXNl*cjpw!YXNzd2Q=' }, compare: 'json' },
  { name: 'basic auth without a colon', path: '/basic-auth/user/passwd', headers: { Authorization: 'Basic dXNlcg==' }, compare: 'bytes' },
  { name: 'base64 with inner padding', path: '/base64/YW=Jj', compare: 'bytes' },
  { name: 'base64 with plus and slash', path: '/base64/aHR0cGtpdD8%2BPz8%2F', compare: 'bytes' },
  { name: 'basic auth with a UTF-8 user', path: '/basic-auth/%C3%A9/p', headers: { Authorization: 'Basic w6k6cA==' }, compare: 'json' },
  { name: 'cookie values needing quotes', path: '/cookies/set?a=x%3By&b=%C3%A9&c=q%22r&d=a,b', compare: 'bytes' },
  { name: 'response-headers overriding Content-Type', path: '/response-headers?Content-Type=text/plain;+charset=UTF-8&x-lower=1', compare: 'bytes' },
  { name: 'status with padded code', path: '/status/%20200', compare: 'bytes' },
  { name: 'status weight without a list', path: '/status/201:2', compare: 'bytes' },
  { name: 'status list with spaces and plus', path: '/status/%2B201,%20201:1', compare: 'bytes' },
  { name: 'links with offset beyond n', path: '/links/2/5', compare: 'bytes' },
  { name: 'links with zero', path: '/links/0/0', compare: 'bytes' },
  { name: 'empty bytes and streams', path: '/stream-bytes/0', compare: 'bytes' },
  { name: 'stream 0', path: '/stream/0', compare: 'bytes' },
  { name: 'etag star', path: '/etag/abc', headers: { 'If-None-Match': '*' }, compare: 'bytes' },
  { name: 'etag If-Match star', path: '/etag/abc', headers: { 'If-Match': '*' }, compare: 'json' },
  { name: 'etag If-None-Match wins over If-Match', path: '/etag/abc', headers: { 'If-None-Match': '"zz"', 'If-Match': '"no"' }, compare: 'json' },
  { name: 'redirect-to args are case-insensitive', path: '/redirect-to?URL=/x&Status_Code=301', compare: 'bytes' },
  { name: 'anything TRACE', method: 'TRACE', path: '/anything', compare: 'json' },
  { name: 'digest unknown qop and algorithm', path: '/digest-auth/foo/u/p/SHA-1', compare: 'bytes' },
  { name: 'X-Forwarded-Ssl makes the url https', path: '/get', headers: { 'X-Forwarded-Ssl': 'on' }, compare: 'json' },
  { name: 'default port dropped from url', path: '/get', headers: { Host: 'example.com:80' }, compare: 'json' },
  { name: 'HEAD of a status', method: 'HEAD', path: '/status/404', compare: 'bytes' },
  { name: 'OPTIONS on a path route', method: 'OPTIONS', path: '/anything/x', compare: 'bytes' },
  { name: 'PUT to a GET-only route', method: 'PUT', path: '/redirect/1', compare: 'bytes' },
  { name: 'plus and encoded plus in args', path: '/get?a+b=c+d&%2B=%2b', compare: 'json' },
  { name: 'encoded # in args', path: '/get?q=%23frag', compare: 'json' },
  { name: 'leading double slash', path: '//get', compare: 'json' },
  { name: 'inner double slash redirects', path: '/anything//a//b?x=1', compare: 'none' },
  { name: 'triple slash is merged pairwise only', path: '/anything///x', compare: 'bytes' },
  { name: 'merged-slash redirect keeps | unquoted', path: '//anything//x%7C/y?q=1', compare: 'none' },
  { name: 'only slashes', path: '//', compare: 'none' },
];
