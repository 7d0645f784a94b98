/**
 * HTTPie's named sessions (httpie/sessions.py): `--session NAME` keeps the custom headers, the
 * auth and the cookies of a host between invocations, in
 * `$HTTPKIT_CONFIG_DIR/sessions/<host>_<port>/NAME.json` (default config dir
 * `$XDG_CONFIG_HOME/httpkit` or `~/.config/httpkit`); a NAME with a slash is a file path.
 * `--session-read-only` uses a session without updating it. The file has HTTPie's layout.
 *
 * Header precedence, as HTTPie: defaults < session < command line. Content-* and If-* headers are
 * never stored (HTTPie's SESSION_IGNORED_HEADER_PREFIXES).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { StoredCookie } from '../requests/cookies.js';
import { mergeHeaders, VERSION, type RequestPlan } from './request.js';
import { UsageError } from './args.js';

export interface SessionAuth {
  type: 'basic' | 'digest' | null;
  username: string | null;
  password: string | null;
}

export interface SessionData {
  headers: Record<string, string>;
  cookies: StoredCookie[];
  auth: SessionAuth;
}

const IGNORED_PREFIXES = ['content-', 'if-'];

function configDir(env: NodeJS.ProcessEnv): string {
  if (env.HTTPKIT_CONFIG_DIR) return env.HTTPKIT_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'httpkit');
}

/** Where a session lives: a path when the name has a slash, else per host and port. */
export function sessionPath(name: string, url: string, env: NodeJS.ProcessEnv = process.env): string {
  if (name.includes('/')) return name;
  if (!/^[\w.-]+$/.test(name)) throw new UsageError(`--session: invalid session name '${name}' (letters, digits, _ . - only)`);
  const u = new URL(url);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  const host = `${u.hostname.replace(/[[\]:]/g, '_')}_${port}`;
  return join(configDir(env), 'sessions', host, `${name}.json`);
}

const empty = (): SessionData => ({ headers: {}, cookies: [], auth: { type: null, username: null, password: null } });

/** Reads a session file; a missing file is an empty session. */
export function loadSession(path: string): SessionData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return empty();
    throw e;
  }
  let raw: Partial<SessionData>;
  try {
    raw = JSON.parse(text) as Partial<SessionData>;
  } catch (e) {
    throw new UsageError(`invalid session file ${path}: ${(e as Error).message}`);
  }
  const base = empty();
  return {
    headers: { ...base.headers, ...(raw.headers ?? {}) },
    cookies: Array.isArray(raw.cookies) ? raw.cookies : [],
    auth: { ...base.auth, ...(raw.auth ?? {}) },
  };
}

/** The plan with the session's headers (between defaults and the command line) and auth. */
export function applySession(plan: RequestPlan, s: SessionData): RequestPlan {
  const withSession = mergeHeaders(plan.defaultHeaders, Object.entries(s.headers));
  const headers = mergeHeaders(withSession, plan.userHeaders);
  let auth = plan.auth;
  if (!auth && s.auth.username !== null) {
    auth = { type: s.auth.type === 'digest' ? 'digest' : 'basic', user: s.auth.username, password: s.auth.password ?? '' };
  }
  return { ...plan, headers, auth };
}

/** The session after a request: the command line's headers and auth added, the jar's cookies. */
export function updatedSession(s: SessionData, plan: RequestPlan, cookies: readonly StoredCookie[], now = Date.now()): SessionData {
  const headers = { ...s.headers };
  for (const [name, value] of plan.userHeaders) {
    if (IGNORED_PREFIXES.some((p) => name.toLowerCase().startsWith(p))) continue;
    for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k];
    if (value !== null) headers[name] = value;
  }
  const auth = plan.auth ? { type: plan.auth.type, username: plan.auth.user, password: plan.auth.password } : s.auth;
  return { headers, cookies: cookies.filter((c) => c.expires === null || c.expires > now), auth };
}

export function saveSession(path: string, s: SessionData): void {
  mkdirSync(dirname(path), { recursive: true });
  const file = {
    __meta__: { about: 'httpkit session file (HTTPie layout)', httpkit: VERSION },
    auth: s.auth,
    cookies: s.cookies,
    headers: s.headers,
  };
  writeFileSync(path, `${JSON.stringify(file, null, 4)}\n`, { mode: 0o600 });
}
