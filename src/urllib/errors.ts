/**
 * urllib.error: URLError, HTTPError (also a response, as in CPython where it subclasses
 * addinfourl too), ContentTooShortError. As in Python, URLError is also an OSError (httpkit/client's,
 * the class socket errors surface as; a brand, since HTTPError's numeric `code` cannot share
 * OSError's string one), so one `instanceof OSError` catches both. The underlying error is kept as
 * `reason` (and `cause`).
 */
import { OSError } from '../client/errors.js';
import { addSecondBase } from '../internal/brand.js';
import type { HeaderLookup } from './message.js';
import { HTTPMessage } from '../client/message.js';
import { addinfourl, BytesSource, type ByteSource } from './response.js';

function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return String(reason);
}

/** Thrown for connection failures, unknown URL schemes, missing hosts, unreadable local files. */
export class URLError extends Error {
  override name = 'URLError';
  /** Set when CPython sets it (the URL for HTTPError). */
  filename?: string | null;
  #reason: unknown;

  constructor(reason: unknown, filename?: string | null) {
    super(`<urlopen error ${reasonText(reason)}>`, reason instanceof Error ? { cause: reason } : undefined);
    this.#reason = reason;
    if (filename !== undefined && filename !== null) this.filename = filename;
  }

  /** The error string, or the underlying Error (a socket/file error). */
  get reason(): unknown {
    return this.#reason;
  }

  set reason(value: unknown) {
    this.#reason = value;
  }

  /** Python `str(e)`: '<urlopen error REASON>'. */
  override toString(): string {
    return `<urlopen error ${reasonText(this.reason)}>`;
  }
}
// CPython: class URLError(OSError).
addSecondBase(URLError, OSError);

/**
 * An HTTP error status that no handler resolved. Also a response: `code`, `headers`, `url`,
 * `read()`, `info()`, `geturl()`, `getcode()`, `close()` work as on the object urlopen returns.
 */
export class HTTPError extends URLError implements AsyncIterable<Uint8Array> {
  override name = 'HTTPError';
  /** The HTTP status code. */
  code: number;
  /** The reason phrase (also `reason`). */
  msg: string;
  /** Response headers (also `headers`). */
  hdrs: HeaderLookup;
  /** The response body source, or null. */
  fp: ByteSource | null;
  readonly #response: addinfourl;

  constructor(url: string, code: number, msg: string, hdrs: HeaderLookup | null, fp: ByteSource | null) {
    super(msg, url);
    this.message = `HTTP Error ${code}: ${msg}`;
    this.code = code;
    this.msg = msg;
    this.hdrs = hdrs ?? new HTTPMessage();
    this.fp = fp;
    this.filename = url;
    this.#response = new addinfourl(fp ?? new BytesSource(new Uint8Array(0)), this.hdrs, url, code);
  }

  /** URLError.reason: the reason phrase (CPython issue 13211). */
  override get reason(): string {
    return this.msg;
  }

  override set reason(value: string) {
    this.msg = value;
  }

  get headers(): HeaderLookup {
    return this.hdrs;
  }

  set headers(value: HeaderLookup) {
    this.hdrs = value;
  }

  get url(): string {
    return this.#response.url;
  }

  get status(): number {
    return this.code;
  }

  getcode(): number {
    return this.code;
  }

  geturl(): string {
    return this.#response.url;
  }

  info(): HeaderLookup {
    return this.hdrs;
  }

  read(n?: number | null): Promise<Uint8Array> {
    return this.#response.read(n);
  }

  readline(limit?: number): Promise<Uint8Array> {
    return this.#response.readline(limit);
  }

  readlines(): Promise<Uint8Array[]> {
    return this.#response.readlines();
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return this.#response[Symbol.asyncIterator]();
  }

  close(): void {
    this.#response.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  override toString(): string {
    return `HTTP Error ${this.code}: ${this.msg}`;
  }
}
addSecondBase(HTTPError, addinfourl);

/** urlretrieve got fewer bytes than Content-Length announced; `content` is [filename, headers]. */
export class ContentTooShortError extends URLError {
  override name = 'ContentTooShortError';
  /** What urlretrieve would have returned: [filename, headers]. */
  content: unknown;

  constructor(message: string, content: unknown) {
    super(message);
    this.content = content;
  }
}

/**
 * The client → urllib error boundary (ARCHITECTURE.md: one translation per boundary). As CPython's
 * do_open, a socket-level OSError while sending (refused, DNS, TLS, connect timeout) becomes
 * URLError(err) with the original as `reason` and `cause`; anything else (InvalidURL, a TypeError
 * for a bad header) passes through unchanged.
 */
export function fromClientError(err: unknown): unknown {
  return err instanceof OSError && !(err instanceof URLError) ? new URLError(err) : err;
}
