/** Request header facts: validated and serialised once per frozen list, every time otherwise. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClientConnection } from '../../src/protocol/connection.js';
import { ProtocolError } from '../../src/protocol/errors.js';
import { headerFacts } from '../../src/protocol/header-facts.js';

function head(headers: string[]): string {
  const c = new ClientConnection();
  return Buffer.from(c.startRequest({ type: 'request', method: 'GET', target: '/', headers }, null, true)).toString('latin1');
}

describe('headerFacts', () => {
  it('a frozen list is computed once; the facts are right', () => {
    const h = Object.freeze(['Host', 'x', 'Content-Length', '3', 'Connection', 'keep-alive, Close']) as string[];
    const a = headerFacts(h);
    assert.equal(headerFacts(h), a);
    assert.deepEqual(a, { fields: 'Host: x\r\nContent-Length: 3\r\nConnection: keep-alive, Close\r\n', hasLength: true, hasTe: false, asksClose: true });
  });

  it('an unfrozen list is recomputed, so later changes are seen and validated', () => {
    const h = ['Host', 'x'];
    assert.equal(head(h), 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    h.push('X-A', 'b');
    assert.equal(head(h), 'GET / HTTP/1.1\r\nHost: x\r\nX-A: b\r\n\r\n');
    h.push('Bad Name', 'v');
    assert.throws(() => head(h), (e: unknown) => e instanceof ProtocolError && e.code === 'INVALID_REQUEST');
  });

  it('an invalid frozen list throws every time (failures are not cached)', () => {
    const h = Object.freeze(['Host', 'x', 'X-Bad', 'a\r\nInjected: 1']) as string[];
    for (let i = 0; i < 2; i++) assert.throws(() => head(h), (e: unknown) => e instanceof ProtocolError && e.code === 'INVALID_REQUEST');
  });

  it('a frozen list gives the same bytes as an equal unfrozen one', () => {
    const list = ['Host', 'h:1', 'Transfer-Encoding', 'chunked', 'Accept', '*/*'];
    assert.equal(head(Object.freeze(list.slice()) as string[]), head(list));
  });
});
