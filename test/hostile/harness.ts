/**
 * Shared plumbing of the hostile suite: a 5 s guard so no promise can hang a test, one function
 * per public layer that runs "first request (hostile) + second request (must be a new socket)"
 * and reports what happened, and a check that no socket or server outlives the tests.
 */
import * as httpkit from '../../src/index.js';
import * as client from '../../src/client/index.js';
import * as urllib from '../../src/urllib/index.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { scriptFor } from './cases.js';

/** Read timeout used everywhere in the suite (ms): stalls must end well inside the guard. */
export const READ_TIMEOUT = 300;
/** Hard bound on any single awaited operation (ms). */
export const GUARD_MS = 5000;

/** Rejects with a HANG error when `p` has not settled within GUARD_MS. */
export async function guard<T>(p: Promise<T>, what = 'operation'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`HANG: ${what} did not settle within ${GUARD_MS} ms`)), GUARD_MS);
  });
  try {
    return await Promise.race([p, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** What one request produced: an error, or a status and body (latin-1). */
export type Outcome = { error: unknown } | { status: number; body: string };

export const isError = (o: Outcome): o is { error: unknown } => 'error' in o;

async function capture(fn: () => Promise<{ status: number; body: Uint8Array }>): Promise<Outcome> {
  try {
    const r = await guard(fn());
    return { status: r.status, body: Buffer.from(r.body).toString('latin1') };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('HANG:')) throw error;
    return { error };
  }
}

export interface Run {
  first: Outcome;
  second: Outcome;
  /** Connections the server accepted for both requests. */
  connections: number;
  /** Bytes the server received on connection 0 (latin-1). */
  sent: string;
}

/** Serves case `name`, runs `first` then `second` through `layer`, and closes everything. */
async function withCase(name: string, run: (port: number) => Promise<[Outcome, Outcome]>): Promise<Run> {
  const srv: ScriptedServer = await startScriptedServer(scriptFor(name));
  try {
    const [first, second] = await run(srv.port);
    return { first, second, connections: srv.connections, sent: srv.text(0) };
  } finally {
    await srv.close();
  }
}

/** Requests: two `Session.get` calls on one Session. */
export function viaRequests(name: string, opts: httpkit.RequestOptions = {}, pause = 0): Promise<Run> {
  return withCase(name, async (port) => {
    const s = new httpkit.Session();
    s.trustEnv = false;
    const url = `http://127.0.0.1:${port}/`;
    const get = async (): Promise<{ status: number; body: Uint8Array }> => {
      const r = await s.get(url, { timeout: READ_TIMEOUT, ...opts });
      return { status: r.statusCode ?? 0, body: r.content ?? new Uint8Array(0) };
    };
    try {
      const first = await capture(get);
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
      return [first, await capture(get)];
    } finally {
      s.close();
    }
  });
}

/**
 * http.client: two exchanges on one HTTPConnection. CPython leaves a connection whose response head
 * was malformed in the Request-sent state (CannotSendRequest until close()); we follow that, close()
 * and retry once, as a Python caller must.
 */
export function viaClient(name: string, pause = 0): Promise<Run> {
  return withCase(name, async (port) => {
    const conn = new client.HTTPConnection('127.0.0.1', { port, timeout: READ_TIMEOUT });
    const exchange = async (): Promise<{ status: number; body: Uint8Array }> => {
      await conn.request('GET', '/');
      const r = await conn.getresponse();
      return { status: r.status, body: await r.read() };
    };
    try {
      const first = await capture(exchange);
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
      let second = await capture(exchange);
      if (isError(second) && second.error instanceof client.ImproperConnectionState) {
        conn.close();
        second = await capture(exchange);
      }
      return [first, second];
    } finally {
      conn.close();
    }
  });
}

/** urllib: two urlopen calls (a new HTTPConnection each, as CPython). */
export function viaUrllib(name: string): Promise<Run> {
  return withCase(name, async (port) => {
    const open = async (): Promise<{ status: number; body: Uint8Array }> => {
      const r = await urllib.urlopen(`http://127.0.0.1:${port}/`, { timeout: READ_TIMEOUT });
      try {
        return { status: r.status as number, body: await r.read() };
      } finally {
        r.close();
      }
    };
    return [await capture(open), await capture(open)];
  });
}

/** Short description of an outcome for assertion messages. */
export function describe(o: Outcome): string {
  if (!isError(o)) return `OK ${o.status} ${JSON.stringify(o.body.slice(0, 40))}`;
  const e = o.error as Error;
  return `${e?.constructor?.name ?? typeof e}: ${String(e?.message).slice(0, 200)}`;
}

/** Handles that would keep the process alive: TCP sockets and servers, ref'd timers (name kept for history). */
export function openTcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap' || r === 'Timeout').length;
}

export interface RoutedServer {
  port: number;
  /** Request lines received, in order ("GET /x HTTP/1.1"). */
  lines: string[];
  /** Raw bytes received, all connections (latin-1). */
  readonly raw: string;
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * A keep-alive raw server that answers each request head with `route(requestLine)` bytes (null:
 * say nothing). Requests are assumed bodiless (the hostile flows only GET).
 */
export async function startRoutedServer(route: (line: string) => string | Buffer | null, host = '127.0.0.1'): Promise<RoutedServer> {
  const net = await import('node:net');
  const sockets = new Set<import('node:net').Socket>();
  const lines: string[] = [];
  let raw = '';
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buf = '';
    socket.on('data', (d: Buffer) => {
      raw += d.toString('latin1');
      buf += d.toString('latin1');
      for (let end = buf.indexOf('\r\n\r\n'), guardN = 0; end !== -1 && guardN < 1000; end = buf.indexOf('\r\n\r\n'), guardN++) {
        const line = buf.slice(0, buf.indexOf('\r\n'));
        buf = buf.slice(end + 4);
        lines.push(line);
        const answer = route(line);
        if (answer !== null && !socket.destroyed) socket.write(typeof answer === 'string' ? Buffer.from(answer, 'latin1') : answer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as import('node:net').AddressInfo).port,
    lines,
    get raw() {
      return raw;
    },
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
