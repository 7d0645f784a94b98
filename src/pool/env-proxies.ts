/**
 * Proxies from the environment, as Requests reads them (requests.utils + urllib.request):
 *
 * - getproxiesEnvironment(): every `<scheme>_proxy` variable, either case, lower-case winning
 *   (CPython's getproxies_environment; `no_proxy` appears as key `no`). Under CGI
 *   (REQUEST_METHOD set) an upper-case HTTP_PROXY is ignored (CVE-2016-1000110, httpoxy).
 * - shouldBypassProxies(url, noProxy): Requests' should_bypass_proxies: `no_proxy` entries are
 *   hosts, `.domain` suffixes, `host:port`, `*`, and IPv4 CIDR ranges for IPv4 hosts.
 * - selectProxy(url, proxies): Requests' select_proxy key order
 *   (scheme://host, scheme, all://host, all).
 */
import { urlsplit } from '../parse/split.js';

type Env = Readonly<Record<string, string | undefined>>;

/** CPython's urllib.request.getproxies_environment(): { http: ..., https: ..., no: ..., all: ... }. */
export function getproxiesEnvironment(env: Env = process.env): Record<string, string> {
  const proxies: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const lower = name.toLowerCase();
    if (value && lower.endsWith('_proxy')) proxies[lower.slice(0, -6)] = value;
  }
  if (env['REQUEST_METHOD'] !== undefined) delete proxies['http'];
  // Lower-case variables are authoritative: a set one wins, an empty one removes the entry.
  for (const [name, value] of Object.entries(env)) {
    if (!name.endsWith('_proxy')) continue;
    const key = name.toLowerCase().slice(0, -6);
    if (value) proxies[key] = value;
    else delete proxies[key];
  }
  return proxies;
}

/**
 * Requests' get_environ_proxies(url, no_proxy): {} when the URL bypasses proxies, else the
 * environment's proxies (with `no` removed). Without a URL, just the environment's proxies.
 */
export function getEnvironProxies(url?: string, opts: { noProxy?: string | null; env?: Env } = {}): Record<string, string> {
  const env = opts.env ?? process.env;
  if (url !== undefined && shouldBypassProxies(url, opts.noProxy ?? null, env)) return {};
  const proxies = getproxiesEnvironment(env);
  delete proxies['no'];
  return proxies;
}

/** Requests' should_bypass_proxies: `noProxy` null → the no_proxy environment variable. */
export function shouldBypassProxies(url: string, noProxy: string | null = null, env: Env = process.env): boolean {
  const noProxyValue = noProxy ?? env['no_proxy'] ?? env['NO_PROXY'] ?? null;
  let hostname: string | null;
  let port: number | null;
  try {
    const parts = urlsplit(url);
    hostname = parts.hostname;
    port = parts.port;
  } catch {
    return false;
  }
  if (hostname === null) return true;
  if (noProxyValue && matchesNoProxyList(hostname, port, noProxyValue)) return true;
  return proxyBypassEnvironment(hostname, noProxyValue);
}

function matchesNoProxyList(hostname: string, port: number | null, noProxy: string): boolean {
  const entries = noProxy.replace(/ /g, '').split(',').filter((h) => h !== '');
  if (isIpv4(hostname)) {
    return entries.some((entry) => (isValidCidr(entry) ? addressInNetwork(hostname, entry) : hostname === entry));
  }
  const withPort = port ? `${hostname}:${port}` : hostname;
  // Requests matches by plain suffix (so "example.com" also covers "notexample.com"); kept as is.
  return entries.some((entry) => hostname.endsWith(entry) || withPort.endsWith(entry));
}

/** CPython's proxy_bypass_environment for a hostname (no port): `*`, exact names, dot-suffixes. */
function proxyBypassEnvironment(hostname: string, noProxy: string | null): boolean {
  if (!noProxy) return false;
  if (noProxy === '*') return true;
  const host = hostname.toLowerCase();
  for (const raw of noProxy.split(',')) {
    const name = raw.trim().replace(/^\.+/, '').toLowerCase();
    if (!name) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** Requests' select_proxy: the most specific entry for the URL, or null. */
export function selectProxy(url: string, proxies: Readonly<Record<string, string | null | undefined>> | null | undefined): string | null {
  if (!proxies) return null;
  const parts = urlsplit(url);
  const pick = (k: string): string | null | undefined => (Object.prototype.hasOwnProperty.call(proxies, k) ? proxies[k] : undefined);
  if (parts.hostname === null) return pick(parts.scheme) ?? pick('all') ?? null;
  for (const key of [`${parts.scheme}://${parts.hostname}`, parts.scheme, `all://${parts.hostname}`, 'all']) {
    const v = pick(key);
    if (v !== undefined) return v;
  }
  return null;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4ToInt(s: string): number | null {
  const m = IPV4.exec(s);
  if (!m) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    n = n * 256 + octet;
  }
  return n;
}

function isIpv4(s: string): boolean {
  return ipv4ToInt(s) !== null;
}

/** Requests' is_valid_cidr: a.b.c.d/n with 1 ≤ n ≤ 32. */
export function isValidCidr(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0 || s.indexOf('/', slash + 1) >= 0) return false;
  const bits = s.slice(slash + 1);
  if (!/^\d+$/.test(bits)) return false;
  const n = Number(bits);
  return n >= 1 && n <= 32 && isIpv4(s.slice(0, slash));
}

/** Requests' address_in_network: is `ip` inside `net` (a.b.c.d/n)? */
export function addressInNetwork(ip: string, net: string): boolean {
  const [base, bitsText] = net.split('/') as [string, string];
  const addr = ipv4ToInt(ip);
  const network = ipv4ToInt(base);
  if (addr === null || network === null) return false;
  const bits = Number(bitsText);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((addr & mask) >>> 0) === ((network & mask) >>> 0);
}
