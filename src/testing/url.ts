// How httpbin (Flask on Werkzeug 2.2 under gunicorn) sees the request target: the decoded path
// it routes on, the `args` MultiDict, and the `url` it echoes, which Werkzeug rebuilds as an IRI
// (get_current_url → url_quote → uri_to_iri), so "%C3%A9" comes back as "é" but "%2F" stays quoted.

/** Ordered (name, value) pairs, repeated names allowed (Werkzeug's MultiDict). */
export type Pairs = Array<[string, string]>;

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

// Werkzeug urls._always_safe: unreserved plus the sub-delims other than & and =.
const ALWAYS_SAFE = new Set(Array.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~$!\'()*+,;', (c) => c.charCodeAt(0)));

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102));
}

/**
 * Percent-decode to bytes (Werkzeug `_unquote_to_bytes`): a bad escape stays literal, and an
 * escape whose byte passes `keep` stays quoted.
 */
export function unquoteToBytes(s: string | Uint8Array, keep?: (byte: number) => boolean): Buffer {
  const src = typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s);
  const out = Buffer.allocUnsafe(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === 37 && isHex(src[i + 1]) && isHex(src[i + 2])) {
      const byte = parseInt(String.fromCharCode(src[i + 1]!, src[i + 2]!), 16);
      if (keep === undefined || !keep(byte)) {
        out[n++] = byte;
        i += 2;
        continue;
      }
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}

/** Werkzeug `url_quote`: bytes outside the safe set become %XX (upper-case hex). */
export function urlQuote(bytes: Uint8Array, safe: string): string {
  const extra = new Set(Array.from(safe, (c) => c.charCodeAt(0)));
  let out = '';
  for (const b of bytes) {
    out += ALWAYS_SAFE.has(b) || extra.has(b) ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** UTF-8 decode with U+FFFD for bad sequences (Python's errors="replace"). */
export function decodeReplace(bytes: Uint8Array): string {
  return lenientUtf8.decode(bytes);
}

/** Strict UTF-8 decode (Python's errors="strict"), or undefined when invalid. */
export function decodeStrict(bytes: Uint8Array): string | undefined {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Werkzeug `url_unquote_plus` with errors="replace"; `s` holds bytes as latin1 chars. */
export function unquotePlus(s: string): string {
  return decodeReplace(unquoteToBytes(Buffer.from(s.replace(/\+/g, ' '), 'latin1')));
}

/**
 * Werkzeug `url_decode` (separator "&", include_empty): "a" alone gives ("a", "").
 * `qs` holds the raw bytes as latin1 chars (a query string as node:http delivers it, or a body).
 */
export function parseQuery(qs: string): Pairs {
  const pairs: Pairs = [];
  for (const part of qs.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push([unquotePlus(key), unquotePlus(value)]);
  }
  return pairs;
}

/** The path httpbin routes on: gunicorn unquotes PATH_INFO, Werkzeug decodes it as UTF-8. */
export function decodePath(rawPath: string): string {
  return decodeReplace(unquoteToBytes(rawPath));
}

// uri_to_iri: unquote only bytes that are not ASCII-unsafe; re-quote bytes that are not UTF-8.
function toIri(part: string): string {
  const bytes = unquoteToBytes(part, (b) => b < 128 && !ALWAYS_SAFE.has(b));
  const strict = decodeStrict(bytes);
  if (strict !== undefined) return strict;
  return reQuoteInvalid(bytes);
}

// Python's "werkzeug.url_quote" codec error handler: each undecodable run is %-quoted.
function reQuoteInvalid(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const len = validSequenceLength(bytes, i);
    if (len > 0) {
      out += fatalUtf8.decode(bytes.subarray(i, i + len));
      i += len;
    } else {
      out += urlQuote(bytes.subarray(i, i + 1), '/:');
      i += 1;
    }
  }
  return out;
}

function validSequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (len === 0 || i + len > bytes.length) return 0;
  return decodeStrict(bytes.subarray(i, i + len)) === undefined ? 0 : len;
}

/**
 * Werkzeug `get_current_url(scheme, host, "", path, query)` as `request.url` reports it.
 * `path` is the decoded routing path, `query` the raw query string.
 */
export function currentUrl(scheme: string, host: string, path: string, query: string): string {
  let url = `${scheme}://${host}/` + urlQuote(Buffer.from(path.replace(/^\/+/, ''), 'utf8'), '/:');
  if (query !== '') url += '?' + urlQuote(Buffer.from(query, 'latin1'), ":&%=+$!*'(),");
  const q = url.indexOf('?');
  const head = q === -1 ? url : url.slice(0, q);
  const slash = head.indexOf('/', head.indexOf('//') + 2);
  const origin = head.slice(0, slash);
  const iriPath = toIri(head.slice(slash));
  return q === -1 ? origin + iriPath : origin + iriPath + '?' + toIri(url.slice(q + 1));
}

/** Werkzeug `get_host`: the Host header, minus the scheme's default port. */
export function hostFor(scheme: string, hostHeader: string | undefined, fallback: string): string {
  const host = hostHeader ?? fallback;
  if (scheme === 'http' && host.endsWith(':80')) return host.slice(0, -3);
  if (scheme === 'https' && host.endsWith(':443')) return host.slice(0, -4);
  return host;
}
