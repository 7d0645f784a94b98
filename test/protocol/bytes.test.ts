/** src/internal/bytes.ts and deadline.ts: the leaves the protocol core stands on. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasNonLatin1, indexOfCrlf, indexOfLf, latin1Decode, latin1Encode, latin1Slice, latin1Write, toBuffer, utf8Encode } from '../../src/internal/bytes.js';
import { deadlineFrom, remaining, resolveTimeout } from '../../src/internal/deadline.js';

describe('bytes', () => {
  it('latin-1 round trip of every byte', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const s = latin1Decode(all);
    assert.equal(s.length, 256);
    assert.deepEqual(Buffer.from(latin1Encode(s)), all);
    assert.equal(latin1Slice(all, 0x41, 0x44), 'ABC');
    const out = Buffer.alloc(5);
    assert.equal(latin1Write(out, 'caf\xe9', 1), 4);
    assert.deepEqual([...out], [0, 0x63, 0x61, 0x66, 0xe9]);
  });
  it('utf-8 and views without copies', () => {
    assert.deepEqual([...utf8Encode('é')], [0xc3, 0xa9]);
    const u = new Uint8Array([1, 2, 3, 4]).subarray(1, 3);
    const b = toBuffer(u);
    assert.equal(b.buffer, u.buffer);
    assert.deepEqual([...b], [2, 3]);
  });
  it('LF and CRLF search within bounds', () => {
    const b = Buffer.from('ab\ncd\r\nef\r\n');
    assert.equal(indexOfLf(b), 2);
    assert.equal(indexOfLf(b, 3), 6);
    assert.equal(indexOfLf(b, 3, 6), -1);
    assert.equal(indexOfCrlf(b), 5);
    assert.equal(indexOfCrlf(b, 7), 9);
    assert.equal(indexOfCrlf(Buffer.from('\n\r')), -1);
  });
  it('hasNonLatin1', () => {
    assert.equal(hasNonLatin1('caf\xe9\xff'), false);
    assert.equal(hasNonLatin1('\u0100'), true);
  });
});

describe('deadline', () => {
  it('null means no limit; numbers are ms from now', () => {
    assert.equal(deadlineFrom(null), null);
    assert.equal(deadlineFrom(undefined), null);
    assert.equal(deadlineFrom(500, 1000), 1500);
    assert.equal(remaining(1500, 1200), 300);
    assert.equal(remaining(1500, 2000), 0);
    assert.equal(remaining(null), null);
  });
  it('resolveTimeout: default, null, validation naming the option', () => {
    assert.equal(resolveTimeout(undefined, 10, 'x'), 10);
    assert.equal(resolveTimeout(null, 10, 'x'), null);
    assert.equal(resolveTimeout(0, 10, 'x'), 0);
    assert.throws(() => resolveTimeout(-1, 10, 'readTimeout'), /readTimeout/);
    assert.throws(() => resolveTimeout(Number.NaN, 10, 'connectTimeout'), RangeError);
  });
});
