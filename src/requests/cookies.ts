/**
 * `RequestsCookieJar` (requests/cookies.py): a cookie jar with a Map-like face, on the shared
 * RFC 6265 store (cookies/store.ts, tough-cookie + public-suffix list). Also the module helpers
 * Requests uses internally: `cookiejarFromDict`, `mergeCookies`, `extractCookiesToJar`,
 * `getCookieHeader`.
 */
import { CookieStore, type SetCookieAttributes, type StoredCookie } from '../cookies/store.js';
import { CookieConflictError } from './errors.js';
import { entriesOf, type DictInput } from './structures.js';

/** Options of `get`: narrow by domain/path (exact match, as Requests). */
export interface CookieLookup {
  domain?: string;
  path?: string;
}

export type { StoredCookie };

/** A cookie jar that is also a Map of name → value. Iteration yields `[name, value]`. */
export class RequestsCookieJar implements Iterable<[string, string]> {
  readonly #store: CookieStore;

  constructor(store: CookieStore = new CookieStore()) {
    this.#store = store;
  }

  /** The underlying RFC 6265 store. */
  get store(): CookieStore {
    return this.#store;
  }

  /** Every cookie, as records with domain, path, expiry... (Python's `iter(jar)`). */
  cookies(): StoredCookie[] {
    return this.#store.getAll();
  }

  /** Number of cookies. */
  get size(): number {
    return this.#store.size;
  }

  /**
   * The value of the one cookie called `name` (optionally on `domain`/`path`), `fallback` when
   * none. Throws CookieConflictError when several match (Requests' `_find_no_duplicates`).
   */
  get(name: string, opts: CookieLookup & { default?: string } = {}): string | undefined {
    let found: string | undefined;
    for (const c of this.#matching(name, opts)) {
      if (found !== undefined) throw new CookieConflictError(`There are multiple cookies with name, '${name}'`);
      found = c.value;
    }
    // Requests returns the default for an empty value too (`if toReturn:`).
    return found === undefined || found === '' ? opts.default : found;
  }

  /**
   * Sets a cookie (domain '' and path '/' by default: sent to every host); `null` removes every
   * cookie of that name (on `domain`/`path` when given).
   */
  set(name: string, value: string | null, opts: SetCookieAttributes = {}): this {
    if (value === null) {
      this.#remove(name, opts.domain, opts.path);
      return this;
    }
    this.#store.set(name, stripEscapedQuotes(value), opts);
    return this;
  }

  /** True when a cookie called `name` exists (several count too). */
  has(name: string): boolean {
    return this.cookies().some((c) => c.name === name);
  }

  /** Removes every cookie called `name`; true if one existed. */
  delete(name: string, opts: CookieLookup = {}): boolean {
    const existed = this.#matching(name, opts).length > 0;
    this.#remove(name, opts.domain, opts.path);
    return existed;
  }

  /** Python CookieJar.clear(domain?, path?, name?): everything, or what matches. */
  clear(domain?: string, path?: string, name?: string): void {
    if (domain === undefined) {
      this.#store.clear();
      return;
    }
    for (const c of this.cookies()) {
      if (c.domain !== domain || (path !== undefined && c.path !== path) || (name !== undefined && c.name !== name)) continue;
      this.#store.remove(c.name, { domain: c.domain, path: c.path });
    }
  }

  *keys(): IterableIterator<string> {
    for (const c of this.cookies()) yield c.name;
  }

  *values(): IterableIterator<string> {
    for (const c of this.cookies()) yield c.value;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const c of this.cookies()) yield [c.name, c.value];
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  forEach(fn: (value: string, name: string, jar: this) => void): void {
    for (const c of this.cookies()) fn(c.value, c.name, this);
  }

  /** Domains in the jar, in order of first appearance. */
  listDomains(): string[] {
    return [...new Set(this.cookies().map((c) => c.domain))];
  }

  /** Paths in the jar, in order of first appearance. */
  listPaths(): string[] {
    return [...new Set(this.cookies().map((c) => c.path))];
  }

  /** True when two cookies share a domain (Requests' `multiple_domains`, faithfully). */
  multipleDomains(): boolean {
    const seen = new Set<string>();
    for (const c of this.cookies()) {
      if (seen.has(c.domain)) return true;
      seen.add(c.domain);
    }
    return false;
  }

