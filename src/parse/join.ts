/**
 * urljoin, CPython 3.11.2 exact: RFC 3986 §5.2 resolution with CPython's quirks (schemes outside
 * uses_relative are returned as given, a base's netloc is only inherited for uses_netloc schemes,
 * surplus '..' segments are dropped as in RFC 3986 §5.4.2's abnormal examples).
 */
import { coerceKind, fromLatin1, isEmpty, requireStrOrBytes, toStr, type StrOrBytes } from './bytes.js';
import { USES_NETLOC, USES_RELATIVE, unparseStr } from './compose.js';
import { parseStr } from './split.js';

/** Options of urljoin(). */
export interface JoinOptions {
  /** When false, '#' is not a delimiter in either URL. Default true. */
  allowFragments?: boolean;
}

/** Join a base URL and a possibly relative URL into an absolute one. */
export function urljoin(base: string, url: string, opts?: JoinOptions): string;
export function urljoin(base: Uint8Array, url: Uint8Array, opts?: JoinOptions): Uint8Array;
export function urljoin(base: StrOrBytes, url: StrOrBytes, opts?: JoinOptions): StrOrBytes;
export function urljoin(base: StrOrBytes, url: StrOrBytes, opts?: JoinOptions): StrOrBytes {
  requireStrOrBytes('urljoin', base);
  requireStrOrBytes('urljoin', url);
  if (isEmpty(base)) return url;
  if (isEmpty(url)) return base;
  const isBytes = coerceKind(base, url);
  const joined = joinStr(toStr(base), toStr(url), opts?.allowFragments ?? true);
  return isBytes ? fromLatin1(joined) : joined;
}

/** urljoin's algorithm on strings. */
export function joinStr(base: string, url: string, allowFragments: boolean): string {
  const [bscheme, bnetloc, bpath, bparams, bquery] = parseStr(base, '', allowFragments);
  const parts = parseStr(url, bscheme, allowFragments);
  const [scheme, , path, params, , fragment] = parts;
  let [, netloc, , , query] = parts;
  if (scheme !== bscheme || !USES_RELATIVE.has(scheme)) return url;
  if (USES_NETLOC.has(scheme)) {
    if (netloc) return unparseStr(scheme, netloc, path, params, query, fragment);
    netloc = bnetloc;
  }
  if (!path && !params) {
    if (!query) query = bquery;
    return unparseStr(scheme, netloc, bpath, bparams, query, fragment);
  }
  const resolved = resolvePath(bpath, path);
  return unparseStr(scheme, netloc, resolved, params, query, fragment);
}

/** Merge and remove dot segments the way CPython's urljoin does (RFC 3986 §5.2.3-§5.2.4). */
function resolvePath(bpath: string, path: string): string {
  let base: string[];
  const relative = path.charCodeAt(0) !== 0x2f;
  if (!relative) {
    // An absolute path ignores the base path entirely.
    base = [];
  } else {
    base = bpath.split('/');
    // The last base segment is not a directory, so it does not take part in the resolution.
    if (base[base.length - 1] !== '') base.pop();
  }
  const rel = path.split('/');
  const n = base.length + rel.length;
  const resolved: string[] = [];
  for (let k = 0; k < n; k++) {
    const seg = (k < base.length ? base[k] : rel[k - base.length]) as string;
    if (seg === '..') resolved.pop();
    else if (seg === '.') continue;
    // A relative merge drops empty inner segments (they would give redundant slashes); CPython's
    // absolute-path branch keeps them.
    else if (seg === '' && relative && k > 0 && k < n - 1) continue;
    else resolved.push(seg);
  }
  const last = rel[rel.length - 1];
  if (last === '.' || last === '..') resolved.push('');
  return resolved.join('/') || '/';
}
