// Generated and fixed content, compression, ranges and caching routes of our httpbin.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';
import { json, send } from './client.js';

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('content routes', () => {
  let server: HttpbinServer;
  before(async () => { server = await startHttpbin(); });
  after(async () => { await server.close(); });

  test('/gzip, /deflate, /brotli are compressed JSON echoes', async () => {
    const cases = [['/gzip', 'gzip', gunzipSync, 'gzipped'], ['/deflate', 'deflate', inflateSync, 'deflated'], ['/brotli', 'br', brotliDecompressSync, 'brotli']] as const;
    for (const [path, encoding, decode, flag] of cases) {
      const res = await send(server.url, { path });
      assert.equal(res.headers['content-encoding'], encoding);
      const body = JSON.parse(decode(res.body).toString());
      assert.equal(body[flag], true);
      assert.equal(body.method, 'GET');
    }
  });

  test('/bytes/:n?seed= returns the bytes of Python random.seed + randint', async () => {
    const res = await send(server.url, { path: '/bytes/8?seed=1' });
    assert.equal(res.headers['content-type'], 'application/octet-stream');
    assert.deepEqual([...res.body], [68, 32, 130, 60, 253, 230, 241, 194]);
    assert.equal((await send(server.url, { path: '/bytes/200000' })).body.length, 102400);
  });

  test('/stream-bytes streams n bytes, same seeded sequence as /bytes', async () => {
    const res = await send(server.url, { path: '/stream-bytes/8?seed=1&chunk_size=3' });
    assert.equal(res.headers['transfer-encoding'], 'chunked');
    assert.deepEqual([...res.body], [68, 32, 130, 60, 253, 230, 241, 194]);
  });

  test('/stream/:n sends n JSON lines with ids', async () => {
    const lines = (await send(server.url, { path: '/stream/3' })).body.toString().trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id), [0, 1, 2]);
    assert.equal(lines[0].url, `${server.url}/stream/3`);
  });

  test('/range serves 200 whole, 206 slices and 416 outside', async () => {
    const whole = await send(server.url, { path: '/range/26' });
    assert.equal(whole.status, 200);
    assert.equal(whole.body.toString(), 'abcdefghijklmnopqrstuvwxyz');
    const slice = await send(server.url, { path: '/range/100', headers: { Range: 'bytes=26-28' } });
    assert.equal(slice.status, 206);
    assert.equal(slice.body.toString(), 'abc');
    assert.equal(slice.headers['content-range'], 'bytes 26-28/100');
    assert.equal((await send(server.url, { path: '/range/100', headers: { Range: 'bytes=-2' } })).body.toString(), 'uv');
    const outside = await send(server.url, { path: '/range/10', headers: { Range: 'bytes=10-12' } });
    assert.equal(outside.status, 416);
    assert.equal(outside.headers['content-range'], 'bytes */10');
  });

  test('/etag and /cache answer conditional requests', async () => {
    assert.equal((await send(server.url, { path: '/etag/x', headers: { 'If-None-Match': '"x"' } })).status, 304);
    assert.equal((await send(server.url, { path: '/etag/x', headers: { 'If-Match': '"y"' } })).status, 412);
    const plain = await send(server.url, { path: '/etag/x' });
    assert.equal(plain.headers['etag'], 'x');
    assert.equal(json(plain).url, `${server.url}/etag/x`);
    const cache = await send(server.url, { path: '/cache' });
    assert.ok(cache.headers['etag'] !== undefined && cache.headers['last-modified'] !== undefined);
    assert.equal((await send(server.url, { path: '/cache', headers: { 'If-None-Match': 'a' } })).status, 304);
    assert.equal((await send(server.url, { path: '/cache/30' })).headers['cache-control'], 'public, max-age=30');
  });

  test('/base64 decodes URL-safe base64', async () => {
    assert.equal((await send(server.url, { path: '/base64/SFRUUEJJTiBpcyBhd2Vzb21l' })).body.toString(), 'HTTPBIN is awesome');
    assert.match((await send(server.url, { path: '/base64/a' })).body.toString(), /Incorrect Base64 data/);
  });

  test('/links pages link to each other', async () => {
    assert.equal((await send(server.url, { path: '/links/3' })).headers['location'], '/links/3/0');
    assert.equal((await send(server.url, { path: '/links/3/1' })).body.toString(),
      "<html><head><title>Links</title></head><body><a href='/links/3/0'>0</a> 1 <a href='/links/3/2'>2</a> </body></html>");
  });

  test('fixed pages have httpbin content types', async () => {
    const expect: Array<[string, string, RegExp]> = [
      ['/html', 'text/html; charset=utf-8', /Herman Melville - Moby-Dick/],
      ['/xml', 'application/xml', /<slideshow/],
      ['/json', 'application/json', /"slideshow"/],
      ['/robots.txt', 'text/plain', /Disallow: \/deny/],
      ['/deny', 'text/plain', /YOU SHOULDN'T BE HERE/],
      ['/encoding/utf8', 'text/html; charset=utf-8', /∮ E⋅da = Q/],
      ['/forms/post', 'text/html; charset=utf-8', /<form method="post" action="\/post">/],
    ];
    for (const [path, type, pattern] of expect) {
      const res = await send(server.url, { path });
      assert.equal(res.headers['content-type'], type, path);
      assert.match(res.body.toString('utf8'), pattern, path);
    }
  });

  test('/image negotiates by Accept; /image/* serve real image formats', async () => {
    const magic: Record<string, [string, number[]]> = {
      '/image/png': ['image/png', [0x89, 0x50, 0x4e, 0x47]],
      '/image/jpeg': ['image/jpeg', [0xff, 0xd8, 0xff]],
      '/image/webp': ['image/webp', [0x52, 0x49, 0x46, 0x46]],
      '/image/svg': ['image/svg+xml', [0x3c]],
    };
    for (const [path, [type, head]] of Object.entries(magic)) {
      const res = await send(server.url, { path });
      assert.equal(res.headers['content-type'], type);
      assert.deepEqual([...res.body.subarray(0, head.length)], head);
    }
    assert.equal((await send(server.url, { path: '/image', headers: { Accept: 'image/svg+xml' } })).headers['content-type'], 'image/svg+xml');
    assert.equal((await send(server.url, { path: '/image' })).headers['content-type'], 'image/png');
    assert.equal((await send(server.url, { path: '/image', headers: { Accept: 'text/html' } })).status, 406);
  });

  test('/image/png is a well-formed PNG (chunk CRCs, inflatable scanlines)', async () => {
    const png = (await send(server.url, { path: '/image/png' })).body;
    let offset = 8;
    const types: string[] = [];
    for (let guard = 0; offset < png.length && guard < 10; guard++) {
      const length = png.readUInt32BE(offset);
      const type = png.subarray(offset + 4, offset + 8).toString('latin1');
      const crc = png.readUInt32BE(offset + 8 + length);
      assert.equal(crc, crc32(png.subarray(offset + 4, offset + 8 + length)), `CRC of ${type}`);
      if (type === 'IDAT') {
        const width = png.readUInt32BE(16);
        assert.equal(inflateSync(png.subarray(offset + 8, offset + 8 + length)).length, width * (1 + 3 * width));
      }
      types.push(type);
      offset += 12 + length;
    }
    assert.deepEqual(types, ['IHDR', 'IDAT', 'IEND']);
  });

  test('/drip sends numbytes over duration with the requested code', async () => {
    const started = Date.now();
    const res = await send(server.url, { path: '/drip?numbytes=4&duration=0.4&code=202' });
    assert.equal(res.status, 202);
    assert.equal(res.body.toString(), '****');
    assert.ok(Date.now() - started >= 300, 'took the duration');
  });

  test('/delay/:n waits n seconds (fractions allowed) and echoes', async () => {
    const started = Date.now();
    const res = await send(server.url, { path: '/delay/0.3' });
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 250);
    assert.equal(json(res).url, `${server.url}/delay/0.3`);
    assert.equal((await send(server.url, { path: '/delay/abc' })).status, 400);
  });
});
