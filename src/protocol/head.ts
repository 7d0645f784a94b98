/**
 * Parsing of a response head's lines: the status line (RFC 9112 §4) and field lines (§5).
 * Lines arrive as views that still end in LF (usually CRLF); each line is decoded to a string
 * once (latin-1, as CPython) and never per character.
 *
 * Status line: as CPython http.client `_read_status` + `begin`: `HTTP/1.x NNN [reason]`, split
 * on whitespace, reason optional and stripped; a line not starting with `HTTP/` is a
 * BadStatusLine carrying the line. Stricter than CPython: the status is exactly three digits.
 *
 * Field lines: stricter than CPython wherever its leniency lets one response smuggle another:
 * obs-fold (a line starting with SP/HTAB), whitespace between name and colon, a bare CR or a NUL
 * anywhere in the line are BAD_HEADER (RFC 9112 §5.1, §5.2, §2.2). Values keep CPython's shape:
 * leading SP/HTAB removed, the rest (trailing whitespace included) kept.
 */
import { latin1Slice } from '../internal/bytes.js';
import { ProtocolError } from './errors.js';

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HT = 0x09;
const COLON = 0x3a;

/** The parsed status line. */
export interface StatusLine {
  version: 10 | 11;
  status: number;
  reason: string;
}

/** Length of `line` without its LF / CRLF terminator. */
export function contentEnd(line: Uint8Array): number {
  let end = line.length;
  if (end > 0 && line[end - 1] === LF) end--;
  if (end > 0 && line[end - 1] === CR) end--;
  return end;
}

/** True for a line that is only a terminator: the blank line ending a head. */
export function isBlankLine(line: Uint8Array): boolean {
  return contentEnd(line) === 0;
}

/** Python str.split() whitespace for latin-1 text. */
const WS = /[\s\x1c-\x1f\x85]+/;

/** Parses a status line (terminator included). Throws BAD_STATUS_LINE / UNKNOWN_PROTOCOL. */
export function parseStatusLine(line: Buffer): StatusLine {
  const text = latin1Slice(line, 0, line.length);
  const end = contentEnd(line);
  // Fast path, the overwhelmingly common shape: "HTTP/1.1 200 OK".
  if (end >= 12 && text.startsWith('HTTP/1.1 ') && (end === 12 || line[12] === SP)) {
    const status = threeDigits(line, 9);
    if (status >= 100) return { version: 11, status, reason: end === 12 ? '' : reasonOf(text, line, 13, end) };
  }
  return parseStatusSlow(text, line, end);
}

function parseStatusSlow(text: string, line: Buffer, end: number): StatusLine {
  const body = text.slice(0, end);
  if (line.indexOf(CR) < end && line.indexOf(CR) !== -1) throw badStatus(text, 'a bare CR');
  if (line.indexOf(0) !== -1) throw badStatus(text, 'a NUL byte');
  const trimmed = body.replace(/^[\s\x1c-\x1f\x85]+/, '');
  const parts = splitN(trimmed, 2);
  const version = parts[0] ?? '';
  if (!version.startsWith('HTTP/')) throw badStatus(text, 'it does not start with HTTP/');
  const statusText = parts[1] ?? '';
  if (!/^[0-9]{3}$/.test(statusText)) throw badStatus(text, 'the status is not a three-digit number');
  const status = Number(statusText);
  if (status < 100) throw badStatus(text, 'the status is below 100');
  let v: 10 | 11;
  if (version === 'HTTP/1.0' || version === 'HTTP/0.9') v = 10;
  else if (version.startsWith('HTTP/1.')) v = 11;
  else throw new ProtocolError('UNKNOWN_PROTOCOL', `Unknown protocol ${JSON.stringify(version)} in status line`, { line: version });
  return { version: v, status, reason: pyStrip(parts[2] ?? '') };
}

/** Python's str.split(None, maxsplit) on an already left-trimmed string. */
function splitN(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (rest.length > 0 && out.length < maxsplit) {
    const m = WS.exec(rest);
    if (m === null) break;
    out.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest.length > 0) out.push(rest);
  return out;
}

function pyStrip(s: string): string {
  return s.replace(/^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/g, '');
}

function threeDigits(line: Buffer, at: number): number {
  const a = line[at]! - 48;
  const b = line[at + 1]! - 48;
  const c = line[at + 2]! - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) return -1;
  return a * 100 + b * 10 + c;
}

function reasonOf(text: string, line: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    const c = line[i]!;
    if (c < SP && c !== HT) return parseStatusSlow(text, line, end).reason; // rare: let the slow path judge
  }
  const r = text.slice(start, end);
  const last = r.charCodeAt(r.length - 1);
  return last === SP || last === HT || (r.length > 0 && r.charCodeAt(0) <= SP) ? pyStrip(r) : r;
}

function badStatus(text: string, why: string): ProtocolError {
  return new ProtocolError('BAD_STATUS_LINE', `Bad status line ${JSON.stringify(text)}: ${why}`, { line: text });
}

/**
 * Parses one field line (terminator included, not blank) and appends name and value to `out`.
 * `what` names the section in messages ("header" or "trailer").
 */
export function parseFieldLine(line: Buffer, out: string[], what: string): void {
  const end = contentEnd(line);
  const first = line[0];
  if (first === SP || first === HT) throw badHeader(line, end, what, 'obs-fold (a continuation line) is not accepted');
  let colon = -1;
  for (let i = 0; i < end; i++) {
    const c = line[i]!;
    if (c === COLON) {
      colon = i;
      break;
    }
    if (c <= SP || c >= 0x7f) throw badHeader(line, end, what, c === SP || c === HT ? 'whitespace before the colon' : 'an invalid character in the field name');
  }
  if (colon <= 0) throw badHeader(line, end, what, colon === 0 ? 'an empty field name' : 'no colon');
  let v = colon + 1;
  while (v < end && (line[v] === SP || line[v] === HT)) v++;
  const cr = line.indexOf(CR, v);
  if (cr !== -1 && cr < end) throw badHeader(line, end, what, 'a bare CR');
  const nul = line.indexOf(0, v);
  if (nul !== -1 && nul < end) throw badHeader(line, end, what, 'a NUL byte');
  out.push(latin1Slice(line, 0, colon), latin1Slice(line, v, end));
}

function badHeader(line: Buffer, end: number, what: string, why: string): ProtocolError {
  const text = latin1Slice(line, 0, line.length);
  return new ProtocolError('BAD_HEADER', `Bad ${what} line ${JSON.stringify(latin1Slice(line, 0, end))}: ${why}`, { line: text });
}
