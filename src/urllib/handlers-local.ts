/**
 * FileHandler (file: URLs on this machine only) and DataHandler (RFC 2397 data: URLs), as in
 * CPython: headers 'Content-type', 'Content-length' (and 'Last-modified' for files), no status code.
 */
import { lookup } from 'node:dns/promises';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { unquote, unquoteToBytes } from '../parse/quote.js';
import { URLError } from './errors.js';
import { BaseHandler } from './handler.js';
import type { HTTPMessage } from '../client/message.js';
import { messageFromString } from './message.js';
import { guessType } from './mimetypes.js';
import { splitport } from './pyutil.js';
import type { Request } from './request.js';
import { addinfourl, type ByteSource, BytesSource } from './response.js';

/** url2pathname on POSIX: percent-decoding of a file: URL path (CPython: unquote). */
export function url2pathname(pathname: string): string {
  return unquote(pathname);
}

/** A local file read in blocks (Python's open(localfile, 'rb')). */
class FileSource implements ByteSource {
  #handle: FileHandle | null;

  constructor(handle: FileHandle) {
    this.#handle = handle;
  }

  async read(n?: number): Promise<Uint8Array> {
    if (this.#handle === null) return new Uint8Array(0);
    if (n === undefined || n < 0) return new Uint8Array(await this.#handle.readFile());
    const buf = new Uint8Array(n);
    const { bytesRead } = await this.#handle.read(buf, 0, n, null);
    return buf.subarray(0, bytesRead);
  }

  close(): void {
    const h = this.#handle;
    this.#handle = null;
    void h?.close().catch(() => undefined);
  }
}

async function ipv4Of(host: string): Promise<string[]> {
  const found = await lookup(host, { family: 4, all: true });
  return found.map((a) => a.address);
}

/** socket.gethostbyname, or null when the name does not resolve. */
async function safeGethostbyname(host: string): Promise<string | null> {
  try {
    return (await lookup(host, { family: 4 })).address;
  } catch {
    return null;
  }
}

function isADirectory(path: string): Error {
  return Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: 'EISDIR', errno: -21, syscall: 'open', path });
}

/** Email date format of RFC 5322 in GMT (email.utils.formatdate(t, usegmt=True)). */
export function formatdate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Opens file: URLs on the local host; any other host → URLError. */
export class FileHandler extends BaseHandler {
  /** IPv4 addresses of 'localhost' and of this machine's name (CPython caches them on the class). */
  static names: string[] | null = null;

  async fileOpen(req: Request): Promise<addinfourl | undefined> {
    const url = req.selector;
    if (url.startsWith('//') && url[2] !== '/' && req.host && req.host !== 'localhost') {
      if (!(await this.getNames()).includes(req.host)) throw new URLError('file:// scheme is supported only on localhost');
      return undefined;
    }
    return this.openLocalFile(req);
  }

  /** The local host's IPv4 addresses. */
  async getNames(): Promise<string[]> {
    if (FileHandler.names === null) {
      try {
        FileHandler.names = [...(await ipv4Of('localhost')), ...(await ipv4Of(hostname()))];
      } catch {
        FileHandler.names = [(await safeGethostbyname('localhost')) ?? '127.0.0.1'];
      }
    }
    return FileHandler.names;
  }

  /** Opens the file named by the selector if the host (if any) is this machine. */
  async openLocalFile(req: Request): Promise<addinfourl> {
    let host = req.host;
    const filename = req.selector;
    const localfile = url2pathname(filename);
    let headers: HTTPMessage;
    try {
      const stats = await stat(localfile);
      const mtype = guessType(filename)[0];
      headers = messageFromString(
        `Content-type: ${mtype ?? 'text/plain'}\nContent-length: ${stats.size}\nLast-modified: ${formatdate(stats.mtimeMs)}\n`,
      );
    } catch (err) {
      throw new URLError(err);
    }
    let port: string | null = null;
    if (host) [host, port] = splitport(host);
    if (!host || (!port && (await this.getNames()).includes((await safeGethostbyname(host)) ?? '\0'))) {
      const origurl = host ? `file://${host}${filename}` : `file://${filename}`;
      let handle: FileHandle;
      try {
        // Python's open() refuses a directory (IsADirectoryError); Node's succeeds and fails on read.
        if ((await stat(localfile)).isDirectory()) throw isADirectory(localfile);
        handle = await open(localfile, 'r');
      } catch (err) {
        throw new URLError(err);
      }
      return new addinfourl(new FileSource(handle), headers, origurl);
    }
    throw new URLError('file not on local host');
  }
}

// The base64 alphabet (RFC 4648 §4) → 6-bit values.
const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c.charCodeAt(0), i]));

/**
 * base64.decodebytes (binascii.a2b_base64, non-strict): characters outside the alphabet are
 * skipped, a complete pad ends the data, and a leftover partial quantum is an error.
 */
export function decodeBase64(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let quad = 0;
  let left = 0;
  let pads = 0;
  for (const ch of data) {
    if (ch === 0x3d) {
      if (quad >= 2 && quad + ++pads >= 4) return Uint8Array.from(out);
      continue;
    }
    const v = B64.get(ch);
    if (v === undefined) continue;
    pads = 0;
    if (quad === 1) out.push(((left << 2) | (v >> 4)) & 0xff);
    else if (quad === 2) out.push(((left << 4) | (v >> 2)) & 0xff);
    else if (quad === 3) out.push(((left << 6) | v) & 0xff);
    left = quad === 0 ? v : quad === 1 ? v & 0x0f : quad === 2 ? v & 0x03 : 0;
    quad = (quad + 1) % 4;
  }
  if (quad === 1) {
    const count = data.filter((c) => B64.has(c)).length;
    throw new RangeError(`Invalid base64-encoded string: number of data characters (${count}) cannot be 1 more than a multiple of 4`);
  }
  if (quad !== 0) throw new RangeError('Incorrect padding');
  return Uint8Array.from(out);
}

/** Opens RFC 2397 data: URLs (base64 or percent-encoded); a POSTed body is ignored. */
export class DataHandler extends BaseHandler {
  dataOpen(req: Request): addinfourl {
    const url = req.fullUrl;
    const colon = url.indexOf(':');
    const rest = url.slice(colon + 1);
    const comma = rest.indexOf(',');
    // CPython: `mediatype, data = data.split(",", 1)` raises ValueError without a comma.
    if (comma < 0) throw new RangeError('not enough values to unpack (expected 2, got 1)');
    let mediatype = rest.slice(0, comma);
    // Even base64 data may be percent-encoded, so unquote in any case.
    let data = unquoteToBytes(rest.slice(comma + 1));
    if (mediatype.endsWith(';base64')) {
      data = decodeBase64(data);
      mediatype = mediatype.slice(0, -7);
    }
    if (!mediatype) mediatype = 'text/plain;charset=US-ASCII';
    const headers = messageFromString(`Content-type: ${mediatype}\nContent-length: ${data.length}\n`);
    return new addinfourl(new BytesSource(data), headers, url);
  }
}
