import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sliceChunks } from '../../src/requests/lines.js';

async function* from(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

async function collect(chunks: Uint8Array[], size: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const c of sliceChunks(from(chunks), size)) out.push(c);
  return out;
}

test('sliceChunks: a chunk of exactly the size passes through as the same object; other splits keep every byte in order', async () => {
  const exact = [Buffer.alloc(4, 1), Buffer.alloc(4, 2)];
  const out = await collect(exact, 4);
  assert.equal(out.length, 2);
  assert.equal(out[0], exact[0], 'no view made of a whole chunk');
  assert.equal(out[1], exact[1]);
  const bytes = Buffer.from('abcdefghijklmnopqrstuvwxyz');
  for (const size of [1, 3, 4, 7, 26, 40]) {
    for (const cut of [[26], [4, 4, 18], [1, 2, 3, 20], [13, 13], [0, 26]]) {
      let at = 0;
      const chunks = cut.map((n) => bytes.subarray(at, (at += n)));
      const got = await collect(chunks, size);
      assert.equal(Buffer.concat(got).toString(), bytes.toString(), `size ${size}, cut ${cut}`);
      for (const [i, c] of got.entries()) assert.equal(c.length, i < got.length - 1 ? size : (26 % size || Math.min(size, 26)), `size ${size}, cut ${cut}, piece ${i}`);
    }
  }
});
