// Python's `random` module, as far as httpbin uses it: random.seed(int) and random.randint(0, 255).
// Reproduced bit for bit (MT19937 seeded with init_by_array over the seed's 32-bit words, and
// _randbelow's getrandbits rejection loop), so /bytes/n?seed=s returns the same bytes as httpbin.

const N = 624;
const M = 397;

/** A Mersenne Twister seeded the way CPython's random.seed(int) seeds it. */
export class PyRandom {
  readonly #mt = new Uint32Array(N);
  #index = N;

  /** `random.seed(seed)` for an int seed (its absolute value is used, as CPython does). */
  constructor(seed: bigint) {
    let a = seed < 0n ? -seed : seed;
    const key: number[] = [];
    while (a > 0n) {
      key.push(Number(a & 0xffffffffn));
      a >>= 32n;
    }
    if (key.length === 0) key.push(0);
    this.#initByArray(key);
  }

  #initGenrand(s: number): void {
    const mt = this.#mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  }

  #initByArray(key: number[]): void {
    const mt = this.#mt;
    this.#initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) { mt[0] = mt[N - 1]!; i = 1; }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) { mt[0] = mt[N - 1]!; i = 1; }
    }
    mt[0] = 0x80000000;
  }

  #twist(): void {
    const mt = this.#mt;
    for (let k = 0; k < N; k++) {
      const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % N]! & 0x7fffffff);
      mt[k] = mt[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.#index = 0;
  }

  /** genrand_uint32: the next 32 random bits. */
  nextUint32(): number {
    if (this.#index >= N) this.#twist();
    let y = this.#mt[this.#index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `random.randint(0, 255)`: _randbelow(256) draws 9 bits until the value is below 256. */
  nextByte(): number {
    for (;;) {
      const r = this.nextUint32() >>> 23;
      if (r < 256) return r;
    }
  }
}

/**
 * Python's int() and float() accept any Unicode decimal digit ("٣" is 3). Digits of one script
 * are ten consecutive code points from 0 to 9, so a digit's value is its offset in its run.
 */
export function asciiDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch >= '0' && ch <= '9' || !/\p{Nd}/u.test(ch)) {
      out += ch;
      continue;
    }
    let cp = ch.codePointAt(0)!;
    let offset = 0;
    while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) { cp--; offset++; }
    out += String(offset % 10);
  }
  return out;
}

/** Python's int(str) for a seed: optional sign, digits with single underscores, outer whitespace. */
export function parsePyInt(text: string): bigint | undefined {
  const m = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(asciiDigits(text));
  if (m === null) return undefined;
  const value = BigInt(m[2]!.replace(/_/g, ''));
  return m[1] === '-' ? -value : value;
}
