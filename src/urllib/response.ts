/**
 * urllib.response.addinfourl: the object urlopen returns. A readable body (`read(n?)`,
 * `readline`, `readlines`, async iteration over chunks) plus `info()`/`headers`, `geturl()`/`url`,
 * `getcode()`/`status`. HTTP responses also carry `reason`/`msg` (CPython sets `r.msg = r.reason`)
 * and `version`. The body comes from a {@link ByteSource}: an http.client response, a file or bytes.
 */
import type { HeaderLookup } from './message.js';

/** Something a body can be pulled from: an http.client HTTPResponse, a file, bytes. */
export interface ByteSource {
  /**
   * Up to `n` bytes (fewer only at the end); everything left when `n` is omitted — owned by the
   * caller, and failing (http.client IncompleteRead) when the body ends short of its declared length.
   * An empty array at the end.
   */
  read(n?: number): Promise<Uint8Array>;
  close?(): unknown;
}

/** Extra fields an HTTP response carries beyond addinfourl's. */
export interface ResponseExtras {
  reason?: string | null;
  version?: number | null;
}

const EMPTY = new Uint8Array(0);
const LINE_BLOCK = 8192;

/** The response of file:, data: and http(s): URLs (CPython's addinfourl / the modified HTTPResponse). */
export class addinfourl implements AsyncIterable<Uint8Array> {
  /** The underlying body source (Python's `fp`). */
  readonly fp: ByteSource;
  /** Header block: http.client's HTTPMessage for HTTP, a Message for file: and data:. */
  headers: HeaderLookup;
  /** Final URL (after redirects), fragment included. */
  url: string;
  /** HTTP status code; null for file: and data:. */
  code: number | null;
  /** Reason phrase for HTTP (CPython sets `msg` to it); null otherwise. */
  reason: string | null;
  /** 10 or 11 for HTTP; null otherwise. */
  version: number | null;
  #pending: Uint8Array = EMPTY;
  #closed = false;

  constructor(fp: ByteSource, headers: HeaderLookup, url: string, code: number | null = null, extras: ResponseExtras = {}) {
    this.fp = fp;
    this.headers = headers;
    this.url = url;
    this.code = code;
    this.reason = extras.reason ?? null;
    this.version = extras.version ?? null;
  }

  /** Alias of `code` (addinfourl.status). */
  get status(): number | null {
    return this.code;
  }

  /** CPython's urlopen puts the reason phrase in `msg`. */
  get msg(): string | null {
    return this.reason;
  }

  get closed(): boolean {
    return this.#closed;
  }

  getcode(): number | null {
    return this.code;
  }

  geturl(): string {
    return this.url;
  }

  info(): HeaderLookup {
    return this.headers;
  }

  /** http.client HTTPResponse.getheader: the values joined with ', ', or `fallback`. */
  getheader(name: string, fallback: string | null = null): string | null {
    const all = this.headers.getAll(name) ?? [];
    return all.length === 0 ? fallback : all.join(', ');
  }

  /** http.client HTTPResponse.getheaders: [name, value] pairs. */
  getheaders(): Array<[string, string]> {
    return this.headers.items();
  }

  /** Reads `n` bytes (fewer only at the end), or everything when `n` is omitted or negative. */
  async read(n?: number | null): Promise<Uint8Array> {
    if (this.#closed) return EMPTY;
    if (n === undefined || n === null || n < 0) {
      // One unsized read of the source (CPython: HTTPResponse.read() -> _safe_read(length)), so a
      // body cut short of its Content-Length raises http.client's IncompleteRead instead of
      // returning the short data as sized reads do at EOF.
      const pending = this.#takePending(Infinity);
      const rest = await this.fp.read();
      return pending.length === 0 ? rest : concat([pending, rest]);
    }
    return this.#readExactly(n);
  }

  async #readExactly(n: number): Promise<Uint8Array> {
    const parts = [this.#takePending(n)];
    let have = parts[0]!.length;
    // Like BufferedReader.read(n): keep reading until n bytes or EOF (urlretrieve's block count depends on it).
    while (have < n) {
      const chunk = await this.fp.read(n - have);
      if (chunk.length === 0) break;
      parts.push(chunk.slice()); // engine chunks are views valid until the next read
      have += chunk.length;
    }
    return concat(parts);
  }

  #takePending(n: number): Uint8Array {
    const take = this.#pending.subarray(0, Math.min(n, this.#pending.length));
    this.#pending = this.#pending.subarray(take.length);
    return take;
  }

  /** Reads into `buf` (up to its length); resolves with the number of bytes written (0 at the end). */
  async readinto(buf: Uint8Array): Promise<number> {
    const data = await this.read(buf.length);
    buf.set(data, 0);
    return data.length;
  }

  /** One line including its '\n' (at most `limit` bytes when given); empty at the end. */
  async readline(limit = -1): Promise<Uint8Array> {
    if (this.#closed) return EMPTY;
    const max = limit < 0 ? Infinity : limit;
    for (;;) {
      const nl = this.#pending.indexOf(0x0a);
      if (nl >= 0 && nl < max) return this.#takePending(nl + 1);
      if (this.#pending.length >= max) return this.#takePending(max);
      const chunk = await this.fp.read(LINE_BLOCK);
      if (chunk.length === 0) return this.#takePending(max);
      this.#pending = concat([this.#pending, chunk]);
    }
  }

  /** All remaining lines. */
  async readlines(): Promise<Uint8Array[]> {
    const lines: Uint8Array[] = [];
    for (;;) {
      const line = await this.readline();
      if (line.length === 0) return lines;
      lines.push(line);
    }
  }

  /** Body chunks as they arrive. */
  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    if (this.#pending.length > 0) yield this.#takePending(Infinity);
    while (!this.#closed) {
      const chunk = await this.fp.read(LINE_BLOCK);
      if (chunk.length === 0) return;
      yield chunk;
    }
  }

  /** Releases the body source (and its connection). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pending = EMPTY;
    this.fp.close?.();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }
}

/** In-memory body (Python's io.BytesIO), for data: URLs and empty HTTPError bodies. */
export class BytesSource implements ByteSource {
  #data: Uint8Array;
  #pos = 0;

  constructor(data: Uint8Array) {
    this.#data = data;
  }

  async read(n?: number): Promise<Uint8Array> {
    const end = n === undefined || n < 0 ? this.#data.length : Math.min(this.#data.length, this.#pos + n);
    const out = this.#data.subarray(this.#pos, end);
    this.#pos = end;
    return out;
  }

  close(): void {
    this.#pos = this.#data.length;
  }
}

export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
