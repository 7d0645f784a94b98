/**
 * CPython's result records (namedtuples) as frozen objects: fields by name, iteration and index
 * access in field order, geturl(), replace() (Python's _replace), encode()/decode() between the
 * str and bytes flavours, and the netloc getters of _NetlocResultMixin.
 */
import { asciiDecode, fromLatin1, latin1 } from './bytes.js';
import { encode } from './codecs.js';
import { decode } from './decode.js';
import { unparseStr, unsplitStr } from './compose.js';
import { hostOf, hostnameFrom, portFrom, portTextOf, userinfo } from './netloc.js';
import { repr } from './pyrepr.js';

type Fields<T> = { readonly [K in keyof T]: T[K] };

/** Shared tuple behaviour: field list, iteration, Python repr, _replace. */
abstract class Tuple<V extends string | Uint8Array> {
  abstract readonly fieldNames: readonly string[];

  *[Symbol.iterator](): IterableIterator<V> {
    for (const f of this.fieldNames) yield (this as any)[f] as V;
  }

  /** Number of fields (a Python tuple's len()). */
  get length(): number {
    return this.fieldNames.length;
  }

  /** Python's repr, e.g. `SplitResult(scheme='http', netloc='a', ...)`. */
  toString(): string {
    const parts = this.fieldNames.map((f) => `${f}=${repr((this as any)[f])}`);
    return `${this.constructor.name}(${parts.join(', ')})`;
  }

  protected values(changes: Record<string, unknown>): V[] {
    const unknown = Object.keys(changes).filter((k) => !this.fieldNames.includes(k));
    if (unknown.length) throw new RangeError(`Got unexpected field names: [${unknown.map((k) => repr(k)).join(', ')}]`);
    return this.fieldNames.map((f) => (f in changes ? changes[f] : (this as any)[f]) as V);
  }
}

function defineIndexes(cls: { prototype: object }, names: readonly string[]): void {
  names.forEach((name, i) => {
    Object.defineProperty(cls.prototype, i, { get(this: any) { return this[name]; }, enumerable: false });
  });
}

const SPLIT = ['scheme', 'netloc', 'path', 'query', 'fragment'] as const;
const PARSE = ['scheme', 'netloc', 'path', 'params', 'query', 'fragment'] as const;
const DEFRAG = ['url', 'fragment'] as const;

/** _NetlocResultMixinStr: the userinfo and host accessors shared by SplitResult and ParseResult. */
abstract class NetlocResult extends Tuple<string> {
  abstract readonly netloc: string;
  /** Text before ':' in the userinfo, or null without '@'. */
  get username(): string | null { return userinfo(this.netloc)[0]; }
  /** Text after the first ':' of the userinfo, or null. */
  get password(): string | null { return userinfo(this.netloc)[1]; }
  /** Lower-cased host (IPv6 without brackets, zone kept as written), or null. */
  get hostname(): string | null { return hostnameFrom(hostOf(this.netloc), false); }
  /** Port number, null when absent; throws RangeError when not an integer in 0-65535. */
  get port(): number | null { return portFrom(portTextOf(this.netloc), false); }
}

/** _NetlocResultMixinBytes: the same accessors over bytes (ASCII-only lower-casing). */
abstract class NetlocResultBytes extends Tuple<Uint8Array> {
  abstract readonly netloc: Uint8Array;
  get username(): Uint8Array | null { return bytesOrNull(userinfo(latin1(this.netloc))[0]); }
  get password(): Uint8Array | null { return bytesOrNull(userinfo(latin1(this.netloc))[1]); }
  get hostname(): Uint8Array | null { return bytesOrNull(hostnameFrom(hostOf(latin1(this.netloc)), true)); }
  get port(): number | null { return portFrom(portTextOf(latin1(this.netloc)), true); }
}

/** urlsplit() result for str input. */
export class SplitResult extends NetlocResult {
  static readonly fields = SPLIT;
  get fieldNames(): readonly string[] { return SPLIT; }
  constructor(readonly scheme: string, readonly netloc: string, readonly path: string, readonly query: string, readonly fragment: string) {
    super();
    Object.freeze(this);
  }
  geturl(): string { return unsplitStr(this.scheme, this.netloc, this.path, this.query, this.fragment); }
  replace(changes: Partial<Fields<Pick<SplitResult, typeof SPLIT[number]>>>): SplitResult {
    return new SplitResult(...(this.values(changes) as [string, string, string, string, string]));
  }
  encode(encoding = 'ascii', errors = 'strict'): SplitResultBytes {
    return new SplitResultBytes(...([...this].map((x) => encode(x, encoding, errors)) as Bytes5));
  }
}

