/**
 * A body cut short of its Content-Length (server writes 3 of 10 bytes and closes), as CPython 3.11
 * handles it (measured with /usr/bin/python3): urlopen(...).read() raises http.client
 * IncompleteRead(3 bytes read, 7 more expected), as does HTTPError.read(); sized reads return the
 * short data then b''; urlretrieve raises ContentTooShortError after writing the file.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { urlopen } from '../../src/urllib/opener.js';
import { ContentTooShortError, HTTPError } from '../../src/urllib/errors.js';
import { urlretrieve, urlcleanup } from '../../src/urllib/retrieve.js';
import { IncompleteRead } from '../../src/client/errors.js';
import { startRawServer, type RawServer } from './raw-server.js';

let srv: RawServer;
let tmp: string;

before(async () => {
  srv = await startRawServer({
    '/short': 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc',
    '/short404': 'HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\n\r\nabc',
    '/full': 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789',
  });
  tmp = mkdtempSync(join(tmpdir(), 'urllib-trunc-'));
});

after(async () => {
  urlcleanup();
  rmSync(tmp, { recursive: true, force: true });
  await srv.close();
});

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  assert.fail('expected a rejection');
}

test('urlopen().read() of a truncated body raises IncompleteRead(3 bytes read, 7 more expected)', async () => {
  const r = await urlopen(`${srv.url}/short`, { timeout: 2000 });
  const err = await failure(r.read());
  assert.ok(err instanceof IncompleteRead, String(err));
  assert.match(String((err as Error).message), /3 bytes read, 7 more expected/);
  r.close();
});

test('a whole read after a sized read still raises IncompleteRead', async () => {
  const r = await urlopen(`${srv.url}/short`, { timeout: 2000 });
  assert.equal(Buffer.from(await r.read(1)).toString(), 'a');
  const err = await failure(r.read());
  assert.ok(err instanceof IncompleteRead, String(err));
  r.close();
});

test('sized reads of a truncated body return the short data, then empty (CPython read(amt))', async () => {
  const r = await urlopen(`${srv.url}/short`, { timeout: 2000 });
  assert.equal(Buffer.from(await r.read(8192)).toString(), 'abc');
  assert.equal((await r.read(8192)).length, 0);
  r.close();
});

test('a complete body reads whole', async () => {
  const r = await urlopen(`${srv.url}/full`, { timeout: 2000 });
  assert.equal(Buffer.from(await r.read()).toString(), '0123456789');
  assert.equal((await r.read()).length, 0);
  r.close();
});

test('HTTPError.read() of a truncated body raises IncompleteRead', async () => {
  const err = await failure(urlopen(`${srv.url}/short404`, { timeout: 2000 }));
  assert.ok(err instanceof HTTPError, String(err));
  const readErr = await failure(err.read());
  assert.ok(readErr instanceof IncompleteRead, String(readErr));
  assert.match(String((readErr as Error).message), /3 bytes read, 7 more expected/);
  err.close();
});

test('urlretrieve of a truncated body raises ContentTooShortError after writing the 3 bytes', async () => {
  const file = join(tmp, 'short.bin');
  const err = await failure(urlretrieve(`${srv.url}/short`, { filename: file }));
  assert.ok(err instanceof ContentTooShortError, String(err));
  assert.equal(err.message.includes('retrieval incomplete: got only 3 out of 10 bytes'), true, err.message);
  assert.ok(existsSync(file));
  assert.equal(readFileSync(file, 'latin1'), 'abc');
});
