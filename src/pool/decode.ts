/**
 * Content-Encoding decoding, streaming (urllib3 2.x's response decoders).
 *
 * - gzip / x-gzip (several members), deflate (zlib-wrapped, or raw as some servers send it:
 *   chosen from the first two bytes, RFC 1950 §2.2 header check), br, and zstd when this Node's
 *   zlib has it (feature-detected; Node 20 has none).
 * - "a, b" means a was applied first: decoders run in reverse order (RFC 9110 §8.4).
 * - Bounds with a clear DecodeError: at most `maxCodings` codings (urllib3 2.x: 5), and at most
 *   `maxBytes` decoded bytes — checked as zlib produces output, so a bomb never sits in memory.
 * - A truncated stream at the end is tolerated (urllib3 flushes what it has), a corrupt one is not.
 */
import * as zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import { DecodeError } from './errors.js';

/** urllib3 2.x: DecodeError past five chained codings. */
export const DEFAULT_MAX_CODINGS = 5;
/** Default cap on decoded bytes per response: 1 GiB. */
export const DEFAULT_MAX_DECODED_BYTES = 1024 ** 3;

type Factory = (first: Uint8Array) => Transform;
const zstdFactory = (zlib as unknown as { createZstdDecompress?: () => Transform }).createZstdDecompress;

const FACTORIES: ReadonlyMap<string, Factory> = new Map<string, Factory>([
  ['gzip', () => zlib.createGunzip()],
  ['x-gzip', () => zlib.createGunzip()],
  ['deflate', (first) => (looksLikeZlib(first) ? zlib.createInflate() : zlib.createInflateRaw())],
  ['br', () => zlib.createBrotliDecompress()],
  ...(zstdFactory ? [['zstd', () => zstdFactory()] as [string, Factory]] : []),
]);

/** Codings this Node can decode, for Accept-Encoding (Requests sends "gzip, deflate" (+br, zstd when available)). */
export const SUPPORTED_CODINGS: readonly string[] = [...FACTORIES.keys()].filter((c) => c !== 'x-gzip');

function looksLikeZlib(b: Uint8Array): boolean {
  return b.length >= 2 && (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0;
}

/**
 * The codings to undo for a Content-Encoding value (all header lines joined with ", "), in
 * application order; null when the body is to be passed through (absent, identity, or a single
 * coding we do not know — urllib3 leaves those alone).
 */
export function parseCodings(value: string | null, maxCodings = DEFAULT_MAX_CODINGS): string[] | null {
  if (value === null) return null;
  const codings = value.split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return null;
  if (codings.length > maxCodings) throw new DecodeError(`Too many content encodings in the chain: ${codings.length} > ${maxCodings}`);
  if (codings.length === 1 && !FACTORIES.has(codings[0]!)) return null;
  for (const c of codings) {
    if (!FACTORIES.has(c)) throw new DecodeError(`Received response with content-encoding: ${value}, but the coding ${c} is not supported.`);
  }
  return codings;
}

/** One zlib stream driven chunk by chunk: push() resolves with the output produced so far. */
class Stage {
  readonly #coding: string;
  readonly #check: (total: number) => void;
  #stream: Transform | null = null;
  #out: Buffer[] = [];
  #total = 0;
  #error: Error | null = null;
  #pending: { resolve(b: Buffer[]): void; reject(e: Error): void; atEnd: boolean } | null = null;

  constructor(coding: string, check: (total: number) => void) {
    this.#coding = coding;
    this.#check = check;
  }

  #open(first: Uint8Array): Transform {
    const s = FACTORIES.get(this.#coding)!(first);
    s.on('data', (b: Buffer) => this.#onData(s, b));
    s.on('error', (err: Error) => {
      this.#error ??= err;
      this.#settle();
    });
    s.on('close', () => this.#settle());
    s.on('end', () => this.#settle());
    this.#stream = s;
    return s;
  }

  #onData(s: Transform, b: Buffer): void {
    this.#out.push(b);
    this.#total += b.length;
    try {
      this.#check(this.#total);
    } catch (err) {
      this.#error = err as Error;
      s.destroy();
    }
  }

  push(chunk: Uint8Array): Promise<Buffer[]> {
    if (chunk.length === 0) return Promise.resolve([]);
    const s = this.#stream ?? this.#open(chunk);
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject, atEnd: false };
      if (this.#error || s.destroyed) return this.#settle();
      s.write(chunk);
      (s as Transform & { flush(cb: () => void): void }).flush(() => this.#settle());
    });
  }

  end(): Promise<Buffer[]> {
    const s = this.#stream;
    if (s === null) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject, atEnd: true };
      if (this.#error || s.destroyed || s.readableEnded) return this.#settle();
      s.end();
    });
  }

  #settle(): void {
    const p = this.#pending;
    if (p === null) return;
    this.#pending = null;
    const err = this.#error;
    // A stream cut short at the end (no gzip trailer...) is tolerated, as urllib3's flush() is.
    if (err && !(p.atEnd && (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR')) {
      p.reject(err);
      return;
    }
    const out = this.#out;
    this.#out = [];
    p.resolve(out);
  }

  destroy(): void {
    this.#stream?.destroy();
  }
}

/** Decodes a whole chain; feed raw chunks, get decoded chunks; enforces the size bound. */
export class ContentDecoder {
  readonly #stages: Stage[];
  readonly #label: string;
  readonly #maxBytes: number | null;

  constructor(codings: readonly string[], opts: { maxBytes?: number | null; label?: string } = {}) {
    this.#maxBytes = opts.maxBytes === undefined ? DEFAULT_MAX_DECODED_BYTES : opts.maxBytes;
    this.#label = opts.label ?? codings.join(', ');
    // Every stage's cumulative output is bounded by the same cap (inner stages of a chain too).
    this.#stages = codings.slice().reverse().map((c) => new Stage(c, (total) => this.#check(total)));
  }

  #check(total: number): void {
    if (this.#maxBytes !== null && total > this.#maxBytes) {
      throw new DecodeError(`Decompressed body of a response with content-encoding: ${this.#label} exceeds the limit of ${this.#maxBytes} bytes`);
    }
  }

  /** Decoded output for one raw chunk (possibly empty). */
  async write(chunk: Uint8Array): Promise<Buffer[]> {
    return this.#run(0, [chunk], false);
  }

  /** Flushes every stage at the end of the body. */
  async end(): Promise<Buffer[]> {
    return this.#run(0, [], true);
  }

  async #run(index: number, input: Uint8Array[], atEnd: boolean): Promise<Buffer[]> {
    if (index === this.#stages.length) return input as Buffer[];
    const stage = this.#stages[index]!;
    const out: Buffer[] = [];
    try {
      for (const chunk of input) out.push(...(await stage.push(chunk)));
      if (atEnd) out.push(...(await stage.end()));
    } catch (err) {
      this.destroy();
      if (err instanceof DecodeError) throw err;
      throw new DecodeError(`Received response with content-encoding: ${this.#label}, but failed to decode it.`, { cause: err });
    }
    return this.#run(index + 1, out, atEnd);
  }

  destroy(): void {
    for (const s of this.#stages) s.destroy();
  }
}
