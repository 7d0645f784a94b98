/**
 * Regressions for hostile-server findings in the pool (real loopback servers writing exact bytes):
 * conflicting Content-Length values are InvalidHeader with urllib3's message and are not retried;
 * gzip is decoded member by member and garbage after a complete member is swallowed (urllib3
 * GzipDecoder SWALLOW_DATA); decoding is pull-driven with bounded pieces (a gzip bomb never
 * sits in memory).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PoolManager } from '../../src/pool/manager.js';
import * as zlib from 'node:zlib';
import { ContentDecoder } from '../../src/pool/decode.js';
import { DecodeError, InvalidHeader } from '../../src/pool/errors.js';
import { DECODE_CHUNK } from '../../src/pool/zstage.js';
import { startRawServer } from './raw-server.js';

for (const [name, fields] of [
  ['two Content-Length fields', 'Content-Length: 2\r\nContent-Length: 3\r\n'],
  ['one Content-Length list', 'Content-Length: 2, 3\r\n'],
] as const) {
  test(`conflicting Content-Length (${name}) is InvalidHeader, not retried (urllib3 _init_length)`, async () => {
    const srv = await startRawServer((_req, socket) => { socket.end(`HTTP/1.1 200 OK\r\n${fields}\r\nabc`); });
    const pm = new PoolManager({ retries: 3 });
    try {
      let err: unknown = null;
      try {
        await pm.urlopen('GET', `${srv.url}/`, { timeout: 2000 });
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof InvalidHeader, String(err));
      assert.equal((err as Error).message, 'Content-Length contained multiple unmatching values (2, 3)');
      assert.equal(srv.connections, 1);
    } finally {
      pm.clear();
      await srv.close();
    }
  });
}

// ---- gzip framing (urllib3 GzipDecoder) and pull-driven decoding ----

const gz = (s: string | Buffer, opts: zlib.ZlibOptions = {}): Buffer => zlib.gzipSync(s, opts);

/** A gzip member with FEXTRA, FNAME, FCOMMENT and FHCRC set (RFC 1952 §2.3), built by hand. */
function fancyMember(text: string): Buffer {
  const plain = Buffer.from(text);
  const deflated = zlib.deflateRawSync(plain);
  const head = Buffer.from([0x1f, 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3]);
  const extra = Buffer.from([4, 0, 1, 2, 3, 4]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(plain), 0);
  trailer.writeUInt32LE(plain.length, 4);
  return Buffer.concat([head, extra, Buffer.from('name.txt\0comment\0'), Buffer.from([0xaa, 0xbb]), deflated, trailer]);
}

/** Decodes `body` fed in pieces of `size` bytes (1: every header field split). */
async function decodeInPieces(codings: string[], body: Buffer, size: number): Promise<Buffer> {
  let pos = 0;
  const d = new ContentDecoder(codings, async () => {
    if (pos >= body.length) return null;
    const piece = body.subarray(pos, pos + size);
    pos += size;
    return piece;
  });
  const parts: Uint8Array[] = [];
  for (let p = await d.read(), n = 0; p !== null && n < 1e6; p = await d.read(), n++) parts.push(p);
  assert.equal(pos >= body.length, true, 'the raw body is read to its end');
  return Buffer.concat(parts);
}

const GZIP_CASES: Array<[string, Buffer, string]> = [
  ['trailing garbage after a member is swallowed', Buffer.concat([gz('hello'), Buffer.from('garbage')]), 'hello'],
  ['NUL padding after a member is swallowed', Buffer.concat([gz('hello'), Buffer.alloc(100)]), 'hello'],
  ['garbage after two members', Buffer.concat([gz('hello'), gz('world'), Buffer.from('\x1f\x8bjunk')]), 'helloworld'],
  ['an empty member then garbage', Buffer.concat([gz(''), Buffer.from('xx')]), ''],
  ['FEXTRA/FNAME/FCOMMENT/FHCRC header fields', Buffer.concat([fancyMember('fancy'), gz('!')]), 'fancy!'],
  ['a member cut in its deflate data yields what it has', gz('a'.repeat(1000), { level: 0 }).subarray(0, 500), 'a'.repeat(500 - 10 - 5)],
  ['a member cut in its trailer', gz('hello').subarray(0, gz('hello').length - 3), 'hello'],
  ['an empty body', Buffer.alloc(0), ''],
  ['a body shorter than a header but right so far is empty (zlib)', Buffer.from([0x1f, 0x8b, 8]), ''],
  ['one byte, too short for zlib to check, is empty (zlib NEEDBITS(16))', Buffer.from('n'), ''],
];

