/** The named limits of protocol/limits.ts, at and just past each bound. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bytes, feed } from './helpers.js';
import { MAX_CHUNK_EXT_BYTES, MAX_HEADERS, MAX_HEAD_BYTES, MAX_INTERIM_RESPONSES, MAX_LINE_BYTES, MAX_TRAILER_BYTES } from '../../src/protocol/limits.js';

const ok = 'HTTP/1.1 200 OK\r\n';
const headerLine = (total: number): string => 'X-Long: ' + 'a'.repeat(total - 10) + '\r\n'; // `total` bytes with CRLF

describe('limits', () => {
  it('MAX_LINE_BYTES is CPython _MAXLINE (65536) and MAX_HEADERS is 100', () => {
    assert.equal(MAX_LINE_BYTES, 65536);
    assert.equal(MAX_HEADERS, 100);
  });

  it('a header line of exactly 65536 bytes (CRLF included) passes', () => {
    const out = feed([bytes(ok + headerLine(65536) + 'Content-Length: 0\r\n\r\n')]);
    assert.equal(out.error, null);
    assert.equal(out.head!.headers[1]!.length, 65536 - 10);
  });

  it('a header line of 65537 bytes is LINE_TOO_LONG', () => {
    assert.equal(feed([bytes(ok + headerLine(65537) + '\r\n')]).error, 'LINE_TOO_LONG');
  });

  it('a line without LF fails as soon as it exceeds the limit (no waiting for more)', () => {
    assert.equal(feed([bytes(ok + 'X: ' + 'a'.repeat(70000))], { eof: false }).error, 'LINE_TOO_LONG');
  });

  it('a status line over the limit is LINE_TOO_LONG', () => {
    assert.equal(feed([bytes('HTTP/1.1 200 ' + 'x'.repeat(MAX_LINE_BYTES) + '\r\n\r\n')]).error, 'LINE_TOO_LONG');
  });

  it('as CPython (which counts the blank line): 99 fields pass, 100 are TOO_MANY_HEADERS', () => {
    const h = (n: number): string => Array.from({ length: n }, (_, i) => `X-${i}: v\r\n`).join('');
    assert.equal(feed([bytes(ok + h(98) + 'Content-Length: 0\r\n\r\n')]).error, null);
    assert.equal(feed([bytes(ok + h(99) + 'Content-Length: 0\r\n\r\n')]).error, 'TOO_MANY_HEADERS');
    assert.equal(feed([bytes(ok + h(100) + '\r\n')]).error, 'TOO_MANY_HEADERS');
    assert.equal(feed([bytes(ok + h(101) + '\r\n')]).error, 'TOO_MANY_HEADERS');
  });

  it('a head over MAX_HEAD_BYTES is HEAD_TOO_LARGE', () => {
    const lines = Math.ceil(MAX_HEAD_BYTES / 60000) + 1;
    const raw = ok + Array.from({ length: lines }, () => headerLine(60000)).join('') + '\r\n';
    assert.equal(feed([bytes(raw)]).error, 'HEAD_TOO_LARGE');
  });

  it(`more than ${MAX_INTERIM_RESPONSES} interim responses is TOO_MANY_INTERIM`, () => {
    const interim = 'HTTP/1.1 100 Continue\r\n\r\n';
    const final = 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n';
    assert.equal(feed([bytes(interim.repeat(MAX_INTERIM_RESPONSES) + final)]).error, null);
    assert.equal(feed([bytes(interim.repeat(MAX_INTERIM_RESPONSES + 1) + final)]).error, 'TOO_MANY_INTERIM');
  });

  it('chunk extensions are bounded', () => {
    const te = ok + 'Transfer-Encoding: chunked\r\n\r\n';
    assert.equal(feed([bytes(te + '1;' + 'a'.repeat(MAX_CHUNK_EXT_BYTES - 1) + '\r\nx\r\n0\r\n\r\n')]).error, null);
    assert.equal(feed([bytes(te + '1;' + 'a'.repeat(MAX_CHUNK_EXT_BYTES) + '\r\nx\r\n0\r\n\r\n')]).error, 'BAD_CHUNK');
  });

  it('trailers are bounded', () => {
    const te = ok + 'Transfer-Encoding: chunked\r\n\r\n0\r\n';
    const many = Array.from({ length: 101 }, (_, i) => `T-${i}: v\r\n`).join('');
    assert.equal(feed([bytes(te + many + '\r\n')]).error, 'TOO_MANY_HEADERS');
    const big = Array.from({ length: Math.ceil(MAX_TRAILER_BYTES / 60000) + 1 }, () => headerLine(60000)).join('');
    assert.equal(feed([bytes(te + big + '\r\n')]).error, 'BAD_CHUNK');
  });
});
