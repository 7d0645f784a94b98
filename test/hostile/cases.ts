/**
 * Hostile responses, as exact bytes a raw server writes on the FIRST connection after it has read
 * the request head. Every later connection answers each request with OK_RESPONSE, so a test can
 * send a second request and count accepted connections (a hostile connection must never be reused).
 *
 * The same table feeds py_oracle.py (CPython 3.11 http.client / Requests 2.28 / urllib), which is
 * how the expected error classes in the *.test.ts files were decided.
 */
import { gzipSync } from 'node:zlib';
import type { Step } from '../helpers/scripted-server.js';

export const OK_RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

export interface HostileCase {
  name: string;
  steps: Step[];
}

const CRLF = '\r\n';
const headers = (n: number, size = 10): string =>
  Array.from({ length: n }, (_, i) => `X-H${i}: ${'v'.repeat(size)}${CRLF}`).join('');

const cases: HostileCase[] = [];
/** Answer the first request with `bytes`, then close (FIN), hold the socket open silently, keep serving, or reset. */
function add(name: string, bytes: string | Buffer | Array<string | Buffer>, end: 'close' | 'hold' | 'keep' | 'destroy' = 'close', gap?: number): void {
  const respond = Array.isArray(bytes) ? bytes : [bytes];
  const steps: Step[] = [gap === undefined ? { respond } : { respond, gap }];
  if (end === 'close') steps.push({ close: true });
  // 'keep': a well-framed exchange; the same connection may legitimately be reused, so answer again.
  if (end === 'keep') steps.push(OK_RESPONSE, OK_RESPONSE);
  if (end === 'destroy') steps.push({ destroy: true });
  cases.push({ name, steps });
}