for (const [name, body, expected] of GZIP_CASES) {
  test(`gzip: ${name} (whole, and byte by byte)`, async () => {
    assert.equal((await decodeInPieces(['gzip'], body, 1 << 20)).toString(), expected);
    assert.equal((await decodeInPieces(['gzip'], body, 1)).toString(), expected);
    assert.equal((await decodeInPieces(['gzip'], body, 7)).toString(), expected);
  });
}

test('gzip: a corrupt first member, or a bad CRC in it, is a DecodeError (urllib3 raises outside OTHER_MEMBERS)', async () => {
  const badCrc = gz('hello');
  badCrc[badCrc.length - 8]! ^= 0xff;
  for (const body of [Buffer.from('notgzip'), Buffer.from('no'), Buffer.from([0x1f, 0x8b, 8, 0x20]), Buffer.from([0x1f, 0x8b, 9, 0]), badCrc, Buffer.concat([Buffer.from([0x1f, 0x8b, 9]), Buffer.alloc(20)])]) {
    await assert.rejects(decodeInPieces(['gzip'], body, 1 << 20), (e: unknown) => {
      assert.ok(e instanceof DecodeError, String(e));
      assert.match(e.message, /content-encoding: gzip, but failed to decode it/);
      return true;
    });
  }
});

test('deflate followed by extra bytes: the data, and the raw body is still read to its end', async () => {
  const body = Buffer.concat([zlib.deflateSync('hello'), Buffer.from('trailing')]);
  assert.equal((await decodeInPieces(['deflate'], body, 1 << 20)).toString(), 'hello');
  assert.equal((await decodeInPieces(['deflate'], body, 3)).toString(), 'hello');
});

test('a chain decodes piece by piece the same', async () => {
  const text = 'x'.repeat(300_000) + 'end';
  const body = gz(zlib.deflateSync(text));
  assert.equal((await decodeInPieces(['deflate', 'gzip'], body, 100)).toString(), text);
});

test('a source failure comes out unchanged, not as a DecodeError', async () => {
  const boom = new Error('socket gone');
  let first = true;
  const d = new ContentDecoder(['gzip'], async () => {
    if (!first) throw boom;
    first = false;
    return gz('x'.repeat(100_000)).subarray(0, 50);
  });
  await assert.rejects(async () => {
    for (let p = await d.read(), n = 0; p !== null && n < 1000; p = await d.read(), n++);
  }, (e: unknown) => e === boom);
});

test('each decoded piece is bounded and raw chunks are fed only as needed (64 MiB bomb)', async () => {
  const bomb = gz(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  let fed = 0;
  const d = new ContentDecoder(['gzip'], async () => {
    if (fed >= bomb.length) return null;
    const c = bomb.subarray(fed, fed + 16384);
    fed += c.length;
    return c;
  });
  let biggest = 0;
  let got = 0;
  for (let i = 0; i < 10; i++) {
    const p = await d.read();
    assert.ok(p !== null);
    biggest = Math.max(biggest, p.length);
    got += p.length;
  }
  d.destroy();
  assert.ok(biggest <= DECODE_CHUNK, `a piece of ${biggest} bytes`);
  assert.ok(fed <= 2 * 16384, `fed ${fed} raw bytes for ${got} decoded`);
});

test('pool: gzip + trailing garbage over the wire returns the data and keeps the connection', async () => {
  const body = Buffer.concat([gz('hello'), Buffer.from('garbage')]);
  const srv = await startRawServer((_req, socket) => {
    socket.write(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\n\r\n`), body]));
  });
  const pm = new PoolManager();
  try {
    for (let i = 0; i < 2; i++) {
      const r = await pm.urlopen('GET', `${srv.url}/`, { timeout: 2000 });
      assert.equal(Buffer.from(r.data!).toString(), 'hello');
    }
    assert.equal(srv.connections, 1);
  } finally {
    pm.clear();
    await srv.close();
  }
});

test('pool: streaming a 64 MiB gzip bomb holds about one piece, not the bomb', async () => {
  const bomb = gz(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  const srv = await startRawServer((_req, socket) => {
    socket.write(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\n\r\n`), bomb]));
  });
  const pm = new PoolManager();
  try {
    const r = await pm.urlopen('GET', `${srv.url}/`, { timeout: 3000, preloadContent: false });
    const start = process.memoryUsage().arrayBuffers;
    let peak = 0;
    for (let i = 0; i < 8; i++) {
      const p = await r.read(65536);
      assert.ok(p !== null && p.length <= 65536);
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - start);
    }
    r.close();
    assert.ok(peak < 8 * 1024 * 1024, `held ${(peak / 2 ** 20).toFixed(1)} MiB`);
  } finally {
    pm.clear();
    await srv.close();
  }
});
