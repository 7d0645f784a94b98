/**
 * URL preparation as Requests does it on top of urllib3: `parseUrl` (urllib3 1.26 `parse_url`:
 * RFC 3986 split, lower-cased scheme and host, IDNA for non-ASCII hosts, dot segments removed,
 * invalid characters percent-encoded), `requoteUri` / `unquoteUnreserved` (requests/utils.py),
 * and the quoting helpers they need. Pure functions.
 */
import { domainToASCII } from 'node:url';
import { InvalidURL } from './errors.js';

/** urllib3's `Url` tuple. `null` where the component is absent. */
export interface ParsedUrl {
  scheme: string | null;
  auth: string | null;
  host: string | null;
  port: number | null;
  path: string | null;
  query: string | null;
  fragment: string | null;
}

/** urllib3's LocationParseError, surfaced by Requests as InvalidURL. */
export class LocationParseError extends Error {
  override name = 'LocationParseError';
}

const SCHEME_RE = /^(?:[a-zA-Z][a-zA-Z0-9+-]*:|\/)/;
const URI_RE = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^\\/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/;
// urllib3's reg-name admits only valid %XX escapes ('http://%zz/' fails to parse).
const HOST_PORT_RE = /^(\[[^\]]*\]|(?:[^:[\]%/?#]|%[0-9a-fA-F]{2})*)(?::([0-9]*))?$/;
const IPV4_RE = /^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$/;
const NORMALIZABLE = new Set(['http', 'https']);

const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
const SUB_DELIMS = "!$&'()*+,;=";
const USERINFO_CHARS = charSet(UNRESERVED + SUB_DELIMS + ':');
const PATH_CHARS = charSet(UNRESERVED + SUB_DELIMS + ':@/');
const QUERY_CHARS = charSet(UNRESERVED + SUB_DELIMS + ':@/?');

function charSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

/** urllib3's `parse_url`. Throws LocationParseError for what it cannot parse. */
export function parseUrl(source: string): ParsedUrl {
  const url = SCHEME_RE.test(source) ? source : `//${source}`;
  const m = URI_RE.exec(url);
  if (m === null) throw new LocationParseError(`Failed to parse: ${source}`);
  const scheme = m[1] === undefined ? null : m[1].toLowerCase();
  const normalize = scheme === null || NORMALIZABLE.has(scheme);
  let auth: string | null = null;
  let host: string | null = null;
  let port: number | null = null;
  if (m[2] !== undefined && m[2] !== '') {
    const authority = m[2];
    const at = authority.lastIndexOf('@');
    auth = at > 0 ? authority.slice(0, at) : null;
    const hp = HOST_PORT_RE.exec(authority.slice(at + 1));
    if (hp === null) throw new LocationParseError(`Failed to parse: ${source}`);
    host = hp[1] ?? '';
    if (hp[2] !== undefined && hp[2] !== '') port = Number.parseInt(hp[2], 10);
    if (port !== null && port > 65535) throw new LocationParseError(`Failed to parse: ${source}`);
    if (auth !== null && normalize) auth = encodeInvalidChars(auth, USERINFO_CHARS);
  }
  host = normalizeHost(host, scheme, source);
  let path: string | null = m[3] ?? '';
  let query: string | null = m[4] ?? null;
  let fragment: string | null = m[5] ?? null;
  if (normalize && path !== '') path = encodeInvalidChars(removeDotSegments(path), PATH_CHARS);
  if (normalize && query !== null && query !== '') query = encodeInvalidChars(query, QUERY_CHARS);
  if (normalize && fragment !== null && fragment !== '') fragment = encodeInvalidChars(fragment, QUERY_CHARS);
  if (path === '' && query === null && fragment === null) path = null;
  return { scheme, auth, host: host === '' ? null : host, port, path, query, fragment };
}

function normalizeHost(host: string | null, scheme: string | null, source: string): string | null {
  if (host === null || host === '' || (scheme !== null && !NORMALIZABLE.has(scheme))) return host;
  if (host.startsWith('[')) return host.toLowerCase();
  if (IPV4_RE.test(host)) return host;
  // urllib3 _idna_encode: ASCII labels are lower-cased, others IDNA-encoded (UTS #46).
  if (isAscii(host)) return host.toLowerCase();
  const ascii = host.split('.').map((label) => (isAscii(label) ? label.toLowerCase() : idnaLabel(label, source))).join('.');
  return ascii;
}

function idnaLabel(label: string, source: string): string {
  const encoded = domainToASCII(label);
  if (encoded === '') throw new InvalidURL('URL has an invalid label.', { cause: new LocationParseError(`Failed to parse: ${source}`) });
  return encoded;
}

export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** RFC 3986 §5.2.4 remove_dot_segments, as urllib3's `_remove_path_dot_segments`. */
export function removeDotSegments(path: string): string {
  if (!path.includes('.')) return path;
  const output: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '.') continue;
    if (segment !== '..') output.push(segment);
    else if (output.length > 0) output.pop();
  }
  if (path.startsWith('/') && (output.length === 0 || output[0] !== '')) output.unshift('');
  if (path.endsWith('/.') || path.endsWith('/..')) output.push('');
  return output.join('/');
}

