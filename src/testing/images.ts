// Small images for /image/*, built at load time rather than shipped as binary files: a PNG
// (RFC 2083, zlib-compressed scanlines with CRC-32 chunks), a baseline JPEG (one 8×8 grey block,
// one-symbol Huffman tables), a lossless WebP (VP8L, one pixel, one-symbol prefix codes) and an SVG.
import { deflateSync } from 'node:zlib';

// PNG's CRC-32 (ISO 3309), bitwise: node:zlib.crc32 only exists from Node 20.15, and importing a
// missing named export would fail to load on older 20.x.
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

// A 32×32 RGB image: a pink disc on white (a nod to httpbin's pig icon).
function makePng(): Buffer {
  const size = 32;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, adaptive filter, no interlace
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0); // filter type None
    for (let x = 0; x < size; x++) {
      const inside = (x - 15.5) ** 2 + (y - 15.5) ** 2 < 14 ** 2;
      rows.push(...(inside ? [0xf4, 0x9a, 0xc1] : [0xff, 0xff, 0xff]));
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.from(rows))), pngChunk('IEND', Buffer.alloc(0))]);
}

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

// Baseline JPEG, 8×8 greyscale: every coefficient is zero, so the scan is DC "no change" + EOB.
function makeJpeg(): Buffer {
  const app0 = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const dqt = segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]);
  const sof0 = segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]);
  const oneSymbol = (tableClass: number, symbol: number): number[] => segment(0xc4, [tableClass, 1, ...new Array<number>(15).fill(0), symbol]);
  const dhtDc = oneSymbol(0x00, 0x00); // DC table 0: category 0 coded as "0"
  const dhtAc = oneSymbol(0x10, 0x00); // AC table 0: EOB coded as "0"
  const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
  const scan = [0x3f]; // bits "0" (DC diff 0) "0" (EOB), padded with ones
  return Buffer.from([0xff, 0xd8, ...app0, ...dqt, ...sof0, ...dhtDc, ...dhtAc, ...sos, ...scan, 0xff, 0xd9]);
}

class BitWriter {
  readonly bytes: number[] = [];
  #acc = 0;
  #n = 0;

  write(value: number, bits: number): void {
    for (let i = 0; i < bits; i++) {
      this.#acc |= ((value >> i) & 1) << this.#n;
      if (++this.#n === 8) this.flush();
    }
  }

  flush(): void {
    if (this.#n === 0) return;
    this.bytes.push(this.#acc);
    this.#acc = 0;
    this.#n = 0;
  }
}

// Lossless WebP (VP8L), 1×1: five "simple" prefix codes with one symbol each, so the pixel
// itself takes zero bits.
function makeWebp(): Buffer {
  const w = new BitWriter();
  w.write(0x2f, 8); // VP8L signature
  w.write(0, 14); // width - 1
  w.write(0, 14); // height - 1
  w.write(0, 1); // alpha hint
  w.write(0, 3); // version
  w.write(0, 1); // no transform
  w.write(0, 1); // no colour cache
  w.write(0, 1); // no meta prefix codes
  for (const channel of [0x5a, 0x9a, 0xc1, 0xff]) { // green, red, blue, alpha
    w.write(1, 1); w.write(0, 1); w.write(1, 1); w.write(channel, 8);
  }
  w.write(1, 1); w.write(0, 1); w.write(0, 1); w.write(0, 1); // distance code: symbol 0
  w.flush();
  const data = Buffer.from(w.bytes);
  const padded = data.length % 2 === 1 ? Buffer.concat([data, Buffer.alloc(1)]) : data;
  const chunk = Buffer.concat([Buffer.from('VP8L'), u32le(data.length), padded]);
  return Buffer.concat([Buffer.from('RIFF'), u32le(4 + chunk.length), Buffer.from('WEBP'), chunk]);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
}

const SVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">
  <title>httpkit</title>
  <circle cx="50" cy="50" r="45" fill="#f49ac1" stroke="#333" stroke-width="4"/>
  <text x="50" y="58" font-family="sans-serif" font-size="22" text-anchor="middle" fill="#333">httpkit</text>
</svg>
`;

/** Image bodies by media type. */
export const IMAGES = {
  png: makePng(),
  jpeg: makeJpeg(),
  webp: makeWebp(),
  svg: Buffer.from(SVG, 'utf8'),
};
