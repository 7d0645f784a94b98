#!/usr/bin/env node
/**
 * The `httpkit` command: HTTPie's interface on httpkit's Requests layer.
 *
 *   httpkit [METHOD] URL [ITEM...]     see `httpkit --help`
 *   httpkit serve [--port N] [--host H] [--tls]
 *
 * Exit status as HTTPie: 0 ok, 1 error, 2 timeout (and usage errors, as argparse), 3/4/5 for a
 * 3xx/4xx/5xx response with --check-status (or --download), 6 too many redirects.
 */
import { createWriteStream, realpathSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs, UsageError, type RequestArgs, type ServeArgs } from './args.js';
import { download } from './download.js';
import { DATA_SEPARATORS } from './items.js';
import { openSession, prepareOffline, requestView, responseView, send, type Response } from './execute.js';
import { writeExchange, type PrintOptions, type Sink } from './output.js';
import { buildPlan, VERSION, type RequestPlan } from './request.js';
import { promptOnTerminal, readProcessStdin } from './terminal.js';
import { applySession, loadSession, saveSession, sessionPath, updatedSession, type SessionData } from './sessions.js';
import { ConnectionError, Timeout, TooManyRedirects } from '../requests/errors.js';

/** The process around the command (injectable for tests). */
export interface Io {
  stdout: Sink;
  stderr: Sink;
  stdoutIsTTY: boolean;
  /** The piped request body, or null when stdin is a terminal or not a pipe/file. */
  readStdin(): Promise<Uint8Array | null>;
  /** Asks for a password without echo; null when there is no terminal to ask on. */
  promptPassword?(prompt: string): Promise<string | null>;
}

export const ExitStatus = { SUCCESS: 0, ERROR: 1, ERROR_TIMEOUT: 2, ERROR_HTTP_3XX: 3, ERROR_HTTP_4XX: 4, ERROR_HTTP_5XX: 5, ERROR_TOO_MANY_REDIRECTS: 6 } as const;

/** argparse's exit status for a usage error (HTTPie's too; it shares the value with ERROR_TIMEOUT). */
const USAGE_ERROR = 2;

const USAGE = 'usage: httpkit [METHOD] URL [REQUEST_ITEM ...]\n       httpkit serve [--port N] [--host HOST] [--tls]';

const HELP = `${USAGE}

httpkit: HTTPie's command line on httpkit (Python's Requests for TypeScript).

Request items:
  Header:Value        request header            Header:      remove a default header
  Header;             empty header              Header:@file header value from a file
  name==value         query string parameter    name==@file  value from a file
  field=value         data field (JSON string; form field with --form)
  field:=json         raw JSON value            field:=@file JSON from a file
  field=@file         data field with the file's text
  field@file          file upload (--form); field@file;type=mime/type sets its type

Options:
  -j, --json            serialise data items as JSON (default)
  -f, --form            serialise data items as a form (multipart with file items)
      --multipart       always send multipart/form-data
      --proxy PROTOCOL:URL  e.g. --proxy http:http://127.0.0.1:3128 (repeatable)
  -p, --print HBhb      what to print: H request head, B request body, h response head, b response body
  -h, --headers         print only the response head (-p h)
  -b, --body            print only the response body (-p b)
  -v, --verbose         print the whole exchange (-p HBhb; -vv adds m, the elapsed time)
      --all             also print intermediary (redirect) responses
      --pretty STYLE    all, colors, format, none (default: all on a terminal, none otherwise)
      --unsorted        keep header and JSON key order when formatting (--sorted: sort, the default)
  -a, --auth USER[:PASS]  credentials          -A, --auth-type basic|digest|bearer
  -F, --follow          follow redirects        --max-redirects N (default 30)
      --timeout SECONDS connect/read timeout    --verify yes|no|CA_BUNDLE
      --cert FILE       client certificate      --cert-key FILE
  -d, --download        save the body to a file  -o, --output FILE
  -c, --continue        resume a partial download (with -d and -o)
      --check-status    exit 3/4/5 on a 3xx/4xx/5xx response
  -I, --ignore-stdin    do not read a request body from stdin   --raw TEXT  request body
      --offline         build and print the request without sending it
      --session NAME|PATH   keep headers, auth and cookies between runs (--session-read-only: don't update)
  -q, --quiet           print nothing but errors
      --default-scheme SCHEME   for URLs without one (default http; ":3000/x" is localhost:3000/x)
      --version, --help
`;

function errorLine(io: Io, msg: string): void {
  io.stderr.write(`httpkit: error: ${msg}\n`);
}

/** HTTPie's http_status_to_exit_status. */
export function statusExit(status: number, follow: boolean): number {
  if (status >= 300 && status < 400 && !follow) return ExitStatus.ERROR_HTTP_3XX;
  if (status >= 400 && status < 500) return ExitStatus.ERROR_HTTP_4XX;
  if (status >= 500 && status < 600) return ExitStatus.ERROR_HTTP_5XX;
  return ExitStatus.SUCCESS;
}

