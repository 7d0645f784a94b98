// Micro-benchmark: httpkit/parse urlsplit and quote against WHATWG `new URL()` (and
// encodeURIComponent) on the same inputs. Run: node --import tsx bench/parse.ts
import { quote, urlsplit, urljoin, unquote, parseQsl } from '../src/parse/index.js';

const HOSTS = ['example.com', 'api.example.org', '127.0.0.1', '[::1]', 'user:pw@sub.domain.co.uk', 'xn--bcher-kva.example'];
const PATHS = ['/', '/index.html', '/api/v1/users/42', '/search', '/a/b/c/d/e/f', '/files/report%202024.pdf', '/~user/page'];
const QUERIES = ['', '?q=hello+world', '?a=1&b=2&c=3', '?redirect=https%3A%2F%2Fexample.com%2F', '?page=2&sort=desc&filter=active'];
const FRAGS = ['', '#top', '#section-2'];

function inputs(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const scheme = i % 3 === 0 ? 'http' : 'https';
    const port = i % 5 === 0 ? ':8080' : '';
    out.push(`${scheme}://${HOSTS[i % HOSTS.length]}${port}${PATHS[i % PATHS.length]}${QUERIES[i % QUERIES.length]}${FRAGS[i % FRAGS.length]}`);
  }
  return out;
}

type Fn = (s: string) => unknown;

/**
 * Times each function on the same items (CPU time), interleaving the candidates round by round and keeping
 * each one's best round, so a busy machine penalises all of them alike. Returns ns/op by name.
 */
function suite(title: string, items: readonly string[], fns: Record<string, Fn>): Record<string, number> {
  let sink = 0;
  // CPU time of this process rather than wall time: on a shared, busy machine it is far
  // steadier, and the candidates are measured the same way.
  const round = (fn: Fn): number => {
    const t0 = process.cpuUsage();
    for (let r = 0; r < 20; r++) for (const s of items) sink += fn(s) === null ? 1 : 0;
    const used = process.cpuUsage(t0);
    return ((used.user + used.system) * 1000) / (20 * items.length);
  };
  const best: Record<string, number> = {};
  for (const fn of Object.values(fns)) round(fn); // warm up the JIT
  for (let k = 0; k < 15; k++) {
    for (const [name, fn] of Object.entries(fns)) best[name] = Math.min(best[name] ?? Infinity, round(fn));
  }
  console.log(`\n${title}${sink < 0 ? '' : ''}`);
  for (const [name, ns] of Object.entries(best)) {
    console.log(`  ${name.padEnd(42)} ${ns.toFixed(0).padStart(6)} ns/op ${(1e3 / ns).toFixed(2).padStart(7)} M ops/s`);
  }
  return best;
}

const urls = inputs(1000);
const texts = urls.map((u, i) => (i % 4 === 0 ? `naïve café ${i}` : u));

console.log(`node ${process.version}, ${urls.length} URLs`);
const split = suite('split', urls, {
  'new URL(u)': (u) => new URL(u),
  'urlsplit(u)': (u) => urlsplit(u),
  'new URL(u) + host, port': (u) => {
    const x = new URL(u);
    return x.hostname + x.port;
  },
  'urlsplit(u) + hostname, port': (u) => {
    const x = urlsplit(u);
    return [x.hostname, x.port];
  },
});
const q = suite('percent-encoding the same text', texts, {
  'new URL("http://h/" + text).pathname': (s) => new URL('http://h/' + s).pathname,
  'encodeURIComponent(text)': (s) => encodeURIComponent(s),
  'quote(text)': (s) => quote(s),
});
suite('others', urls, {
  'quote(path) (mostly safe)': (u) => quote(u.slice(u.indexOf('/', 8))),
  'unquote(u)': (u) => unquote(u),
  'parseQsl(query)': (u) => parseQsl(u.slice(u.indexOf('?') + 1)),
  'urljoin(u, "../x?y")': (u) => urljoin(u, '../x?y'),
});
const ratio = (a: number | undefined, b: number | undefined): string => ((a ?? 0) / (b ?? 1)).toFixed(2);
console.log(`\nurlsplit vs new URL(): ${ratio(split['new URL(u)'], split['urlsplit(u)'])}x as fast` +
  ` (with host/port reads: ${ratio(split['new URL(u) + host, port'], split['urlsplit(u) + hostname, port'])}x)`);
console.log(`quote vs new URL() on the same text: ${ratio(q['new URL("http://h/" + text).pathname'], q['quote(text)'])}x as fast;` +
  ` vs encodeURIComponent: ${ratio(q['encodeURIComponent(text)'], q['quote(text)'])}x`);
