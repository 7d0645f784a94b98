/**
 * Raw HTTP/1.x responses for the differential test (differential.test.ts): each is served
 * byte-exact by a raw net server, read by CPython's http.client and by ours, results compared.
 * Grow it whenever a bug is found. `method` defaults to GET.
 */

export interface CorpusCase {
  name: string;
  raw: Buffer;
  method?: 'GET' | 'HEAD' | 'POST';
}

const cases: CorpusCase[] = [];

function add(name: string, raw: string | Buffer, method?: CorpusCase['method']): void {
  if (cases.some((c) => c.name === name)) throw new Error(`duplicate corpus case ${name}`);
  const c: CorpusCase = { name, raw: typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw };
  if (method !== undefined) c.method = method;
  cases.push(c);
}

function cl(status: string, body: string, extra = ''): string {
  return `HTTP/1.1 ${status}\r\nContent-Length: ${Buffer.byteLength(body, 'latin1')}\r\n${extra}\r\n${body}`;
}

// ---- well-formed, Content-Length ----
for (const status of ['200 OK', '201 Created', '202 Accepted', '301 Moved Permanently', '302 Found', '400 Bad Request', '401 Unauthorized', '403 Forbidden', '404 Not Found', '418 I\'m a teapot', '500 Internal Server Error', '502 Bad Gateway', '503 Service Unavailable']) {
  add(`cl-${status.slice(0, 3)}`, cl(status, `body of ${status}`, 'Content-Type: text/plain\r\n'));
}
add('cl-empty-body', cl('200 OK', ''));
add('cl-binary-body', Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 256\r\n\r\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]));
add('cl-body-longer-than-length', 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef');
add('cl-large-body', cl('200 OK', 'x'.repeat(200_000)));
add('cl-plus-sign', 'HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello');
add('cl-leading-zeros', 'HTTP/1.1 200 OK\r\nContent-Length: 005\r\n\r\nhello');
add('cl-duplicate-identical', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello');
add('cl-whitespace-around', 'HTTP/1.1 200 OK\r\nContent-Length:   5  \r\n\r\nhello');
add('cl-zero-keepalive', 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');

// ---- status line variants ----
add('status-no-reason', 'HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok');
add('status-empty-reason', 'HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nok');
add('status-long-reason', 'HTTP/1.1 200 Very Long Reason Phrase With Spaces\r\nContent-Length: 2\r\n\r\nok');
add('status-reason-trailing-space', 'HTTP/1.1 200 OK   \r\nContent-Length: 2\r\n\r\nok');
add('status-lowercase-reason', 'HTTP/1.1 200 ok\r\nContent-Length: 2\r\n\r\nok');
add('status-latin1-reason', 'HTTP/1.1 200 D\xe9j\xe0 vu\r\nContent-Length: 2\r\n\r\nok');
add('status-999', 'HTTP/1.1 999 Custom\r\nContent-Length: 2\r\n\r\nok');
add('status-600', 'HTTP/1.1 600 Odd\r\nContent-Length: 2\r\n\r\nok');
add('status-http11-minor-9', 'HTTP/1.9 200 OK\r\nContent-Length: 2\r\n\r\nok');
add('status-lf-only', 'HTTP/1.1 200 OK\nContent-Length: 2\n\nok');

// ---- HTTP/1.0 ----
add('http10-cl', 'HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello');
add('http10-until-close', 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nread until close');
add('http10-keepalive-header', 'HTTP/1.0 200 OK\r\nKeep-Alive: timeout=5\r\nContent-Length: 5\r\n\r\nhello');
add('http10-connection-keepalive', 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nhello');
add('http10-proxy-connection', 'HTTP/1.0 200 OK\r\nProxy-Connection: keep-alive\r\nContent-Length: 5\r\n\r\nhello');
add('http10-no-headers', 'HTTP/1.0 200 OK\r\n\r\nbody');
add('http09-status', 'HTTP/0.9 200 OK\r\nContent-Length: 2\r\n\r\nok');
add('http11-until-close', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close in 1.1');
add('http11-connection-close', 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello');
add('http11-connection-close-mixed', 'HTTP/1.1 200 OK\r\nConnection: Keep-Alive, Close\r\nContent-Length: 5\r\n\r\nhello');
add('http11-connection-upgrade-close', 'HTTP/1.1 200 OK\r\nConnection: close, upgrade\r\nContent-Length: 5\r\n\r\nhello');

// ---- chunked ----
add('chunked-simple', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n');
add('chunked-multi', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\n\r\n');
add('chunked-uppercase-hex', `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1A\r\n${'a'.repeat(26)}\r\n0\r\n\r\n`);
add('chunked-lowercase-hex', `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\n${'a'.repeat(26)}\r\n0\r\n\r\n`);
add('chunked-leading-zeros', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0005\r\nhello\r\n000\r\n\r\n');
add('chunked-extension', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n0\r\n\r\n');
add('chunked-extension-quoted', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a="b c";d\r\nhello\r\n0;last\r\n\r\n');
add('chunked-trailers', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n5\r\nhello\r\n0\r\nX-Sum: 42\r\nX-Other: a\r\n\r\n');
add('chunked-empty', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
add('chunked-casing', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n');
add('chunked-many', `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${Array.from({ length: 300 }, (_, i) => `${(i % 15 + 1).toString(16)}\r\n${'z'.repeat(i % 15 + 1)}\r\n`).join('')}0\r\n\r\n`);
add('chunked-big-chunk', `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${(100_000).toString(16)}\r\n${'q'.repeat(100_000)}\r\n0\r\n\r\n`);
add('chunked-with-cl', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 100\r\n\r\n5\r\nhello\r\n0\r\n\r\n');
add('chunked-http10', 'HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n');
add('chunked-connection-close', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n');
add('chunked-no-final-crlf', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n');
add('chunked-binary', Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100\r\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i)), Buffer.from('\r\n0\r\n\r\n')]));

// ---- interim responses ----
add('interim-100', 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
add('interim-100-twice', 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\nX-A: 1\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
add('interim-100-headers', 'HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n');

// ---- bodiless ----
add('head-with-cl', 'HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n', 'HEAD');
add('head-chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', 'HEAD');
add('head-no-length', 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n', 'HEAD');
add('head-404', 'HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\n', 'HEAD');
add('204-no-headers', 'HTTP/1.1 204 No Content\r\n\r\n');
add('204-with-cl', 'HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n');
add('304-with-cl', 'HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\nETag: "x"\r\n\r\n');
add('304-chunked', 'HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n');
add('post-201', cl('201 Created', '{"id":1}', 'Content-Type: application/json\r\n'), 'POST');

// ---- headers ----
add('headers-repeated', 'HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nX-Multi: one\r\nx-multi: two\r\nContent-Length: 0\r\n\r\n');
add('headers-case-kept', 'HTTP/1.1 200 OK\r\nX-MiXeD-CaSe: Value\r\ncontent-length: 0\r\n\r\n');
add('headers-empty-value', 'HTTP/1.1 200 OK\r\nX-Empty:\r\nX-Empty2: \r\nContent-Length: 0\r\n\r\n');
add('headers-colon-in-value', 'HTTP/1.1 200 OK\r\nLocation: http://example.com:8080/a?b=c:d\r\nContent-Length: 0\r\n\r\n');
add('headers-inner-spaces', 'HTTP/1.1 200 OK\r\nX-Spaces: a  b   c\r\nContent-Length: 0\r\n\r\n');
add('headers-leading-tab', 'HTTP/1.1 200 OK\r\nX-Tab:\tvalue\r\nContent-Length: 0\r\n\r\n');
add('headers-no-space', 'HTTP/1.1 200 OK\r\nX-Tight:value\r\nContent-Length: 0\r\n\r\n');
add('headers-latin1-value', 'HTTP/1.1 200 OK\r\nX-Latin: caf\xe9\r\nContent-Length: 0\r\n\r\n');
add('headers-utf8-bytes', Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nX-Utf8: '), Buffer.from('日本', 'utf8'), Buffer.from('\r\nContent-Length: 0\r\n\r\n')]));
add('headers-long-value', `HTTP/1.1 200 OK\r\nX-Long: ${'v'.repeat(8000)}\r\nContent-Length: 0\r\n\r\n`);
add('headers-100', `HTTP/1.1 200 OK\r\n${Array.from({ length: 99 }, (_, i) => `X-H${i}: ${i}\r\n`).join('')}Content-Length: 0\r\n\r\n`);
add('headers-101', `HTTP/1.1 200 OK\r\n${Array.from({ length: 100 }, (_, i) => `X-H${i}: ${i}\r\n`).join('')}Content-Length: 0\r\n\r\n`);
add('headers-200', `HTTP/1.1 200 OK\r\n${Array.from({ length: 200 }, (_, i) => `X-H${i}: ${i}\r\n`).join('')}Content-Length: 0\r\n\r\n`);
add('headers-special-chars-name', "HTTP/1.1 200 OK\r\nX-!#$%&'*+.^_`|~: ok\r\nContent-Length: 0\r\n\r\n");
add('headers-content-type-params', 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset="UTF-8"\r\nContent-Length: 0\r\n\r\n');
add('headers-lf-only-mixed', 'HTTP/1.1 200 OK\r\nX-A: 1\nContent-Length: 2\r\n\r\nok');

add('headers-trailing-space', 'HTTP/1.1 200 OK\r\nX-Trail: value   \r\nContent-Length: 0\r\n\r\n');

// ---- line limits ----
add('line-status-at-limit', `HTTP/1.1 200 ${'R'.repeat(65536 - 15)}\r\nContent-Length: 0\r\n\r\n`);
add('line-status-too-long', `HTTP/1.1 200 ${'R'.repeat(65536)}\r\nContent-Length: 0\r\n\r\n`);
add('line-header-at-limit', `HTTP/1.1 200 OK\r\nX-Big: ${'h'.repeat(65536 - 9)}\r\nContent-Length: 0\r\n\r\n`);
add('line-header-too-long', `HTTP/1.1 200 OK\r\nX-Big: ${'h'.repeat(65536)}\r\nContent-Length: 0\r\n\r\n`);
add('line-chunk-size-too-long', `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;${'e'.repeat(70000)}\r\nhello\r\n0\r\n\r\n`);

// ---- truncated ----
add('trunc-cl-body', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello');
add('trunc-cl-body-empty', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n');
add('trunc-cl-http10', 'HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\npartial');
add('trunc-chunk-data', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\na\r\nabc');
add('trunc-chunk-before-size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
add('trunc-chunk-first', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
add('trunc-nothing', '');

// ---- garbage / bad status lines ----
add('bad-garbage', 'garbage\r\n\r\n');
add('bad-blank-line', '\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
add('bad-http2', 'HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n');
add('bad-http2-bare', 'HTTP/2 200 OK\r\nContent-Length: 0\r\n\r\n');
add('bad-http3', 'HTTP/3.0 200 OK\r\n\r\n');
add('bad-status-alpha', 'HTTP/1.1 abc OK\r\n\r\n');
add('bad-status-99', 'HTTP/1.1 99 Low\r\n\r\n');
add('bad-status-1000', 'HTTP/1.1 1000 High\r\n\r\n');
add('bad-status-missing', 'HTTP/1.1\r\n\r\n');
add('bad-icy', 'ICY 200 OK\r\n\r\n');
add('bad-lowercase-http', 'http/1.1 200 OK\r\n\r\n');
add('bad-html', '<html><body>hi</body></html>');
add('bad-binary', Buffer.from([0x16, 0x03, 0x01, 0x00, 0x2e, 0x0d, 0x0a]));

// ---- content-length oddities (CPython: unusable length → read until close) ----
add('cl-negative', 'HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello');
add('cl-nonnumeric', 'HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nhello');
add('cl-list-identical', 'HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello');
add('cl-conflicting', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!');

// ---- transfer-encoding oddities ----
add('te-gzip-chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n');
add('te-identity', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\nContent-Length: 5\r\n\r\nhello');
add('te-bad-chunk-size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n');

// ---- lenient in CPython, strict here (see DELIBERATE in differential.test.ts) ----
add('strict-obs-fold', 'HTTP/1.1 200 OK\r\nX-Folded: a\r\n  b\r\nContent-Length: 0\r\n\r\n');
add('strict-space-before-colon', 'HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\nhello');
add('strict-bare-cr', 'HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 0\r\n\r\n');
add('strict-no-colon', 'HTTP/1.1 200 OK\r\nNoColonHere\r\nContent-Length: 0\r\n\r\n');
add('strict-interim-103', 'HTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
add('strict-trunc-head', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n');
add('strict-trunc-status', 'HTTP/1.1 200 OK');

// ---- more edge cases ----
add('interim-101-final', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
add('interim-100-then-eof', 'HTTP/1.1 100 Continue\r\n\r\n');
add('head-with-body-sent', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello', 'HEAD');
add('te-duplicate-chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n');
add('chunk-size-trailing-space', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n');
add('chunk-size-0x-prefix', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n');
add('status-tabs', 'HTTP/1.1\t200\tOK\r\nContent-Length: 2\r\n\r\nok');
add('status-double-space', 'HTTP/1.1  200 OK\r\nContent-Length: 2\r\n\r\nok');
add('status-leading-space', ' HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
add('status-reason-control', 'HTTP/1.1 200 O\x01K\r\nContent-Length: 2\r\n\r\nok');
add('headers-empty-name', 'HTTP/1.1 200 OK\r\n: nameless\r\nContent-Length: 2\r\n\r\nok');
add('headers-tab-before-colon', 'HTTP/1.1 200 OK\r\nX-A\t: 1\r\nContent-Length: 2\r\n\r\nok');
add('http10-connection-close-with-keepalive', 'HTTP/1.0 200 OK\r\nKeep-Alive: timeout=5\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok');
add('cl-huge', 'HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\nabc');
add('chunked-trailer-no-colon', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nbroken trailer\r\n\r\n');
add('chunked-missing-crlf-after-data', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXX0\r\n\r\n');
add('status-204-then-garbage', 'HTTP/1.1 204 No Content\r\n\r\ngarbage after');

export const corpus: readonly CorpusCase[] = cases;