// ---- status line ----
add('status-garbage', `garbage${CRLF}${CRLF}`);
add('status-bad-code', `HTTP/1.1 abc OK${CRLF}Content-Length: 0${CRLF}${CRLF}`);
add('status-http2', `HTTP/2.0 200 OK${CRLF}Content-Length: 0${CRLF}${CRLF}`);
cases.push({ name: 'empty-response', steps: [{ awaitRequest: true }, { close: true }] });
cases.push({ name: 'reset-before-response', steps: [{ awaitRequest: true }, { destroy: true }] });
add('close-mid-status', 'HTTP/1.1 20');
add('close-mid-headers', `HTTP/1.1 200 OK${CRLF}Content-Le`);
add('status-line-too-long', `HTTP/1.1 200 ${'r'.repeat(70_000)}${CRLF}Content-Length: 2${CRLF}${CRLF}ok`);
// ---- header section ----
add('header-line-too-long', `HTTP/1.1 200 OK${CRLF}X-Big: ${'a'.repeat(70_000)}${CRLF}Content-Length: 2${CRLF}${CRLF}ok`);
add('too-many-headers', `HTTP/1.1 200 OK${CRLF}${headers(101)}Content-Length: 2${CRLF}${CRLF}ok`);
add('huge-total-head', `HTTP/1.1 200 OK${CRLF}${headers(90, 4000)}Content-Length: 2${CRLF}${CRLF}ok`);
add('obs-fold', `HTTP/1.1 200 OK${CRLF}X-A: a${CRLF}  folded${CRLF}Content-Length: 2${CRLF}${CRLF}ok`);
add('space-before-colon', `HTTP/1.1 200 OK${CRLF}X-A : b${CRLF}Content-Length: 2${CRLF}${CRLF}ok`);
add('bare-cr-in-value', `HTTP/1.1 200 OK${CRLF}X-A: a\rb${CRLF}Content-Length: 2${CRLF}${CRLF}ok`);
add('nul-in-value', `HTTP/1.1 200 OK${CRLF}X-A: a\x00b${CRLF}Content-Length: 2${CRLF}${CRLF}ok`);
// ---- Content-Length ----
add('cl-conflicting', `HTTP/1.1 200 OK${CRLF}Content-Length: 2${CRLF}Content-Length: 3${CRLF}${CRLF}okX`);
add('cl-list-conflicting', `HTTP/1.1 200 OK${CRLF}Content-Length: 2, 3${CRLF}${CRLF}okX`);
add('cl-negative', `HTTP/1.1 200 OK${CRLF}Content-Length: -1${CRLF}${CRLF}ok`);
add('cl-exponent', `HTTP/1.1 200 OK${CRLF}Content-Length: 1e3${CRLF}${CRLF}ok`);
add('cl-trailing-junk', `HTTP/1.1 200 OK${CRLF}Content-Length: 12abc${CRLF}${CRLF}ok`);
add('cl-and-te', `HTTP/1.1 200 OK${CRLF}Content-Length: 100${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}2${CRLF}ok${CRLF}0${CRLF}${CRLF}`, 'hold');
add('te-unknown', `HTTP/1.1 200 OK${CRLF}Transfer-Encoding: foo${CRLF}${CRLF}ok`);
add('te-gzip-chunked', `HTTP/1.1 200 OK${CRLF}Transfer-Encoding: gzip, chunked${CRLF}${CRLF}2${CRLF}ok${CRLF}0${CRLF}${CRLF}`, 'hold');
// ---- chunked ----
const chunkedHead = `HTTP/1.1 200 OK${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}`;
add('chunk-bad-size', `${chunkedHead}zz${CRLF}ok${CRLF}0${CRLF}${CRLF}`);
add('chunk-huge-size', `${chunkedHead}ffffffffffffffffffff${CRLF}ok`);
add('chunk-missing-crlf', `${chunkedHead}2${CRLF}okXX0${CRLF}${CRLF}`);
add('chunk-truncated', `${chunkedHead}10${CRLF}hello`);
add('chunk-no-last-chunk', `${chunkedHead}2${CRLF}ok${CRLF}`);
add('chunk-trailer-flood', `${chunkedHead}2${CRLF}ok${CRLF}0${CRLF}${headers(2000)}${CRLF}`);
add('chunk-extension-flood', `${chunkedHead}2;${'e'.repeat(70_000)}${CRLF}ok${CRLF}0${CRLF}${CRLF}`);
add('chunk-size-line-too-long', `${chunkedHead}${'0'.repeat(70_000)}2${CRLF}ok${CRLF}0${CRLF}${CRLF}`);
// ---- bodies ----
add('cl-body-truncated', `HTTP/1.1 200 OK${CRLF}Content-Length: 10${CRLF}${CRLF}abc`);
add('cl-body-longer-then-response', `HTTP/1.1 200 OK${CRLF}Content-Length: 2${CRLF}${CRLF}okEXTRAHTTP/1.1 200 OK${CRLF}Content-Length: 4${CRLF}${CRLF}evil`, 'hold');
add('smuggled-second-response', [`HTTP/1.1 200 OK${CRLF}Content-Length: 2${CRLF}${CRLF}ok`, `HTTP/1.1 200 OK${CRLF}Content-Length: 4${CRLF}${CRLF}evil`], 'hold', 20);
add('interim-flood', `${`HTTP/1.1 100 Continue${CRLF}${CRLF}`.repeat(200)}${OK_RESPONSE}`, 'hold');
add('interim-103-flood', `${`HTTP/1.1 103 Early Hints${CRLF}Link: </a>${CRLF}${CRLF}`.repeat(200)}${OK_RESPONSE}`, 'hold');
cases.push({ name: 'stall-before-head', steps: [{ awaitRequest: true }] });
add('stall-mid-head', `HTTP/1.1 200 OK${CRLF}X-A: 1${CRLF}`, 'hold');
add('stall-mid-body', `HTTP/1.1 200 OK${CRLF}Content-Length: 10${CRLF}${CRLF}abc`, 'hold');
add('drip-feed', OK_RESPONSE.split(''), 'keep', 15);
// ---- content coding (Requests decodes; http.client and urllib hand the bytes over) ----
add('gzip-bad', `HTTP/1.1 200 OK${CRLF}Content-Encoding: gzip${CRLF}Content-Length: 7${CRLF}${CRLF}notgzip`, 'keep');
const gz = gzipSync(Buffer.from('hello'));
add('gzip-truncated', Buffer.concat([Buffer.from(`HTTP/1.1 200 OK${CRLF}Content-Encoding: gzip${CRLF}Content-Length: ${gz.length - 6}${CRLF}${CRLF}`), gz.subarray(0, gz.length - 6)]), 'keep');
// ---- redirects (Requests and urllib follow; http.client does not) ----
add('redirect-bad-scheme', `HTTP/1.1 302 Found${CRLF}Location: ftp://127.0.0.1/x${CRLF}Content-Length: 0${CRLF}${CRLF}`, 'keep');
add('redirect-javascript', `HTTP/1.1 302 Found${CRLF}Location: javascript:alert(1)${CRLF}Content-Length: 0${CRLF}${CRLF}`, 'keep');
add('set-cookie-junk', `HTTP/1.1 200 OK${CRLF}Set-Cookie: =;;;${CRLF}Set-Cookie: \x01bad=1${CRLF}Set-Cookie: a=b; Domain=..; Expires=garbage; Max-Age=x${CRLF}Set-Cookie: ${'c'.repeat(9000)}=1${CRLF}Content-Length: 2${CRLF}${CRLF}ok`, 'keep');

