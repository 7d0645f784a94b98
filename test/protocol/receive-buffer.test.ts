/** ReceiveBuffer: views without copies, lines across chunks, linear cost for dribbled lines. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ReceiveBuffer, TOO_LONG } from '../../src/protocol/receive-buffer.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');
const str = (x: Buffer | null | typeof TOO_LONG): string | null | symbol => (x === null || x === TOO_LONG ? x : x.toString('latin1'));

describe('ReceiveBuffer', () => {
  it('hands out lines and bytes as views of the received chunk', () => {
    const rb = new ReceiveBuffer();
    const chunk = b('line one\r\nline two\nbody');
    rb.append(chunk);
    const l1 = rb.readLine(100) as Buffer;
    assert.equal(l1.toString(), 'line one\r\n');
    assert.equal(l1.buffer, chunk.buffer);
    assert.equal(str(rb.readLine(100)), 'line two\n');
    assert.equal(rb.readLine(100), null);
    const body = rb.take(100);
    assert.equal(body.toString(), 'body');
    assert.equal(body.buffer, chunk.buffer);
    assert.equal(rb.length, 0);
  });

  it('joins a line split over many chunks, keeps the rest', () => {
    const rb = new ReceiveBuffer();
    for (const p of ['ab', 'cd', 'e\r', '\nfg', 'h\n']) rb.append(b(p));
    assert.equal(str(rb.readLine(100)), 'abcde\r\n');
    assert.equal(rb.length, 4);
    assert.equal(str(rb.readLine(100)), 'fgh\n');
    assert.equal(rb.length, 0);
  });

  it('TOO_LONG as soon as a pending line exceeds the limit', () => {
    const rb = new ReceiveBuffer();
    rb.append(b('12345'));
    assert.equal(rb.readLine(5), null);
    rb.append(b('6'));
    assert.equal(rb.readLine(5), TOO_LONG);
    const rb2 = new ReceiveBuffer();
    rb2.append(b('1234\n'));
    assert.equal(str(rb2.readLine(5)), '1234\n');
    rb2.append(b('12345\n'));
    assert.equal(rb2.readLine(5), TOO_LONG);
  });

  it('peek, skip and takeAll across chunks', () => {
    const rb = new ReceiveBuffer();
    rb.append(b('\r'));
    rb.append(b('\nxy'));
    assert.equal(rb.peek(0), 13);
    assert.equal(rb.peek(1), 10);
    assert.equal(rb.peek(4), -1);
    rb.skip(2);
    rb.append(b('z'));
    assert.equal(rb.takeAll().toString(), 'xyz');
  });

  it('a line dribbled one byte at a time costs linear work', () => {
    const rb = new ReceiveBuffer();
    const t = performance.now();
    for (let i = 0; i < 60_000; i++) {
      rb.append(b('a'));
      assert.equal(rb.readLine(65536), null);
    }
    rb.append(b('\n'));
    const line = rb.readLine(65536) as Buffer;
    assert.equal(line.length, 60_001);
    assert.ok(performance.now() - t < 3000, 'took too long');
  });
});
