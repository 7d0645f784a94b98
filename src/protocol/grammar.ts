/**
 * Request-side grammar checks (RFC 9110 §5.1, §5.5, §9.1; RFC 9112 §3.2). Each validator throws
 * ProtocolError('INVALID_REQUEST') with a message naming the bad part, so the caller can refuse a
 * request before a single byte is written (CPython http.client: putrequest/putheader raise
 * ValueError the same way).
 *
 * We are stricter than CPython in two places, both to close header-injection holes: the method
 * must be a token (CPython only rejects controls) and header values may not contain CR or LF at
 * all (CPython allows an obs-fold "\r\n "). Values above U+00FF cannot be sent as latin-1.
 */
import { ProtocolError } from './errors.js';

/** RFC 9110 §5.6.2: token = 1*tchar. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Target: no controls (incl. space and DEL; CPython _contains_disallowed_url_pchar_re) and latin-1 only. */
const BAD_TARGET = /[\u0000-\u0020\u007f]|[^\u0000-\u00ff]/;
/** Field value: no CR, LF or NUL (RFC 9110 §5.5), latin-1 only (CPython encodes values as latin-1). */
const BAD_VALUE = /[\u0000\r\n]|[^\u0000-\u00ff]/;

/** True when `s` is a non-empty RFC 9110 token. */
export function isToken(s: string): boolean {
  return TOKEN.test(s);
}

/** The method must be a token (RFC 9110 §9.1). */
export function validateMethod(method: string): void {
  if (typeof method !== 'string' || !TOKEN.test(method)) {
    throw invalid(`Invalid method ${JSON.stringify(method)}: it must be a token (RFC 9110 §9.1), with no spaces or control characters`);
  }
}

/** The request target may not contain space, controls or code points above U+00FF. */
export function validateTarget(target: string): void {
  if (typeof target !== 'string' || target.length === 0) {
    throw invalid(`Invalid request target ${JSON.stringify(target)}: it must be a non-empty string`);
  }
  const m = BAD_TARGET.exec(target);
  if (m !== null) {
    throw invalid(`Invalid request target ${JSON.stringify(target)}: character ${describe(m[0])} at index ${m.index} is not allowed (no spaces, controls or characters above U+00FF)`);
  }
}

/** Header names are tokens (RFC 9110 §5.1). */
export function validateHeaderName(name: string): void {
  if (typeof name !== 'string' || !TOKEN.test(name)) {
    throw invalid(`Invalid header name ${JSON.stringify(name)}: it must be a token (RFC 9110 §5.1)`);
  }
}

/** Header values have no CR, LF or NUL and no code point above U+00FF. */
export function validateHeaderValue(name: string, value: string): void {
  if (typeof value !== 'string') {
    throw invalid(`Invalid value for header ${JSON.stringify(name)}: expected a string, got ${typeof value}`);
  }
  const m = BAD_VALUE.exec(value);
  if (m !== null) {
    throw invalid(`Invalid value for header ${JSON.stringify(name)}: ${JSON.stringify(value)} contains ${describe(m[0])} at index ${m.index} (no CR, LF, NUL or characters above U+00FF)`);
  }
}

/** Validates a flat [name, value, ...] list; throws on the first bad pair. */
export function validateHeaders(headers: readonly string[]): void {
  if (headers.length % 2 !== 0) throw invalid('Header list must hold name/value pairs (odd length)');
  for (let i = 0; i < headers.length; i += 2) {
    validateHeaderName(headers[i]!);
    validateHeaderValue(headers[i]!, headers[i + 1]!);
  }
}

function describe(ch: string): string {
  const code = ch.codePointAt(0)!;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function invalid(message: string): ProtocolError {
  return new ProtocolError('INVALID_REQUEST', message);
}
