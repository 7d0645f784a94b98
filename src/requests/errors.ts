/**
 * Requests' exception tree (requests/exceptions.py). The prototype chain follows Python's first
 * base; `ConnectTimeout` is also a `Timeout` through a `Symbol.hasInstance` brand
 * (internal/brand.ts). Every error carries the `request` and `response` it concerns (or null)
 * and keeps the lower-level error as `cause`.
 *
 * Python's second bases that are builtins (`ValueError` of MissingSchema, `TypeError` of
 * StreamConsumedError) are not branded: patching `instanceof` of global builtins would slow
 * every check in the process.
 */
import { addSecondBase } from '../internal/brand.js';

/** Options of every Requests error. */
export interface RequestErrorOptions {
  /** The Response the error concerns; its `request` fills `request` when that is not given. */
  response?: any;
  /** The PreparedRequest the error concerns. */
  request?: any;
  /** The lower-level error. */
  cause?: unknown;
}

/** Base of every Requests error: "there was an ambiguous exception while handling your request". */
export class RequestException extends Error {
  /** The Response, when there was one; else null. */
  response: any;
  /** The PreparedRequest, when known; else null. */
  request: any;

  constructor(message?: unknown, options: RequestErrorOptions = {}) {
    super(messageOf(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.response = options.response ?? null;
    this.request = options.request ?? null;
    if (this.request === null && this.response !== null && this.response?.request !== undefined) this.request = this.response.request;
  }
}

function messageOf(message: unknown): string {
  if (message === undefined || message === null) return '';
  if (message instanceof Error) return message.message;
  return String(message);
}

/** The body to send was not JSON-serialisable (NaN, Infinity, a BigInt, a cycle). */
export class InvalidJSONError extends RequestException {}

/** `Response.json()` found a body that is not JSON. `msg`, `doc`, `pos`, `lineno`, `colno` as Python's. */
export class JSONDecodeError extends InvalidJSONError {
  readonly msg: string;
  readonly doc: string;
  readonly pos: number;
  readonly lineno: number;
  readonly colno: number;

  constructor(msg: string, doc: string, pos: number, options: RequestErrorOptions = {}) {
    const lineno = countLines(doc, pos);
    const colno = pos - doc.lastIndexOf('\n', pos - 1);
    super(`${msg}: line ${lineno} column ${colno} (char ${pos})`, options);
    this.msg = msg;
    this.doc = doc;
    this.pos = pos;
    this.lineno = lineno;
    this.colno = colno;
  }
}

function countLines(doc: string, pos: number): number {
  let n = 1;
  for (let i = doc.indexOf('\n'); i !== -1 && i < pos; i = doc.indexOf('\n', i + 1)) n++;
  return n;
}

/** `raiseForStatus()` on a 4xx/5xx response. */
export class HTTPError extends RequestException {}

/** The connection failed: refused, reset, DNS failure, or the server closed without answering. */
export class ConnectionError extends RequestException {}

/** The proxy could not be reached or refused the tunnel. */
export class ProxyError extends ConnectionError {}

/** TLS handshake or certificate verification failed. */
export class SSLError extends ConnectionError {}

/** The request timed out (catches ConnectTimeout and ReadTimeout). */
export class Timeout extends RequestException {}

/** No connection within the connect timeout; safe to retry. Also a `Timeout`. */
export class ConnectTimeout extends ConnectionError {}
addSecondBase(ConnectTimeout, Timeout);

/** The server sent no byte within the read timeout. */
export class ReadTimeout extends Timeout {}

/** No URL was given. */
export class URLRequired extends RequestException {}

/** More redirects than `maxRedirects`. */
export class TooManyRedirects extends RequestException {}

/** The URL has no scheme (`example.com/x`). */
export class MissingSchema extends RequestException {}

/** No adapter for the URL's scheme, or a scheme Requests cannot use. */
export class InvalidSchema extends RequestException {}

/** The URL could not be parsed or has no/an invalid host. */
export class InvalidURL extends RequestException {}

/** A header name or value is not a string or has CR/LF, a colon in the name, or leading whitespace. */
export class InvalidHeader extends RequestException {}

/** A proxy URL is malformed (no host). */
export class InvalidProxyURL extends InvalidURL {}

/** The server declared chunked (or a length) but the body broke off or had a bad chunk. */
export class ChunkedEncodingError extends RequestException {}

/** The body could not be decoded (bad gzip/deflate/br data). */
export class ContentDecodingError extends RequestException {}

/** The body of a streamed response was already consumed. */
export class StreamConsumedError extends RequestException {}

/** The Retry policy gave up after too many error responses. */
export class RetryError extends RequestException {}

/** A body could not be rewound to be sent again (redirect, digest retry). */
export class UnrewindableBodyError extends RequestException {}

/** Two cookies of the same name matched a lookup (requests/cookies.py CookieConflictError). */
export class CookieConflictError extends Error {
  override name = 'CookieConflictError';
}
