import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translateError, useEngineErrors } from '../../src/client/translate.js';
import { ProtocolError } from '../../src/protocol/errors.js';
import * as engineErrors from '../../src/engine/errors.js';
import { AbortError, ConnectError, ConnectTimeoutError, ReadTimeoutError, SocketError, TlsError } from '../../src/engine/errors.js';

// HTTPConnection hands translate.ts the engine's classes when it loads the engine (client/io.ts).
useEngineErrors(engineErrors);
import {
  BadStatusLine, BrokenPipeError, ConnectionAbortedError, ConnectionRefusedError, ConnectionResetError, HTTPException, IncompleteRead,
  InvalidURL, LineTooLong, OSError, RemoteDisconnected, SSLCertVerificationError, SSLError, TimeoutError, UnknownProtocol,
  UnknownTransferEncoding, gaierror, ImproperConnectionState,
} from '../../src/client/errors.js';

const nodeErr = (code: string): Error => Object.assign(new Error(code), { code, errno: -1 });

test('engine errors become the OSError family, keeping cause, code and errno', () => {
  const cases: [Error, new (...a: any[]) => Error, string | null][] = [
    [new ConnectError('refused', { cause: nodeErr('ECONNREFUSED') }), ConnectionRefusedError, 'ECONNREFUSED'],
    [new ConnectError('dns', { cause: nodeErr('ENOTFOUND') }), gaierror, 'ENOTFOUND'],
    [new ConnectError('dns', { cause: nodeErr('EAI_AGAIN') }), gaierror, 'EAI_AGAIN'],
    [new ConnectError('unreachable', { cause: nodeErr('EHOSTUNREACH') }), OSError, 'EHOSTUNREACH'],
    [new SocketError('reset', { cause: nodeErr('ECONNRESET') }), ConnectionResetError, 'ECONNRESET'],
    [new SocketError('pipe', { cause: nodeErr('EPIPE') }), BrokenPipeError, 'EPIPE'],
    [new SocketError('closed'), OSError, null],
    [new ConnectTimeoutError('slow'), TimeoutError, null],
    [new ReadTimeoutError('slow'), TimeoutError, null],
    [new TlsError('bad cert for h', { cause: nodeErr('DEPTH_ZERO_SELF_SIGNED_CERT') }), SSLCertVerificationError, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    [new TlsError('handshake for h', { cause: nodeErr('ERR_SSL_WRONG_VERSION_NUMBER') }), SSLError, 'ERR_SSL_WRONG_VERSION_NUMBER'],
    [new AbortError('aborted'), ConnectionAbortedError, null],
  ];
  for (const [input, cls, code] of cases) {
    const out = translateError(input) as OSError;
    assert.ok(out instanceof cls, `${input.name}(${code}) → ${out.name}, expected ${cls.name}`);
    assert.equal(out.name, cls.name);
    assert.equal(out.cause, input);
    assert.equal(out.code, code);
    if (out instanceof TimeoutError) assert.equal(out.message, 'timed out');
  }
  assert.ok(!(translateError(new ConnectError('refused', { cause: nodeErr('ECONNREFUSED') })) instanceof TimeoutError));
});

test('protocol errors become the HTTPException tree as CPython raises it', () => {
  const t = (code: ConstructorParameters<typeof ProtocolError>[0], message: string, extra?: ConstructorParameters<typeof ProtocolError>[2]): unknown =>
    translateError(new ProtocolError(code, message, extra));
  assert.ok(t('INVALID_REQUEST', 'Invalid request target "/a b"') instanceof InvalidURL);
  assert.ok(t('INVALID_REQUEST', 'Invalid header name "a b"') instanceof TypeError);
  const status = t('LINE_TOO_LONG', 'status line too long') as LineTooLong;
  assert.equal(status.message, 'got more than 65536 bytes when reading status line');
  assert.equal((t('LINE_TOO_LONG', 'chunk size line too long') as Error).message, 'got more than 65536 bytes when reading chunk size');
  assert.equal((t('LINE_TOO_LONG', 'trailer line too long') as Error).message, 'got more than 65536 bytes when reading trailer line');
  assert.equal((t('LINE_TOO_LONG', 'field line too long') as Error).message, 'got more than 65536 bytes when reading header line');
  assert.equal((t('TOO_MANY_HEADERS', 'x') as Error).message, 'got more than 100 headers');
  assert.equal((t('BAD_STATUS_LINE', 'x', { line: 'junk\r\n' }) as BadStatusLine).line, 'junk\r\n');
  assert.equal((t('BAD_STATUS_LINE', 'x', { line: 'HTTP/2.0 200 OK\r\n' }) as UnknownProtocol).version, 'HTTP/2.0');
  assert.equal((t('UNKNOWN_PROTOCOL', 'x', { line: 'HTTP/3' }) as UnknownProtocol).version, 'HTTP/3');
  assert.ok(t('REMOTE_DISCONNECTED', 'x') instanceof RemoteDisconnected);
  const ir = t('INCOMPLETE', 'x', { partial: new Uint8Array(3), expected: 4 }) as IncompleteRead;
  assert.deepEqual([ir.partial.length, ir.expected], [3, 4]);
  assert.ok(t('BAD_CHUNK', 'x') instanceof IncompleteRead);
  assert.ok(t('UNKNOWN_TRANSFER_ENCODING', 'x') instanceof UnknownTransferEncoding);
  assert.ok(t('ILLEGAL_STATE', 'x') instanceof ImproperConnectionState);
  for (const code of ['BAD_HEADER', 'BAD_CONTENT_LENGTH', 'HEAD_TOO_LARGE', 'TOO_MANY_INTERIM'] as const) {
    const e = t(code, `message for ${code}`) as HTTPException;
    assert.equal(e.constructor, HTTPException);
    assert.equal(e.message, `message for ${code}`);
  }
  const plain = new RangeError('mine');
  assert.equal(translateError(plain), plain);
});
