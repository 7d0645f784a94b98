/**
 * Content-Encoding decoding: every coding, chains in order, streaming, and the bounds
 * (decompressed size, number of codings) with clear DecodeErrors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { PoolManager } from '../../src/pool/manager.js';
import { ContentDecoder, parseCodings, SUPPORTED_CODINGS } from '../../src/pool/decode.js';
import { DecodeError } from '../../src/pool/errors.js';
import { startRawServer, type RawServer } from './raw-server.js';

// Hex of random bytes: compresses about 2:1, so compressed bodies span many chunks.
const TEXT = Buffer.from(randomBytes(50_000).toString('hex'));
const hasZstd = typeof (zlib as unknown as { zstdCompressSync?: unknown }).zstdCompressSync === 'function';

/** Serves /<name> with the body and Content-Encoding registered for it. */
async function server(bodies: Record<string, { encoding: string | null; body: Buffer; chunked?: boolean }>): Promise<RawServer> {
  return startRawServer((req, s) => {
    const entry = bodies[req.target.slice(1)]!;
    const enc = entry.encoding === null ? '' : `Content-Encoding: ${entry.encoding}\r\n`;
    if (entry.chunked) {
      s.write(`HTTP/1.1 200 OK\r\n${enc}Transfer-Encoding: chunked\r\n\r\n`);
      for (let i = 0; i < entry.body.length; i += 1000) {
        const part = entry.body.subarray(i, i + 1000);
        s.write(`${part.length.toString(16)}\r\n`);
        s.write(part);
        s.write('\r\n');
      }
      s.write('0\r\n\r\n');
    } else {
      s.write(`HTTP/1.1 200 OK\r\n${enc}Content-Length: ${entry.body.length}\r\n\r\n`);
      s.write(entry.body);
    }
  });
}

test('gzip, x-gzip, deflate (zlib and raw), br, identity, chains, streaming', async () => {
  const bodies = {
    gzip: { encoding: 'gzip', body: zlib.gzipSync(TEXT) },
    xgzip: { encoding: 'x-gzip', body: zlib.gzipSync(TEXT) },
    deflate: { encoding: 'deflate', body: zlib.deflateSync(TEXT) },
    rawdeflate: { encoding: 'deflate', body: zlib.deflateRawSync(TEXT) },
    br: { encoding: 'br', body: zlib.brotliCompressSync(TEXT) },
    identity: { encoding: 'identity', body: TEXT },
    upper: { encoding: 'GZIP', body: zlib.gzipSync(TEXT) },
    chain: { encoding: 'deflate, gzip', body: zlib.gzipSync(zlib.deflateSync(TEXT)) },
    members: { encoding: 'gzip', body: Buffer.concat([zlib.gzipSync(TEXT.subarray(0, 100)), zlib.gzipSync(TEXT.subarray(100))]) },
    chunked: { encoding: 'gzip', body: zlib.gzipSync(TEXT), chunked: true },
  };
  const srv = await server(bodies);
  const pm = new PoolManager();
  try {
    for (const name of Object.keys(bodies)) {
      const r = await pm.urlopen('GET', `${srv.url}/${name}`);
      assert.ok(TEXT.equals(Buffer.from(r.data!)), name);
    }
    // Streaming: pieces come out as they are decoded.
    const r = await pm.urlopen('GET', `${srv.url}/chunked`, { preloadContent: false });
    const parts: Uint8Array[] = [];
    for await (const part of r) parts.push(part);
    assert.ok(parts.length > 1);
    assert.ok(TEXT.equals(Buffer.concat(parts)));
    // decodeContent false: the raw bytes.
    const raw = await pm.urlopen('GET', `${srv.url}/gzip`, { decodeContent: false });
    assert.ok(bodies.gzip.body.equals(Buffer.from(raw.data!)));
    assert.equal(srv.connections, 1, 'decoded responses leave the connection reusable');
  } finally {
    pm.clear();
    await srv.close();
  }
});

test('a decompression bomb is stopped at the size bound', async () => {
  const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024));
  const srv = await server({ bomb: { encoding: 'gzip', body: bomb } });
  const pm = new PoolManager({ maxDecodedBytes: 1024 * 1024 });
  try {
    const before = process.memoryUsage().rss;
    await assert.rejects(pm.urlopen('GET', `${srv.url}/bomb`), (e: unknown) => {
      assert.ok(e instanceof DecodeError);
      assert.match(e.message, /exceeds the limit of 1048576 bytes/);
      return true;
    });
    assert.ok(process.memoryUsage().rss - before < 48 * 1024 * 1024, 'never inflated whole');
  } finally {
    pm.clear();
    await srv.close();
  }
});

test('too many codings, unknown codings in a chain, corrupt data: DecodeError', async () => {
  let six = TEXT as Buffer;
  for (let i = 0; i < 6; i++) six = zlib.gzipSync(six);
  const srv = await server({
    six: { encoding: 'gzip, gzip, gzip, gzip, gzip, gzip', body: six },
    unknownChain: { encoding: 'gzip, snappy', body: TEXT },
    unknownSingle: { encoding: 'snappy', body: TEXT },
    corrupt: { encoding: 'gzip', body: Buffer.from('definitely not gzip') },
    truncated: { encoding: 'gzip', body: zlib.gzipSync(TEXT).subarray(0, 200) },
  });
  const pm = new PoolManager();
  try {
    await assert.rejects(pm.urlopen('GET', `${srv.url}/six`), /Too many content encodings in the chain: 6 > 5/);
    await assert.rejects(pm.urlopen('GET', `${srv.url}/unknownChain`), DecodeError);
    const single = await pm.urlopen('GET', `${srv.url}/unknownSingle`);
    assert.ok(TEXT.equals(Buffer.from(single.data!)), 'a single unknown coding is passed through (urllib3)');
    await assert.rejects(pm.urlopen('GET', `${srv.url}/corrupt`), (e: unknown) => {
      assert.ok(e instanceof DecodeError);
      assert.match(e.message, /content-encoding: gzip, but failed to decode it/);
      return true;
    });
    const cut = await pm.urlopen('GET', `${srv.url}/truncated`);
    assert.ok(TEXT.subarray(0, cut.data!.length).equals(Buffer.from(cut.data!)), 'a cut stream yields what it has');
  } finally {
    pm.clear();
    await srv.close();
  }
});

test('zstd is decoded when this Node has it, else passed through', { skip: hasZstd ? false : 'no zstd in this Node (added in Node 22.15/23.8)' }, async () => {
  const z = zlib as unknown as { zstdCompressSync(b: Buffer): Buffer };
  let raw: Uint8Array | null = z.zstdCompressSync(TEXT);
  const d = new ContentDecoder(['zstd'], async () => {
    const c = raw;
    raw = null;
    return c;
  });
  const parts: Uint8Array[] = [];
  for (let p = await d.read(); p !== null; p = await d.read()) parts.push(p);
  const out = Buffer.concat(parts);
  assert.ok(TEXT.equals(out));
});

test('parseCodings and SUPPORTED_CODINGS', () => {
  assert.equal(parseCodings(null), null);
  assert.equal(parseCodings('identity'), null);
  assert.deepEqual(parseCodings('gzip, br'), ['gzip', 'br']);
  assert.ok(SUPPORTED_CODINGS.includes('gzip') && SUPPORTED_CODINGS.includes('br') && SUPPORTED_CODINGS.includes('deflate'));
  assert.equal(SUPPORTED_CODINGS.includes('zstd'), hasZstd);
  assert.throws(() => parseCodings('gzip,gzip,gzip', 2), DecodeError);
});