  /** name → value of the cookies on `domain` and `path` (all when omitted). */
  getDict(opts: CookieLookup = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const c of this.cookies()) {
      if ((opts.domain === undefined || c.domain === opts.domain) && (opts.path === undefined || c.path === opts.path)) out[c.name] = c.value;
    }
    return out;
  }

  /** Copies every cookie of another jar (keeping domain/path/flags), or sets each pair of a dict. */
  update(other: RequestsCookieJar | DictInput<string | null>): void {
    if (other instanceof RequestsCookieJar) {
      for (const c of other.cookies()) this.setCookie(c);
      return;
    }
    for (const [k, v] of entriesOf(other)) this.set(k, v);
  }

  /** Stores a full cookie record (Python's `set_cookie`). */
  setCookie(c: StoredCookie): void {
    this.#store.set(c.name, stripEscapedQuotes(c.value), {
      domain: c.domain,
      path: c.path,
      secure: c.secure,
      httpOnly: c.httpOnly,
      expires: c.expires,
      hostOnly: c.hostOnly,
    });
  }

  /** An independent copy. */
  copy(): RequestsCookieJar {
    const jar = new RequestsCookieJar();
    jar.update(this);
    return jar;
  }

  /** Stores the `Set-Cookie` headers of a response to `url`. */
  extractCookies(url: string, setCookieHeaders: readonly string[]): void {
    if (setCookieHeaders.length > 0) this.#store.setFromResponse(url, setCookieHeaders);
  }

  /** The Cookie header for a request to `url`, or null when no cookie applies. */
  cookieHeaderFor(url: string): string | null {
    const header = this.#store.cookieHeaderFor(url);
    return header === '' ? null : header;
  }

  toJSON(): Record<string, string> {
    return this.getDict();
  }

  get [Symbol.toStringTag](): string {
    return 'RequestsCookieJar';
  }

  #matching(name: string, opts: CookieLookup): StoredCookie[] {
    return this.cookies().filter((c) => c.name === name && (opts.domain === undefined || c.domain === opts.domain) && (opts.path === undefined || c.path === opts.path));
  }

  #remove(name: string, domain: string | undefined, path: string | undefined): void {
    for (const c of this.cookies()) {
      if (c.name !== name || (domain !== undefined && c.domain !== domain) || (path !== undefined && c.path !== path)) continue;
      this.#store.remove(c.name, { domain: c.domain, path: c.path });
    }
  }
}

/** RequestsCookieJar.set_cookie strips `\"` from a quoted value. */
function stripEscapedQuotes(value: string): string {
  return value.startsWith('"') && value.endsWith('"') ? value.replace(/\\"/g, '') : value;
}

/** Cookies given as a dict, pairs, a Map or a jar. */
export type CookiesInput = RequestsCookieJar | DictInput<string | null>;

/** `cookiejar_from_dict`: a jar with one any-host cookie per pair (existing names kept unless `overwrite`). */
export function cookiejarFromDict(dict: DictInput<string | null> | null | undefined, jar = new RequestsCookieJar(), overwrite = true): RequestsCookieJar {
  if (dict === null || dict === undefined) return jar;
  const names = overwrite ? null : new Set(jar.keys());
  for (const [k, v] of entriesOf(dict)) {
    if (names === null || !names.has(k)) jar.set(k, v);
  }
  return jar;
}

/** `merge_cookies`: adds `cookies` to `jar` (a dict does not overwrite existing names). */
export function mergeCookies(jar: RequestsCookieJar, cookies: CookiesInput | null | undefined): RequestsCookieJar {
  if (cookies === null || cookies === undefined) return jar;
  if (cookies instanceof RequestsCookieJar) jar.update(cookies);
  else cookiejarFromDict(cookies, jar, false);
  return jar;
}

/** `extract_cookies_to_jar`: stores a response's Set-Cookie headers for the request URL. */
export function extractCookiesToJar(jar: RequestsCookieJar, requestUrl: string, setCookieHeaders: readonly string[]): void {
  jar.extractCookies(requestUrl, setCookieHeaders);
}