const PERCENT_RE = /%[a-fA-F0-9]{2}/g;
const encoder = new TextEncoder();

/** urllib3's `_encode_invalid_chars`: percent-encode bytes outside `allowed`, keep valid escapes. */
export function encodeInvalidChars(component: string, allowed: Uint8Array): string {
  if (isPlain(component, allowed)) return component;
  let escapes = 0;
  const upper = component.replace(PERCENT_RE, (m) => {
    escapes++;
    return m.toUpperCase();
  });
  const bytes = encoder.encode(upper);
  const keepPercent = escapes === countPercent(bytes);
  let out = '';
  for (const b of bytes) {
    if ((keepPercent && b === 0x25) || (b < 128 && allowed[b] === 1)) out += String.fromCharCode(b);
    else out += pct(b);
  }
  return out;
}

function isPlain(s: string, allowed: Uint8Array): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || allowed[c] !== 1) return false;
  }
  return true;
}

function countPercent(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 0x25) n++;
  return n;
}

function pct(b: number): string {
  return `%${b < 16 ? '0' : ''}${b.toString(16).toUpperCase()}`;
}

const ALWAYS_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~';
const REQUOTE_SAFE = charSet(ALWAYS_SAFE + "!#$%&'()*+,/:;=?@[]~");
const REQUOTE_SAFE_NO_PERCENT = charSet(ALWAYS_SAFE + "!#$&'()*+,/:;=?@[]~");
const UNRESERVED_SET = charSet(UNRESERVED);

/** CPython's `quote(s, safe)` over a precomputed safe set (UTF-8 for non-ASCII). */
export function quoteWith(s: string, safe: Uint8Array): string {
  if (isPlain(s, safe)) return s;
  let out = '';
  for (const b of encoder.encode(s)) out += b < 128 && safe[b] === 1 ? String.fromCharCode(b) : pct(b);
  return out;
}

/** requests.utils.unquote_unreserved: decode only escapes of unreserved characters. */
export function unquoteUnreserved(uri: string): string {
  if (!uri.includes('%')) return uri;
  const parts = uri.split('%');
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const h = part.slice(0, 2);
    if (h.length === 2 && /^[a-zA-Z0-9]{2}$/.test(h)) {
      if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new InvalidURL(`Invalid percent-escape sequence: '${h}'`);
      const c = Number.parseInt(h, 16);
      parts[i] = c < 128 && UNRESERVED_SET[c] === 1 ? String.fromCharCode(c) + part.slice(2) : `%${part}`;
    } else {
      parts[i] = `%${part}`;
    }
  }
  return parts.join('');
}

/** requests.utils.requote_uri: unquote unreserved escapes, then quote what is illegal. */
export function requoteUri(uri: string): string {
  try {
    return quoteWith(unquoteUnreserved(uri), REQUOTE_SAFE);
  } catch (err) {
    if (!(err instanceof InvalidURL)) throw err;
    return quoteWith(uri, REQUOTE_SAFE_NO_PERCENT);
  }
}

/** CPython `urlunsplit` for the five parts (empty query/fragment dropped). */
export function unsplit(scheme: string, netloc: string, path: string, query: string, fragment: string): string {
  let url = path;
  if (netloc !== '' || (scheme !== '' && USES_NETLOC.has(scheme) && !url.startsWith('//'))) {
    if (url !== '' && !url.startsWith('/')) url = `/${url}`;
    url = `//${netloc}${url}`;
  }
  if (scheme !== '') url = `${scheme}:${url}`;
  if (query !== '') url += `?${query}`;
  if (fragment !== '') url += `#${fragment}`;
  return url;
}

const USES_NETLOC = new Set(['', 'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file', 'mms', 'https', 'shttp', 'snews', 'prospero', 'rtsp', 'rtspu', 'rsync', 'svn', 'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss']);

/** CPython `unquote` (UTF-8, errors='replace'): invalid escapes are kept as they are. */
export function unquote(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return new TextDecoder('utf-8').decode(bytes);
  });
}
