/**
 * Header-block helpers. file: and data: responses use http.client's HTTPMessage (CPython uses
 * email.message.Message, of which HTTPMessage is a subclass), built from CPython's header text.
 */
import { HTTPMessage } from '../client/message.js';

/** email.message_from_string for 'Name: value\n' lines: leading blanks of a value dropped, trailing kept. */
export function messageFromString(text: string): HTTPMessage {
  const pairs: Array<[string, string]> = [];
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) pairs.push([line.slice(0, i), line.slice(i + 1).replace(/^[ \t]+/, '')]);
  }
  return new HTTPMessage(pairs);
}

/** A response header block: http.client's HTTPMessage (Map-like, case-insensitive, repeats kept). */
export type HeaderLookup = HTTPMessage;

/** All values of `name` in any header block (HTTPMessage or Message). */
export function allValues(headers: HeaderLookup | null | undefined, name: string): string[] {
  if (!headers) return [];
  return headers.getAll(name) ?? [];
}

/** First value of `name`, or null. */
export function firstValue(headers: HeaderLookup | null | undefined, name: string): string | null {
  if (!headers) return null;
  return headers.get(name) ?? null;
}
