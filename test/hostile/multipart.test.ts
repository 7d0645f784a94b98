/**
 * Hostile field names and file names in multipart bodies: urllib3's HTML5 escaping (" -> %22,
 * CR/LF -> %0D%0A) keeps them inside their Content-Disposition parameter, as Requests 2.28 does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as httpkit from '../../src/index.js';

test('requests: CR/LF and quotes in multipart names and filenames are %-escaped, never a new part header', () => {
  const prepared = new httpkit.Request('POST', 'http://127.0.0.1/', {
    files: { 'f"\r\nX-N: 1': ['a"\r\nX-Injected: 1.txt', 'data'] },
    data: { 'k\r\nX-D: 1': 'v' },
  } as never).prepare();
  const body = Buffer.from(prepared.body as Uint8Array).toString('latin1');
  assert.match(body, /Content-Disposition: form-data; name="k%0D%0AX-D: 1"\r\n/);
  assert.match(body, /Content-Disposition: form-data; name="f%22%0D%0AX-N: 1"; filename="a%22%0D%0AX-Injected: 1\.txt"\r\n/);
  assert.doesNotMatch(body, /\r\nX-(N|D|Injected): 1/);
});
