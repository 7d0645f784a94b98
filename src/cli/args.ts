/**
 * argv → a parsed command, the way HTTPie's argparse setup reads it (httpie/cli/definition.py and
 * argparser.py): options may appear anywhere, short flags combine (`-vF`, `-pHb`), `--opt=value`
 * and `--opt value` are the same, `--` ends the options. Pure: no I/O, the TTY state is passed in.
 */
import { DATA_SEPARATORS, isItem, parseItem, type Item } from './items.js';

/** A usage error: printed with the usage line, exit status 2 (argparse's). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Pretty = 'all' | 'colors' | 'format' | 'none';
export type AuthType = 'basic' | 'digest' | 'bearer';

/** A request command: `httpkit [METHOD] URL [ITEM...]`. */
export interface RequestArgs {
  command: 'request';
  method: string;
  /** The METHOD was typed (else it was guessed: POST with data, GET without). */
  methodGiven: boolean;
  url: string;
  items: Item[];
  /** Data items are serialised as JSON (the default), as a form, or always as multipart (--multipart). */
  mode: 'json' | 'form' | 'multipart';
  /** --proxy PROTOCOL:URL, repeatable: Requests' `proxies` mapping. */
  proxies: Array<[string, string]>;
  /** `--json` given explicitly (sets the JSON Accept header even without data, as HTTPie). */
  explicitJson: boolean;
  /** Which parts to print: H request head, B request body, h response head, b response body, m metadata. */
  print: string;
  pretty: Pretty;
  /** Sort headers and JSON keys when formatting (HTTPie's default; --unsorted turns it off). */
  sorted: boolean;
  /** Print intermediary (redirect) responses too. */
  all: boolean;
  auth: string | null;
  authType: AuthType;
  follow: boolean;
  maxRedirects: number;
  /** Milliseconds (HTTPie's --timeout is in seconds). null: the library default. */
  timeoutMs: number | null;
  /** true / false, or a CA bundle path. */
  verify: boolean | string;
  cert: string | null;
  certKey: string | null;
  download: boolean;
  /** --continue: resume a partial --download into --output with a Range request. */
  resume: boolean;
  output: string | null;
  checkStatus: boolean;
  ignoreStdin: boolean;
  /** Request body given with --raw. */
  raw: string | null;
  offline: boolean;
  quiet: boolean;
  /** --session / --session-read-only: a session name or file path. */
  session: string | null;
  sessionReadOnly: boolean;
  defaultScheme: string;
}

export interface ServeArgs {
  command: 'serve';
  host: string;
  port: number;
  tls: boolean;
}

export type Parsed = RequestArgs | ServeArgs | { command: 'help' } | { command: 'version' };

export interface Terminal {
  stdoutIsTTY: boolean;
}

interface OptionSpec {
  names: string[];
  /** Takes a value. */
  value: boolean;
  apply(o: Draft, v: string): void;
}

type Draft = Omit<RequestArgs, 'command' | 'method' | 'methodGiven' | 'url' | 'items' | 'print' | 'pretty'> & {
  print: string | null;
  pretty: Pretty | null;
  headersOnly: boolean;
  bodyOnly: boolean;
  /** How many times -v was given (-vv adds the metadata, as HTTPie). */
  verbose: number;
  help: boolean;
  version: boolean;
};

const PRETTY = new Set(['all', 'colors', 'format', 'none']);
const flag = (names: string[], apply: (o: Draft) => void): OptionSpec => ({ names, value: false, apply: (o) => apply(o) });
const opt = (names: string[], apply: (o: Draft, v: string) => void): OptionSpec => ({ names, value: true, apply });

function parseVerify(v: string): boolean | string {
  const l = v.toLowerCase();
  if (l === 'no' || l === 'false') return false;
  if (l === 'yes' || l === 'true') return true;
  return v;
}

function parseTimeout(v: string): number {
  const s = Number(v);
  if (!Number.isFinite(s) || s < 0 || v.trim() === '') throw new UsageError(`argument --timeout: invalid float value: '${v}'`);
  return Math.round(s * 1000);
}

function parseIntArg(name: string, v: string): number {
  if (!/^-?\d+$/.test(v)) throw new UsageError(`argument ${name}: invalid int value: '${v}'`);
  return Number(v);
}

