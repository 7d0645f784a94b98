/**
 * Response framing: the one table that decides how a response body is delimited and whether the
 * connection survives it. RFC 9112 §6.3, in order:
 *   1. HEAD requests, 1xx, 204 and 304 responses: no body (CPython: length = 0).
 *   2. A 2xx response to CONNECT: no body, the connection becomes a tunnel.
 *   3. Transfer-Encoding with chunked as the final coding: chunked. With Content-Length as well
 *      (a smuggling vector, §6.3 ¶3): chunked, and the connection is never reused.
 *      Transfer-Encoding without final chunked: read until close (§6.3 ¶4).
 *   4. Content-Length: identical values (repeated fields or a list "5, 5") fold into one (RFC
 *      9110 §8.6); differing or non-numeric values are rejected.
 *   5. Otherwise: read until the connection closes.
 * Keep-alive follows CPython http.client `_check_close`: HTTP/1.1 closes only on
 * "Connection: close"; HTTP/1.0 stays open only with Keep-Alive / Connection: keep-alive /
 * Proxy-Connection: keep-alive.
 */
import { ProtocolError } from './errors.js';
import type { HeaderList } from './events.js';

export interface Framing {
  chunked: boolean;
  /** Body length when length-delimited (0 when bodiless), null otherwise. */
  length: number | null;
  willClose: boolean;
}

/** Decides the framing of a final response to `method` (upper case) with this head. */
export function decideFraming(method: string, version: 10 | 11, status: number, headers: HeaderList): Framing {
  let te: string | null = null;
  let cl: string | null = null;
  let conn: string | null = null;
  let keepAlive = false;
  let proxyConn: string | null = null;
  for (let i = 0; i < headers.length; i += 2) {
    const n = headers[i]!;
    const len = n.length;
    if (len === 14) {
      if (n.toLowerCase() === 'content-length') cl = cl === null ? headers[i + 1]! : cl + ', ' + headers[i + 1]!;
    } else if (len === 17) {
      if (n.toLowerCase() === 'transfer-encoding') te = te === null ? headers[i + 1]! : te + ',' + headers[i + 1]!;
    } else if (len === 10) {
      const l = n.toLowerCase();
      if (l === 'connection') conn = conn === null ? headers[i + 1]! : conn + ',' + headers[i + 1]!;
      else if (l === 'keep-alive' && headers[i + 1] !== '') keepAlive = true;
    } else if (len === 16 && n.toLowerCase() === 'proxy-connection') {
      proxyConn = headers[i + 1]!;
    }
  }
  let willClose = checkClose(version, conn, keepAlive, proxyConn);
  if (method === 'HEAD' || status < 200 || status === 204 || status === 304) return { chunked: false, length: 0, willClose };
  // The tunnel stays open whatever the proxy's version or Connection header says.
  if (method === 'CONNECT' && status >= 200 && status < 300) return { chunked: false, length: 0, willClose: false };
  if (te !== null) {
    const chunked = endsWithChunked(te);
    // RFC 9112 §6.1: TE in an HTTP/1.0 message means faulty framing: read it, then close.
    if (cl !== null || version === 10 || !chunked) willClose = true;
    return { chunked, length: null, willClose };
  }
  if (cl !== null) return { chunked: false, length: parseContentLength(cl), willClose };
  return { chunked: false, length: null, willClose: true };
}

/** CPython http.client HTTPResponse._check_close (substring tests included). */
function checkClose(version: 10 | 11, conn: string | null, keepAlive: boolean, proxyConn: string | null): boolean {
  if (version === 11) return conn !== null && conn.toLowerCase().includes('close');
  if (keepAlive) return false;
  if (conn !== null && conn.toLowerCase().includes('keep-alive')) return false;
  if (proxyConn !== null && proxyConn.toLowerCase().includes('keep-alive')) return false;
  return true;
}

/**
 * True when chunked is the final transfer coding. chunked applied twice, or after another
 * coding we cannot undo (gzip, deflate...), is UNKNOWN_TRANSFER_ENCODING.
 */
function endsWithChunked(te: string): boolean {
  const codings = te.split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '');
  const last = codings[codings.length - 1];
  if (last !== 'chunked') return false;
  if (codings.length > 1) {
    const others = codings.slice(0, -1);
    throw new ProtocolError('UNKNOWN_TRANSFER_ENCODING', `Unsupported Transfer-Encoding ${JSON.stringify(te)}: only "chunked" alone can be decoded${others.includes('chunked') ? ' (chunked applied twice)' : ''}`);
  }
  return true;
}

/** Parses (possibly repeated or listed) Content-Length values; identical ones fold, others fail. */
export function parseContentLength(raw: string): number {
  // Fast path: one plain number (up to 15 digits, exact in a double).
  const n = raw.length;
  if (n > 0 && n <= 15) {
    let v = 0;
    let i = 0;
    for (; i < n; i++) {
      const d = raw.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === n) return v;
  }
  let value = -1;
  for (const part of raw.split(',')) {
    const s = part.trim();
    if (!/^[0-9]{1,15}$/.test(s)) {
      throw new ProtocolError('BAD_CONTENT_LENGTH', `Invalid Content-Length ${JSON.stringify(raw)}`);
    }
    const n = Number(s);
    if (value !== -1 && n !== value) {
      // urllib3's wording (HTTPResponse._init_length), so pool/ can pass it on as InvalidHeader.
      throw new ProtocolError('BAD_CONTENT_LENGTH', `Content-Length contained multiple unmatching values (${raw})`);
    }
    value = n;
  }
  return value;
}
