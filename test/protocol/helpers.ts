/** Feeds response bytes to the sans-I/O core and records what comes out, split-independently. */
import { ClientConnection } from '../../src/protocol/connection.js';
import { ProtocolError } from '../../src/protocol/errors.js';

export interface Outcome {
  interim: number[];
  head: { version: number; status: number; reason: string; headers: string[]; chunked: boolean; length: number | null; willClose: boolean } | null;
  body: string;
  trailers: string[] | null;
  ended: boolean;
  error: string | null;
  expected?: number | null;
  line?: string;
}

export function feed(chunks: Uint8Array[], opts: { method?: string; eof?: boolean } = {}): Outcome {
  const c = new ClientConnection();
  c.startRequest({ type: 'request', method: opts.method ?? 'GET', target: '/', headers: ['Host', 'example'] }, null, true);
  const out: Outcome = { interim: [], head: null, body: '', trailers: null, ended: false, error: null };
  const drain = (): void => {
    for (let i = 0; i < 100_000; i++) {
      const ev = c.nextEvent();
      if (ev.type === 'need-data' || ev.type === 'paused') return;
      if (ev.type === 'informational') out.interim.push(ev.status);
      else if (ev.type === 'response') {
        const { type: _t, ...head } = ev;
        out.head = head;
      } else if (ev.type === 'data') out.body += Buffer.from(ev.data).toString('latin1');
      else {
        out.ended = true;
        out.trailers = ev.trailers;
        return;
      }
    }
  };
  try {
    for (const ch of chunks) {
      c.receiveData(ch);
      drain();
    }
    if (opts.eof !== false) {
      c.receiveEof();
      drain();
    }
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw e;
    out.error = e.code;
    if (e.expected !== undefined) out.expected = e.expected;
    if (e.line !== undefined) out.line = e.line;
  }
  return out;
}

export const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

/** Every way to cut `b` in two, plus one byte at a time. */
export function* splits(b: Buffer): Generator<Buffer[]> {
  for (let i = 0; i <= b.length; i++) yield [b.subarray(0, i), b.subarray(i)];
  const ones: Buffer[] = [];
  for (let i = 0; i < b.length; i++) ones.push(b.subarray(i, i + 1));
  yield ones;
}
