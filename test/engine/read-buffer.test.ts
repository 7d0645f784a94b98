/**
 * Plain TCP reads go into our own buffers (engine/read-buffer.ts): chunks handed out must never be
 * overwritten by later reads, on this connection or another, whether short (copied out of the
 * shared buffer) or bulk (own buffers handed out as views).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { connect } from '../../src/engine/connect.js';
import type { Connection } from '../../src/engine/types.js';

const BIG = 3 * 1024 * 1024 + 12345;
/** Byte i of the big body: a pattern that differs between neighbouring reads. */
const patternAt = (i: number): number => (i * 31 + (i >>> 16)) & 0xff;
const big = Buffer.alloc(BIG);
for (let i = 0; i < BIG; i++) big[i] = patternAt(i);

let server: net.Server;
let port = 0;
const conns: Connection[] = [];

before(async () => {
  server = net.createServer((s) => {
    s.on('error', () => undefined);
    let n = 0;
    let pending = '';
    s.on('data', (d) => {
      pending += d.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end !== -1; end = pending.indexOf('\r\n\r\n')) {
        const target = pending.slice(0, end).split(' ')[1]!;
        pending = pending.slice(end + 4);
        if (target === '/big') {
          s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${BIG}\r\n\r\n`);
          s.write(big);
        } else {
          const body = `small ${target} #${n++}`;
          s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});
after(async () => {
  for (const c of conns) c.close();
  await new Promise((r) => server.close(r));
});

async function get(c: Connection, target: string): Promise<Uint8Array[]> {
  const r = await c.request({ method: 'GET', target, headers: ['Host', 'x'] }, null);
  const chunks: Uint8Array[] = [];
  for (let ch = await r.body.read(); ch !== null; ch = await r.body.read()) chunks.push(ch);
  return chunks;
}

describe('engine read buffers (plain TCP)', () => {
  it('kept chunks of bulk and short bodies stay intact across later reads on several connections', async () => {
    const a = await connect({ host: '127.0.0.1', port });
    const b = await connect({ host: '127.0.0.1', port });
    conns.push(a, b);
    const kept: { chunks: Uint8Array[]; expect: Buffer }[] = [];
    for (let round = 0; round < 3; round++) {
      const onA = async (): Promise<Uint8Array[][]> => [await get(a, `/s${round}`), await get(a, `/t${round}`)];
      const [[s1, s2], bigChunks] = await Promise.all([onA(), get(b, '/big')]);
      kept.push({ chunks: s1, expect: Buffer.from(`small /s${round} #`) });
      kept.push({ chunks: s2, expect: Buffer.from(`small /t${round} #`) });
      kept.push({ chunks: bigChunks, expect: big });
      const more = await get(b, `/u${round}`); // the connection goes back to short reads after bulk
      kept.push({ chunks: more, expect: Buffer.from(`small /u${round} #`) });
    }
    for (const k of kept) {
      const whole = Buffer.concat(k.chunks);
      if (k.expect === big) assert.ok(whole.equals(big), 'big body intact');
      else assert.ok(whole.subarray(0, k.expect.length).equals(k.expect), `${whole.toString()} starts with ${k.expect.toString()}`);
    }
  });

  it('a short body is an exact-size buffer, not a view of a 64 KiB read buffer', async () => {
    const c = await connect({ host: '127.0.0.1', port });
    conns.push(c);
    const [chunk] = await get(c, '/x');
    assert.ok(chunk!.buffer.byteLength <= 8192, `backing store ${chunk!.buffer.byteLength} bytes`);
  });

  it('bytes the peer sends before any request are read first', async () => {
    const early = net.createServer((s) => {
      s.on('error', () => undefined);
      s.end('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nearly');
    });
    await new Promise<void>((r) => early.listen(0, '127.0.0.1', r));
    try {
      const c = await connect({ host: '127.0.0.1', port: (early.address() as net.AddressInfo).port });
      conns.push(c);
      await new Promise((r) => setTimeout(r, 50));
      const r = await c.readResponse('GET');
      assert.equal(Buffer.from((await r.body.readUpTo(10))!).toString(), 'early');
    } finally {
      await new Promise((r) => early.close(r));
    }
  });
});
