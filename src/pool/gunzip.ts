/**
 * gzip decoding member by member (RFC 1952), as urllib3's GzipDecoder does it: after a member
 * ends, the remaining bytes are tried as a new member, and once one member has completed, data
 * that is not a valid member is swallowed (GzipDecoderState.SWALLOW_DATA: NUL padding, proxy
 * garbage) instead of failing the response. Node's Gunzip cannot do this (a bad next member
 * fails the whole write, losing the decoded first member), so the header and trailer are parsed
 * here and each member's deflate data goes through a raw-inflate {@link ZStage}.
 */
import * as zlib from 'node:zlib';
import { DecodeError } from './errors.js';
import { type Pull, UpstreamError, ZStage, DECODE_CHUNK } from './zstage.js';

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED = 0xe0;

/** zlib's own words for a bad gzip stream, so errors read as Node's Gunzip ones did. */
function zerror(message: string): Error {
  return Object.assign(new Error(message), { code: 'Z_DATA_ERROR' });
}

/** The input with look-ahead: bytes can be put back, and taken exactly. */
class Input {
  readonly #pull: Pull;
  #pending: Uint8Array[] = [];

  constructor(pull: Pull) {
    this.#pull = pull;
  }

  readonly pull: Pull = async () => {
    const head = this.#pending.shift();
    if (head !== undefined) return head;
    try {
      return await this.#pull();
    } catch (err) {
      throw err instanceof UpstreamError ? err : new UpstreamError(err);
    }
  };

  unshift(b: Uint8Array): void {
    if (b.length > 0) this.#pending.unshift(b);
  }

  /** Exactly n bytes, or null when the input ends first. */
  async take(n: number): Promise<Uint8Array | null> {
    const parts: Uint8Array[] = [];
    let have = 0;
    while (have < n) {
      const c = await this.pull();
      if (c === null) return null;
      const need = n - have;
      if (c.length > need) this.unshift(c.subarray(need));
      const used = c.subarray(0, need);
      parts.push(used);
      have += used.length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** Skips through the next NUL (FNAME, FCOMMENT: any length, as zlib); false when the input ends first. */
  async skipString(): Promise<boolean> {
    // Bounded by the input: each turn consumes a chunk.
    for (;;) {
      const c = await this.pull();
      if (c === null) return false;
      const nul = c.indexOf(0);
      if (nul >= 0) {
        this.unshift(c.subarray(nul + 1));
        return true;
      }
    }
  }
}

/** Reads one member header (RFC 1952 §2.3.1); false when the input ended (before or inside it). */
async function readHeader(input: Input): Promise<boolean> {
  // In the 16-bit steps zlib's inflate checks them (NEEDBITS(16)): a body too short to be a
  // header but already wrong ("notgzip") fails as zlib's decompress() does; one that is merely
  // short ("n", "\x1f\x8b\x08") decodes to nothing.
  const magic = await input.take(2);
  if (magic === null) return false;
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) throw zerror('incorrect header check');
  const methodFlags = await input.take(2);
  if (methodFlags === null) return false;
  if (methodFlags[0] !== 8) throw zerror('unknown compression method');
  const flags = methodFlags[1]!;
  if ((flags & RESERVED) !== 0) throw zerror('unknown header flags set');
  if ((await input.take(6)) === null) return false; // MTIME, XFL, OS
  if (flags & FEXTRA) {
    const len = await input.take(2);
    if (len === null || (await input.take(len[0]! | (len[1]! << 8))) === null) return false;
  }
  if (flags & FNAME && !(await input.skipString())) return false;
  if (flags & FCOMMENT && !(await input.skipString())) return false;
  if (flags & FHCRC && (await input.take(2)) === null) return false;
  return true;
}

type State = 'first' | 'other' | 'swallow';

/** The gzip coding as a pull stage (same shape as ZStage). */
export class GzipStage {
  readonly #input: Input;
  readonly #count: (n: number) => void;
  #state: State = 'first';
  #member: ZStage | null = null;
  #crc = 0;
  #size = 0;
  #done = false;

  constructor(pull: Pull, count: (n: number) => void) {
    this.#input = new Input(pull);
    this.#count = count;
  }

  /** The next decoded piece, or null at the end. */
  async next(): Promise<Buffer | null> {
    // Each turn starts a member, returns a piece, or finishes a member.
    while (!this.#done) {
      try {
        const piece = await this.#step();
        if (piece !== null) return piece;
      } catch (err) {
        // urllib3 GzipDecoder: a bad stream after a complete member swallows the rest (the size
        // bound and input failures still surface).
        if (err instanceof UpstreamError || err instanceof DecodeError || this.#state !== 'other') throw err;
        this.#member?.destroy();
        this.#member = null;
        this.#state = 'swallow';
      }
      if (this.#state === 'swallow') await this.#drain();
    }
    return null;
  }

  destroy(): void {
    this.#member?.destroy();
    this.#done = true;
  }

  /** One piece of output, or null after a state change (member started or finished, end). */
  async #step(): Promise<Buffer | null> {
    if (this.#member === null) {
      if (!(await readHeader(this.#input))) {
        this.#done = true; // the input ended (between members, or a header cut short: urllib3 flush())
        return null;
      }
      this.#crc = 0;
      this.#size = 0;
      this.#member = new ZStage(() => zlib.createInflateRaw({ chunkSize: DECODE_CHUNK }), this.#input.pull, this.#count);
    }
    const member = this.#member;
    const piece = await member.next();
    if (piece !== null) {
      this.#crc = zlib.crc32(piece, this.#crc);
      this.#size = (this.#size + piece.length) >>> 0;
      return piece;
    }
    this.#member = null;
    if (!member.selfEnded) {
      this.#done = true; // deflate data cut by the end of the input: what we have (urllib3 flush())
      return null;
    }
    this.#input.unshift(member.leftover);
    await this.#checkTrailer();
    this.#state = 'other';
    return null;
  }

  /** CRC-32 and ISIZE of the member (RFC 1952 §2.3.1); a cut trailer at the end is tolerated. */
  async #checkTrailer(): Promise<void> {
    const trailer = await this.#input.take(8);
    if (trailer === null) {
      this.#done = true;
      return;
    }
    const view = new DataView(trailer.buffer, trailer.byteOffset, 8);
    if (view.getUint32(0, true) !== this.#crc >>> 0) throw zerror('incorrect data check');
    if (view.getUint32(4, true) !== this.#size) throw zerror('incorrect length check');
  }

  /** Reads the rest of the input to its end, dropping it (the body must still be consumed). */
  async #drain(): Promise<void> {
    while ((await this.#input.pull()) !== null) {
      // dropped: swallowed trailing data
    }
    this.#done = true;
  }
}
