/**
 * urlsplit()'s netloc checks (CPython 3.11.2 + Debian security fixes): bracketed hosts must be
 * IPv6 addresses (ipaddress.ip_address rules, scope ids included) or IPvFuture; and a non-ASCII
 * netloc must not grow URL delimiters under NFKC (bpo-36216: '\u2100' expands to 'a/c').
 */
import { reprStr } from './pyrepr.js';

/** _check_bracketed_netloc: nothing before '[', only ':port' after ']'. Mirrors _hostinfo's split. */
export function checkBracketedNetloc(netloc: string): void {
  const hostPort = netloc.slice(netloc.lastIndexOf('@') + 1);
  const open = hostPort.indexOf('[');
  let hostname: string;
  if (open >= 0) {
    if (open > 0) throw new RangeError('Invalid IPv6 URL');
    const bracketed = hostPort.slice(open + 1);
    const close = bracketed.indexOf(']');
    hostname = close < 0 ? bracketed : bracketed.slice(0, close);
    const port = close < 0 ? '' : bracketed.slice(close + 1);
    if (port && port[0] !== ':') throw new RangeError('Invalid IPv6 URL');
  } else {
    const colon = hostPort.indexOf(':');
    hostname = colon < 0 ? hostPort : hostPort.slice(0, colon);
  }
  checkBracketedHost(hostname);
}

// RFC 3986 §3.2.2 IPvFuture, as CPython's regex \Av[a-fA-F0-9]+\..+\Z ('.' excludes only '\n').
const IPV_FUTURE = /^v[a-fA-F0-9]+\.[^\n]+$/;

/** _check_bracketed_host: IPvFuture, or an IPv6 address (an IPv4 address is refused). */
export function checkBracketedHost(hostname: string): void {
  if (hostname.startsWith('v')) {
    if (!IPV_FUTURE.test(hostname)) throw new RangeError('IPvFuture address is invalid');
    return;
  }
  if (isIPv4(hostname)) throw new RangeError('An IPv4 address cannot be in brackets');
  if (!isIPv6(hostname)) throw new RangeError(`${reprStr(hostname)} does not appear to be an IPv4 or IPv6 address`);
}

/** ipaddress.IPv4Address: four decimal octets 0-255, no leading zeros (bpo-36384). */
export function isIPv4(s: string): boolean {
  const octets = s.split('.');
  if (octets.length !== 4) return false;
  for (const o of octets) {
    if (o.length === 0 || o.length > 3) return false;
    for (let i = 0; i < o.length; i++) {
      const c = o.charCodeAt(i);
      if (c < 0x30 || c > 0x39) return false;
    }
    if (o.length > 1 && o[0] === '0') return false;
    if (Number(o) > 255) return false;
  }
  return true;
}

/** ipaddress.IPv6Address, including a '%scope' suffix and an IPv4 tail. */
export function isIPv6(s: string): boolean {
  if (s.includes('/')) return false;
  let addr = s;
  const pct = s.indexOf('%');
  if (pct >= 0) {
    const scope = s.slice(pct + 1);
    if (!scope || scope.includes('%')) return false;
    addr = s.slice(0, pct);
  }
  if (!addr) return false;
  const parts = addr.split(':');
  if (parts.length < 3) return false;
  const last = parts[parts.length - 1] as string;
  if (last.includes('.')) {
    if (!isIPv4(last)) return false;
    parts.splice(parts.length - 1, 1, '0', '0');
  }
  if (parts.length > 9) return false;
  return hextetsValid(parts);
}

/** The '::' bookkeeping of IPv6Address._ip_int_from_string, then each hextet's syntax. */
function hextetsValid(parts: string[]): boolean {
  const n = parts.length;
  let skip = -1;
  for (let i = 1; i < n - 1; i++) {
    if (!parts[i]) {
      if (skip >= 0) return false;
      skip = i;
    }
  }
  let hi = n;
  let lo = 0;
  if (skip >= 0) {
    hi = skip;
    lo = n - skip - 1;
    if (!parts[0] && --hi) return false;
    if (!parts[n - 1] && --lo) return false;
    if (8 - (hi + lo) < 1) return false;
  } else if (n !== 8 || !parts[0] || !parts[n - 1]) {
    return false;
  }
  for (let i = 0; i < hi; i++) if (!isHextet(parts[i] as string)) return false;
  for (let i = n - lo; i < n; i++) if (!isHextet(parts[i] as string)) return false;
  return true;
}

function isHextet(h: string): boolean {
  if (h.length === 0 || h.length > 4) return false;
  for (let i = 0; i < h.length; i++) {
    if (!isHexDigit(h.charCodeAt(i))) return false;
  }
  return true;
}

/** [0-9A-Fa-f] */
export function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** _checknetloc: a non-ASCII netloc whose NFKC form contains '/?#@:' is refused. */
export function checkNetloc(netloc: string): void {
  if (!netloc || isAscii(netloc)) return;
  const n = netloc.replace(/[@:#?]/g, '');
  const normalized = n.normalize('NFKC');
  if (n === normalized) return;
  if (/[/?#@:]/.test(normalized)) {
    throw new RangeError(`netloc '${netloc}' contains invalid characters under NFKC normalization`);
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

/** str.isascii(). */
export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}
