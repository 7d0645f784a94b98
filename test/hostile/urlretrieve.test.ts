/**
 * urlretrieve against hostile servers (CPython 3.11): a short Content-Length body is
 * ContentTooShortError("retrieval incomplete: got only 3 out of 10 bytes") after writing what came;
 * a chunked body cut mid-chunk is http.client's IncompleteRead; a garbage status line is BadStatusLine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as client from '../../src/client/index.js';
import * as urllib from '../../src/urllib/index.js';
import { guard, openTcpHandles } from './harness.js';
import { startScriptedServer } from '../helpers/scripted-server.js';

async function retrieve(raw: string): Promise<{ error: unknown; file: string; dir: string }> {
  const srv = await startScriptedServer([[{ respond: raw }, { close: true }]]);
  const dir = mkdtempSync(join(tmpdir(), 'hostile-retr-'));
  const file = join(dir, 'out.bin');
  try {
    await guard(urllib.urlretrieve(`http://127.0.0.1:${srv.port}/`, { filename: file }));
    return { error: null, file, dir };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('HANG:')) throw error;
    return { error, file, dir };
  } finally {
    await srv.close();
  }
}

test('urlretrieve: a short Content-Length body is ContentTooShortError naming got/expected; the 3 bytes were written', async () => {
  const { error, file, dir } = await retrieve('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
  try {
    assert.ok(error instanceof urllib.ContentTooShortError, String(error));
    assert.ok(error instanceof urllib.URLError);
    assert.match(error.message, /retrieval incomplete: got only 3 out of 10 bytes/);
    assert.equal(readFileSync(file, 'latin1'), 'abc');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('urlretrieve: a chunked body cut mid-chunk is IncompleteRead', async () => {
  const { error, dir } = await retrieve('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc');
  try {
    assert.ok(error instanceof client.IncompleteRead, String(error));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('urlretrieve: a garbage status line is BadStatusLine and no file is created', async () => {
  const { error, file, dir } = await retrieve('garbage\r\n\r\n');
  try {
    assert.ok(error instanceof client.BadStatusLine, String(error));
    assert.equal(existsSync(file), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('urllib: reading the body of an HTTPError whose Content-Length is short is IncompleteRead (CPython)', async () => {
  const srv = await startScriptedServer([[{ respond: 'HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\n\r\nabc' }, { close: true }]]);
  try {
    let err: unknown = null;
    try {
      await guard(urllib.urlopen(`http://127.0.0.1:${srv.port}/`, { timeout: 1000 }));
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof urllib.HTTPError, String(err));
    let readErr: unknown = null;
    try {
      await guard(err.read());
    } catch (e) {
      readErr = e;
    } finally {
      err.close();
    }
    assert.ok(readErr instanceof client.IncompleteRead, String(readErr));
  } finally {
    await srv.close();
  }
});

test('no socket or server left open by this file', async () => {
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(openTcpHandles(), 0, JSON.stringify(process.getActiveResourcesInfo()));
});
