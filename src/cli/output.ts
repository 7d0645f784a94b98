/**
 * Writes the exchange the way HTTPie's output/writer.py does: for each message the parts chosen
 * by --print (H/B for the request, h/b for the response), a blank line between head and body,
 * and two newlines between messages when prettifying for a terminal.
 */
import { formatBody, formatHead, type FormatOptions, type MessageView } from './format.js';

/** A byte sink (process.stdout, a file stream, or a buffer in tests). */
export interface Sink {
  write(chunk: string | Uint8Array): unknown;
  /** Node streams: wait for 'drain' when write() returned false. */
  once?(event: 'drain', listener: () => void): unknown;
}

export interface PrintOptions extends FormatOptions {
  /** HTTPie --print letters. */
  print: string;
}

function endsWithNewline(chunk: string | Uint8Array): boolean {
  if (chunk.length === 0) return true;
  return typeof chunk === 'string' ? chunk.endsWith('\n') : chunk[chunk.length - 1] === 0x0a;
}

/** Writes one message (head and/or body); returns whether anything was written. */
export function writeMessage(out: Sink, m: MessageView, withHead: boolean, withBody: boolean, o: FormatOptions): boolean {
  if (!withHead && !withBody) return false;
  const crlf = o.pretty === 'none' ? '\r\n' : '\n';
  if (withHead) {
    out.write(formatHead(m, o));
    out.write(crlf + crlf);
  }
  if (withBody && m.body && m.body.length > 0) {
    const body = formatBody(m, o);
    out.write(body);
    // HTTPie ends a prettified body with a newline so the prompt starts on its own line.
    if (o.pretty !== 'none' && !endsWithNewline(body)) out.write('\n');
  }
  return true;
}

/** Request then response, as chosen by `print`; `separator` between messages on a terminal. */
export function writeExchange(out: Sink, request: MessageView | null, response: MessageView | null, o: PrintOptions): void {
  let wrote = false;
  if (request) wrote = writeMessage(out, request, o.print.includes('H'), o.print.includes('B'), o);
  if (!response) return;
  const head = o.print.includes('h');
  const body = o.print.includes('b');
  if (wrote && (head || body)) out.write('\n\n');
  writeMessage(out, response, head, body, o);
}
