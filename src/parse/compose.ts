/**
 * urlunsplit's string algorithm and the scheme tables of CPython 3.11's urllib.parse, shared by
 * split.ts, join.ts and results.ts (kept apart so results.ts does not import split.ts).
 */

/** CPython urllib.parse.uses_relative. */
export const USES_RELATIVE: ReadonlySet<string> = new Set(['', 'ftp', 'http', 'gopher', 'nntp', 'imap',
  'wais', 'file', 'https', 'shttp', 'mms', 'prospero', 'rtsp', 'rtspu', 'sftp', 'svn', 'svn+ssh', 'ws', 'wss']);

/** CPython urllib.parse.uses_netloc. */
export const USES_NETLOC: ReadonlySet<string> = new Set(['', 'ftp', 'http', 'gopher', 'nntp', 'telnet',
  'imap', 'wais', 'file', 'mms', 'https', 'shttp', 'snews', 'prospero', 'rtsp', 'rtspu', 'rsync',
  'svn', 'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss']);

/** CPython urllib.parse.uses_params. */
export const USES_PARAMS: ReadonlySet<string> = new Set(['', 'ftp', 'hdl', 'prospero', 'http', 'imap',
  'https', 'shttp', 'rtsp', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel']);

/** urlunsplit on strings (CPython 3.11.2). */
export function unsplitStr(scheme: string, netloc: string, url: string, query: string, fragment: string): string {
  if (netloc || (scheme && USES_NETLOC.has(scheme) && !url.startsWith('//'))) {
    if (url && url[0] !== '/') url = '/' + url;
    url = '//' + netloc + url;
  }
  if (scheme) url = scheme + ':' + url;
  if (query) url = url + '?' + query;
  if (fragment) url = url + '#' + fragment;
  return url;
}

/** urlunparse on strings: params go after ';' on the path, then urlunsplit. */
export function unparseStr(scheme: string, netloc: string, url: string, params: string, query: string, fragment: string): string {
  if (params) url = url + ';' + params;
  return unsplitStr(scheme, netloc, url, query, fragment);
}
