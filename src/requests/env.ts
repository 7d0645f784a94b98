/**
 * What Requests takes from the environment when `trustEnv` is on (requests/utils.py):
 * proxies (`*_proxy`, `no_proxy`; the pool's env helpers), the CA bundle
 * (REQUESTS_CA_BUNDLE, then CURL_CA_BUNDLE) and `.netrc` credentials (NETRC, else ~/.netrc,
 * ~/_netrc) for the host actually requested.
 *
 * Precedence (Session.mergeEnvironmentSettings): explicit argument > session setting >
 * environment. Proxies from the environment only fill schemes the caller left unset.
 *
 * When: Requests reads os.environ on every request, which costs Python a dict lookup. In Node each
 * `process.env` read is a call into C++ that scans the whole environment (about 0.13 µs here), and
 * a plain request needs five of them: a fifth of the Requests layer's cost with 64 requests in
 * flight (issue 6's overhead target). So the variables that decide the common case (no proxy
 * variable for the scheme, NETRC, the CA-bundle variables) are read once per event-loop turn and
 * shared by the requests that start in that turn (`turnEnv`). A turn ends when Node waits for
 * I/O (its loop idle time grows) and at the latest in the loop iteration's check phase, so a
 * change to `process.env` is seen by a request started after an `await` that waited on I/O or a
 * timer. Requests started in the same turn around a change (the same synchronous run, or
 * callbacks Node runs in one loop iteration without waiting in between) share the first reading:
 * the one departure from Requests. When a proxy variable is set, the proxies themselves are still
 * read from the environment for each request.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { urlsplit } from '../parse/split.js';
import { getEnvironProxies, shouldBypassProxies } from '../pool/env-proxies.js';
import { caBundleFromEnv } from '../pool/tls.js';
import { startsWithIgnoreCase } from '../internal/ascii.js';

import type { Proxies } from './proxies.js';

export { getEnvironProxies, shouldBypassProxies, caBundleFromEnv };

const PROXY_VARS: Record<'http' | 'https', readonly string[]> = {
  http: ['http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'],
  https: ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'],
};

/** The facts of the environment a plain request needs, each read on first use in a turn. */
export interface TurnEnv {
  /** No `http_proxy` nor `all_proxy` (either case) is set; undefined until asked. */
  noHttpProxy: boolean | undefined;
  /** The same for https. */
  noHttpsProxy: boolean | undefined;
  /** The netrc file to read, null when there is none; undefined until asked. */
  netrcPath: string | null | undefined;
  caBundle: string | null | undefined;
  /** The loop's idle time when the turn began: it grows whenever Node waits for I/O. */
  idleTime: number;
}

let turn: TurnEnv | null = null;
let endScheduled = false;
let nodeTiming: { readonly idleTime: number } | null = null;

function endTurn(): void {
  turn = null;
  endScheduled = false;
}

/**
 * This event-loop turn's reading of the environment (see the module comment). A request asks
 * once and hands the answer to the lookups below: each ask reads the loop's idle time.
 */
export function turnEnv(): TurnEnv {
  // A poll phase that waited for I/O and then runs the callbacks after it (the code after an
  // awaited response) comes before the check phase: the idle time tells that Node waited. It
  // costs about 30 ns; a ref'd immediate instead would cost an extra loop iteration (an
  // epoll_wait, about 3 µs of CPU) for every request made one at a time.
  const idleTime = (nodeTiming ??= performance.nodeTiming).idleTime;
  if (turn === null || turn.idleTime !== idleTime) {
    turn = { noHttpProxy: undefined, noHttpsProxy: undefined, netrcPath: undefined, caBundle: undefined, idleTime };
    // Unref'd: the reading must not keep a finished program alive, nor make the loop spin.
    if (!endScheduled) {
      endScheduled = true;
      setImmediate(endTurn).unref();
    }
  }
  return turn;
}

/**
 * True when no proxy variable that could apply to `url`'s scheme is set (`<scheme>_proxy`,
 * `all_proxy`, either case): the environment then contributes nothing to this request, and the
 * walk over every variable is skipped. Read once per turn (see the module comment).
 */
export function noEnvProxies(url: string, facts: TurnEnv = turnEnv()): boolean {
  const scheme = schemeOf(url);
  if (scheme === '') return false;
  if (scheme === 'http') return (facts.noHttpProxy ??= noProxyVars(scheme));
  return (facts.noHttpsProxy ??= noProxyVars(scheme));
}

function noProxyVars(scheme: 'http' | 'https'): boolean {
  for (const name of PROXY_VARS[scheme]) if (process.env[name]) return false;
  return true;
}

/** REQUESTS_CA_BUNDLE, else CURL_CA_BUNDLE, else null; read once per turn. */
export function caBundleThisTurn(facts: TurnEnv = turnEnv()): string | null {
  if (facts.caBundle === undefined) facts.caBundle = caBundleFromEnv();
  return facts.caBundle;
}

/** The netrc file ($NETRC, ~/.netrc, ~/_netrc), looked up once per turn. */
function netrcPathThisTurn(facts: TurnEnv): string | null {
  if (facts.netrcPath === undefined) facts.netrcPath = cachedNetrcPath(process.env);
  return facts.netrcPath;
}