const OPTIONS: OptionSpec[] = [
  flag(['--json', '-j'], (o) => { o.mode = 'json'; o.explicitJson = true; }),
  flag(['--form', '-f'], (o) => { o.mode = 'form'; }),
  flag(['--multipart'], (o) => { o.mode = 'multipart'; }),
  opt(['--proxy'], (o, v) => {
    const m = /^([^:]+):(.+)$/s.exec(v);
    if (!m) throw new UsageError(`argument --proxy: '${v}' is not of the form PROTOCOL:PROXY_URL`);
    o.proxies.push([m[1]!.toLowerCase(), m[2]!]);
  }),
  flag(['--headers', '-h'], (o) => { o.headersOnly = true; }),
  flag(['--body', '-b'], (o) => { o.bodyOnly = true; }),
  flag(['--verbose', '-v'], (o) => { o.verbose++; }),
  flag(['--all'], (o) => { o.all = true; }),
  flag(['--sorted'], (o) => { o.sorted = true; }),
  flag(['--unsorted'], (o) => { o.sorted = false; }),
  opt(['--print', '-p'], (o, v) => {
    if (!/^[HBhbm]*$/.test(v) || v === '') throw new UsageError(`argument --print/-p: invalid choice: '${v}' (choose from H, B, h, b, m)`);
    o.print = v;
  }),
  opt(['--pretty'], (o, v) => {
    if (!PRETTY.has(v)) throw new UsageError(`argument --pretty: invalid choice: '${v}' (choose from 'all', 'colors', 'format', 'none')`);
    o.pretty = v as Pretty;
  }),
  opt(['--auth', '-a'], (o, v) => { o.auth = v; }),
  opt(['--auth-type', '-A'], (o, v) => {
    if (v !== 'basic' && v !== 'digest' && v !== 'bearer') throw new UsageError(`argument --auth-type/-A: invalid choice: '${v}' (choose from 'basic', 'digest', 'bearer')`);
    o.authType = v;
  }),
  flag(['--follow', '-F'], (o) => { o.follow = true; }),
  opt(['--max-redirects'], (o, v) => { o.maxRedirects = parseIntArg('--max-redirects', v); }),
  opt(['--timeout'], (o, v) => { o.timeoutMs = parseTimeout(v); }),
  opt(['--verify'], (o, v) => { o.verify = parseVerify(v); }),
  opt(['--cert'], (o, v) => { o.cert = v; }),
  opt(['--cert-key'], (o, v) => { o.certKey = v; }),
  flag(['--download', '-d'], (o) => { o.download = true; }),
  flag(['--continue', '-c'], (o) => { o.resume = true; }),
  opt(['--output', '-o'], (o, v) => { o.output = v; }),
  flag(['--check-status'], (o) => { o.checkStatus = true; }),
  flag(['--ignore-stdin', '-I'], (o) => { o.ignoreStdin = true; }),
  opt(['--raw'], (o, v) => { o.raw = v; }),
  flag(['--offline'], (o) => { o.offline = true; }),
  opt(['--session'], (o, v) => { o.session = v; o.sessionReadOnly = false; }),
  opt(['--session-read-only'], (o, v) => { o.session = v; o.sessionReadOnly = true; }),
  flag(['--quiet', '-q'], (o) => { o.quiet = true; }),
  opt(['--default-scheme'], (o, v) => { o.defaultScheme = v; }),
  flag(['--help'], (o) => { o.help = true; }),
  flag(['--version'], (o) => { o.version = true; }),
];

const BY_NAME = new Map(OPTIONS.flatMap((s) => s.names.map((n) => [n, s] as const)));

function draft(): Draft {
  return {
    mode: 'json', explicitJson: false, proxies: [], sorted: true, print: null, pretty: null, all: false, auth: null, authType: 'basic',
    follow: false, maxRedirects: 30, timeoutMs: null, verify: true, cert: null, certKey: null, download: false, resume: false,
    output: null, checkStatus: false, ignoreStdin: false, raw: null, offline: false, quiet: false, session: null, sessionReadOnly: false,
    defaultScheme: 'http', headersOnly: false, bodyOnly: false, verbose: 0, help: false, version: false,
  };
}

/** Applies a `-xyz` cluster: flags until one takes a value, which gets the rest (or the next arg). */
function applyShort(arg: string, o: Draft, takeNext: () => string): void {
  for (let j = 1; j < arg.length; j++) {
    const spec = BY_NAME.get('-' + arg[j]);
    if (!spec) throw new UsageError(`unrecognized arguments: ${arg}`);
    if (!spec.value) {
      spec.apply(o, '');
      continue;
    }
    const rest = arg.slice(j + 1);
    spec.apply(o, rest !== '' ? rest : takeNext());
    return;
  }
}

