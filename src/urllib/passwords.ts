/**
 * The password managers of urllib.request: credentials keyed by realm and by "reduced" URIs
 * (authority with the scheme's default port made explicit, plus a path prefix). A lookup
 * matches when the request URI is at or below a stored URI.
 */
import { urlsplit } from '../parse/split.js';
import { splitport } from './pyutil.js';

/** A reduced URI: [authority, path]. */
export type ReducedUri = [string, string];
/** [user, password], both null when nothing matched (Python's (None, None)). */
export type Credentials = [string | null, string | null];

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

function asList(uri: string | Iterable<string>): string[] {
  return typeof uri === 'string' ? [uri] : [...uri];
}

/** Stores (user, password) per realm and URI prefix. */
export class HTTPPasswordMgr {
  /** realm (null: any) → (key of the reduced URI tuple → entry). */
  passwd = new Map<string | null, Map<string, { uris: ReducedUri[]; auth: [string, string] }>>();

  /** Stores credentials for `realm` and one URI or several (full URIs or bare authorities). */
  addPassword(realm: string | null, uri: string | Iterable<string>, user: string, passwd: string): void {
    const uris = asList(uri);
    let byUri = this.passwd.get(realm);
    if (!byUri) this.passwd.set(realm, (byUri = new Map()));
    for (const defaultPort of [true, false]) {
      const reduced = uris.map((u) => this.reduceUri(u, defaultPort));
      byUri.set(JSON.stringify(reduced), { uris: reduced, auth: [user, passwd] });
    }
  }

  /** Credentials for `realm` whose URI contains `authuri`, else [null, null]. */
  findUserPassword(realm: string | null, authuri: string): Credentials {
    const domains = this.passwd.get(realm);
    if (!domains) return [null, null];
    for (const defaultPort of [true, false]) {
      const reduced = this.reduceUri(authuri, defaultPort);
      for (const { uris, auth } of domains.values()) {
        for (const uri of uris) if (this.isSuburi(uri, reduced)) return [auth[0], auth[1]];
      }
    }
    return [null, null];
  }

  /** Authority and path of a URI ('/' when none); a bare 'host[:port]' is an authority. */
  reduceUri(uri: string, defaultPort = true): ReducedUri {
    const parts = urlsplit(uri);
    let scheme: string | null;
    let authority: string;
    let path: string;
    if (parts.netloc) {
      scheme = parts.scheme;
      authority = parts.netloc;
      path = parts.path || '/';
    } else {
      scheme = null;
      authority = uri;
      path = '/';
    }
    const [host, port] = splitport(authority);
    if (defaultPort && port === null && scheme !== null) {
      const dport = DEFAULT_PORTS[scheme];
      if (dport !== undefined) authority = `${host}:${dport}`;
    }
    return [authority, path];
  }

  /** True when reduced URI `test` is `base` or below it. */
  isSuburi(base: ReducedUri, test: ReducedUri): boolean {
    if (base[0] === test[0] && base[1] === test[1]) return true;
    if (base[0] !== test[0]) return false;
    const prefix = base[1].endsWith('/') ? base[1] : base[1] + '/';
    return test[1].startsWith(prefix);
  }
}

/** Falls back to credentials stored for realm null when the named realm has none. */
export class HTTPPasswordMgrWithDefaultRealm extends HTTPPasswordMgr {
  override findUserPassword(realm: string | null, authuri: string): Credentials {
    const found = super.findUserPassword(realm, authuri);
    if (found[0] !== null) return found;
    return super.findUserPassword(null, authuri);
  }
}

/** Also remembers which URIs are known to need auth, so Basic credentials are sent up front. */
export class HTTPPasswordMgrWithPriorAuth extends HTTPPasswordMgrWithDefaultRealm {
  /** key of reduced URI → { uri, authenticated }. */
  authenticated = new Map<string, { uri: ReducedUri; value: boolean }>();

  /** As HTTPPasswordMgr's, plus `isAuthenticated` (default false) to send credentials pre-emptively. */
  override addPassword(realm: string | null, uri: string | Iterable<string>, user: string, passwd: string, isAuthenticated = false): void {
    const uris = asList(uri);
    this.updateAuthenticated(uris, isAuthenticated);
    // A default for prior-auth requests.
    if (realm !== null) super.addPassword(null, uris, user, passwd);
    super.addPassword(realm, uris, user, passwd);
  }

  updateAuthenticated(uri: string | Iterable<string>, isAuthenticated = false): void {
    for (const defaultPort of [true, false]) {
      for (const u of asList(uri)) {
        const reduced = this.reduceUri(u, defaultPort);
        this.authenticated.set(JSON.stringify(reduced), { uri: reduced, value: isAuthenticated });
      }
    }
  }

  /** Whether `authuri` lies under a URI marked authenticated; null when none is known. */
  isAuthenticated(authuri: string): boolean | null {
    for (const defaultPort of [true, false]) {
      const reduced = this.reduceUri(authuri, defaultPort);
      for (const { uri, value } of this.authenticated.values()) if (this.isSuburi(uri, reduced)) return value;
    }
    return null;
  }
}
