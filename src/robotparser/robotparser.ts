/**
 * urllib.robotparser.RobotFileParser with CPython 3.11's semantics: the robots.txt exclusion
 * protocol as http://www.robotstxt.org/norobots-rfc.txt describes it, read with httpkit/urllib.
 *
 * Matching is CPython's, not Google's RFC 9309: the first entry whose user-agent token is a
 * substring of the crawler's name wins (the '*' entry is tried last), and within an entry the
 * first Allow/Disallow line whose path is a prefix of the URL's (percent-normalised) path decides.
 */
import { quote, unquote } from '../parse/quote.js';
import { urlparse, urlunparse } from '../parse/split.js';
import { HTTPError } from '../urllib/errors.js';
import { urlopen } from '../urllib/opener.js';

/** Crawl rate from `Request-rate: n/s`: `requests` per `seconds`. */
export interface RequestRate {
  readonly requests: number;
  readonly seconds: number;
}

// CPython str.isspace() set, for str.strip().
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');
// CPython str.splitlines() boundaries.
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

function strip(s: string): string {
  return s.replace(STRIP, '');
}

/** str.isdigit() for decimal digits (Unicode Nd), non-empty. */
function isDigits(s: string): boolean {
  return /^\p{Nd}+$/u.test(s);
}

/** int() of a digit string (any Unicode Nd digits, surrounding whitespace allowed). */
function pyInt(s: string): number {
  let value = 0;
  for (const ch of strip(s)) value = value * 10 + digitValue(ch);
  return value;
}

function digitValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  // Nd digits come in contiguous runs of ten starting at zero: find the run's start.
  let start = cp;
  while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** Python str.splitlines(): no trailing empty line. */
export function splitlines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(LINE_BREAK);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** [lower-cased key, percent-decoded value] of a 'Key: value' line without its comment, or null. */
function splitDirective(raw: string): [string, string] | null {
  const hash = raw.indexOf('#');
  const line = strip(hash >= 0 ? raw.slice(0, hash) : raw);
  const colon = line.indexOf(':');
  if (colon < 0) return null;
  return [strip(line.slice(0, colon)).toLowerCase(), unquote(strip(line.slice(colon + 1)))];
}

/** Applies an Allow/Disallow/Crawl-delay/Request-rate line to `entry`; false for any other key. */
function applyRule(entry: Entry, key: string, value: string): boolean {
  if (key === 'disallow' || key === 'allow') {
    entry.rulelines.push(new RuleLine(value, key === 'allow'));
  } else if (key === 'crawl-delay') {
    // Check the syntax before converting, so a bad robots.txt cannot crash us.
    if (isDigits(strip(value))) entry.delay = pyInt(value);
  } else if (key === 'request-rate') {
    const numbers = value.split('/');
    if (numbers.length === 2 && isDigits(strip(numbers[0]!)) && isDigits(strip(numbers[1]!))) {
      entry.reqRate = Object.freeze({ requests: pyInt(numbers[0]!), seconds: pyInt(numbers[1]!) });
    }
  } else {
    return false;
  }
  return true;
}

/** One Allow (allowance true) or Disallow line; an empty Disallow allows everything. */
export class RuleLine {
  readonly path: string;
  readonly allowance: boolean;

  constructor(path: string, allowance: boolean) {
    this.allowance = path === '' && !allowance ? true : allowance;
    this.path = quote(urlunparse(urlparse(path)));
  }

  appliesTo(filename: string): boolean {
    return this.path === '*' || filename.startsWith(this.path);
  }

  toString(): string {
    return `${this.allowance ? 'Allow' : 'Disallow'}: ${this.path}`;
  }
}

/** A group: one or more user-agents and their rules. */
export class Entry {
  useragents: string[] = [];
  rulelines: RuleLine[] = [];
  delay: number | null = null;
  reqRate: RequestRate | null = null;

  /** True when one of the entry's agents is '*' or a substring of the crawler's name token. */
  appliesTo(useragent: string): boolean {
    const name = useragent.split('/')[0]!.toLowerCase();
    for (const agent of this.useragents) {
      if (agent === '*') return true;
      if (name.includes(agent.toLowerCase())) return true;
    }
    return false;
  }

  /** The first matching rule decides; no match allows. `filename` is the normalised URL path. */
  allowance(filename: string): boolean {
    for (const line of this.rulelines) if (line.appliesTo(filename)) return line.allowance;
    return true;
  }

  toString(): string {
    const ret = this.useragents.map((agent) => `User-agent: ${agent}`);
    if (this.delay !== null) ret.push(`Crawl-delay: ${this.delay}`);
    if (this.reqRate !== null) ret.push(`Request-rate: ${this.reqRate.requests}/${this.reqRate.seconds}`);
    for (const line of this.rulelines) ret.push(String(line));
    return ret.join('\n');
  }
}

