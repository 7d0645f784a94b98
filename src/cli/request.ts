/**
 * Parsed arguments → the keyword arguments of a Requests call, as HTTPie's client.py builds them:
 * default headers (User-Agent, JSON Accept/Content-Type, form Content-Type), items resolved
 * (files read), the JSON body serialised with Python's json.dumps, auth and TLS settings.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { RequestArgs } from './args.js';
import { SEP, splitUploadType, type Item } from './items.js';
import { buildNestedJson, pythonJsonDumps } from './nested-json.js';
import { UsageError } from './args.js';

/** The package version (package.json sits two levels up from both src/cli and dist/cli). */
export const VERSION = packageVersion();

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
export const USER_AGENT = `httpkit/${VERSION}`;
const JSON_ACCEPT = 'application/json, */*;q=0.5';
const JSON_CONTENT_TYPE = 'application/json';
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

/** A multipart part: [filename, bytes, content type], or [null, text] for a plain field (--multipart). */
export type FilePart = [string, Uint8Array, string] | [string, Uint8Array] | [null, string];

export interface RequestPlan {
  method: string;
  url: string;
  /** Header name → value; null removes a default header (Requests' merge rule for None). */
  headers: Array<[string, string | null]>;
  /** The defaults under `headers` (HTTPie's), kept apart so a session's headers can sit between. */
  defaultHeaders: Array<[string, string]>;
  /** The headers the user gave (items and bearer auth). */
  userHeaders: Array<[string, string | null]>;
  params: Array<[string, string]>;
  /** The body: a serialised JSON string, form pairs, or raw bytes/text (stdin, --raw). */
  data: string | Uint8Array | Array<[string, string]> | null;
  files: Array<[string, FilePart]>;
  auth: { type: 'basic' | 'digest'; user: string; password: string } | null;
  /** ms or null for the library default. */
  timeout: number | null;
  allowRedirects: boolean;
  maxRedirects: number;
  verify: boolean | string;
  cert: string | [string, string] | null;
  /** Requests' `proxies` (scheme or scheme://host → proxy URL). */
  proxies: Record<string, string>;
}

/** Reads files for items; a function so tests can substitute a fake file system. */
export type ReadFile = (path: string) => Uint8Array;

const defaultRead: ReadFile = (path) => {
  try {
    return readFileSync(expandHome(path));
  } catch (e) {
    throw new UsageError(`${JSON.stringify(path)}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}`);
  }
};

function expandHome(path: string): string {
  return path.startsWith('~/') && process.env.HOME ? process.env.HOME + path.slice(1) : path;
}

const utf8 = (b: Uint8Array): string => new TextDecoder().decode(b);

