/**
 * Sending a body again (307/308 redirects, the digest-auth retry): strings and bytes replay
 * freely; a file stream with a path is reopened at its start (Requests seeks a file back to
 * `_body_position`); any other stream is one-shot, and resending it after it started raises
 * UnrewindableBodyError rather than silently sending an empty body.
 */
import { createReadStream } from 'node:fs';
import { normalizeChunks, streamLength, type StreamInfo } from './body.js';
import { UnrewindableBodyError } from './errors.js';

/** A stream body that can be iterated once. */
export class OneShotBody implements AsyncIterable<Uint8Array> {
  readonly #source: AsyncIterable<Uint8Array>;
  #started = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#source = source;
  }

  /** True once iteration began. */
  get started(): boolean {
    return this.#started;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    if (this.#started) throw new UnrewindableBodyError('Unable to rewind request body for redirect.');
    this.#started = true;
    return this.#source[Symbol.asyncIterator]();
  }
}

/** A file stream body: the first pass reads the caller's stream, later passes reopen the file. */
export class FileBody implements AsyncIterable<Uint8Array> {
  readonly #first: AsyncIterable<unknown>;
  readonly #path: string;
  readonly #start: number | undefined;
  readonly #end: number | undefined;
  #passes = 0;

  constructor(first: AsyncIterable<unknown>, path: string, start: number | undefined, end: number | undefined) {
    this.#first = first;
    this.#path = path;
    this.#start = start;
    this.#end = end;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    const source = this.#passes++ === 0 ? this.#first : createReadStream(this.#path, { start: this.#start, end: this.#end });
    return normalizeChunks(source)[Symbol.asyncIterator]();
  }
}

/** A FileBody for an unread `fs.ReadStream` (anything with a string `path` and async iteration), else null. */
export function replayableFile(data: object): StreamInfo | null {
  const s = data as { path?: unknown; start?: unknown; end?: unknown; bytesRead?: unknown };
  if (typeof s.path !== 'string' || !(Symbol.asyncIterator in data)) return null;
  if (typeof s.bytesRead === 'number' && s.bytesRead > 0) return null;
  const start = typeof s.start === 'number' ? s.start : undefined;
  const end = typeof s.end === 'number' && Number.isFinite(s.end) ? s.end : undefined;
  return { stream: new FileBody(data as AsyncIterable<unknown>, s.path, start, end), length: streamLength(data) };
}

/** Throws UnrewindableBodyError when `body` is a one-shot stream that was already (partly) sent. */
export function assertRewindable(body: unknown): void {
  if (body instanceof OneShotBody && body.started) throw new UnrewindableBodyError('Unable to rewind request body for redirect.');
}
