/**
 * The RFC 6265 cookie store shared by Requests (`RequestsCookieJar`) and urllib
 * (`HTTPCookieProcessor`), on tough-cookie with the public-suffix list (via tldts).
 *
 * Synchronous throughout: tough-cookie's `MemoryCookieStore` answers its callbacks
 * synchronously and the jar has `*Sync` variants, so the layers above can treat the jar as plain
 * shared state (as Python's `http.cookiejar.CookieJar` is).
 *
 * One deliberate extension over RFC 6265: a cookie set by hand without a domain (Requests'
 * `cookies={'a': 'b'}`, `jar.set('a', 'b')`) has domain `''` and, as in Python's
 * `DefaultCookiePolicy` (`'.' + host` always ends with `''`), is sent to every host. tough-cookie
 * cannot index an empty domain, so those live in a side list and are merged in `cookieHeaderFor`.
 */
import { createRequire } from 'node:module';
import type { Cookie, CookieJar, MemoryCookieStore } from 'tough-cookie';

/**
 * tough-cookie, loaded on first use: with its public-suffix list it costs about 20 ms to import,
 * three times the rest of `httpkit`, and most programs never store a cookie. The API stays
 * synchronous, so it is `require`d (its CommonJS build) rather than imported with `await`.
 */
let toughModule: typeof import('tough-cookie') | null = null;
function tough(): typeof import('tough-cookie') {
  toughModule ??= createRequire(import.meta.url)('tough-cookie') as typeof import('tough-cookie');
  return toughModule;
}

/** One cookie as the layers above see it. */
export interface StoredCookie {
  readonly name: string;
  readonly value: string;
  /**
   * Python cookiejar style: the request host for a host-only cookie, `.example.com` for a cookie
   * whose Set-Cookie named `Domain=example.com`, the domain as given for one set by hand, and
   * `''` for a hand-set cookie that matches every host.
   */
  readonly domain: string;
  readonly path: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  /** Expiry in milliseconds since the epoch; `null` for a session cookie. */
  readonly expires: number | null;
  /** True when the cookie is sent only to the exact host that set it. */
  readonly hostOnly: boolean;
}

/** Options of {@link CookieStore.set}. */
export interface SetCookieAttributes {
  /** Domain the cookie is sent to (and its subdomains); omitted or `''` means every host. */
  domain?: string;
  /** Path prefix; default `/`. */
  path?: string;
  /** Send only over https. Default false. */
  secure?: boolean;
  /** Expiry: milliseconds since the epoch or a Date; `null`/omitted for a session cookie. */
  expires?: number | Date | null;
  /** Default false. */
  httpOnly?: boolean;
  /** Send only to the exact `domain` host, not its subdomains (a copied host-only cookie). Default false. */
  hostOnly?: boolean;
}

/** Filter of {@link CookieStore.remove}: omitted fields match anything. */
export interface CookieFilter {
  domain?: string;
  path?: string;
}

const INFINITE = Number.POSITIVE_INFINITY;
const NO_COOKIES: readonly Cookie[] = Object.freeze([]);

/** A cookie jar: RFC 6265 rules and the public-suffix list, synchronous API. */
export class CookieStore {
  // Created on first use: most jars (per-request, per-response) stay empty, and a tough-cookie
  // jar costs allocations on the request hot path.
  #storeInstance: MemoryCookieStore | null = null;
  #jarInstance: CookieJar | null = null;
  /** Hand-set cookies with no domain: they match every host (Python's domain ''). Replaced, never changed in place: the empty one is shared. */
  #anyHost: readonly Cookie[] = NO_COOKIES;
  /** The domain string a hand-set cookie was given, to report it back as given. */
  #givenDomain: WeakMap<Cookie, string> | null = null;

