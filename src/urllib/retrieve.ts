/**
 * urlretrieve / urlcleanup and the POSIX path helpers. urlretrieve copies a URL to a file in
 * 8192-byte blocks, calling `reporthook(blockNumber, blockSize, totalSize)` once before the first
 * read and once per block, as CPython does; total is Content-Length or -1. A body shorter than
 * Content-Length raises ContentTooShortError after the file is written.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quote } from '../parse/quote.js';
import { ContentTooShortError } from './errors.js';
import { firstValue, type HeaderLookup } from './message.js';
import { resetOpener, urlopen } from './opener.js';
import { normpath, splittype } from './pyutil.js';
import type { Request } from './request.js';

export { url2pathname } from './handlers-local.js';

/** POSIX pathname2url: percent-encodes a file system path for a file: URL (CPython: quote). */
export function pathname2url(pathname: string): string {
  return quote(pathname);
}

/** Options of {@link urlretrieve}. */
export interface UrlretrieveOptions {
  /** Destination path; default: a new temporary file (removed by urlcleanup()). */
  filename?: string | null;
  /** Called as (blockNumber, blockSize, totalSize): first with 0 before reading, then after each block. */
  reporthook?: ((blocknum: number, bs: number, size: number) => void) | null;
  /** Request body (makes it a POST). */
  data?: Request['data'];
}

const BLOCK_SIZE = 8192;
const tempFiles: string[] = [];

async function createTemp(): Promise<[string, FileHandle]> {
  // tempfile.NamedTemporaryFile(delete=False): 'tmp' + random name in the temp directory, created exclusively.
  for (let attempt = 0; ; attempt++) {
    const name = join(tmpdir(), 'tmp' + randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').toLowerCase());
    try {
      return [name, await open(name, 'wx')];
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST' || attempt > 100) throw err;
    }
  }
}

/** Downloads `url` to a file; resolves with [filename, headers]. file: URLs without a filename return the local path. */
export async function urlretrieve(url: string, options: UrlretrieveOptions = {}): Promise<[string, HeaderLookup]> {
  const [urlType, path] = splittype(url);
  const fp = await urlopen(url, { data: options.data });
  let result: [string, HeaderLookup];
  let size = -1;
  let read = 0;
  try {
    const headers = fp.info();
    // No sense in copying a local file unless asked to.
    if (urlType === 'file' && !options.filename) return [normpath(path), headers];
    let filename = options.filename;
    let tfp: FileHandle;
    if (filename) tfp = await open(filename, 'w');
    else {
      [filename, tfp] = await createTemp();
      tempFiles.push(filename);
    }
    result = [filename, headers];
    try {
      const length = firstValue(headers, 'Content-Length');
      if (length !== null) size = pyInt(length);
      const hook = options.reporthook;
      let blocknum = 0;
      hook?.(blocknum, BLOCK_SIZE, size);
      for (;;) {
        const block = await fp.read(BLOCK_SIZE);
        if (block.length === 0) break;
        read += block.length;
        await tfp.write(block);
        blocknum += 1;
        hook?.(blocknum, BLOCK_SIZE, size);
      }
    } finally {
      await tfp.close();
    }
  } finally {
    fp.close();
  }
  if (size >= 0 && read < size) throw new ContentTooShortError(`retrieval incomplete: got only ${read} out of ${size} bytes`, result);
  return result;
}

/** Python int() of a header value: surrounding whitespace allowed, otherwise digits only. */
function pyInt(text: string): number {
  const t = text.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(t)) throw new RangeError(`invalid literal for int() with base 10: '${text}'`);
  return Number(t.replace(/_/g, ''));
}

/** Removes urlretrieve's temporary files and forgets the default opener. */
export function urlcleanup(): void {
  for (const file of tempFiles.splice(0)) {
    try {
      unlinkSync(file);
    } catch {
      // CPython ignores OSError here (already removed, ...).
    }
  }
  resetOpener();
}