/** 'http', 'https' or '' from the URL's first characters (no lower-cased copy: this runs per request). */
function schemeOf(url: string): 'http' | 'https' | '' {
  if (startsWithIgnoreCase(url, 'http:')) return 'http';
  return startsWithIgnoreCase(url, 'https:') ? 'https' : '';
}

/** Requests' get_environ_proxies(url, no_proxy), with the fast path above. */
export function environProxiesFor(url: string, noProxy: string | null, facts: TurnEnv = turnEnv()): Record<string, string> {
  return noEnvProxies(url, facts) ? {} : getEnvironProxies(url, { noProxy });
}

/** requests.utils.resolve_proxies: the explicit proxies, completed from the environment for this URL's scheme. */
export function resolveProxies(url: string, proxies: Proxies | null | undefined, trustEnv: boolean): Proxies {
  const out: Proxies = { ...(proxies ?? {}) };
  const noProxy = out['no_proxy'] ?? null;
  let scheme: string;
  try {
    scheme = urlsplit(url).scheme;
  } catch {
    return out;
  }
  if (trustEnv && !noEnvProxies(url) && !shouldBypassProxies(url, noProxy)) {
    const env = getEnvironProxies(url, { noProxy });
    const proxy = env[scheme] ?? env['all'];
    if (proxy && out[scheme] === undefined) out[scheme] = proxy;
  }
  return out;
}

/**
 * Where netrc lives, re-checked at most every NETRC_RECHECK_MS: Requests stats the files on
 * every request, which costs ~10 µs; a file created or removed is noticed within that delay.
 */
const NETRC_RECHECK_MS = 1000;
let netrcCache: { netrcVar: string | undefined; path: string | null; at: number } | null = null;

function cachedNetrcPath(env: NodeJS.ProcessEnv): string | null {
  // HOME is read only on a recheck.
  const netrcVar = env['NETRC'];
  const now = Date.now();
  if (netrcCache !== null && netrcCache.netrcVar === netrcVar && now - netrcCache.at < NETRC_RECHECK_MS) return netrcCache.path;
  const path = netrcPath(env);
  netrcCache = { netrcVar, path, at: now };
  return path;
}

/** The netrc files Requests looks at: $NETRC, else ~/.netrc then ~/_netrc. */
function netrcPath(env: NodeJS.ProcessEnv): string | null {
  const explicit = env['NETRC'];
  if (explicit !== undefined) return existsSync(explicit) ? explicit : null;
  let home: string;
  try {
    home = env['HOME'] ?? homedir();
  } catch {
    return null;
  }
  for (const name of ['.netrc', '_netrc']) {
    const p = join(home, name);
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * requests.utils.get_netrc_auth: `[login, password]` for the URL's host from netrc, else null.
 * A URL carrying its own userinfo is left alone (Requests looks up the wrong name then and finds nothing).
 */
export function getNetrcAuth(url: string, facts: TurnEnv = turnEnv()): [string, string] | null {
  const path = netrcPathThisTurn(facts);
  if (path === null) return null;
  let host: string | null;
  try {
    const parts = urlsplit(url);
    if (parts.netloc.includes('@')) return null;
    host = parts.netloc.split(':')[0] ?? null;
  } catch {
    return null;
  }
  if (host === null || host === '') return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const entry = parseNetrc(text).get(host) ?? parseNetrc(text).get('default');
  if (entry === undefined) return null;
  const login = entry.login !== '' ? entry.login : entry.account;
  return [login, entry.password];
}

interface NetrcEntry {
  login: string;
  account: string;
  password: string;
}

/** CPython's netrc grammar: machine/default entries with login, account, password; macdef bodies skipped. */
export function parseNetrc(text: string): Map<string, NetrcEntry> {
  const hosts = new Map<string, NetrcEntry>();
  const lines = text.split(/\r?\n/);
  const tokens: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trimStart().startsWith('#')) continue;
    const words = line.match(/"(?:\\.|[^"])*"|\S+/g) ?? [];
    for (let w = 0; w < words.length; w++) {
      const word = words[w] ?? '';
      if (word === 'macdef') {
        // A macro runs to the next blank line.
        while (i + 1 < lines.length && (lines[i + 1] ?? '').trim() !== '') i++;
        break;
      }
      tokens.push(word.startsWith('"') && word.endsWith('"') && word.length > 1 ? word.slice(1, -1).replace(/\\(.)/g, '$1') : word);
    }
  }
  let current: NetrcEntry | null = null;
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (tok === 'machine' || tok === 'default') {
      const name = tok === 'default' ? 'default' : (tokens[++t] ?? '');
      current = { login: '', account: '', password: '' };
      hosts.set(name, current);
    } else if (current !== null && (tok === 'login' || tok === 'user' || tok === 'account' || tok === 'password')) {
      const value = tokens[++t] ?? '';
      if (tok === 'password') current.password = value;
      else if (tok === 'account') current.account = value;
      else current.login = value;
    }
  }
  return hosts;
}