  get #store(): MemoryCookieStore {
    this.#storeInstance ??= new (tough().MemoryCookieStore)();
    return this.#storeInstance;
  }

  get #jar(): CookieJar {
    this.#jarInstance ??= new (tough().CookieJar)(this.#store, { rejectPublicSuffixes: true, looseMode: true, allowSpecialUseDomain: true });
    return this.#jarInstance;
  }

  /** Number of unexpired cookies (no allocation when none was ever stored: the per-request case). */
  get size(): number {
    // Asked for every request a Session prepares: no list for an empty store.
    return this.#isEmpty() ? 0 : this.#cookies().length;
  }

  /** True when no cookie was ever stored (cheap check for the hot path). */
  #isEmpty(): boolean {
    return this.#storeInstance === null && this.#anyHost.length === 0;
  }

  /** Stores the cookies of a response's `Set-Cookie` headers; invalid or rejected ones are skipped. */
  setFromResponse(url: string, setCookieHeaders: readonly string[]): void {
    for (const header of setCookieHeaders) {
      // RFC 6265 §5.3: a cookie the user agent refuses is ignored, not an error for the response.
      this.#jar.setCookieSync(header, url, { ignoreError: true, loose: true });
    }
  }

  /** The `Cookie` header value for a request to `url` (`''` when no cookie applies). */
  cookieHeaderFor(url: string): string {
    if (this.#isEmpty()) return '';
    const cookies = this.cookiesFor(url);
    let out = '';
    for (const c of cookies) {
      if (out !== '') out += '; ';
      // A nameless cookie (loose "Set-Cookie: value") is sent as its value alone.
      out += c.key === '' ? c.value : `${c.key}=${c.value}`;
    }
    return out;
  }

  /** The cookies that apply to `url`, longest path first (RFC 6265 §5.4 step 2). */
  cookiesFor(url: string): Cookie[] {
    if (this.#isEmpty()) return [];
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return [];
    }
    const found = this.#storeInstance === null ? [] : this.#jar.getCookiesSync(parsed.href, { sort: false });
    const matched = found.concat(this.#anyHostFor(parsed));
    return matched.sort(tough().cookieCompare);
  }

  /** Stores a cookie by hand (no domain/path validation, as Python's `set_cookie`). */
  set(name: string, value: string, attributes: SetCookieAttributes = {}): void {
    const given = attributes.domain ?? '';
    const domain = given === '' ? '' : (tough().canonicalDomain(given) ?? given.toLowerCase().replace(/^\./, ''));
    const cookie = new (tough().Cookie)({
      key: name,
      value,
      domain: domain === '' ? null : domain,
      path: attributes.path ?? '/',
      secure: attributes.secure ?? false,
      httpOnly: attributes.httpOnly ?? false,
      expires: toExpiry(attributes.expires),
      hostOnly: domain !== '' && attributes.hostOnly === true,
    });
    this.remove(name, { domain: given, path: cookie.path ?? '/' });
    if (isExpired(cookie)) return;
    (this.#givenDomain ??= new WeakMap()).set(cookie, given);
    if (domain === '') this.#anyHost = [...this.#anyHost, cookie];
    else this.#store.putCookie(cookie, noop);
  }

  /** Every unexpired cookie, in creation order. */
  getAll(): StoredCookie[] {
    return this.#cookies().map((c) => this.#describe(c));
  }

  /** Removes every cookie called `name` that matches the filter. */
  remove(name: string, filter: CookieFilter = {}): void {
    for (const c of this.#cookies()) {
      if (c.key !== name) continue;
      if (filter.path !== undefined && c.path !== filter.path) continue;
      if (filter.domain !== undefined && !sameDomain(this.#describe(c).domain, filter.domain)) continue;
      this.#delete(c);
    }
  }

  /** Removes every cookie. */
  clear(): void {
    this.#storeInstance?.removeAllCookies(noop);
    this.#anyHost = NO_COOKIES;
  }

  #cookies(): Cookie[] {
    if (this.#isEmpty()) return [];
    let all: Cookie[] = [];
    this.#storeInstance?.getAllCookies((_err, cookies) => {
      all = cookies ?? [];
    });
    all = all.concat(this.#anyHost).filter((c) => !isExpired(c));
    return all.sort((a, b) => a.creationIndex - b.creationIndex);
  }

  #delete(c: Cookie): void {
    if (c.domain === null) this.#anyHost = this.#anyHost.filter((x) => x !== c);
    else this.#store.removeCookie(c.domain, c.path ?? '/', c.key, noop);
  }

  #anyHostFor(url: URL): Cookie[] {
    const secure = url.protocol === 'https:' || url.protocol === 'wss:';
    const path = url.pathname === '' ? '/' : url.pathname;
    this.#anyHost = this.#anyHost.filter((c) => !isExpired(c));
    return this.#anyHost.filter((c) => (secure || !c.secure) && tough().pathMatch(path, c.path ?? '/'));
  }

  #describe(c: Cookie): StoredCookie {
    const given = this.#givenDomain?.get(c);
    const domain = given ?? (c.hostOnly === true ? (c.domain ?? '') : `.${c.domain ?? ''}`);
    const expires = c.expiryTime();
    return {
      name: c.key,
      value: c.value,
      domain,
      path: c.path ?? '/',
      secure: c.secure,
      httpOnly: c.httpOnly,
      expires: expires === undefined || expires === INFINITE ? null : expires,
      hostOnly: c.hostOnly === true,
    };
  }
}

function noop(): void {}

function toExpiry(expires: number | Date | null | undefined): Date | 'Infinity' {
  if (expires === null || expires === undefined) return 'Infinity';
  return expires instanceof Date ? expires : new Date(expires);
}

function isExpired(c: Cookie): boolean {
  const t = c.expiryTime();
  return t !== undefined && t !== INFINITE && t <= Date.now();
}

/** Domains compare equal ignoring case and one leading dot (`example.com` ~ `.example.com`). */
function sameDomain(a: string, b: string): boolean {
  return a.replace(/^\./, '').toLowerCase() === b.replace(/^\./, '').toLowerCase();
}