// ---- bodies that must not exist, odd framing ----
add('204-with-body', `HTTP/1.1 204 No Content${CRLF}Content-Length: 4${CRLF}${CRLF}evil`, 'hold');
add('304-with-body', `HTTP/1.1 304 Not Modified${CRLF}${CRLF}HTTP/1.1 200 OK${CRLF}Content-Length: 4${CRLF}${CRLF}evil`, 'hold');
add('te-chunked-twice', `HTTP/1.1 200 OK${CRLF}Transfer-Encoding: chunked${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}2${CRLF}ok${CRLF}0${CRLF}${CRLF}`, 'hold');
add('te-chunked-not-last', `HTTP/1.1 200 OK${CRLF}Transfer-Encoding: chunked, identity${CRLF}${CRLF}ok`);
add('cl-huge', `HTTP/1.1 200 OK${CRLF}Content-Length: 99999999999999999999999${CRLF}${CRLF}ok`);
add('chunk-negative-size', `${chunkedHead}-2${CRLF}ok${CRLF}0${CRLF}${CRLF}`);
add('chunk-size-0x', `${chunkedHead}0x2${CRLF}ok${CRLF}0${CRLF}${CRLF}`, 'hold');
add('header-no-colon', `HTTP/1.1 200 OK${CRLF}NoColonHere${CRLF}Content-Length: 2${CRLF}${CRLF}ok`, 'hold');
add('header-empty-name', `HTTP/1.1 200 OK${CRLF}: empty${CRLF}Content-Length: 2${CRLF}${CRLF}ok`, 'hold');
add('header-bad-name-char', `HTTP/1.1 200 OK${CRLF}X(A): b${CRLF}Content-Length: 2${CRLF}${CRLF}ok`, 'keep');
add('set-cookie-flood', `HTTP/1.1 200 OK${CRLF}${Array.from({ length: 150 }, (_, i) => `Set-Cookie: c${i}=v${CRLF}`).join('')}Content-Length: 2${CRLF}${CRLF}ok`);
add('http10-no-keepalive', `HTTP/1.0 200 OK${CRLF}Content-Length: 2${CRLF}${CRLF}ok`, 'hold');
add('connection-close-ignored', `HTTP/1.1 200 OK${CRLF}Connection: close${CRLF}Content-Length: 2${CRLF}${CRLF}ok`, 'hold');
add('encoding-chain-flood', `HTTP/1.1 200 OK${CRLF}Content-Encoding: ${Array.from({ length: 50 }, () => 'gzip').join(', ')}${CRLF}Content-Length: 2${CRLF}${CRLF}ok`, 'keep');
add('deflate-bad', `HTTP/1.1 200 OK${CRLF}Content-Encoding: deflate${CRLF}Content-Length: 7${CRLF}${CRLF}notzlib`, 'keep');
add('br-bad', `HTTP/1.1 200 OK${CRLF}Content-Encoding: br${CRLF}Content-Length: 7${CRLF}${CRLF}notbrot`, 'keep');
add('encoding-unknown', `HTTP/1.1 200 OK${CRLF}Content-Encoding: foo${CRLF}Content-Length: 2${CRLF}${CRLF}ok`, 'keep');
add('response-then-reset', `HTTP/1.1 200 OK${CRLF}Content-Length: 2${CRLF}${CRLF}ok`, 'destroy');

// ---- interim responses and chunked endings ----
add('100-then-close', `HTTP/1.1 100 Continue${CRLF}${CRLF}`);
add('101-unexpected', `HTTP/1.1 101 Switching Protocols${CRLF}Upgrade: websocket${CRLF}Connection: Upgrade${CRLF}${CRLF}\x81\x02hi`, 'hold');
add('chunk-eof-after-last', `${chunkedHead}2${CRLF}ok${CRLF}0${CRLF}`);
add('chunk-lf-only', `HTTP/1.1 200 OK${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}2\nok\n0\n\n`, 'keep');
add('trailer-no-colon', `${chunkedHead}2${CRLF}ok${CRLF}0${CRLF}nocolon${CRLF}${CRLF}`, 'keep');
add('header-high-bytes', `HTTP/1.1 200 OK${CRLF}X-A: caf\xe9${CRLF}Content-Length: 2${CRLF}${CRLF}ok`, 'keep');
add('head-with-body', `HTTP/1.1 200 OK${CRLF}Content-Length: 4${CRLF}${CRLF}evil`, 'hold');