/** Splits argv into options (applied to a draft) and positionals. */
function scan(argv: readonly string[]): { o: Draft; positionals: string[] } {
  const o = draft();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const takeNext = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`argument ${arg}: expected one argument`);
      return v;
    };
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      const spec = BY_NAME.get(name);
      if (!spec) throw new UsageError(`unrecognized arguments: ${arg}`);
      if (spec.value) spec.apply(o, eq < 0 ? takeNext() : arg.slice(eq + 1));
      else if (eq >= 0) throw new UsageError(`argument ${name}: ignored explicit argument '${arg.slice(eq + 1)}'`);
      else spec.apply(o, '');
    } else if (arg.length > 1 && arg.startsWith('-') && (BY_NAME.has(arg.slice(0, 2)) || !isItem(arg))) {
      // A known short option (argparse reads `-pHb`, `-a=x` as options); else an item like `-x-y:1`.
      applyShort(arg, o, takeNext);
    } else {
      positionals.push(arg);
    }
  }
  return { o, positionals };
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);

/**
 * HTTPie's `_guess_method`: with two or more positionals the first is a METHOD when it is all
 * letters. HTTPie's own FIXME notes the false positive `http localhost a=b`; we take a lower-case
 * word as a method only when it names a standard one, so `localhost` stays a URL.
 */
function looksLikeMethod(word: string): boolean {
  if (!/^[A-Za-z]+$/.test(word)) return false;
  return word === word.toUpperCase() || KNOWN_METHODS.has(word.toUpperCase());
}

/** HTTPie's URL completion: `://x` → `x`, a missing scheme gets the default one, `:3000/x` → localhost:3000/x. */
export function completeUrl(url: string, defaultScheme = 'http'): string {
  let u = url.startsWith('://') ? url.slice(3) : url;
  if (/^[a-z][a-z0-9.+-]*:\/\//i.test(u)) return u;
  const scheme = `${defaultScheme}://`;
  const shorthand = /^:(?!:)(\d*)(\/?.*)$/s.exec(u);
  if (!shorthand) return scheme + u;
  u = `${scheme}localhost`;
  if (shorthand[1]) u += `:${shorthand[1]}`;
  return u + shorthand[2];
}

function defaultPrint(o: Draft, t: Terminal): string {
  if (o.print) return o.print;
  if (o.verbose > 0) return o.verbose > 1 ? 'HBhbm' : 'HBhb';
  if (o.headersOnly) return 'h';
  if (o.bodyOnly) return 'b';
  // HTTPie: a download prints the response head (to stderr); redirected output gets the body only.
  if (o.download) return 'h';
  return t.stdoutIsTTY && !o.output ? 'hb' : 'b';
}

function parseServe(argv: readonly string[]): ServeArgs {
  const s: ServeArgs = { command: 'serve', host: '127.0.0.1', port: 0, tls: false };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`argument ${name}: expected one argument`);
      return v;
    };
    if (name === '--port' || name === '-p') s.port = parseIntArg('--port', value());
    else if (name === '--host') s.host = value();
    else if (name === '--tls') s.tls = true;
    else throw new UsageError(`unrecognized arguments: ${argv[i]}`);
  }
  if (s.port < 0 || s.port > 65535) throw new UsageError(`argument --port: out of range: ${s.port}`);
  return s;
}

/** Parses `httpkit` argv (without `node` and the script path). Throws UsageError. */
export function parseArgs(argv: readonly string[], t: Terminal): Parsed {
  if (argv[0] === 'serve') return parseServe(argv.slice(1));
  const { o, positionals } = scan(argv);
  if (o.help) return { command: 'help' };
  if (o.version) return { command: 'version' };
  if (positionals.length === 0) throw new UsageError('the following arguments are required: URL');
  if (o.resume && (!o.download || o.output === null)) throw new UsageError('--continue only works with --download and --output');
  let method: string | null = null;
  let rest = positionals;
  if (positionals.length >= 2 && looksLikeMethod(positionals[0]!)) {
    method = positionals[0]!.toUpperCase();
    rest = positionals.slice(1);
  }
  const [rawUrl, ...itemArgs] = rest as [string, ...string[]];
  const items = itemArgs.map((a) => {
    try {
      return parseItem(a);
    } catch (e) {
      throw new UsageError(`argument REQUEST_ITEM: ${(e as Error).message}`);
    }
  });
  const hasData = o.raw !== null || items.some((it) => DATA_SEPARATORS.has(it.sep));
  const { headersOnly: _h, bodyOnly: _b, verbose: _v, help: _x, version: _y, ...base } = o;
  return {
    ...base,
    command: 'request',
    method: method ?? (hasData ? 'POST' : 'GET'),
    methodGiven: method !== null,
    url: completeUrl(rawUrl, o.defaultScheme),
    items,
    print: defaultPrint(o, t),
    pretty: o.pretty ?? (t.stdoutIsTTY && !o.output ? 'all' : 'none'),
  };
}
