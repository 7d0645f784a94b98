/**
 * Requests' data structures (requests/structures.py): `CaseInsensitiveDict`, Map-like per API.md,
 * and `LookupDict`, the attribute bag behind `codes`.
 */

/** Anything a dict argument may be: a plain object, a Map (or Map-like), or `[key, value]` pairs. */
export type DictInput<V> = Readonly<Record<string, V>> | Iterable<readonly [string, V]>;

/** Entries of a dict-like input in order (objects: own enumerable keys; iterables: as given). */
export function entriesOf<V>(input: DictInput<V> | null | undefined): Array<[string, V]> {
  if (input === null || input === undefined) return [];
  if (typeof (input as Iterable<unknown>)[Symbol.iterator] === 'function') {
    const out: Array<[string, V]> = [];
    for (const pair of input as Iterable<readonly [string, V]>) out.push([pair[0], pair[1]]);
    return out;
  }
  return Object.entries(input as Record<string, V>);
}

/** The store of every new dict until its first change (never written: #own() copies it first). */
const EMPTY_STORE: ReadonlyMap<string, readonly [string, unknown]> = new Map();

/**
 * A Map whose keys compare case-insensitively (ASCII-lowercased) and which remembers the case of
 * the last key set, as Requests' `CaseInsensitiveDict`. `get` returns `undefined` when absent
 * (Map semantics).
 */
export class CaseInsensitiveDict<V = string> implements Iterable<[string, V]> {
  // Entries are immutable [key, value] tuples (replaced, never mutated), so copies share them.
  // An empty dict starts on the shared empty Map (copy-on-write below): requests build several
  // dicts that stay empty or are replaced before use.
  #store: Map<string, readonly [string, V]> = EMPTY_STORE as Map<string, readonly [string, V]>;
  #version = 0;
  /**
   * The store is shared with a copy, or is the shared empty store (copy-on-write): the first
   * change on either side gives that side its own Map. Preparing a request copies the session
   * headers and most requests never change the copy.
   */
  #shared = true;

  constructor(data?: DictInput<V> | null) {
    if (data !== undefined && data !== null) this.update(data);
  }

  /** Number of keys. */
  get size(): number {
    return this.#store.size;
  }

  get(key: string): V | undefined {
    return this.#store.get(key.toLowerCase())?.[1];
  }

  set(key: string, value: V): this {
    if (this.#shared) this.#own();
    this.#store.set(key.toLowerCase(), [key, value]);
    this.#version++;
    return this;
  }

  /** @internal a counter bumped by every change (lets owners cache derived values). */
  get version(): number {
    return this.#version;
  }

  has(key: string): boolean {
    return this.#store.has(key.toLowerCase());
  }

  delete(key: string): boolean {
    if (this.#shared) this.#own();
    this.#version++;
    return this.#store.delete(key.toLowerCase());
  }

  clear(): void {
    this.#version++;
    this.#store = new Map();
    this.#shared = false;
  }

  /** Python's `pop(key, default)`: removes the key and returns its value (or `fallback`). */
  pop(key: string, fallback?: V): V | undefined {
    const lower = key.toLowerCase();
    const found = this.#store.get(lower);
    if (found === undefined) return fallback;
    if (this.#shared) this.#own();
    this.#store.delete(lower);
    this.#version++;
    return found[1];
  }

  /** Python's `setdefault`. */
  setdefault(key: string, value: V): V {
    const found = this.#store.get(key.toLowerCase());
    if (found !== undefined) return found[1];
    this.set(key, value);
    return value;
  }

  /** Sets every entry of `data` (later keys win), as `dict.update`. */
  update(data: DictInput<V>): void {
    for (const [k, v] of entriesOf(data)) this.set(k, v);
  }

  *keys(): IterableIterator<string> {
    for (const [k] of this.#store.values()) yield k;
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.#store.values()) yield v;
  }

  *entries(): IterableIterator<[string, V]> {
    for (const [k, v] of this.#store.values()) yield [k, v];
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }

  /**
   * @internal an identity for the current entries: two dicts with the same key hold the same
   * entries, now and later. The store is marked shared, so a later change to either dict gives
   * that dict a new store (and a new key) first. Lets owners cache what they derive from entries.
   */
  entriesKey(): object {
    this.#shared = true;
    return this.#store;
  }

  /** @internal the stored [key, value] tuples, without a copy per entry (hot paths only; do not mutate). */
  storedEntries(): IterableIterator<readonly [string, V]> {
    return this.#store.values();
  }

  forEach(fn: (value: V, key: string, dict: this) => void): void {
    for (const [k, v] of this.#store.values()) fn(v, k, this);
  }

  /** Entries with lowercased keys (Python's `lower_items()`). */
  *lowerItems(): IterableIterator<[string, V]> {
    for (const [lower, [, v]] of this.#store) yield [lower, v];
  }

  /** A shallow copy. */
  copy(): CaseInsensitiveDict<V> {
    const d = new CaseInsensitiveDict<V>();
    d.#store = this.#store;
    d.#shared = true;
    this.#shared = true;
    return d;
  }

  /** Copy-on-write: take a private copy of a shared store before changing it. */
  #own(): void {
    this.#store = new Map(this.#store);
    this.#shared = false;
  }

  /** Case-insensitive equality with another dict-like (Python's `__eq__`). */
  equals(other: DictInput<V> | CaseInsensitiveDict<V>): boolean {
    const o = other instanceof CaseInsensitiveDict ? other : new CaseInsensitiveDict<V>(other);
    if (o.size !== this.size) return false;
    for (const [k, v] of this.lowerItems()) {
      if (!o.has(k) || o.get(k) !== v) return false;
    }
    return true;
  }

  /** A plain object with the remembered key case. */
  toJSON(): Record<string, V> {
    return Object.fromEntries(this.entries());
  }

  toString(): string {
    return JSON.stringify(this.toJSON());
  }

  get [Symbol.toStringTag](): string {
    return 'CaseInsensitiveDict';
  }
}

/**
 * Requests' `LookupDict`: a named bag of attributes whose `get` falls back to a default (None in
 * Python, `null` here) instead of throwing.
 */
export class LookupDict<V = unknown> {
  readonly name: string | null;

  constructor(name: string | null = null) {
    this.name = name;
  }

  /** The attribute called `key`, or `fallback` (default `null`). */
  get(key: string, fallback: V | null = null): V | null {
    if (key === 'name' || key === 'get' || !Object.prototype.hasOwnProperty.call(this, key)) return fallback;
    return (this as unknown as Record<string, V>)[key] ?? fallback;
  }

  toString(): string {
    return `<lookup '${this.name ?? 'None'}'>`;
  }
}
