// Python's base64.b64decode / urlsafe_b64decode without validate: CPython's a2b_base64 skips
// characters outside the alphabet, stops at a complete pad, and fails on a dangling quad
// ("Incorrect padding"). node's Buffer decoder is laxer, so httpbin's 401s and errors would drift.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decode like Python's b64decode (or urlsafe_b64decode); undefined where Python raises. */
export function pyB64Decode(input: Uint8Array | string, urlsafe = false): Buffer | undefined {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const out: number[] = [];
  let quad = 0;
  let left = 0;
  let pads = 0;
  for (const byte of bytes) {
    let ch = String.fromCharCode(byte);
    // urlsafe_b64decode maps - and _ onto + and / (which stay valid too).
    if (urlsafe) ch = ch === '-' ? '+' : ch === '_' ? '/' : ch;
    if (ch === '=') {
      if (quad >= 2 && quad + ++pads >= 4) return Buffer.from(out);
      continue;
    }
    const v = ALPHABET.indexOf(ch);
    if (v === -1) continue;
    pads = 0;
    if (quad === 0) left = v;
    else if (quad === 1) { out.push(((left << 2) | (v >> 4)) & 0xff); left = v & 0x0f; }
    else if (quad === 2) { out.push(((left << 4) | (v >> 2)) & 0xff); left = v & 0x03; }
    else out.push(((left << 6) | v) & 0xff);
    quad = (quad + 1) % 4;
  }
  return quad === 0 ? Buffer.from(out) : undefined;
}
