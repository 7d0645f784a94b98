/**
 * urlsplit / urlparse / urlunsplit / urlunparse / urldefrag, CPython 3.11.2 (Debian) exact:
 * leading C0-control-or-space stripped, '\t' '\r' '\n' removed anywhere (WHATWG, bpo-43882),
 * scheme only when its first char is an ASCII letter, netloc after '//' up to '/', '?' or '#',
 * bracketed-host and NFKC netloc checks. bytes in, bytes out, via ASCII as _coerce_args does.
 */
import { coerceKind, fromLatin1, requireStrOrBytes, toStr, type StrOrBytes } from './bytes.js';
import { USES_PARAMS, unparseStr, unsplitStr } from './compose.js';
import {
  DefragResult, DefragResultBytes, ParseResult, ParseResultBytes, SplitResult, SplitResultBytes,
} from './results.js';
import { checkBracketedNetloc, checkNetloc } from './validate.js';

/** Options of urlsplit()/urlparse(). */
export interface SplitOptions {
  /** Scheme used when the URL has none. Default ''. */
  scheme?: StrOrBytes;
  /** When false, '#' is not a delimiter (the fragment stays in path or query). Default true. */
  allowFragments?: boolean;
}

type Parts5 = [string, string, string, string, string];

/** Parse a URL into 5 components: `<scheme>://<netloc>/<path>?<query>#<fragment>`. */
export function urlsplit(url: string, opts?: SplitOptions): SplitResult;
export function urlsplit(url: Uint8Array, opts?: SplitOptions): SplitResultBytes;
export function urlsplit(url: StrOrBytes, opts?: SplitOptions): SplitResult | SplitResultBytes;
export function urlsplit(url: StrOrBytes, opts?: SplitOptions): SplitResult | SplitResultBytes {
  const scheme = opts?.scheme ?? '';
  const allowFragments = opts?.allowFragments ?? true;
  if (typeof url === 'string' && typeof scheme === 'string') {
    // The hot path: no coercion.
    const p = splitStr(url, scheme, allowFragments);
    return new SplitResult(p[0], p[1], p[2], p[3], p[4]);
  }
  requireStrOrBytes('urlsplit', url);
  coerceKind(url, scheme);
  if (typeof url === 'string') return new SplitResult(...splitStr(url, toStr(scheme), allowFragments));
  const parts = splitStr(toStr(url), toStr(scheme), allowFragments);
  return new SplitResultBytes(...(parts.map(fromLatin1) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]));
}

/** Parse a URL into 6 components: `<scheme>://<netloc>/<path>;<params>?<query>#<fragment>`. */
export function urlparse(url: string, opts?: SplitOptions): ParseResult;
export function urlparse(url: Uint8Array, opts?: SplitOptions): ParseResultBytes;
export function urlparse(url: StrOrBytes, opts?: SplitOptions): ParseResult | ParseResultBytes;
export function urlparse(url: StrOrBytes, opts?: SplitOptions): ParseResult | ParseResultBytes {
  const scheme = opts?.scheme ?? '';
  requireStrOrBytes('urlparse', url);
  const isBytes = coerceKind(url, scheme);
  const parts = parseStr(toStr(url), toStr(scheme), opts?.allowFragments ?? true);
  if (!isBytes) return new ParseResult(...parts);
  return new ParseResultBytes(...(parts.map(fromLatin1) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]));
}

/** urlparse on strings: urlsplit, then params after the last path segment's ';'. */
export function parseStr(url: string, scheme: string, allowFragments: boolean): [string, string, string, string, string, string] {
  const [s, netloc, path, query, fragment] = splitStr(url, scheme, allowFragments);
  let p = path;
  let params = '';
  if (USES_PARAMS.has(s) && p.includes(';')) [p, params] = splitParams(p);
  return [s, netloc, p, params, query, fragment];
}

/** _splitparams: ';' searched from the last '/' (or from the start when there is none). */
function splitParams(url: string): [string, string] {
  const slash = url.lastIndexOf('/');
  const i = url.indexOf(';', slash < 0 ? 0 : slash);
  if (i < 0) return [url, ''];
  return [url.slice(0, i), url.slice(i + 1)];
}

/** urlsplit's algorithm on strings. */
export function splitStr(url: string, scheme: string, allowFragments: boolean): Parts5 {
  url = removeUnsafe(lstripC0(url));
  scheme = removeUnsafe(stripC0(scheme));
  let netloc = '';
  let query = '';
  let fragment = '';
  const colon = url.indexOf(':');
  if (colon > 0 && isSchemeStart(url.charCodeAt(0))) {
    const run = schemeRun(url, colon);
    if (run !== NOT_SCHEME) {
      scheme = run === LOWER ? url.slice(0, colon) : url.slice(0, colon).toLowerCase();
      url = url.slice(colon + 1);
    }
  }
  if (url.charCodeAt(0) === 0x2f && url.charCodeAt(1) === 0x2f) {
    const end = netlocEnd(url);
    netloc = url.slice(2, end);
    url = url.slice(end);
    checkBrackets(netloc);
  }
  if (allowFragments) {
    const hash = url.indexOf('#');
    if (hash >= 0) {
      fragment = url.slice(hash + 1);
      url = url.slice(0, hash);
    }
  }
  const q = url.indexOf('?');
  if (q >= 0) {
    query = url.slice(q + 1);
    url = url.slice(0, q);
  }
  checkNetloc(netloc);
  return [scheme, netloc, url, query, fragment];
}