/** urlparse() result for str input. */
export class ParseResult extends NetlocResult {
  static readonly fields = PARSE;
  get fieldNames(): readonly string[] { return PARSE; }
  constructor(readonly scheme: string, readonly netloc: string, readonly path: string, readonly params: string, readonly query: string, readonly fragment: string) {
    super();
    Object.freeze(this);
  }
  geturl(): string { return unparseStr(this.scheme, this.netloc, this.path, this.params, this.query, this.fragment); }
  replace(changes: Partial<Fields<Pick<ParseResult, typeof PARSE[number]>>>): ParseResult {
    return new ParseResult(...(this.values(changes) as [string, string, string, string, string, string]));
  }
  encode(encoding = 'ascii', errors = 'strict'): ParseResultBytes {
    return new ParseResultBytes(...([...this].map((x) => encode(x, encoding, errors)) as Bytes6));
  }
}

/** urldefrag() result for str input. */
export class DefragResult extends Tuple<string> {
  static readonly fields = DEFRAG;
  get fieldNames(): readonly string[] { return DEFRAG; }
  constructor(readonly url: string, readonly fragment: string) {
    super();
    Object.freeze(this);
  }
  geturl(): string { return this.fragment ? this.url + '#' + this.fragment : this.url; }
  replace(changes: Partial<Fields<Pick<DefragResult, typeof DEFRAG[number]>>>): DefragResult {
    return new DefragResult(...(this.values(changes) as [string, string]));
  }
  encode(encoding = 'ascii', errors = 'strict'): DefragResultBytes {
    return new DefragResultBytes(encode(this.url, encoding, errors), encode(this.fragment, encoding, errors));
  }
}

type Bytes5 = [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
type Bytes6 = [...Bytes5, Uint8Array];

function strFields(r: Iterable<Uint8Array>): string[] {
  return [...r].map(asciiDecode);
}

function toAscii(s: string): Uint8Array {
  return encode(s, 'ascii', 'strict');
}

/** urlsplit() result for bytes input (fields are Uint8Array). */
export class SplitResultBytes extends NetlocResultBytes {
  static readonly fields = SPLIT;
  get fieldNames(): readonly string[] { return SPLIT; }
  constructor(readonly scheme: Uint8Array, readonly netloc: Uint8Array, readonly path: Uint8Array, readonly query: Uint8Array, readonly fragment: Uint8Array) {
    super();
    Object.freeze(this);
  }
  geturl(): Uint8Array {
    return toAscii(unsplitStr(...(strFields(this) as [string, string, string, string, string])));
  }
  replace(changes: Partial<Fields<Pick<SplitResultBytes, typeof SPLIT[number]>>>): SplitResultBytes {
    return new SplitResultBytes(...(this.values(changes) as Bytes5));
  }
  decode(encoding = 'ascii', errors = 'strict'): SplitResult {
    return new SplitResult(...([...this].map((x) => decode(x, encoding, errors)) as [string, string, string, string, string]));
  }
}

/** urlparse() result for bytes input. */
export class ParseResultBytes extends NetlocResultBytes {
  static readonly fields = PARSE;
  get fieldNames(): readonly string[] { return PARSE; }
  constructor(readonly scheme: Uint8Array, readonly netloc: Uint8Array, readonly path: Uint8Array, readonly params: Uint8Array, readonly query: Uint8Array, readonly fragment: Uint8Array) {
    super();
    Object.freeze(this);
  }
  geturl(): Uint8Array {
    return toAscii(unparseStr(...(strFields(this) as [string, string, string, string, string, string])));
  }
  replace(changes: Partial<Fields<Pick<ParseResultBytes, typeof PARSE[number]>>>): ParseResultBytes {
    return new ParseResultBytes(...(this.values(changes) as Bytes6));
  }
  decode(encoding = 'ascii', errors = 'strict'): ParseResult {
    return new ParseResult(...([...this].map((x) => decode(x, encoding, errors)) as [string, string, string, string, string, string]));
  }
}

/** urldefrag() result for bytes input. */
export class DefragResultBytes extends Tuple<Uint8Array> {
  static readonly fields = DEFRAG;
  get fieldNames(): readonly string[] { return DEFRAG; }
  constructor(readonly url: Uint8Array, readonly fragment: Uint8Array) {
    super();
    Object.freeze(this);
  }
  geturl(): Uint8Array {
    if (!this.fragment.length) return this.url;
    const out = new Uint8Array(this.url.length + 1 + this.fragment.length);
    out.set(this.url);
    out[this.url.length] = 0x23;
    out.set(this.fragment, this.url.length + 1);
    return out;
  }
  replace(changes: Partial<Fields<Pick<DefragResultBytes, typeof DEFRAG[number]>>>): DefragResultBytes {
    return new DefragResultBytes(...(this.values(changes) as [Uint8Array, Uint8Array]));
  }
  decode(encoding = 'ascii', errors = 'strict'): DefragResult {
    return new DefragResult(decode(this.url, encoding, errors), decode(this.fragment, encoding, errors));
  }
}

function bytesOrNull(s: string | null): Uint8Array | null {
  return s === null ? null : fromLatin1(s);
}

defineIndexes(SplitResult, SPLIT);
defineIndexes(ParseResult, PARSE);
defineIndexes(DefragResult, DEFRAG);
defineIndexes(SplitResultBytes, SPLIT);
defineIndexes(ParseResultBytes, PARSE);
defineIndexes(DefragResultBytes, DEFRAG);
