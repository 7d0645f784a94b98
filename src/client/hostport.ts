/**
 * Host/port handling of CPython http.client: `_get_hostport` (host strings with a port, IPv6
 * brackets, InvalidURL for a non-numeric port), `_validate_host`, and the automatic Host header
 * of `putrequest` (port only when not the default, IPv6 in brackets, IDNA for non-ASCII names).
 */
import { InvalidURL } from './errors.js';

/** CPython _contains_disallowed_url_pchar_re: controls and space. */
const DISALLOWED_URL_PCHAR = /[\x00-\x20\x7f]/;

/** Python int(): optional sign, digits with single underscores, surrounding whitespace. */
const PY_INT = /^\s*[+-]?\d(?:_?\d)*\s*$/;

/** CPython _get_hostport: splits "host:port" / "[v6]:port" when no port was given. */
export function getHostport(host: string, port: number | null | undefined, defaultPort: number): [string, number] {
  if (port !== null && port !== undefined) return [stripBrackets(host), port];
  let p = defaultPort;
  const i = host.lastIndexOf(':');
  const j = host.lastIndexOf(']');
  if (i > j) {
    const text = host.slice(i + 1);
    if (PY_INT.test(text)) p = Number(text.replace(/_/g, ''));
    else if (text !== '') throw new InvalidURL(`nonnumeric port: '${text}'`);
    host = host.slice(0, i);
  }
  return [stripBrackets(host), p];
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** CPython _validate_host / _validate_path: no control characters (CVE-2019-18348, CVE-2019-9740). */
export function validateNoControls(value: string): void {
  const m = DISALLOWED_URL_PCHAR.exec(value);
  if (m !== null) throw new InvalidURL(`URL can't contain control characters. ${pyRepr(value)} (found at least ${pyRepr(m[0])})`);
}

/** The Host header putrequest adds for `url` on a connection to host:port. */
export function hostHeader(url: string, host: string, port: number, defaultPort: number): string {
  const netloc = url.startsWith('http') ? absoluteNetloc(url) : '';
  if (netloc !== '') return asciiHost(netloc);
  let enc = asciiHost(host);
  // RFC 3986 §3.2.2 (CPython: "As per RFC 273, IPv6 address should be wrapped with []").
  if (host.includes(':')) enc = `[${enc}]`;
  return port === defaultPort ? enc : `${enc}:${port}`;
}

/** urlsplit(url).netloc for an absolute URL, '' otherwise. */
function absoluteNetloc(url: string): string {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(url);
  return m === null ? '' : m[1]!;
}

/** CPython: host.encode("ascii"), falling back to the idna codec. */
function asciiHost(host: string): string {
  if (/^[\x00-\x7f]*$/.test(host)) return host;
  // The WHATWG URL parser applies IDNA (UTS #46) to the host; no node:url import needed.
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    throw new InvalidURL(`cannot encode host ${pyRepr(host)} with IDNA`);
  }
}

/** A short Python-like repr of a string for error messages. */
export function pyRepr(s: string): string {
  const body = s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/[\x00-\x1f\x7f]/g, (c) => {
    const map: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };
    return map[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `'${body}'`;
}
