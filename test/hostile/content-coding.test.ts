/**
 * Content-Encoding edge cases through Requests (urllib3 1.26 decoders as the reference, measured
 * with Requests 2.28): trailing garbage after a gzip member is swallowed, an empty gzip body is b'',
 * codings are case-insensitive and applied in reverse order, several gzip members concatenate; a bad
 * stream under stream=true raises ContentDecodingError from iterContent and the Session recovers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync, deflateSync } from 'node:zlib';
import * as httpkit from '../../src/index.js';
import { guard, openTcpHandles, startRoutedServer } from './harness.js';

const gz = gzipSync(Buffer.from('hello'));
const head = (coding: string, length: number): Buffer =>
  Buffer.from(`HTTP/1.1 200 OK\r\nContent-Encoding: ${coding}\r\nContent-Length: ${length}\r\n\r\n`);
const withBody = (coding: string, body: Buffer): Buffer => Buffer.concat([head(coding, body.length), body]);
const CASES: Array<{ name: string; raw: Buffer; body: string; todo?: string }> = [
  {
    name: 'gzip followed by trailing garbage',
    raw: withBody('gzip', Buffer.concat([gz, Buffer.from('garbage')])),
    body: 'hello',
  },
  { name: 'gzip with an empty body', raw: head('gzip', 0), body: '' },
  { name: 'GZIP in capitals', raw: withBody('GZIP', gz), body: 'hello' },
  { name: 'two gzip members', raw: withBody('gzip', Buffer.concat([gz, gz])), body: 'hellohello' },
  { name: 'identity', raw: withBody('identity', Buffer.from('ok')), body: 'ok' },
  { name: '"deflate, gzip" decoded in reverse order', raw: withBody('deflate, gzip', gzipSync(deflateSync(Buffer.from('hi')))), body: 'hi' },
];

for (const c of CASES) {
  test(`requests: ${c.name} -> ${JSON.stringify(c.body)}`, c.todo === undefined ? {} : { todo: c.todo }, async () => {
    const srv = await startRoutedServer(() => c.raw);
    const s = new httpkit.Session();
    s.trustEnv = false;
    try {
      const r = await guard(s.get(`http://127.0.0.1:${srv.port}/`, { timeout: 1000 }));
      assert.equal(Buffer.from(r.content ?? []).toString(), c.body);
    } finally {
      s.close();
      await srv.close();
    }
  });
}

test('requests: stream=true with a bad gzip body: iterContent raises ContentDecodingError; the Session works after', async () => {
  let first = true;
  const srv = await startRoutedServer(() => {
    const raw = first ? withBody('gzip', Buffer.from('definitely not gzip data')) : Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    first = false;
    return raw;
  });
  const s = new httpkit.Session();
  s.trustEnv = false;
  try {
    const url = `http://127.0.0.1:${srv.port}/`;
    const r = await guard(s.get(url, { stream: true, timeout: 1000 }));
    let err: unknown = null;
    try {
      await guard((async () => {
        for await (const _ of r.iterContent({ chunkSize: 4 })) { /* drain */ }
      })());
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof httpkit.ContentDecodingError, String(err));
    assert.match((err as Error).message, /content-encoding: gzip/);
    r.close();
    assert.equal((await guard(s.get(url, { timeout: 1000 }))).text, 'ok');
  } finally {
    s.close();
    await srv.close();
  }
});

test('no socket or server left open by this file', async () => {
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