/** Reads, parses and answers questions about one robots.txt. */
export class RobotFileParser {
  entries: Entry[] = [];
  sitemaps: string[] = [];
  /** The '*' entry (the first one wins), consulted after every named entry. */
  defaultEntry: Entry | null = null;
  disallowAll = false;
  allowAll = false;
  url = '';
  host = '';
  path = '';
  /** Milliseconds since the epoch of the last fetch/parse (0: never). */
  lastChecked = 0;

  constructor(url = '') {
    this.setUrl(url);
  }

  /**
   * When robots.txt was last fetched or parsed, in milliseconds since the epoch (comparable with
   * `Date.now()`; Python returns time.time() seconds — API.md gives JavaScript time units); 0 if never.
   */
  mtime(): number {
    return this.lastChecked;
  }

  /** Records now as the time robots.txt was fetched. */
  modified(): void {
    this.lastChecked = Date.now();
  }

  /** Sets the robots.txt URL. */
  setUrl(url: string): void {
    this.url = url;
    const parts = urlparse(url);
    this.host = parts.netloc;
    this.path = parts.path;
  }

  /** Fetches and parses robots.txt; 401/403 disallow everything, other 4xx allow everything. */
  async read(): Promise<void> {
    let raw: Uint8Array;
    try {
      const f = await urlopen(this.url);
      try {
        raw = await f.read();
      } finally {
        f.close();
      }
    } catch (err) {
      if (!(err instanceof HTTPError)) throw err;
      err.close();
      if (err.code === 401 || err.code === 403) this.disallowAll = true;
      else if (err.code >= 400 && err.code < 500) this.allowAll = true;
      return;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
    } catch (err) {
      throw new RangeError("'utf-8' codec can't decode robots.txt", { cause: err });
    }
    this.parse(splitlines(text));
  }

  #addEntry(entry: Entry): void {
    if (entry.useragents.includes('*')) {
      // The default entry is considered last; the first one wins.
      this.defaultEntry ??= entry;
    } else {
      this.entries.push(entry);
    }
  }

  /** Parses robots.txt lines; a User-agent line need not be preceded by a blank line. */
  parse(lines: Iterable<string>): void {
    // 0: start, 1: saw user-agent, 2: saw a rule line.
    let state = 0;
    let entry = new Entry();
    this.modified();
    for (const line of lines) {
      if (!line && state !== 0) {
        // A blank line ends the group (only a complete one, with rules, is kept).
        if (state === 2) this.#addEntry(entry);
        entry = new Entry();
        state = 0;
      }
      const directive = splitDirective(line);
      if (directive === null) continue;
      const [key, value] = directive;
      if (key === 'user-agent') {
        if (state === 2) {
          this.#addEntry(entry);
          entry = new Entry();
        }
        entry.useragents.push(value);
        state = 1;
      } else if (key === 'sitemap') {
        // sitemaps.org: independent of the user-agent lines, so the state does not change.
        this.sitemaps.push(value);
      } else if (state !== 0 && applyRule(entry, key, value)) {
        state = 2;
      }
    }
    if (state === 2) this.#addEntry(entry);
  }

  /** Whether `useragent` may fetch `url` under the parsed rules (false until read/parsed). */
  canFetch(useragent: string, url: string): boolean {
    if (this.disallowAll) return false;
    if (this.allowAll) return true;
    // Until robots.txt was read (or found missing) nothing is allowed: no false positives.
    if (!this.lastChecked) return false;
    const parsed = urlparse(unquote(url));
    let normalised = quote(urlunparse(['', '', parsed.path, parsed.params, parsed.query, parsed.fragment]));
    if (!normalised) normalised = '/';
    for (const entry of this.entries) if (entry.appliesTo(useragent)) return entry.allowance(normalised);
    if (this.defaultEntry) return this.defaultEntry.allowance(normalised);
    // No entry for this agent: access granted.
    return true;
  }

  #entryFor(useragent: string): Entry | null {
    for (const entry of this.entries) if (entry.appliesTo(useragent)) return entry;
    return this.defaultEntry;
  }

  /** Crawl-delay (seconds) for `useragent`, or null. */
  crawlDelay(useragent: string): number | null {
    if (!this.mtime()) return null;
    return this.#entryFor(useragent)?.delay ?? null;
  }

  /** Request-rate for `useragent`, or null. */
  requestRate(useragent: string): RequestRate | null {
    if (!this.mtime()) return null;
    return this.#entryFor(useragent)?.reqRate ?? null;
  }

  /** Sitemap URLs in order, or null when there are none. */
  siteMaps(): string[] | null {
    return this.sitemaps.length === 0 ? null : [...this.sitemaps];
  }

  /** The parsed entries as robots.txt text (the '*' entry last), like Python's str(). */
  toString(): string {
    const entries = this.defaultEntry !== null ? [...this.entries, this.defaultEntry] : this.entries;
    return entries.map(String).join('\n\n');
  }
}
