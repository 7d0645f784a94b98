/**
 * A raw `node:net` server on 127.0.0.1 that answers each accepted connection with exact bytes,
 * for tests that must control every byte a client sees (malformed heads, truncations, delays).
 *
 *   const srv = await startScriptedServer([
 *     ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi', { close: true }],   // connection 0
 *     [{ write: 'garbage\r\n' }, { close: true }],                          // connection 1
 *   ]);
 *   ... srv.port ...; srv.received[0] (bytes the client sent on connection 0); await srv.close();
 *
 * Steps per connection, run in order:
 * - a string / bytes, or `{ respond: x | [x, y, ...], gap?: ms }`: wait for the next complete
 *   request (head + Content-Length or chunked body), then write (several writes when an array,
 *   `gap` ms apart: split writes)
 * - `{ write: x }`: write now, without waiting for a request
 * - `{ delay: ms }`, `{ close: true }` (FIN), `{ destroy: true }` (abrupt close)
 * - `{ awaitRequest: true }`: wait for the next complete request and write nothing
 * After the last step the connection stays open until the client closes it (or `close()`).
 * Connections beyond the script reuse its last entry.
 */
import * as net from 'node:net';

export type Bytes = string | Uint8Array;
export type Step =
  | Bytes
  | { respond: Bytes | Bytes[]; gap?: number }
  | { write: Bytes }
  | { delay: number }
  | { close: true }
  | { destroy: true }
  | { awaitRequest: true };

export interface ScriptedServer {
  readonly port: number;
  readonly host: string;
  /** Bytes received per connection, in accept order. */
  readonly received: Buffer[];
  /** Number of connections accepted so far. */
  readonly connections: number;
  /** Received bytes of connection `i` as latin-1 text. */
  text(i?: number): string;
  close(): Promise<void>;
}

const toBuf = (b: Bytes): Buffer => (typeof b === 'string' ? Buffer.from(b, 'latin1') : Buffer.from(b));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Length of the first complete request in `buf`, or -1 when incomplete. */
export function requestLength(buf: Buffer): number {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd === -1) return -1;
  const head = buf.subarray(0, headEnd).toString('latin1');
  const bodyStart = headEnd + 4;
  const cl = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
  if (/\r\ntransfer-encoding:[^\r\n]*chunked/i.test(head)) {
    let pos = bodyStart;
    for (let guard = 0; guard < 1_000_000; guard++) {
      const lineEnd = buf.indexOf('\r\n', pos);
      if (lineEnd === -1) return -1;
      const size = parseInt(buf.subarray(pos, lineEnd).toString('latin1'), 16);
      if (size === 0) {
        const end = buf.indexOf('\r\n\r\n', lineEnd - 2);
        return end === -1 ? -1 : end + 4;
      }
      pos = lineEnd + 2 + size + 2;
      if (pos > buf.length) return -1;
    }
    return -1;
  }
  const len = cl === null ? 0 : Number(cl[1]);
  return buf.length >= bodyStart + len ? bodyStart + len : -1;
}

export async function startScriptedServer(script: Step[][]): Promise<ScriptedServer> {
  const received: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  let count = 0;
  const server = net.createServer((socket) => {
    const index = count++;
    received[index] = Buffer.alloc(0);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const steps = script[Math.min(index, script.length - 1)] ?? [];
    let consumed = 0;
    let waiter: (() => void) | null = null;
    socket.on('data', (d: Buffer) => {
      received[index] = Buffer.concat([received[index]!, d]);
      waiter?.();
    });
    socket.on('end', () => waiter?.());
    const nextRequest = async (): Promise<boolean> => {
      for (let guard = 0; guard < 100_000; guard++) {
        const n = requestLength(received[index]!.subarray(consumed));
        if (n !== -1) {
          consumed += n;
          return true;
        }
        if (socket.destroyed || socket.readableEnded) return false;
        await new Promise<void>((r) => (waiter = r));
        waiter = null;
      }
      return false;
    };
    void (async () => {
      for (const step of steps) {
        if (socket.destroyed) return;
        if (typeof step === 'string' || step instanceof Uint8Array) {
          if (!(await nextRequest())) return;
          socket.write(toBuf(step));
        } else if ('respond' in step) {
          if (!(await nextRequest())) return;
          const parts = Array.isArray(step.respond) ? step.respond : [step.respond];
          for (let i = 0; i < parts.length; i++) {
            if (i > 0 && step.gap !== undefined) await sleep(step.gap);
            if (socket.destroyed) return;
            socket.write(toBuf(parts[i]!));
          }
        } else if ('write' in step) socket.write(toBuf(step.write));
        else if ('delay' in step) await sleep(step.delay);
        else if ('close' in step) socket.end();
        else if ('destroy' in step) socket.destroy();
        else if ('awaitRequest' in step) {
          if (!(await nextRequest())) return;
        }
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    host: '127.0.0.1',
    received,
    get connections() {
      return count;
    },
    text: (i = 0) => (received[i] ?? Buffer.alloc(0)).toString('latin1'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
