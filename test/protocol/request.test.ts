/** Request side: validation names the bad part and produces nothing; framing as CPython. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClientConnection } from '../../src/protocol/connection.js';
import { ProtocolError } from '../../src/protocol/errors.js';
import { isToken, validateHeaderName, validateHeaderValue, validateMethod, validateTarget } from '../../src/protocol/grammar.js';
import { LAST_CHUNK, chooseFraming, encodeChunk } from '../../src/protocol/writers.js';

const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

function invalid(fn: () => unknown, mentions: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ProtocolError && e.code === 'INVALID_REQUEST' && e.message.includes(mentions), `expected INVALID_REQUEST mentioning ${mentions}`);
}

describe('grammar', () => {
  it('isToken', () => {
    assert.equal(isToken('GET'), true);
    assert.equal(isToken("X-A!#$%&'*+-.^_`|~09"), true);
    for (const bad of ['', 'a b', 'a:b', 'a\r', 'é', 'a(b)', 'a"b']) assert.equal(isToken(bad), false, bad);
  });
  it('method must be a token', () => {
    validateMethod('PROPFIND');
    for (const bad of ['GET /', 'GE\rT', 'G\nET', '', 'GET\x00']) invalid(() => validateMethod(bad), 'method');
  });
  it('target: no space, controls, DEL or > U+00FF', () => {
    validateTarget('/a?b=c&d=%20#x');
    validateTarget('http://example.com/caf\xe9');
    validateTarget('*');
    for (const bad of ['/a b', '/a\r\nX: y', '/a\n', '/\x00', '/\x7f', '/\t', '/\u0100', '/\u{1F600}', '']) invalid(() => validateTarget(bad), 'target');
  });
  it('header names are tokens', () => {
    validateHeaderName('X-Custom_1');
    for (const bad of ['X A', 'X:A', 'X\r\nA', '', 'Ä']) invalid(() => validateHeaderName(bad), 'header name');
  });
  it('header values: no CR, LF, NUL, > U+00FF; message names the header', () => {
    validateHeaderValue('X', 'a value, with\ttab and caf\xe9');
    for (const bad of ['a\rb', 'a\nb', 'a\r\n b', 'a\x00', 'snow\u2603']) invalid(() => validateHeaderValue('X-Mine', bad), 'X-Mine');
  });
});

describe('framing (CPython _send_request rules)', () => {
  it('nothing for a bodiless GET; Content-Length: 0 for POST/PUT/PATCH', () => {
    assert.equal(chooseFraming('GET', [], undefined, false).name, null);
    assert.equal(chooseFraming('DELETE', [], undefined, false).name, null);
    for (const m of ['POST', 'PUT', 'PATCH', 'post']) assert.deepEqual(chooseFraming(m, [], undefined, false), { name: 'Content-Length', value: '0', chunked: false });
  });
  it('known length → Content-Length; unknown → chunked; asked → chunked', () => {
    assert.deepEqual(chooseFraming('POST', [], 5, false), { name: 'Content-Length', value: '5', chunked: false });
    assert.deepEqual(chooseFraming('POST', [], null, false), { name: 'Transfer-Encoding', value: 'chunked', chunked: true });
    assert.deepEqual(chooseFraming('POST', [], 5, true), { name: 'Transfer-Encoding', value: 'chunked', chunked: true });
  });
  it("the caller's framing headers win", () => {
    assert.deepEqual(chooseFraming('POST', ['content-length', '3'], null, true), { name: null, value: '', chunked: false });
    assert.deepEqual(chooseFraming('POST', ['Transfer-Encoding', 'chunked'], 5, true), { name: null, value: '', chunked: true });
  });
});

describe('request serialisation', () => {
  const start = (method: string, headers: string[], body: Uint8Array | null, opts: { bodyLength?: number | null; encodeChunked?: boolean } = {}): string => {
    const c = new ClientConnection();
    return text(c.startRequest({ type: 'request', method, target: '/p?q=1', headers, bodyLength: body === null ? opts.bodyLength : (opts.bodyLength ?? body.length), encodeChunked: opts.encodeChunked }, body, true));
  };
  it('GET head, one buffer, order and case kept', () => {
    assert.equal(start('GET', ['Host', 'h', 'X-A', '1'], null), 'GET /p?q=1 HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n\r\n');
  });
  it('POST without body gets Content-Length: 0', () => {
    assert.equal(start('POST', ['Host', 'h'], null), 'POST /p?q=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n');
  });
  it('body inline after the head', () => {
    assert.equal(start('PUT', ['Host', 'h'], Buffer.from('abc')), 'PUT /p?q=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc');
  });
  it('encodeChunked with inline body', () => {
    assert.equal(start('POST', ['Host', 'h'], Buffer.from('abc'), { encodeChunked: true }), 'POST /p?q=1 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n');
  });
  it('header values are written as latin-1', () => {
    assert.ok(start('GET', ['X-L', 'caf\xe9'], null).includes('X-L: caf\xe9\r\n'));
  });
  it('send() events: request, data (chunked), end', () => {
    const c = new ClientConnection();
    const head = text(c.send({ type: 'request', method: 'POST', target: '/', headers: ['Host', 'h'], bodyLength: null }));
    assert.equal(head, 'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n');
    assert.equal(text(c.send({ type: 'data', data: Buffer.from('hello') })), '5\r\nhello\r\n');
    assert.equal(text(c.send({ type: 'end' })), '0\r\n\r\n');
    assert.equal(c.ourState, 'DONE');
    assert.throws(() => c.send({ type: 'end' }), (e: unknown) => e instanceof ProtocolError && e.code === 'ILLEGAL_STATE');
  });
  it('a bad part throws before any state change; the connection stays usable', () => {
    const c = new ClientConnection();
    for (const [m, t, h] of [['BAD METHOD', '/', []], ['GET', '/a b', []], ['GET', '/', ['Bad Name', 'v']], ['GET', '/', ['X', 'v\r\nInjected: 1']]] as const) {
      assert.throws(() => c.send({ type: 'request', method: m, target: t, headers: [...h] }), (e: unknown) => e instanceof ProtocolError && e.code === 'INVALID_REQUEST');
      assert.equal(c.ourState, 'IDLE');
      assert.equal(c.theirState, 'IDLE');
    }
    assert.equal(text(c.send({ type: 'request', method: 'GET', target: '/', headers: [] })), 'GET / HTTP/1.1\r\n\r\n');
  });
  it('encodeChunk / LAST_CHUNK', () => {
    assert.equal(text(encodeChunk(Buffer.alloc(26, 97))), '1a\r\n' + 'a'.repeat(26) + '\r\n');
    assert.equal(encodeChunk(new Uint8Array(0)).length, 0);
    assert.equal(text(LAST_CHUNK), '0\r\n\r\n');
  });
});

describe('state machine', () => {
  const ok = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
  it('keep-alive cycle', () => {
    const c = new ClientConnection();
    for (let i = 0; i < 3; i++) {
      c.send({ type: 'request', method: 'GET', target: '/', headers: [] });
      c.receiveData(ok);
      assert.equal(c.nextEvent().type, 'response');
      assert.equal(c.nextEvent().type, 'data');
      assert.equal(c.nextEvent().type, 'end');
      assert.equal(c.nextEvent().type, 'paused');
      assert.equal(c.canReuse, true);
      c.startNextCycle();
    }
  });
  it('a request with Connection: close is never followed by another', () => {
    const c = new ClientConnection();
    c.send({ type: 'request', method: 'GET', target: '/', headers: ['Connection', 'close'] });
    c.receiveData(ok);
    c.nextEvent();
    c.nextEvent();
    assert.equal(c.nextEvent().type, 'end');
    assert.equal(c.canReuse, false);
  });
  it('errors are sticky', () => {
    const c = new ClientConnection();
    c.send({ type: 'request', method: 'GET', target: '/', headers: [] });
    c.receiveData(Buffer.from('garbage\r\n'));
    assert.throws(() => c.nextEvent(), (e: unknown) => e instanceof ProtocolError && e.code === 'BAD_STATUS_LINE');
    assert.throws(() => c.nextEvent(), (e: unknown) => e instanceof ProtocolError && e.code === 'BAD_STATUS_LINE');
    assert.throws(() => c.send({ type: 'request', method: 'GET', target: '/', headers: [] }));
    assert.equal(c.keepAlive, false);
  });
  it('no reuse after Connection: close or with stray bytes', () => {
    const c = new ClientConnection();
    c.send({ type: 'request', method: 'GET', target: '/', headers: [] });
    c.receiveData(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
    c.nextEvent();
    c.nextEvent();
    assert.equal(c.canReuse, false);
    assert.throws(() => c.startNextCycle(), (e: unknown) => e instanceof ProtocolError && e.code === 'ILLEGAL_STATE');
    const d = new ClientConnection();
    d.send({ type: 'request', method: 'GET', target: '/', headers: [] });
    d.receiveData(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nSTRAY'));
    d.nextEvent();
    d.nextEvent();
    assert.equal(d.canReuse, false);
  });
});
