/**
 * The netloc accessors of CPython's _NetlocResultMixinStr/_NetlocResultMixinBytes (username,
 * password, hostname, port), written once over strings; bytes results pass a latin-1 view.
 */
import { fromLatin1 } from './bytes.js';
import { reprBytes, reprStr } from './pyrepr.js';
import { pyLower } from './unicode14.js';

/** _userinfo: text before the last '@', split at its first ':'. */
export function userinfo(netloc: string): [string | null, string | null] {
  const at = netloc.lastIndexOf('@');
  if (at < 0) return [null, null];
  const info = netloc.slice(0, at);
  const colon = info.indexOf(':');
  return colon < 0 ? [info, null] : [info.slice(0, colon), info.slice(colon + 1)];
}

// Where _hostinfo's parts lie in the last netloc looked at: `hostname` and `port` are usually
// read one after the other on the same result, so the second read skips the scan.
let lastNetloc: string | null = null;
let hostStart = 0;
let hostEnd = 0;
let portStart = -1; // index after the port's ':', -1 without one

function locate(netloc: string): void {
  if (netloc === lastNetloc) return;
  const start = netloc.lastIndexOf('@') + 1;
  const open = netloc.indexOf('[', start);
  if (open >= 0) {
    // _hostinfo: the host is what follows the first '[' up to ']'; the port follows a ':' after it.
    const close = netloc.indexOf(']', open + 1);
    hostStart = open + 1;
    hostEnd = close < 0 ? netloc.length : close;
    const colon = close < 0 ? -1 : netloc.indexOf(':', close + 1);
    portStart = colon < 0 ? -1 : colon + 1;
  } else {
    const colon = netloc.indexOf(':', start);
    hostStart = start;
    hostEnd = colon < 0 ? netloc.length : colon;
    portStart = colon < 0 ? -1 : colon + 1;
  }
  lastNetloc = netloc;
}

/** _hostinfo's hostname: after the last '@', inside brackets when there is a '[', else up to ':'. */
export function hostOf(netloc: string): string {
  locate(netloc);
  return hostStart === 0 && hostEnd === netloc.length ? netloc : netloc.slice(hostStart, hostEnd);
}

/** _hostinfo's port text: after the first ':' that follows the host (or its ']'); null when empty. */
export function portTextOf(netloc: string): string | null {
  locate(netloc);
  return portStart < 0 || portStart === netloc.length ? null : netloc.slice(portStart);
}

/**
 * hostname from _hostinfo's host: lower-cased, except an IPv6 zone after '%' (CPython keeps
 * `%tESt` as written). `asciiOnly` lower-cases as bytes.lower() does.
 */
export function hostnameFrom(host: string, asciiOnly: boolean): string | null {
  if (!host) return null;
  const pct = host.indexOf('%');
  const head = pct < 0 ? host : host.slice(0, pct);
  const lowered = asciiOnly ? head.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : pyLower(head);
  return pct < 0 ? lowered : lowered + host.slice(pct);
}

// CPython caps int(str) at 4300 digits (sys.int_info.str_digits_check_threshold default).
const INT_MAX_STR_DIGITS = 4300;

/** port from _hostinfo's port: ASCII digits only, 0-65535, else a RangeError naming the value as CPython's ValueError does. */
export function portFrom(port: string | null, isBytes: boolean): number | null {
  if (port === null) return null;
  let value = 0;
  for (let i = 0; i < port.length; i++) {
    const c = port.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      const shown = isBytes ? reprBytes(fromLatin1(port)) : reprStr(port);
      throw new RangeError(`Port could not be cast to integer value as ${shown}`);
    }
    if (value <= 65535) value = value * 10 + (c - 0x30);
  }
  if (port.length > INT_MAX_STR_DIGITS) {
    throw new RangeError(`Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${port.length} digits; use sys.set_int_max_str_digits() to increase the limit`);
  }
  if (value > 65535) throw new RangeError('Port out of range 0-65535');
  return value;
}
