/**
 * HTTPie-style output (httpie/output/): a message is its start line, its headers and its body.
 * `--pretty` chooses: `format` (headers sorted by name, JSON re-indented by 4 with sorted keys, as
 * HTTPie's default format options), `colors` (ANSI colours), `all` (both), `none` (as received).
 * Pure functions: the caller decides where the text goes.
 */
import type { Pretty } from './args.js';
import { prettyJson } from './json-pretty.js';

/** A request or response as printed. */
export interface MessageView {
  /** `GET /get?a=1 HTTP/1.1` or `HTTP/1.1 200 OK`. */
  startLine: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body: Uint8Array | null;
  /** The Content-Type header value, or null. */
  contentType: string | null;
}

export interface FormatOptions {
  pretty: Pretty;
  /** The body goes to a terminal: binary bodies are replaced by a notice (HTTPie). */
  toTerminal: boolean;
  /** `--json` was given: try JSON formatting whatever the Content-Type says. */
  explicitJson?: boolean;
  /** Sort headers and JSON keys when formatting. Default true (HTTPie's headers.sort, json.sort_keys). */
  sorted?: boolean;
}

/** HTTPie's BINARY_SUPPRESSED_NOTICE. */
export const BINARY_NOTICE =
  '+-----------------------------------------+\n' +
  '| NOTE: binary data not shown in terminal |\n' +
  '+-----------------------------------------+';

const ESC = '\u001b[';
const paint = (code: string, s: string): string => `${ESC}${code}m${s}${ESC}0m`;
const C = {
  method: '32;1', path: '36', proto: '34', ok: '32', redirect: '33', error: '31', reason: '36',
  name: '36', key: '34;1', string: '33', number: '36', literal: '35',
} as const;

const wantsColor = (p: Pretty): boolean => p === 'all' || p === 'colors';
const wantsFormat = (p: Pretty): boolean => p === 'all' || p === 'format';

function colorStartLine(line: string): string {
  const status = /^(HTTP\/[\d.]+) (\d{3})(.*)$/.exec(line);
  if (status) {
    const code = Number(status[2]);
    const c = code < 300 ? C.ok : code < 400 ? C.redirect : C.error;
    return `${paint(C.proto, status[1]!)} ${paint(c, status[2]!)}${paint(C.reason, status[3]!)}`;
  }
  const req = /^(\S+) (\S+) (HTTP\/[\d.]+)$/.exec(line);
  if (!req) return line;
  return `${paint(C.method, req[1]!)} ${paint(C.path, req[2]!)} ${paint(C.proto, req[3]!)}`;
}

/** Start line and headers, without the trailing blank line. Headers sorted by name when formatting. */
export function formatHead(m: MessageView, o: FormatOptions): string {
  let headers = [...m.headers];
  // HTTPie's headers.sort: a stable sort on the name, Python string order (code points).
  if (wantsFormat(o.pretty) && o.sorted !== false) headers = headers.map((h, i) => [h, i] as const).sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1])).map(([h]) => h);
  const color = wantsColor(o.pretty);
  const lines = [color ? colorStartLine(m.startLine) : m.startLine];
  for (const [name, value] of headers) lines.push(color ? `${paint(C.name, name)}: ${value}` : `${name}: ${value}`);
  // HTTPie keeps CRLF line ends when not prettifying (the bytes as on the wire).
  return lines.join(o.pretty === 'none' ? '\r\n' : '\n');
}

/** charset parameter of a Content-Type, else null. */
export function charsetOf(contentType: string | null): string | null {
  const m = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType) : null;
  return m ? m[1]!.toLowerCase() : null;
}

function decode(body: Uint8Array, contentType: string | null): string {
  const charset = charsetOf(contentType) ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function colorJson(text: string): string {
  // Tokens of JSON.stringify output: a string (a key when followed by ':'), a number, a literal.
  return text.replace(/("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g,
    (_m, str: string | undefined, colon: string | undefined, num: string | undefined, lit: string | undefined) => {
      if (str !== undefined) return colon !== undefined ? paint(C.key, str) + colon : paint(C.string, str);
      if (num !== undefined) return paint(C.number, num);
      return paint(C.literal, lit!);
    });
}

/** HTTPie's JSONFormatter: MIME containing json/javascript/text (or --json) and the body parses. */
function formatJson(text: string, m: MessageView, o: FormatOptions): string | null {
  const mime = (m.contentType ?? '').toLowerCase();
  if (!o.explicitJson && !['json', 'javascript', 'text'].some((t) => mime.includes(t))) return null;
  try {
    return prettyJson(text, o.sorted !== false);
  } catch {
    return null;
  }
}

/** True when the body holds a NUL byte: HTTPie's test for binary data. */
export function isBinary(body: Uint8Array): boolean {
  return body.includes(0);
}

/**
 * The body as it should be written: bytes untouched when not prettifying (or binary to a file),
 * the notice for binary to a terminal, otherwise text (JSON formatted and/or coloured).
 */
export function formatBody(m: MessageView, o: FormatOptions): string | Uint8Array {
  const body = m.body ?? new Uint8Array(0);
  if (isBinary(body)) return o.toTerminal ? BINARY_NOTICE : body;
  if (o.pretty === 'none') return body;
  let text = decode(body, m.contentType);
  const json = wantsFormat(o.pretty) ? formatJson(text, m, o) : null;
  if (json !== null) text = json;
  if (wantsColor(o.pretty) && json !== null) text = colorJson(text);
  return text;
}

/** `HTTP/1.1` from Python-style version numbers (10, 11). */
export function httpVersion(v: number | null | undefined): string {
  if (v === 10) return 'HTTP/1.0';
  if (v === 9) return 'HTTP/0.9';
  if (v === 20) return 'HTTP/2';
  return 'HTTP/1.1';
}
