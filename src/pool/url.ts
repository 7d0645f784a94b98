/**
 * What the pool needs from a URL (urllib3's parse_url as PoolManager uses it), on top of
 * parse/'s CPython-exact urlsplit: scheme, lower-cased host, effective port, the request
 * target (path + query, '/' when empty; the fragment never goes on the wire), the Host header
 * value, and the userinfo. Parsed targets are cached (small LRU): the hot path reuses URLs.
 */
import { urlsplit } from '../parse/split.js';
import { LocationParseError, LocationValueError, URLSchemeUnknown } from './errors.js';

export const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };

export interface Target {
  readonly scheme: string;
  /** Host name without brackets, lower-cased. */
  readonly host: string;
  readonly port: number;
  /** origin-form request target: path (at least '/') plus '?query' when there is one. */
  readonly requestUri: string;
  /** Host header value: host (IPv6 bracketed) plus ':port' unless the scheme's default. */
  readonly authority: string;
  /** scheme://authority + requestUri, without userinfo or fragment (absolute-form for proxies). */
  readonly absolute: string;
  /** Percent-decoded userinfo, null when absent. */
  readonly username: string | null;
  readonly password: string | null;
}

const cache = new Map<string, Target>();
const CACHE_MAX = 256;

/** Parses an http(s) URL; URLSchemeUnknown for other schemes, LocationValueError without a host, LocationParseError on a bad port. */
export function parseTarget(url: string): Target {
  const hit = cache.get(url);
  if (hit) return hit;
  const t = Object.freeze(build(url));
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(url, t);
  return t;
}

function build(url: string): Target {
  const parts = urlsplit(url);
  const scheme = parts.scheme.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw new URLSchemeUnknown(scheme);
  const host = parts.hostname;
  if (!host) throw new LocationValueError(`No host specified in URL: ${url}`);
  if (!host.includes(':')) checkRegName(host, url);
  let port: number | null;
  try {
    port = parts.port;
  } catch (err) {
    throw new LocationParseError(`Failed to parse: ${url} (${(err as Error).message})`, { cause: err });
  }
  const defaultPort = DEFAULT_PORTS[scheme] ?? null;
  const effective = port ?? defaultPort;
  if (effective === null) throw new LocationValueError(`No port for scheme ${scheme} in URL: ${url}`);
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const authority = effective === defaultPort ? hostPart : `${hostPart}:${effective}`;
  const requestUri = (parts.path || '/') + (parts.query ? `?${parts.query}` : '');
  return {
    scheme, host, port: effective, requestUri, authority,
    absolute: `${scheme}://${authority}${requestUri}`,
    username: parts.username === null ? null : unquote(parts.username),
    password: parts.password === null ? null : unquote(parts.password),
  };
}

/**
 * Host names that no resolver would take are refused before any I/O, as urllib3 does: its
 * parse_url only admits valid %XX escapes in a reg-name, and create_connection refuses what
 * Python's idna codec refuses (an empty label, or one over 63 characters; one trailing dot is fine).
 */
function checkRegName(host: string, url: string): void {
  for (let i = host.indexOf('%'); i !== -1; i = host.indexOf('%', i + 1)) {
    if (!/^[0-9a-fA-F]{2}$/.test(host.slice(i + 1, i + 3))) throw new LocationParseError(`Failed to parse: ${url}`);
  }
  const labels = host.split('.');
  if (labels.length > 1 && labels[labels.length - 1] === '') labels.pop();
  for (const label of labels) {
    if (label.length === 0 || label.length > 63) throw new LocationParseError(`'${host}', label empty or too long`);
  }
}

/** CPython's unquote (UTF-8, errors='replace') for userinfo: %XX sequences → bytes → text. */
export function unquote(s: string): string {
  return s.includes('%') ? percentDecode(s) : s;
}

function percentDecode(s: string): string {
  const bytes: number[] = [];
  const raw = Buffer.from(s, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const hex = raw[i] === 0x25 && i + 2 < raw.length ? raw.subarray(i + 1, i + 3).toString('latin1') : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(raw[i]!);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** True when both URLs reach the same scheme, host and port (urllib3's is_same_host). */
export function sameOrigin(a: Target, b: Target): boolean {
  return a.scheme === b.scheme && a.host === b.host && a.port === b.port;
}
