import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { HTTPStatus, HTTPMethod, responses, HTTP_PORT, HTTPS_PORT } from '../../src/client/status.js';
import { HTTPMessage } from '../../src/client/message.js';
import {
  HTTPException, IncompleteRead, BadStatusLine, RemoteDisconnected, ConnectionResetError, ConnectionError, OSError, LineTooLong,
  CannotSendRequest, ImproperConnectionState, UnknownProtocol, ResponseNotReady,
} from '../../src/client/errors.js';

test('HTTPStatus and responses match CPython 3.11 member for member', () => {
  const py = JSON.parse(execFileSync('/usr/bin/python3', ['-c', 'import http,json;print(json.dumps([[s.name,s.value,s.phrase,s.description] for s in http.HTTPStatus]))'], { encoding: 'utf8' })) as [string, number, string, string][];
  assert.equal(HTTPStatus.members().length, py.length);
  for (const [name, value, phrase, description] of py) {
    const m = HTTPStatus[name]!;
    assert.deepEqual([m.name, m.value, m.phrase, m.description], [name, value, phrase, description]);
    assert.equal(HTTPStatus(value), m);
    assert.equal(HTTPStatus[value], m);
    assert.equal(responses[value], phrase);
  }
  assert.equal(HTTPStatus.OK.value, 200);
  assert.equal(String(HTTPStatus.NOT_FOUND), '404');
  assert.equal(+HTTPStatus.CREATED, 201);
  assert.ok(HTTPStatus.OK instanceof (HTTPStatus as unknown as new () => unknown));
  assert.throws(() => HTTPStatus(299), RangeError);
  const methods = JSON.parse(execFileSync('/usr/bin/python3', ['-c', 'import http,json;print(json.dumps([[m.name,m.value,m.description] for m in http.HTTPMethod]))'], { encoding: 'utf8' })) as [string, string, string][];
  assert.deepEqual(Object.values(HTTPMethod).map((m) => [m.name, m.value, m.description]), methods);
  assert.equal(String(HTTPMethod.GET), 'GET');
  assert.equal(HTTP_PORT, 80);
  assert.equal(HTTPS_PORT, 443);
});

test('HTTPMessage: ordered, case-insensitive, repeats kept, Map-like', () => {
  const m = new HTTPMessage(['Content-Type', 'text/HTML; charset="UTF-8"; a=b', 'X', 'y  ', 'x', 'z', 'Set-Cookie', 'a']);
  assert.equal(m.get('x'), 'y  ');
  assert.deepEqual(m.getAll('X'), ['y  ', 'z']);
  assert.equal(m.getAll('missing'), null);
  assert.equal(m.get('missing'), null);
  assert.equal(m.get('missing', 'd'), 'd');
  assert.equal(m.size, 4);
  assert.ok(m.has('SET-COOKIE'));
  assert.deepEqual(m.keys(), ['Content-Type', 'X', 'x', 'Set-Cookie']);
  assert.deepEqual([...m][1], ['X', 'y  ']);
  assert.equal(m.toString(), 'Content-Type: text/HTML; charset="UTF-8"; a=b\nX: y  \nx: z\nSet-Cookie: a\n\n');
  assert.equal(m.getContentType(), 'text/html');
  assert.equal(m.getContentMaintype(), 'text');
  assert.equal(m.getContentCharset(), 'utf-8');
  assert.equal(m.getParam('A'), 'b');
  assert.deepEqual(m.getParams(), [['text/HTML', ''], ['charset', 'UTF-8'], ['a', 'b']]);
  m.addHeader('x', 'new');
  assert.deepEqual(m.getAll('x'), ['y  ', 'z', 'new']);
  assert.ok(m.delete('X'));
  assert.deepEqual(m.items(), [['Content-Type', 'text/HTML; charset="UTF-8"; a=b'], ['Set-Cookie', 'a']]);
  m.set('set-cookie', 'b');
  assert.deepEqual(m.getAll('Set-Cookie'), ['b']);
  const parts = new HTTPMessage([['Content-Type', 'multipart/form-data; boundary="XyZ "'], ['Content-Disposition', 'attachment; filename=" report.csv "']]);
  assert.equal(parts.getBoundary(), 'XyZ');
  assert.equal(parts.getFilename(), 'report.csv');
  assert.equal(parts.getContentSubtype(), 'form-data');
  assert.equal(new HTTPMessage(['Content-Type', 'bogus']).getContentType(), 'text/plain');
  assert.equal(new HTTPMessage(['Content-Type', 'text/plain; charset=\u00fc']).getContentCharset('dflt'), 'dflt');
  const empty = new HTTPMessage();
  assert.equal(empty.getContentType(), 'text/plain');
  assert.equal(empty.getParams(), null);
  assert.equal(empty.toString(), '\n');
});

test('the HTTPException tree follows CPython, with RemoteDisconnected also a ConnectionResetError', () => {
  const rd = new RemoteDisconnected();
  assert.ok(rd instanceof BadStatusLine && rd instanceof HTTPException && rd instanceof Error);
  assert.ok(rd instanceof ConnectionResetError && rd instanceof ConnectionError && rd instanceof OSError);
  assert.equal(rd.message, 'Remote end closed connection without response');
  assert.equal(rd.line, "''");
  assert.ok(!(new ConnectionResetError('x') instanceof HTTPException));
  assert.ok(!(new BadStatusLine('x') instanceof ConnectionResetError));
  const ir = new IncompleteRead(new Uint8Array(5), 3);
  assert.equal(ir.message, 'IncompleteRead(5 bytes read, 3 more expected)');
  assert.equal(String(ir), 'IncompleteRead(5 bytes read, 3 more expected)');
  assert.equal(new IncompleteRead(new Uint8Array(2)).message, 'IncompleteRead(2 bytes read)');
  assert.equal(new LineTooLong('header line').message, 'got more than 65536 bytes when reading header line');
  assert.ok(new CannotSendRequest('Request-sent') instanceof ImproperConnectionState);
  assert.equal(new ResponseNotReady('Idle').message, 'Idle');
  assert.equal(new UnknownProtocol('HTTP/2.0').version, 'HTTP/2.0');
  assert.equal(new BadStatusLine('garbage\r\n').line, 'garbage\r\n');
});