function parseJsonValue(item: Item, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${JSON.stringify(item.orig)}: ${(e as Error).message}`);
  }
}

// HTTPie's mimetypes guess for an uploaded file without `;type=`.
const MIME: Record<string, string> = {
  txt: 'text/plain', json: 'application/json', html: 'text/html', htm: 'text/html', csv: 'text/csv',
  xml: 'application/xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif',
  pdf: 'application/pdf', js: 'text/javascript', css: 'text/css', svg: 'image/svg+xml', zip: 'application/zip',
};

function guessType(filename: string): string | null {
  const ext = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();
  return (ext && MIME[ext]) ?? null;
}

interface Resolved {
  headers: Array<[string, string | null]>;
  params: Array<[string, string]>;
  data: Array<[string, unknown]>;
  files: Array<[string, FilePart]>;
}

function resolveItem(item: Item, out: Resolved, read: ReadFile): void {
  const { key, value } = item;
  switch (item.sep) {
    case SEP.header: out.headers.push([key, value === '' ? null : value]); break;
    case SEP.headerEmpty: out.headers.push([key, '']); break;
    case SEP.headerFile: out.headers.push([key, utf8(read(value)).trim()]); break;
    case SEP.query: out.params.push([key, value]); break;
    case SEP.queryFile: out.params.push([key, utf8(read(value))]); break;
    case SEP.data: out.data.push([key, value]); break;
    case SEP.dataFile: out.data.push([key, utf8(read(value))]); break;
    case SEP.json: out.data.push([key, parseJsonValue(item, value)]); break;
    case SEP.jsonFile: out.data.push([key, parseJsonValue(item, utf8(read(value)))]); break;
    case SEP.file: {
      const { path, type } = splitUploadType(value);
      const name = basename(path);
      const mime = type ?? guessType(name);
      out.files.push([key, mime ? [name, read(path), mime] : [name, read(path)]]);
      break;
    }
  }
}

function defaultHeaders(a: RequestArgs, hasData: boolean, hasFiles: boolean): Array<[string, string]> {
  const h: Array<[string, string]> = [['User-Agent', USER_AGENT]];
  const autoJson = hasData && a.mode === 'json';
  if (a.explicitJson || autoJson) {
    h.push(['Accept', JSON_ACCEPT]);
    h.push(['Content-Type', JSON_CONTENT_TYPE]);
  } else if (a.mode === 'form' && !hasFiles) {
    // With files (or --multipart) Requests sets the multipart Content-Type and its boundary.
    h.push(['Content-Type', FORM_CONTENT_TYPE]);
  }
  return h;
}

/** Merges defaults under the user's headers (a user header, even a removal, replaces the default). */
export function mergeHeaders(defaults: ReadonlyArray<readonly [string, string | null]>, user: ReadonlyArray<readonly [string, string | null]>): Array<[string, string | null]> {
  const userNames = new Set(user.map(([n]) => n.toLowerCase()));
  return [...defaults.filter(([n]) => !userNames.has(n.toLowerCase())), ...user].map(([n, v]) => [n, v]);
}

function parseAuth(a: RequestArgs): RequestPlan['auth'] {
  if (a.auth === null || a.authType === 'bearer') return null;
  const i = a.auth.indexOf(':');
  // HTTPie prompts for a missing password; without a terminal to ask on, it is empty.
  const [user, password] = i < 0 ? [a.auth, ''] : [a.auth.slice(0, i), a.auth.slice(i + 1)];
  return { type: a.authType === 'digest' ? 'digest' : 'basic', user, password };
}

function body(a: RequestArgs, r: Resolved, stdin: Uint8Array | null): RequestPlan['data'] {
  if (a.raw !== null) return a.raw;
  if (stdin !== null) return stdin;
  if (a.mode === 'multipart') return null;
  if (a.mode === 'form') return r.data.map(([k, v]) => [k, typeof v === 'string' ? v : pythonJsonDumps(v)]);
  if (r.data.length === 0) return null;
  return pythonJsonDumps(buildNestedJson(r.data));
}

function checkCombination(a: RequestArgs, r: Resolved, stdin: Uint8Array | null): void {
  if (r.files.length > 0 && a.mode === 'json') {
    throw new UsageError(`Invalid file fields (perhaps you meant --form?): ${r.files.map(([k]) => k).join(',')}`);
  }
  if (a.mode !== 'json' && r.data.some(([, v]) => typeof v !== 'string')) {
    throw new UsageError('JSON fields (:=) are not supported with --form');
  }
  if ((stdin !== null || a.raw !== null) && (r.data.length > 0 || r.files.length > 0)) {
    throw new UsageError('Request body (from stdin, --raw or a file) and request data (key=value) cannot be mixed.');
  }
}

/** Builds the plan. `stdin` is the piped request body, or null. Throws UsageError. */
export function buildPlan(a: RequestArgs, stdin: Uint8Array | null = null, read: ReadFile = defaultRead): RequestPlan {
  const r: Resolved = { headers: [], params: [], data: [], files: [] };
  for (const item of a.items) resolveItem(item, r, read);
  checkCombination(a, r, stdin);
  // HTTPie counts a piped or --raw body as data too (it gets the JSON headers unless --form).
  const hasData = r.data.length > 0 || r.files.length > 0 || stdin !== null || a.raw !== null;
  const defaults = defaultHeaders(a, hasData, r.files.length > 0);
  const user = [...r.headers];
  if (a.authType === 'bearer' && a.auth !== null) user.push(['Authorization', `Bearer ${a.auth}`]);
  const headers = mergeHeaders(defaults, user);
  return {
    method: a.method,
    url: a.url,
    headers,
    defaultHeaders: defaults,
    userHeaders: user,
    params: r.params,
    data: body(a, r, stdin),
    files: a.mode === 'multipart' ? [...r.data.map(([k, v]): [string, FilePart] => [k, [null, String(v)]]), ...r.files] : r.files,
    auth: parseAuth(a),
    timeout: a.timeoutMs,
    allowRedirects: a.follow,
    maxRedirects: a.maxRedirects,
    verify: a.verify,
    cert: a.cert === null ? null : a.certKey === null ? a.cert : [a.cert, a.certKey],
    proxies: Object.fromEntries(a.proxies),
  };
}