async function serve(a: ServeArgs, io: Io): Promise<number> {
  // Loaded on demand: a request never pays for the server's modules.
  const { startHttpbin } = await import('../testing/server.js');
  const server = await startHttpbin({ host: a.host, port: a.port, tls: a.tls });
  io.stdout.write(`httpbin listening on ${server.url}\n`);
  if (server.ca) io.stdout.write(`CA certificate (PEM):\n${server.ca}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return ExitStatus.SUCCESS;
}

function printOptions(a: RequestArgs, io: Io, toFile: boolean): PrintOptions {
  return { print: a.quiet ? '' : a.print, pretty: a.pretty, toTerminal: io.stdoutIsTTY && !toFile, explicitJson: a.explicitJson, sorted: a.sorted };
}

function header(r: Response, name: string): string | null {
  const v = r.headers.get(name);
  return v === undefined || v === null ? null : String(v);
}

async function runDownload(r: Response, a: RequestArgs, io: Io, resumeFrom: number): Promise<void> {
  const length = header(r, 'content-length');
  await download({
    url: r.url ?? '',
    status: r.statusCode ?? 0,
    contentRange: header(r, 'content-range'),
    contentType: header(r, 'content-type'),
    contentDisposition: header(r, 'content-disposition'),
    contentLength: length !== null && /^\d+$/.test(length) ? Number(length) : null,
    chunks: r.iterContent({ chunkSize: 65536 }) as AsyncIterable<Uint8Array>,
  }, a.output, io.stderr, resumeFrom);
}

/** Bytes already in the --output file when resuming with --continue (0 otherwise). */
function resumeOffset(a: RequestArgs): number {
  if (!a.resume || a.output === null) return 0;
  try {
    return statSync(a.output).size;
  } catch {
    return 0;
  }
}

/** A named session (--session), loaded before the request and saved after it. */
interface Named {
  path: string;
  data: SessionData;
}

function openNamed(a: RequestArgs, url: string): Named | null {
  if (a.session === null) return null;
  const path = sessionPath(a.session, url);
  return { path, data: loadSession(path) };
}

/** Each hop (all with --all, else the final one) as --print says; the final body maybe streamed. */
async function printHops(r: Response, a: RequestArgs, o: PrintOptions, sink: Sink, rawStream: boolean): Promise<void> {
  const hops = a.all ? [...r.history, r] : [r];
  hops.forEach((hop, i) => {
    if (i > 0) sink.write('\n');
    const withBody = !a.download && !(rawStream && hop === r);
    writeExchange(sink, hop.request ? requestView(hop.request) : null, responseView(hop, withBody), o);
  });
  if (rawStream) await streamBody(r, sink, o.print.includes('b'));
  // HTTPie's `m` (metadata): the time from sending the request to the response head.
  if (o.print.includes('m')) sink.write(`\n\nElapsed time: ${(r.elapsed / 1000).toFixed(6)}s\n`);
}

async function exchange(a: RequestArgs, initial: RequestPlan, io: Io, out: Sink): Promise<number> {
  const s = openSession(initial);
  const named = openNamed(a, initial.url);
  const plan = named ? applySession(initial, named.data) : initial;
  for (const c of named?.data.cookies ?? []) s.cookies.setCookie(c);
  try {
    const o = printOptions(a, io, a.output !== null);
    if (a.offline) {
      writeExchange(out, requestView(prepareOffline(s, plan)), null, { ...o, print: /[HB]/.test(a.print) ? a.print : 'HB' });
      return ExitStatus.SUCCESS;
    }
    // Raw output (not prettified, not to a terminal) streams the body through: `httpkit url > file`
    // never holds the whole body in memory, and /stream or /drip show up as they arrive.
    const rawStream = !a.download && o.pretty === 'none' && !o.toTerminal;
    const extraHeaders: Array<[string, string]> = a.download ? [['Accept-Encoding', 'identity']] : [];
    const resumeFrom = a.download ? resumeOffset(a) : 0;
    if (resumeFrom > 0) extraHeaders.push(['Range', `bytes=${resumeFrom}-`]);
    const r = await send(s, plan, { stream: a.download || rawStream, extraHeaders });
    if (named && !a.sessionReadOnly) saveSession(named.path, updatedSession(named.data, plan, s.cookies.cookies()));
    await printHops(r, a, o, a.download ? io.stderr : out, rawStream);
    const status = a.checkStatus || a.download ? statusExit(r.statusCode ?? 0, a.follow) : ExitStatus.SUCCESS;
    if (status !== ExitStatus.SUCCESS && (!io.stdoutIsTTY || a.quiet)) io.stderr.write(`httpkit: warning: HTTP ${r.statusCode} ${r.reason ?? ''}\n`);
    if (a.download && status === ExitStatus.SUCCESS) await runDownload(r, a, io, resumeFrom);
    return status;
  } finally {
    s.close();
  }
}

/** Copies a streamed body to the sink with back pressure; closes it unread when not printed. */
async function streamBody(r: Response, sink: Sink, print: boolean): Promise<void> {
  if (!print) {
    r.close();
    return;
  }
  for await (const chunk of r.iterContent({ chunkSize: 65536 })) {
    if (sink.write(chunk) === false && sink.once) await new Promise<void>((resolve) => sink.once!('drain', () => resolve()));
  }
}

/** HTTPie's hint for a name-resolution failure, found anywhere in the `cause` chain. */
function dnsAnnotation(e: unknown): string {
  let cur: unknown = e;
  for (let depth = 0; depth < 10 && cur; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (code === 'EAI_AGAIN') return '\nCouldn’t connect to a DNS server. Please check your connection and try again.';
    if (code === 'ENOTFOUND') return '\nCouldn’t resolve the given hostname. Please check the URL and try again.';
    cur = (cur as { cause?: unknown }).cause;
  }
  return '';
}

function requestError(e: unknown, a: RequestArgs, io: Io): number {
  if (e instanceof Timeout) {
    errorLine(io, `Request timed out (${a.timeoutMs === null ? 'default' : `${a.timeoutMs / 1000}s`}).`);
    return ExitStatus.ERROR_TIMEOUT;
  }
  if (e instanceof TooManyRedirects) {
    errorLine(io, `Too many redirects (--max-redirects=${a.maxRedirects}).`);
    return ExitStatus.ERROR_TOO_MANY_REDIRECTS;
  }
  if (e instanceof UsageError) {
    // HTTPie reports bad items (missing files, files without --form, body mixed with data) as
    // argparse errors: usage line, message, status 2.
    io.stderr.write(`${USAGE}\nhttpkit: error: ${e.message}\n`);
    return USAGE_ERROR;
  }
  const err = e as Error & { request?: { method?: string; url?: string } | null };
  let msg = err?.message ?? String(e);
  if (err?.request?.url) msg += ` while doing a ${err.request.method} request to URL: ${err.request.url}`;
  const name = e instanceof ConnectionError || e instanceof Error ? err.name : 'Error';
  errorLine(io, `${name}: ${msg}${dnsAnnotation(e)}`);
  return ExitStatus.ERROR;
}

/** HTTPie prompts for the password of `-a user` (no colon) when there is a terminal. */
async function askPassword(a: RequestArgs, io: Io): Promise<RequestArgs> {
  if (a.auth === null || a.auth.includes(':') || a.authType === 'bearer' || !io.promptPassword) return a;
  const host = new URL(a.url).host;
  const pw = await io.promptPassword(`httpkit: password for ${a.auth}@${host}: `);
  return pw === null ? a : { ...a, auth: `${a.auth}:${pw}` };
}

async function request(a: RequestArgs, io: Io): Promise<number> {
  const consumeStdin = !a.ignoreStdin && a.raw === null && !a.items.some((i) => DATA_SEPARATORS.has(i.sep));
  const stdin = consumeStdin ? await io.readStdin() : null;
  // HTTPie guesses POST when stdin carries a body; an empty pipe is no body (deliberate: CI shells).
  const body = stdin !== null && stdin.length > 0 ? stdin : null;
  let args = body !== null && !a.methodGiven ? { ...a, method: 'POST' } : a;
  args = await askPassword(args, io);
  let out: Sink = io.stdout;
  let file: ReturnType<typeof createWriteStream> | null = null;
  try {
    const plan = buildPlan(args, body);
    if (a.output !== null && !a.download) out = file = createWriteStream(a.output);
    return await exchange(args, plan, io, out);
  } catch (e) {
    return requestError(e, a, io);
  } finally {
    if (file) await new Promise((r) => file!.end(r));
  }
}

/** Runs the command; resolves to the exit status. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, { stdoutIsTTY: io.stdoutIsTTY });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`${USAGE}\nhttpkit: error: ${e.message}\n`);
    return USAGE_ERROR;
  }
  switch (parsed.command) {
    case 'help': io.stdout.write(HELP); return ExitStatus.SUCCESS;
    case 'version': io.stdout.write(`${VERSION}\n`); return ExitStatus.SUCCESS;
    case 'serve': return serve(parsed, io);
    default: return request(parsed, io);
  }
}

function isEntryPoint(): boolean {
  const argv1 = process.argv[1];
  if (!argv1) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(argv1)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // `httpkit ... | head`: a reader that went away is not an error (HTTPie exits quietly too).
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const io: Io = {
    stdout: process.stdout, stderr: process.stderr, stdoutIsTTY: Boolean(process.stdout.isTTY),
    readStdin: readProcessStdin, promptPassword: promptOnTerminal,
  };
  main(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (err) => { process.stderr.write(`httpkit: error: ${(err as Error)?.stack ?? err}\n`); process.exitCode = 1; },
  );
}
