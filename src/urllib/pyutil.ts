/**
 * Small pieces of Python semantics that urllib.request relies on and JavaScript lacks:
 * `str.strip()` with Python's whitespace set, `str.capitalize()` / `str.title()` for header
 * names, `repr()` of a string for error messages, and urllib.parse's private splitters
 * (`_splittype`, `_splithost`, `_splittag`, `_splitport`, `_splituser`, `_splitpasswd`, `unwrap`)
 * which are not part of httpkit/parse's public API.
 */

// CPython str.isspace(): Unicode White_Space plus the bidi-class separators \x1c-\x1f.
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING = new RegExp(`^[${PY_SPACE}]+`);
const TRAILING = new RegExp(`[${PY_SPACE}]+$`);

/** Python `s.strip()` (no argument). */
export function pyStrip(s: string): string {
  return s.replace(LEADING, '').replace(TRAILING, '');
}

/** Python `s.capitalize()`: first character upper, the rest lower ('content-TYPE' → 'Content-type'). */
export function capitalize(s: string): string {
  if (s === '') return s;
  const first = String.fromCodePoint(s.codePointAt(0)!);
  return first.toUpperCase() + s.slice(first.length).toLowerCase();
}

/** Python `s.title()`: upper-case a letter that follows a non-letter, lower-case the others. */
export function title(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    const cased = ch.toLowerCase() !== ch.toUpperCase();
    out += cased ? (prevCased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    prevCased = cased;
  }
  return out;
}

/** Python `repr()` of a str, for messages that CPython formats with `%r`. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else out += ch;
  }
  return quote + out + quote;
}

/** urllib.parse.unwrap: '<URL:type://host/path>' → 'type://host/path'. */
export function unwrap(url: string | URL): string {
  // CPython: str(url).strip(), so URL objects work too.
  let u = pyStrip(String(url));
  if (u.startsWith('<') && u.endsWith('>') && u.length >= 2) u = pyStrip(u.slice(1, -1));
  if (u.startsWith('URL:')) u = pyStrip(u.slice(4));
  return u;
}

/** urllib.parse._splittype: 'type:opaquestring' → ['type' (lower-cased), 'opaquestring']. */
export function splittype(url: string): [string | null, string] {
  const m = /^([^/:]+):([\s\S]*)$/.exec(url);
  if (m) return [m[1]!.toLowerCase(), m[2]!];
  return [null, url];
}

/** urllib.parse._splithost: '//host[:port]/path' → ['host[:port]', '/path']. */
export function splithost(url: string): [string | null, string] {
  const m = /^\/\/([^/#?]*)([\s\S]*)$/.exec(url);
  if (m) {
    let path = m[2]!;
    if (path !== '' && path[0] !== '/') path = '/' + path;
    return [m[1]!, path];
  }
  return [null, url];
}

/** urllib.parse._splittag: '/path#tag' → ['/path', 'tag'] (split at the last '#'). */
export function splittag(url: string): [string, string | null] {
  const i = url.lastIndexOf('#');
  return i >= 0 ? [url.slice(0, i), url.slice(i + 1)] : [url, null];
}

/** urllib.parse._splitport: 'host:port' → ['host', 'port']; port null when absent or empty. */
export function splitport(host: string): [string, string | null] {
  const m = /^([\s\S]*):([0-9]*)$/.exec(host);
  if (!m) return [host, null];
  // CPython reassigns host from the match even when the port is empty: 'a:' → ('a', None).
  return [m[1]!, m[2] !== '' ? m[2]! : null];
}

/** urllib.parse._splituser: 'user[:passwd]@host[:port]' → ['user[:passwd]', 'host[:port]'] (last '@'). */
export function splituser(host: string): [string | null, string] {
  const i = host.lastIndexOf('@');
  return i >= 0 ? [host.slice(0, i), host.slice(i + 1)] : [null, host];
}

/** urllib.parse._splitpasswd: 'user:passwd' → ['user', 'passwd'] (first ':'); passwd null without ':'. */
export function splitpasswd(user: string): [string, string | null] {
  const i = user.indexOf(':');
  return i >= 0 ? [user.slice(0, i), user.slice(i + 1)] : [user, null];
}

/** posixpath.normpath: like path.posix.normalize but keeps exactly two leading slashes (POSIX allows it). */
export function normpath(path: string): string {
  if (path === '') return '.';
  let initial = path.startsWith('/') ? 1 : 0;
  if (initial && path.startsWith('//') && !path.startsWith('///')) initial = 2;
  const out: string[] = [];
  for (const comp of path.split('/')) {
    if (comp === '' || comp === '.') continue;
    if (comp !== '..' || (!initial && out.length === 0) || (out.length > 0 && out[out.length - 1] === '..')) out.push(comp);
    else if (out.length > 0) out.pop();
  }
  const joined = '/'.repeat(initial) + out.join('/');
  return joined === '' ? '.' : joined;
}