// ---- exact limits (CPython: readline(_MAXLINE + 1), a line of 65 536 bytes with its CRLF passes) ----
const lineOf = (total: number): string => `X-Big: ${'a'.repeat(total - 'X-Big: '.length - 2)}${CRLF}`;
add('headers-exactly-100', `HTTP/1.1 200 OK${CRLF}${headers(99)}Content-Length: 2${CRLF}${CRLF}ok`, 'keep');
add('header-line-65536', `HTTP/1.1 200 OK${CRLF}${lineOf(65536)}Content-Length: 2${CRLF}${CRLF}ok`, 'keep');
add('header-line-65537', `HTTP/1.1 200 OK${CRLF}${lineOf(65537)}Content-Length: 2${CRLF}${CRLF}ok`);
add('chunk-line-65536', `${chunkedHead}2;${'e'.repeat(65536 - 4)}${CRLF}ok${CRLF}0${CRLF}${CRLF}`, 'keep');
add('chunk-line-65537', `${chunkedHead}2;${'e'.repeat(65537 - 4)}${CRLF}ok${CRLF}0${CRLF}${CRLF}`);

// ---- more leftovers ----
add('chunked-then-extra', `${chunkedHead}2${CRLF}ok${CRLF}0${CRLF}${CRLF}HTTP/1.1 200 OK${CRLF}Content-Length: 4${CRLF}${CRLF}evil`, 'hold');
add('http-error-truncated', `HTTP/1.1 404 Not Found${CRLF}Content-Length: 10${CRLF}${CRLF}abc`);

// ---- bodiless statuses that claim a body, odd status codes ----
add('204-with-te', `HTTP/1.1 204 No Content${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}`, 'keep');
add('304-with-te', `HTTP/1.1 304 Not Modified${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}`, 'keep');
add('100-with-cl', `HTTP/1.1 100 Continue${CRLF}Content-Length: 5${CRLF}${CRLF}${OK_RESPONSE}`, 'keep');
add('status-099', `HTTP/1.1 099 Odd${CRLF}Content-Length: 2${CRLF}${CRLF}ok`);
add('status-1000', `HTTP/1.1 1000 Odd${CRLF}Content-Length: 2${CRLF}${CRLF}ok`);

// ---- peers that hang up before reading the request ----
cases.push({ name: 'close-on-accept', steps: [{ close: true }] });
cases.push({ name: 'reset-on-accept', steps: [{ destroy: true }] });

// ---- a TLS server behind an http:// URL, blank lines before the status line ----
add('tls-on-http', Buffer.from([0x16, 0x03, 0x03, 0x00, 0x2a, 0x02, 0x00, 0x00, 0x26, 0x03, 0x03, 0x0d, 0x0a, 0x0d, 0x0a]));
add('leading-crlf', `${CRLF}${OK_RESPONSE}`, 'hold');

// ---- status-line spellings ----
add('status-lowercase-http', `http/1.1 200 OK${CRLF}Content-Length: 2${CRLF}${CRLF}ok`);
add('status-http01', `HTTP/01.1 200 OK${CRLF}Content-Length: 2${CRLF}${CRLF}ok`);
add('status-http1', `HTTP/1 200 OK${CRLF}Content-Length: 2${CRLF}${CRLF}ok`);
add('status-plus-code', `HTTP/1.1 +20 OK${CRLF}Content-Length: 2${CRLF}${CRLF}ok`);
add('status-nul-reason', `HTTP/1.1 200 O\x00K${CRLF}Content-Length: 2${CRLF}${CRLF}ok`, 'keep');

export const CASES: ReadonlyMap<string, HostileCase> = new Map(cases.map((c) => [c.name, c]));

/** Script for startScriptedServer: the hostile case on connection 0, well-behaved keep-alive after. */
export function scriptFor(name: string): Step[][] {
  const c = CASES.get(name);
  if (c === undefined) throw new Error(`no hostile case ${name}`);
  return [c.steps, Array.from({ length: 8 }, () => OK_RESPONSE)];
}
