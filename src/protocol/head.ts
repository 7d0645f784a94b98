/**
 * Parsing of a response head's lines: the status line (RFC 9112 §4) and field lines (§5).
 * A line is given as bytes [start, end) of a buffer, terminator (LF, usually CRLF) included; it
 * is scanned with charCode loops and decoded (latin-1, as CPython) only for the strings kept.
 *
 * Status line: as CPython http.client `_read_status` + `begin`: `HTTP/1.x NNN [reason]`, split
 * on whitespace, reason optional and stripped; a line not starting with `HTTP/` is a
 * BadStatusLine carrying the line. Stricter than CPython: the status is exactly three digits,
 * and a bare CR or a NUL in the line is rejected.
 *
 * Field lines: stricter than CPython wherever its leniency lets one response smuggle another:
 * obs-fold (a line starting with SP/HTAB), whitespace between name and colon, a bare CR or a NUL
 * anywhere in the line are BAD_HEADER (RFC 9112 §5.1, §5.2, §2.2). Values keep CPython's shape:
 * leading SP/HTAB removed, the rest (trailing whitespace included) kept.
 */
import { latin1Slice } from '../internal/bytes.js';
import { ProtocolError } from './errors.js';
import { hashStep, internLatin1 } from './intern.js';

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

/** End of the line's content: `end` minus its LF / CRLF terminator. */
export function contentEnd(buf: Uint8Array, start: number, end: number): number {
  if (end > start && buf[end - 1] === LF) end--;
  if (end > start && buf[end - 1] === CR) end--;
  return end;
}

/** True for a line that is only a terminator: the blank line ending a head. */
export function isBlankLine(buf: Uint8Array, start: number, end: number): boolean {
  return contentEnd(buf, start, end) === start;
}

/** Python str.split() whitespace for latin-1 text. */
const WS = /[\s\x1c-\x1f\x85]+/;

/** Parses a status line. Throws BAD_STATUS_LINE / UNKNOWN_PROTOCOL. */
export function parseStatusLine(buf: Buffer, start: number, end: number): StatusLine {
  const stop = contentEnd(buf, start, end);
  // Fast path, the overwhelmingly common shape: "HTTP/1.1 200 OK" (or HTTP/1.0).
  if (stop - start >= 12 && isHttp1x(buf, start) && buf[start + 8] === SP && (stop - start === 12 || buf[start + 12] === SP)) {
    const status = threeDigits(buf, start + 9);
    const reason = status >= 100 ? fastReason(buf, start + 13, stop) : null;
    if (reason !== null) return { version: buf[start + 7] === 0x30 ? 10 : 11, status, reason };
  }
  return parseStatusSlow(latin1Slice(buf, start, end), buf, start, stop);
}

/** "HTTP/1.0" or "HTTP/1.1" at `at`. */
function isHttp1x(b: Buffer, at: number): boolean {
  return b[at] === 0x48 && b[at + 1] === 0x54 && b[at + 2] === 0x54 && b[at + 3] === 0x50 && b[at + 4] === 0x2f &&
    b[at + 5] === 0x31 && b[at + 6] === 0x2e && (b[at + 7] === 0x31 || b[at + 7] === 0x30);
}

/** The reason phrase when it is plain (no controls, no surrounding whitespace), else null. */
function fastReason(buf: Buffer, from: number, stop: number): string | null {
  if (from >= stop) return '';
  let h = 0;
  for (let i = from; i < stop; i++) {
    const c = buf[i]!;
    if (c < SP) return null;
    h = hashStep(h, c);
  }
  if (buf[from] === SP || buf[stop - 1] === SP) return null;
  return internLatin1(buf, from, stop, h);
}

function parseStatusSlow(text: string, buf: Buffer, start: number, stop: number): StatusLine {
  for (let i = start; i < stop; i++) {
    if (buf[i] === CR) throw badStatus(text, 'a bare CR');
    if (buf[i] === 0) throw badStatus(text, 'a NUL byte');
  }
  const body = latin1Slice(buf, start, stop).replace(/^[\s\x1c-\x1f\x85]+/, '');
  const parts = splitN(body, 2);
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

function threeDigits(buf: Buffer, at: number): number {
  const a = buf[at]! - 48;
  const b = buf[at + 1]! - 48;
  const c = buf[at + 2]! - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) return -1;
  return a * 100 + b * 10 + c;
}

function badStatus(text: string, why: string): ProtocolError {
  return new ProtocolError('BAD_STATUS_LINE', `Bad status line ${JSON.stringify(text)}: ${why}`, { line: text });
}

/**
 * Parses one field line (not blank) and appends name and value to `out`.
 * `what` names the section in messages ("header" or "trailer").
 */
export function parseFieldLine(buf: Buffer, start: number, end: number, out: string[], what: string): void {
  const stop = contentEnd(buf, start, end);
  const first = buf[start];
  if (first === SP || first === HT) throw badHeader(buf, start, end, what, 'obs-fold (a continuation line) is not accepted');
  let colon = -1;
  let nameHash = 0;
  for (let i = start; i < stop; i++) {
    const c = buf[i]!;
    if (c === COLON) {
      colon = i;
      break;
    }
    if (c <= SP || c >= 0x7f) throw badHeader(buf, start, end, what, c === SP || c === HT ? 'whitespace before the colon' : 'an invalid character in the field name');
    nameHash = hashStep(nameHash, c);
  }
  if (colon <= start) throw badHeader(buf, start, end, what, colon === start ? 'an empty field name' : 'no colon');
  let v = colon + 1;
  while (v < stop && (buf[v] === SP || buf[v] === HT)) v++;
  let valueHash = 0;
  for (let i = v; i < stop; i++) {
    const c = buf[i]!;
    if (c === CR || c === 0) throw badHeader(buf, start, end, what, c === CR ? 'a bare CR' : 'a NUL byte');
    valueHash = hashStep(valueHash, c);
  }
  out.push(internLatin1(buf, start, colon, nameHash), internLatin1(buf, v, stop, valueHash));
}

function badHeader(buf: Buffer, start: number, end: number, what: string, why: string): ProtocolError {
  const text = latin1Slice(buf, start, end);
  return new ProtocolError('BAD_HEADER', `Bad ${what} line ${JSON.stringify(latin1Slice(buf, start, contentEnd(buf, start, end)))}: ${why}`, { line: text });
}
