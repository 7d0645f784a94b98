/**
 * The "limit" client: a raw `net.Socket` writing pre-built request bytes and counting fixed-size
 * responses. It parses nothing on the hot path, so it is the most any JavaScript client on this
 * Node could do; every other client is reported as a fraction of it.
 *
 * Each distinct request is calibrated once (first response parsed for its head and framing); the
 * server's responses to it then always have that size (nginx's Date header has a fixed width).
 * It reads with node:net's `onread` into one static buffer (no allocation, no stream machinery
 * per read): the cheapest way Node offers to take bytes off a socket.
 */
import { connect, type Socket } from 'node:net';
import type { Target } from '../servers.js';
import { Lanes, type BenchClient, type ClientSpec } from './types.js';

interface Calibration {
  total: number;
  body: number;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
/** Every limit connection reads into this one buffer: bytes are only counted, never kept. */
const READ_BUFFER = Buffer.allocUnsafeSlow(256 * 1024);
const LAST_CHUNK = Buffer.from('0\r\n\r\n');

/** Response size when the head and framing are complete in `buf`, else null. */
function measure(buf: Buffer): Calibration | null {
  const end = buf.indexOf(CRLFCRLF);
  if (end < 0) return null;
  const head = buf.subarray(0, end).toString('latin1');
  const headLen = end + 4;
  const cl = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (cl) {
    const body = Number(cl[1]);
    return buf.length >= headLen + body ? { total: headLen + body, body } : null;
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    if (buf.length < headLen + LAST_CHUNK.length) return null;
    if (!buf.subarray(buf.length - LAST_CHUNK.length).equals(LAST_CHUNK)) return null;
    return { total: buf.length, body: buf.length - headLen };
  }
  throw new Error('limit client: response has neither Content-Length nor chunked framing');
}

class RawConn {
  readonly #socket: Socket;
  #remaining = 0;
  #calibrating: Buffer[] | null = null;
  #done: ((n: number) => void) | null = null;
  #fail: ((e: Error) => void) | null = null;
  #result = 0;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('error', (e) => this.#fail?.(e));
    socket.on('close', () => this.#fail?.(new Error('limit client: server closed the connection')));
  }

  static open(t: Target): Promise<RawConn> {
    return new Promise((resolve, reject) => {
      let conn: RawConn | null = null;
      const onread = { buffer: READ_BUFFER, callback: (n: number, buf: Uint8Array) => { conn?.onRead(buf as Buffer, n); return true; } };
      const s = connect({ port: t.port, host: t.host, onread });
      s.once('connect', () => { s.off('error', reject); resolve((conn = new RawConn(s))); });
      s.once('error', reject);
    });
  }

  exchange(bytes: Buffer, cal: Calibration | undefined, onCalibrated: (c: Calibration) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#fail = reject;
      if (cal) {
        this.#remaining = cal.total;
        this.#result = cal.body;
        this.#done = resolve;
      } else {
        this.#calibrating = [];
        this.#done = (n) => resolve(n);
        this.#onCalibrated = onCalibrated;
      }
      this.#socket.write(bytes);
    });
  }

  #onCalibrated: ((c: Calibration) => void) | null = null;

  /** `n` bytes arrived in the shared read buffer `buf`: count them (copy only while calibrating). */
  onRead(buf: Buffer, n: number): void {
    if (this.#calibrating) return this.#calibrate(Buffer.from(buf.subarray(0, n)));
    this.#remaining -= n;
    if (this.#remaining > 0) return;
    if (this.#remaining < 0) return this.#fail?.(new Error('limit client: response larger than calibrated'));
    const done = this.#done;
    this.#done = this.#fail = null;
    done?.(this.#result);
  }

  #calibrate(chunk: Buffer): void {
    this.#calibrating!.push(chunk);
    const buf = Buffer.concat(this.#calibrating!);
    this.#calibrating = [buf];
    const c = measure(buf);
    if (!c) return;
    this.#calibrating = null;
    this.#onCalibrated?.(c);
    const done = this.#done;
    this.#done = this.#fail = null;
    done?.(c.body);
  }

  close(): void {
    this.#fail = null;
    this.#socket.destroy();
  }
}

function createLimit(t: Target, connections: number): BenchClient {
  const cals = new Map<Buffer, Calibration>();
  const requests = new Map<string, Buffer>();
  const uploads = new WeakMap<Uint8Array, Buffer>();
  const lanes = new Lanes(connections, () => RawConn.open(t));
  const hostLine = `Host: ${t.host}:${t.port}\r\n`;
  const getBytes = (path: string): Buffer => {
    let b = requests.get(path);
    if (!b) requests.set(path, (b = Buffer.from(`GET ${path} HTTP/1.1\r\n${hostLine}\r\n`, 'latin1')));
    return b;
  };
  const send = (bytes: Buffer) => lanes.run((c) => c.exchange(bytes, cals.get(bytes), (cal) => cals.set(bytes, cal)));
  return {
    get: (path) => send(getBytes(path)),
    download: (path) => send(getBytes(path)),
    upload(path, body) {
      let b = uploads.get(body);
      if (!b) {
        const head = `POST ${path} HTTP/1.1\r\n${hostLine}Content-Length: ${body.length}\r\n\r\n`;
        uploads.set(body, (b = Buffer.concat([Buffer.from(head, 'latin1'), body])));
      }
      return send(b);
    },
    async close() {
      for (const c of lanes.all) c?.close();
    },
  };
}

export const limit: ClientSpec = {
  name: 'limit (raw net.Socket)',
  unavailable: async () => null,
  create: async (t, { connections }) => createLimit(t, connections),
};
