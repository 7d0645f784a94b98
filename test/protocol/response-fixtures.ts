/** Response fixtures: raw bytes and what the core must make of them (partial expectations). */
import type { Outcome } from './helpers.js';

export interface Fixture {
  name: string;
  raw: string;
  method?: string;
  eof?: boolean;
  expect: Partial<Outcome> & { status?: number; reason?: string; version?: number; chunked?: boolean; length?: number | null; willClose?: boolean; headers?: string[] };
}

export const fixtures: Fixture[] = [
  // status lines
  { name: 'simple 200', raw: 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello', expect: { status: 200, reason: 'OK', version: 11, body: 'hello', length: 5, willClose: false, ended: true } },
  { name: 'reason with spaces', raw: 'HTTP/1.1 404 Not Found Here\r\nContent-Length: 0\r\n\r\n', expect: { status: 404, reason: 'Not Found Here', ended: true } },
  { name: 'no reason', raw: 'HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n', expect: { status: 200, reason: '', ended: true } },
  { name: 'no reason, trailing space', raw: 'HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n', expect: { status: 200, reason: '', ended: true } },
  { name: 'LF-only line endings (CPython accepts)', raw: 'HTTP/1.1 200 OK\nContent-Length: 2\n\nok', expect: { status: 200, body: 'ok', ended: true } },
  { name: 'HTTP/1.0', raw: 'HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok', expect: { version: 10, willClose: true, body: 'ok', ended: true } },
  { name: 'HTTP/1.0 keep-alive', raw: 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok', expect: { version: 10, willClose: false, ended: true } },
  { name: 'HTTP/1.0 Keep-Alive header', raw: 'HTTP/1.0 200 OK\r\nKeep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\nok', expect: { version: 10, willClose: false } },
  { name: 'HTTP/1.1 Connection: close', raw: 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok', expect: { willClose: true, body: 'ok', ended: true } },
  { name: 'HTTP/1.2 treated as 1.1', raw: 'HTTP/1.2 200 OK\r\nContent-Length: 0\r\n\r\n', expect: { version: 11, ended: true } },
  { name: 'HTTP/0.9 version string', raw: 'HTTP/0.9 200 OK\r\nContent-Length: 0\r\n\r\n', expect: { version: 10 } },
  { name: 'HTTP/2.0 unknown protocol', raw: 'HTTP/2.0 200 OK\r\n\r\n', expect: { error: 'UNKNOWN_PROTOCOL' } },
  { name: 'garbage status line', raw: 'garbage\r\n\r\n', expect: { error: 'BAD_STATUS_LINE', line: 'garbage\r\n' } },
  { name: 'ICY (not HTTP/)', raw: 'ICY 200 OK\r\n\r\n', expect: { error: 'BAD_STATUS_LINE' } },
  { name: 'status not numeric', raw: 'HTTP/1.1 abc OK\r\n\r\n', expect: { error: 'BAD_STATUS_LINE' } },
  { name: 'status two digits', raw: 'HTTP/1.1 99 OK\r\n\r\n', expect: { error: 'BAD_STATUS_LINE' } },
  { name: 'status four digits', raw: 'HTTP/1.1 1000 OK\r\n\r\n', expect: { error: 'BAD_STATUS_LINE' } },
  { name: 'status 099', raw: 'HTTP/1.1 099 OK\r\n\r\n', expect: { error: 'BAD_STATUS_LINE' } },
  { name: 'status 999 ok', raw: 'HTTP/1.1 999 Weird\r\nContent-Length: 0\r\n\r\n', expect: { status: 999, ended: true } },
  { name: 'version only', raw: 'HTTP/1.1\r\n\r\n', expect: { error: 'BAD_STATUS_LINE' } },
  { name: 'empty status line', raw: '\r\nHTTP/1.1 200 OK\r\n\r\n', expect: { error: 'BAD_STATUS_LINE' } },
  { name: 'bare CR in status line', raw: 'HTTP/1.1 200 O\rK\r\nContent-Length: 0\r\n\r\n', expect: { error: 'BAD_STATUS_LINE' } },
  { name: 'close before anything', raw: '', expect: { error: 'REMOTE_DISCONNECTED' } },
  { name: 'close inside status line: judged as CPython does (BadStatusLine)', raw: 'HTTP/1.1 20', expect: { error: 'BAD_STATUS_LINE', line: 'HTTP/1.1 20' } },
  { name: 'close after a whole status line without CRLF', raw: 'HTTP/1.1 200 OK', expect: { error: 'INCOMPLETE' } },
  { name: 'close inside an HTTP/2 status line', raw: 'HTTP/2 200', expect: { error: 'UNKNOWN_PROTOCOL' } },
  { name: 'close inside headers', raw: 'HTTP/1.1 200 OK\r\nContent-Le', expect: { error: 'INCOMPLETE' } },
  { name: 'garbage then close', raw: 'xyz', expect: { error: 'BAD_STATUS_LINE', line: 'xyz' } },
  // headers
  { name: 'headers kept in order and case', raw: 'HTTP/1.1 200 OK\r\nX-A: 1\r\nx-b:2\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 0\r\n\r\n', expect: { headers: ['X-A', '1', 'x-b', '2', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'Content-Length', '0'] } },
  { name: 'leading OWS stripped, trailing kept (CPython)', raw: 'HTTP/1.1 200 OK\r\nX-A: \t v \r\nContent-Length: 0\r\n\r\n', expect: { headers: ['X-A', 'v ', 'Content-Length', '0'] } },
  { name: 'empty value', raw: 'HTTP/1.1 200 OK\r\nX-Empty:\r\nContent-Length: 0\r\n\r\n', expect: { headers: ['X-Empty', '', 'Content-Length', '0'] } },
  { name: 'latin-1 value', raw: 'HTTP/1.1 200 OK\r\nX-L: caf\xe9\r\nContent-Length: 0\r\n\r\n', expect: { headers: ['X-L', 'caf\xe9', 'Content-Length', '0'] } },
  { name: 'obs-fold rejected', raw: 'HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\nContent-Length: 0\r\n\r\n', expect: { error: 'BAD_HEADER' } },
  { name: 'space before colon rejected', raw: 'HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\nhello', expect: { error: 'BAD_HEADER' } },
  { name: 'tab before colon rejected', raw: 'HTTP/1.1 200 OK\r\nX-A\t: 5\r\n\r\n', expect: { error: 'BAD_HEADER' } },
  { name: 'bare CR in value rejected', raw: 'HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 0\r\n\r\n', expect: { error: 'BAD_HEADER' } },
  { name: 'NUL in value rejected', raw: 'HTTP/1.1 200 OK\r\nX-A: a\x00b\r\nContent-Length: 0\r\n\r\n', expect: { error: 'BAD_HEADER' } },
  { name: 'no colon rejected', raw: 'HTTP/1.1 200 OK\r\nNoColonHere\r\n\r\n', expect: { error: 'BAD_HEADER' } },
  { name: 'empty name rejected', raw: 'HTTP/1.1 200 OK\r\n: value\r\n\r\n', expect: { error: 'BAD_HEADER' } },
  // content-length
  { name: 'duplicate identical CL folded', raw: 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc', expect: { length: 3, body: 'abc', ended: true } },
  { name: 'CL list of identical values', raw: 'HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\n\r\nabc', expect: { length: 3, body: 'abc', ended: true } },
  { name: 'conflicting CL rejected', raw: 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd', expect: { error: 'BAD_CONTENT_LENGTH' } },
  { name: 'negative CL rejected', raw: 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', expect: { error: 'BAD_CONTENT_LENGTH' } },
  { name: 'non-numeric CL rejected', raw: 'HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n', expect: { error: 'BAD_CONTENT_LENGTH' } },
  { name: 'CL with plus rejected', raw: 'HTTP/1.1 200 OK\r\nContent-Length: +3\r\n\r\nabc', expect: { error: 'BAD_CONTENT_LENGTH' } },
  { name: 'CL case-insensitive name', raw: 'HTTP/1.1 200 OK\r\ncontent-LENGTH: 2\r\n\r\nok', expect: { length: 2, body: 'ok' } },
  { name: 'CL body extra bytes stay buffered', raw: 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA', expect: { body: 'ok', ended: true } },
  { name: 'truncated CL body', raw: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello', expect: { error: 'INCOMPLETE', expected: 5 } },
  { name: 'CL 0', raw: 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', expect: { body: '', ended: true, length: 0 } },
  // until close
  { name: 'no framing: until close', raw: 'HTTP/1.1 200 OK\r\n\r\nall of it', expect: { body: 'all of it', ended: true, willClose: true, length: null } },
  { name: 'until close without EOF stays open', raw: 'HTTP/1.1 200 OK\r\n\r\nsome', eof: false, expect: { body: 'some', ended: false } },
  // chunked
  { name: 'chunked', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n', expect: { chunked: true, length: null, body: 'hello world', ended: true, trailers: [], willClose: false } },
  { name: 'chunked upper-case hex and TE case', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n', expect: { body: '0123456789', ended: true } },
  { name: 'chunked with extensions', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value;x\r\nhello\r\n0;last\r\n\r\n', expect: { body: 'hello', ended: true } },
  { name: 'chunk size with trailing space', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n', expect: { body: 'hello', ended: true } },
  { name: 'chunked with trailers', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n', expect: { body: 'hi', ended: true, trailers: ['X-Checksum', 'abc', 'X-Other', '1'] } },
  { name: 'chunked with LF-only lines', raw: 'HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nhi\n0\n\n', expect: { body: 'hi', ended: true } },
  { name: 'chunked bad size', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n', expect: { error: 'BAD_CHUNK' } },
  { name: 'chunked negative size', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n', expect: { error: 'BAD_CHUNK' } },
  { name: 'chunked 0x prefix rejected', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n', expect: { error: 'BAD_CHUNK' } },
  { name: 'chunked empty size line', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n', expect: { error: 'BAD_CHUNK' } },
  { name: 'chunked huge size', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n', expect: { error: 'BAD_CHUNK' } },
  { name: 'chunk data longer than size', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n', expect: { error: 'BAD_CHUNK' } },
  { name: 'chunk missing CRLF after data', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\rX0\r\n\r\n', expect: { error: 'BAD_CHUNK' } },
  { name: 'bare CR in chunk extension', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;a\rb\r\nhi\r\n0\r\n\r\n', expect: { error: 'BAD_CHUNK' } },
  { name: 'truncated chunked body', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel', expect: { error: 'INCOMPLETE', expected: null } },
  { name: 'truncated before last chunk', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n', expect: { error: 'INCOMPLETE' } },
  { name: 'EOF in trailers ends (CPython)', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n', expect: { body: 'hello', ended: true } },
  { name: 'bad trailer line', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n\r\n', expect: { error: 'BAD_HEADER' } },
  { name: 'TE + CL: chunked, never reused', raw: 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n', expect: { chunked: true, length: null, body: 'hi', willClose: true, ended: true } },
  { name: 'TE gzip, chunked unsupported', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n', expect: { error: 'UNKNOWN_TRANSFER_ENCODING' } },
  { name: 'TE chunked twice unsupported', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', expect: { error: 'UNKNOWN_TRANSFER_ENCODING' } },
  { name: 'TE not chunked: until close', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\nContent-Length: 2\r\n\r\nabcdef', expect: { chunked: false, length: null, willClose: true, body: 'abcdef', ended: true } },
  { name: 'HTTP/1.0 with TE chunked: read, then close', raw: 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n', expect: { chunked: true, willClose: true, body: 'hi' } },
  // bodiless
  { name: 'HEAD ignores CL', method: 'HEAD', raw: 'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n', expect: { length: 0, body: '', ended: true, willClose: false } },
  { name: 'HEAD ignores TE', method: 'HEAD', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', expect: { length: 0, chunked: false, ended: true } },
  { name: '204 no body', raw: 'HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n', expect: { status: 204, length: 0, ended: true } },
  { name: '304 no body', raw: 'HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n', expect: { status: 304, length: 0, ended: true } },
  { name: 'CONNECT 200 from an HTTP/1.0 proxy: tunnel, no body', method: 'CONNECT', raw: 'HTTP/1.0 200 Connection established\r\n\r\n', expect: { status: 200, length: 0, willClose: false, ended: true } },
  { name: 'CONNECT 407 has a body', method: 'CONNECT', raw: 'HTTP/1.1 407 Proxy Auth\r\nContent-Length: 2\r\n\r\nno', expect: { status: 407, body: 'no', ended: true } },
  // interim
  { name: '100 Continue skipped', raw: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', expect: { interim: [100], status: 200, body: 'ok', ended: true } },
  { name: '103 Early Hints skipped with headers', raw: 'HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n', expect: { interim: [103, 100], status: 201, ended: true } },
  { name: '101 Switching Protocols is final', raw: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n', expect: { status: 101, length: 0, willClose: true, ended: true } },
  { name: 'close after 100 Continue', raw: 'HTTP/1.1 100 Continue\r\n\r\n', expect: { interim: [100], error: 'REMOTE_DISCONNECTED' } },
];