function checkBrackets(netloc: string): void {
  const open = netloc.includes('[');
  const close = netloc.includes(']');
  if (open !== close) throw new RangeError('Invalid IPv6 URL');
  if (open) checkBracketedNetloc(netloc);
}

/** _splitnetloc: the netloc ends at the first '/', '?' or '#' after the leading '//'. */
function netlocEnd(url: string): number {
  // Native indexOf scans beat a per-char loop by far in V8.
  let end = url.length;
  const slash = url.indexOf('/', 2);
  if (slash >= 0) end = slash;
  const q = url.indexOf('?', 2);
  if (q >= 0 && q < end) end = q;
  const h = url.indexOf('#', 2);
  if (h >= 0 && h < end) end = h;
  return end;
}

function isSchemeStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

const NOT_SCHEME = 0;
const LOWER = 1;
const MIXED = 2;

/** Whether every char before the ':' is in scheme_chars (ASCII letters, digits, '+-.'), and its case. */
function schemeRun(url: string, end: number): number {
  let result = LOWER;
  for (let i = 0; i < end; i++) {
    const c = url.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) continue;
    if (c >= 0x41 && c <= 0x5a) result = MIXED;
    else if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e)) return NOT_SCHEME;
  }
  return result;
}

/** url.lstrip(_WHATWG_C0_CONTROL_OR_SPACE): U+0000-U+0020. */
function lstripC0(s: string): string {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) <= 0x20) i++;
  return i === 0 ? s : s.slice(i);
}

function stripC0(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) <= 0x20) end--;
  return lstripC0(end === s.length ? s : s.slice(0, end));
}

const UNSAFE_ALL = /[\t\n\r]/g;

/** _UNSAFE_URL_BYTES_TO_REMOVE: '\t', '\r', '\n' anywhere. */
function removeUnsafe(s: string): string {
  // Three native single-char scans are cheaper than one regex scan in V8.
  if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
  return s.replace(UNSAFE_ALL, '');
}

type Components = Iterable<StrOrBytes | null | undefined>;

function takeParts(components: Components, n: number): { parts: string[]; isBytes: boolean } {
  const list = [...components];
  // CPython unpacks the components plus _coerce_args' result function, hence the +1s.
  if (list.length < n) throw new RangeError(`not enough values to unpack (expected ${n + 1}, got ${list.length + 1})`);
  if (list.length > n) throw new RangeError(`too many values to unpack (expected ${n + 1})`);
  const isBytes = coerceKind(list[0], ...list.slice(1));
  return { parts: list.map((x) => (x === null || x === undefined ? '' : toStr(x))), isBytes };
}

/** Put a urlsplit() result (or any 5 components) back together. */
export function urlunsplit(components: Iterable<string>): string;
export function urlunsplit(components: Iterable<Uint8Array>): Uint8Array;
export function urlunsplit(components: Components): StrOrBytes;
export function urlunsplit(components: Components): StrOrBytes {
  const { parts, isBytes } = takeParts(components, 5);
  const url = unsplitStr(...(parts as Parts5));
  return isBytes ? fromLatin1(url) : url;
}

/** Put a urlparse() result (or any 6 components) back together. */
export function urlunparse(components: Iterable<string>): string;
export function urlunparse(components: Iterable<Uint8Array>): Uint8Array;
export function urlunparse(components: Components): StrOrBytes;
export function urlunparse(components: Components): StrOrBytes {
  const { parts, isBytes } = takeParts(components, 6);
  const url = unparseStr(...(parts as [string, string, string, string, string, string]));
  return isBytes ? fromLatin1(url) : url;
}

/** Remove the fragment: `[url without '#…', fragment]`. */
export function urldefrag(url: string): DefragResult;
export function urldefrag(url: Uint8Array): DefragResultBytes;
export function urldefrag(url: StrOrBytes): DefragResult | DefragResultBytes;
export function urldefrag(url: StrOrBytes): DefragResult | DefragResultBytes {
  requireStrOrBytes('urldefrag', url);
  const isBytes = typeof url !== 'string';
  const s = toStr(url);
  let defrag = s;
  let frag = '';
  if (s.includes('#')) {
    const [scheme, netloc, path, params, query, fragment] = parseStr(s, '', true);
    defrag = unparseStr(scheme, netloc, path, params, query, '');
    frag = fragment;
  }
  return isBytes ? new DefragResultBytes(fromLatin1(defrag), fromLatin1(frag)) : new DefragResult(defrag, frag);
}
