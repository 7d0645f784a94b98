/**
 * Content-Encoding decoding, streaming (urllib3 2.x's response decoders).
 *
 * - gzip / x-gzip (several members), deflate (zlib-wrapped, or raw as some servers send it:
 *   chosen from the first two bytes, RFC 1950 §2.2 header check), br, and zstd when this Node's
 *   zlib has it (feature-detected; Node 20 has none).
 * - "a, b" means a was applied first: decoders run in reverse order (RFC 9110 §8.4).
 * - Bounds with a clear DecodeError: at most `maxCodings` codings (urllib3 2.x: 5), and at most
 *   `maxBytes` decoded bytes — checked as zlib produces output, so a bomb never sits in memory.
 * - Pull-driven (zstage.ts): a raw chunk is fed only when the consumer wants more output, and
 *   each step yields at most DECODE_CHUNK bytes, so memory stays near the chunk size whatever the
 *   compression ratio (urllib3 >= 2.6, CVE-2025-66471).
 * - gzip member by member (gunzip.ts): garbage after a complete member is swallowed (urllib3).
 * - A truncated stream at the end is tolerated (urllib3 flushes what it has), a corrupt one is not.
 */
import * as zlib from 'node:zlib';
import { DecodeError } from './errors.js';
import { GzipStage } from './gunzip.js';
import { DECODE_CHUNK, type Pull, type StreamFactory, UpstreamError, ZStage } from './zstage.js';

/** urllib3 2.x: DecodeError past five chained codings. */
export const DEFAULT_MAX_CODINGS = 5;
/** Default cap on decoded bytes per response: 1 GiB. */
export const DEFAULT_MAX_DECODED_BYTES = 1024 ** 3;

const zstdFactory = (zlib as unknown as { createZstdDecompress?: (o: object) => ReturnType<StreamFactory> }).createZstdDecompress;
const CHUNK = { chunkSize: DECODE_CHUNK };

/** gzip entries are placeholders: gzip is decoded member by member by GzipStage (gunzip.ts). */
const FACTORIES: ReadonlyMap<string, StreamFactory> = new Map<string, StreamFactory>([
  ['gzip', () => zlib.createGunzip(CHUNK)],
  ['x-gzip', () => zlib.createGunzip(CHUNK)],
  ['deflate', (first) => (looksLikeZlib(first) ? zlib.createInflate(CHUNK) : zlib.createInflateRaw(CHUNK))],
  ['br', () => zlib.createBrotliDecompress(CHUNK)],
  ...(zstdFactory ? [['zstd', () => zstdFactory(CHUNK)] as [string, StreamFactory]] : []),
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

type Stage = { next(): Promise<Buffer | null>; destroy(): void };

/**
 * Decodes a whole chain by pull: read() returns the next decoded piece (at most DECODE_CHUNK
 * bytes), pulling raw chunks from `raw` only as needed; null at the end. Failures of `raw` come
 * out unchanged; decoding failures as DecodeError; the size bound is checked on every piece.
 */
export class ContentDecoder {
  readonly #raw: Pull;
  readonly #top: Stage;
  readonly #stages: Stage[] = [];
  readonly #label: string;
  readonly #maxBytes: number | null;
  #done = false;

  constructor(codings: readonly string[], raw: Pull, opts: { maxBytes?: number | null; label?: string } = {}) {
    this.#maxBytes = opts.maxBytes === undefined ? DEFAULT_MAX_DECODED_BYTES : opts.maxBytes;
    this.#label = opts.label ?? codings.join(', ');
    this.#raw = raw;
    let pull: Pull = raw;
    // "a, b": a was applied first, so b is undone first (RFC 9110 §8.4).
    for (const coding of codings.slice().reverse()) {
      const stage = this.#stage(coding, pull);
      this.#stages.push(stage);
      pull = () => stage.next();
    }
    this.#top = this.#stages[this.#stages.length - 1]!;
  }

  #stage(coding: string, pull: Pull): Stage {
    // Every stage's cumulative output is bounded by the same cap (inner stages of a chain too).
    let total = 0;
    const count = (n: number): void => {
      total += n;
      this.#check(total);
    };
    if (coding === 'gzip' || coding === 'x-gzip') return new GzipStage(pull, count);
    return new ZStage(FACTORIES.get(coding)!, pull, count);
  }

  #check(total: number): void {
    if (this.#maxBytes !== null && total > this.#maxBytes) {
      throw new DecodeError(`Decompressed body of a response with content-encoding: ${this.#label} exceeds the limit of ${this.#maxBytes} bytes`);
    }
  }

  /** The next decoded piece, or null when the body is done (its raw bytes read to the end). */
  async read(): Promise<Buffer | null> {
    if (this.#done) return null;
    try {
      const piece = await this.#top.next();
      if (piece !== null) return piece;
      this.#done = true;
      // Bytes after the end of the coded stream (a deflate stream's tail...) are read and dropped
      // so that the body is consumed as urllib3 does (it feeds them to the decoder, which ignores them).
      while ((await this.#raw()) !== null) {
        // dropped
      }
      return null;
    } catch (err) {
      this.#done = true;
      this.destroy();
      const cause = UpstreamError.unwrap(err);
      if (err instanceof UpstreamError || cause instanceof DecodeError) throw cause;
      throw new DecodeError(`Received response with content-encoding: ${this.#label}, but failed to decode it.`, { cause });
    }
  }

  destroy(): void {
    for (const s of this.#stages) s.destroy();
  }
}
