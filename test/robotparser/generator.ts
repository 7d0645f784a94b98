/** Seeded generator of robots.txt files, crawler names and URLs for the differential test. */

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENTS = ['*', 'figtree', 'FigTree', 'Googlebot', 'googlebot-news', 'bot', 'Mozilla', 'spam*', 'Bingbot/2.0', 'x', ''];
const CRAWLERS = ['figtree', 'FigTree/1.0 robot', 'Googlebot/2.1', 'googlebot-news', 'Mozilla/5.0 (compatible)', 'BOT', 'other', 'spambot', 'Bingbot', ''];
const SEGMENTS = ['', 'a', 'b', 'tmp', 'private', 'cgi-bin', '~joe', 'a%3cd', 'a%3Cd', '%7Ejoe', 'ümlaut', '%C3%BC', 'x y', '*', 'a$', 'foo.html', 'index', 'q?x=1', 'p;params', 'A', '%2F', 'a%2fb', '%', '%zz', 'robots.txt', '%C3', '%FF', '%e2%82', 'a%00b', '\u00e9t\u00e9', 'lone\ud800'];
const KEYS = ['User-agent', 'user-agent', 'USER-AGENT', 'Disallow', 'disallow', 'Disallow', 'Disallow', 'DISALLOW', 'Allow', 'allow', 'Allow', 'Crawl-delay', 'crawl-delay', 'Request-rate', 'request-rate', 'Sitemap', 'sitemap', 'Host', 'Noindex', 'Useragent'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function path(r: () => number): string {
  const n = Math.floor(r() * 4);
  let p = '';
  for (let i = 0; i < n; i++) p += '/' + pick(r, SEGMENTS);
  if (r() < 0.15) p += '/';
  if (r() < 0.1) p += '?' + pick(r, ['a=1', 'b', 'x=%20', '']);
  if (r() < 0.05) p += '#frag';
  if (r() < 0.1) p = p.replace(/^\//, '');
  return p;
}

function value(r: () => number, key: string): string {
  const k = key.toLowerCase();
  if (k === 'user-agent' || k === 'useragent') return pick(r, AGENTS);
  if (k === 'disallow' || k === 'allow') return r() < 0.12 ? '' : r() < 0.06 ? '/' : path(r) || '/';
  if (k === 'crawl-delay') return pick(r, ['1', '10', ' 5 ', '0', '3.5', 'abc', '-1', '', '٣', '007']);
  if (k === 'request-rate') return pick(r, ['3/20', '1/5', '10 / 60', '1/0', '3/', '/5', 'a/b', '3/20/1', '', '4/٥']);
  if (k === 'sitemap') return pick(r, ['http://example.com/sitemap.xml', 'https://h/s%20m.xml', '']);
  return pick(r, ['x', '', 'example.com']);
}

function line(r: () => number): string {
  const roll = r();
  if (roll < 0.08) return '';
  if (roll < 0.11) return '# comment ' + pick(r, SEGMENTS);
  if (roll < 0.13) return 'no colon line';
  const key = pick(r, KEYS);
  const sep = pick(r, [':', ': ', ' : ', ':\t', ':  ']);
  let text = key + sep + value(r, key);
  if (r() < 0.1) text += ' # trailing';
  if (r() < 0.08) text = '  ' + text + '  ';
  return text;
}

/** A robots.txt as lines; tends to start with a User-agent so groups form. */
export function robots(r: () => number): string[] {
  const lines: string[] = [];
  const n = 1 + Math.floor(r() * 14);
  for (let i = 0; i < n; i++) {
    if (r() < 0.25) lines.push('User-agent: ' + pick(r, AGENTS));
    lines.push(line(r));
  }
  return lines;
}

export function crawler(r: () => number): string {
  return pick(r, CRAWLERS);
}

export function url(r: () => number): string {
  const p = path(r);
  const roll = r();
  if (roll < 0.5) return 'http://example.com' + (p.startsWith('/') || p === '' ? p : '/' + p);
  if (roll < 0.6) return 'https://EXAMPLE.com:8080' + (p.startsWith('/') ? p : '/' + p);
  return p;
}

/** A URL built on a rule path of `lines` half of the time, so rules actually match. */
export function urlFor(r: () => number, lines: string[]): string {
  const rules = lines.map((l) => /^\s*(?:dis)?allow\s*:\s*([^#]*)/i.exec(l)?.[1]?.trim()).filter((p): p is string => !!p);
  if (rules.length === 0 || r() < 0.4) return url(r);
  let p = pick(r, rules);
  if (r() < 0.5) p += pick(r, ['', 'x', '/deeper', '.html', '?q=1', '%41']);
  if (r() < 0.3) p = decodeURIComponentSafe(p);
  return r() < 0.5 ? 'http://example.com' + (p.startsWith('/') ? p : '/' + p) : p;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A crawler name that often contains one of the file's user-agent tokens. */
export function crawlerFor(r: () => number, lines: string[]): string {
  const agents = lines.map((l) => /^\s*user-agent\s*:\s*([^#]*)/i.exec(l)?.[1]?.trim()).filter((a): a is string => !!a && a !== '*');
  if (agents.length === 0 || r() < 0.4) return crawler(r);
  return pick(r, ['', 'my', 'Super']) + pick(r, agents) + pick(r, ['', '/1.0', ' (+http://x)', 'Bot']);
}
