/**
 * Reading a plain TCP socket into our own buffers (node:net's `onread` option) instead of the
 * stream's 'data' events. Why: Node's default path allocates a fresh 64 KiB buffer for every read
 * and runs each chunk through Readable.push and an EventEmitter; measured on a 64 MiB download
 * that is most of the client's user CPU (about 3× the user time of this path).
 *
 * Invariants:
 * - A chunk handed to the sink is never overwritten later: reads into the shared buffer are
 *   copied out; a connection's own buffer is handed out (a view) only once, then replaced.
 * - An idle connection pins no read memory: after a short read it goes back to the shared buffer,
 *   and a kept 13-byte body is an exact-size copy, never a view of 64 KiB.
 * - Bytes that arrive before a sink is attached (a peer that speaks first) are queued, in order.
 * Only for plain TCP: TLS sockets (and tunnels after startTls) read through node:tls as before.
 */

import type { OnReadOpts, Socket } from 'node:net';

/** Size of each read buffer: one read() syscall takes at most this many bytes. */
export const READ_BUFFER_BYTES = 64 * 1024;
/** Reads shorter than this are copied out; longer ones mean a bulk transfer (own buffers, no copies). */
const COPY_BELOW = 16 * 1024;

/** Where the bytes go (the connection's SocketDriver). */
export interface ReadSink {
  received(chunk: Buffer): void;
}
const DROP: ReadSink = { received: () => undefined };

/**
 * The socket names its ReadBuffer so one `onread` callback serves every socket (Node calls it
 * with the socket as `this`): an idle connection keeps one bound function (the buffer chooser), not two closures.
 */
const READER = Symbol('httpkit.readBuffer');
type ReadingSocket = Socket & { [READER]?: ReadBuffer };

function onRead(this: ReadingSocket, nread: number, buf: Uint8Array): boolean {
  this[READER]!.onRead(nread, buf as Buffer);
  return true; // pausing is the driver's (socket.pause() stops reads in this mode too)
}

/**
 * The read buffer shared by every connection between bulk transfers. Reads into it are always
 * copied out in their callback, before any other socket can read into it (reads and their
 * callbacks run one at a time on this thread), so an idle connection pins no read memory.
 */
const shared: Buffer = Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);

export class ReadBuffer {
  #sink: ReadSink | null = null;
  #early: Buffer[] | null = null;
  /** The buffer the next read goes into: `shared`, or this socket's own during a bulk transfer. */
  #next: Buffer = shared;

  /** For net.connect({ onread }); call `own(socket)` on the socket it returns before any read. */
  options(): OnReadOpts {
    // Node calls the buffer chooser without a `this`: bound once (no context object, unlike a closure).
    return { buffer: this.#nextBuffer.bind(this), callback: onRead };
  }

  #nextBuffer(): Buffer {
    return this.#next;
  }

  /** Binds this buffer to the socket it reads (see READER). */
  own(socket: Socket): void {
    (socket as ReadingSocket)[READER] = this;
  }

  /** One read of `nread` bytes into `buf` (the `onread` callback). */
  onRead(nread: number, buf: Buffer): void {
    const big = nread >= COPY_BELOW;
    let chunk: Buffer;
    if (buf !== shared && big) {
      // Bulk transfer on our own buffer: hand it out as is (no copy), read on into a new one.
      chunk = buf.subarray(0, nread);
      this.#next = Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);
    } else {
      // Short reads (heads, small bodies) are copied to their exact size; the shared buffer is
      // never handed out. A big read means a bulk transfer started: switch to an own buffer.
      chunk = Buffer.allocUnsafe(nread);
      chunk.set(nread === buf.length ? buf : buf.subarray(0, nread)); // TypedArray#set: no Buffer#copy argument checks
      this.#next = big ? Buffer.allocUnsafeSlow(READ_BUFFER_BYTES) : shared;
    }
    if (this.#sink !== null) this.#sink.received(chunk);
    else (this.#early ??= []).push(chunk);
  }

  /** Starts delivering to `sink`, first whatever arrived before. */
  attach(sink: ReadSink): void {
    this.#sink = sink;
    const early = this.#early;
    this.#early = null;
    if (early !== null) for (const c of early) sink.received(c);
  }

  /** Stops delivering (the socket is handed to TLS, which reads it from now on). */
  detach(): void {
    this.#sink = DROP;
    this.#early = null;
  }
}
