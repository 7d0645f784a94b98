/**
 * http.client's debug output (set_debuglevel > 0): "send: b'...'" for every write, "reply: '...'"
 * for the status line and "header: Name: value" for each header, printed with console.log.
 */
import { asBytes } from './body.js';
import { pyRepr } from './hostport.js';
import type { HTTPResponse } from './response.js';

/** CPython: print("send:", repr(data)) — data is bytes, so b'...'. */
export function debugSend(level: number, data: unknown): void {
  if (level <= 0) return;
  const bytes = asBytes(data);
  const shown = typeof data === 'string' ? 'b' + pyRepr(data) : bytes !== null ? 'b' + pyRepr(Buffer.from(bytes).toString('latin1')) : String(data);
  console.log('send:', shown);
}

/** CPython: print("reply:", repr(line)) then print("header:", hdr + ":", val) per header. */
export function debugReply(level: number, r: HTTPResponse): void {
  if (level <= 0) return;
  console.log('reply:', pyRepr(`HTTP/${r.version === 10 ? '1.0' : '1.1'} ${r.status} ${r.reason}\r\n`));
  for (const [k, v] of r.headers) console.log('header:', `${k}: ${v}`);
}
