/**
 * Requests-layer benchmark (issue 6): `Session.get` against axios, got, undici's `fetch`, global
 * `fetch`, and httpkit's own pool (`PoolManager.urlopen`, to measure what the Requests layer
 * costs on top), on the same node:http server, sequential (one connection) and 64 in flight.
 *
 *   node --import tsx bench/session.ts [--duration ms] [--rounds n] [--server node|nginx] [--trust-env off]
 *
 * The server (bench/servers.ts; node:http unless --server nginx) is pinned to core 1 and this
 * process re-executes itself pinned to core 0 when taskset exists, as bench/run.ts does.
 *
 * Measured here (2026-11-25 22:25 UTC, nginx, `--clients pool`, tsc output): Session.get 11 300 req/s
 * sequential and 62 100 with 64 in flight, the pool 12 700 / 72 600: Session reaches 0.89 and 0.86
 * of the pool (0.94 and 0.87 with `--trust-env off`; the environment is read once per loop turn,
 * src/requests/env.ts). With every client (the default), nginx: axios, got, undici fetch and global
 * fetch are each at least 3× below Session sequentially and 9× with 64 in flight.
 */
import { spawnSync } from 'node:child_process';
import { Agent as HttpAgent } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Agent as UndiciAgent, fetch as undiciFetch } from 'undici';
import { builtModule, cleanBuild } from './build.js';
import { pinPrefix, startServer } from './servers.js';

/** httpkit modules from the tsc output, as users run them (bench/build.ts); the source when tsc emitted nothing. */
async function httpkitModule(rel: string): Promise<any> {
  return import((await builtModule(`${rel}.js`)) ?? new URL(`../src/${rel}.ts`, import.meta.url).href);
}

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : dflt;
};
const durationMs = Number(arg('--duration', '2000'));
const rounds = Number(arg('--rounds', '3'));
const prefer = arg('--server', 'node') === 'nginx' ? 'nginx' : 'node';
const only = arg('--clients', '').split(',').filter((c) => c !== '');
/** `--trust-env off`: a Session that does not read the environment per request (Requests' trust_env=False). */
const trustEnv = arg('--trust-env', 'on') !== 'off';

type Get = () => Promise<number>;
interface Client { name: string; make(url: string, connections: number): Promise<{ get: Get; close(): Promise<void> }> }

const CLIENTS: Client[] = [
  {
    name: 'httpkit Session.get',
    async make(url, connections) {
      const [{ Session }, { HTTPAdapter }] = await Promise.all([httpkitModule('requests/session'), httpkitModule('requests/adapters')]);
      const s = new Session();
      s.trustEnv = trustEnv;
      s.mount('http://', new HTTPAdapter({ poolMaxsize: connections, poolBlock: true }));
      return { get: async () => (await s.get(url)).content?.length ?? 0, close: async () => s.close() };
    },
  },
  {
    name: 'httpkit pool urlopen',
    async make(url, connections) {
      const [{ PoolManager }, { Retry }] = await Promise.all([httpkitModule('pool/manager'), httpkitModule('pool/retry')]);
      const pm = new PoolManager({ maxsize: connections, block: true, retries: new Retry({ total: 0, read: false }) });
      return { get: async () => (await pm.urlopen('GET', url, { redirect: false })).data?.length ?? 0, close: async () => pm.clear() };
    },
  },
  {
    name: 'axios',
    async make(url, connections) {
      const { default: ax } = await import('axios');
      const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
      const inst = ax.create({ httpAgent });
      return { get: async () => (await inst.get<ArrayBuffer>(url, { responseType: 'arraybuffer' })).data.byteLength, close: async () => httpAgent.destroy() };
    },
  },
  {
    name: 'got',
    async make(url, connections) {
      const { default: g } = await import('got');
      const http = new HttpAgent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
      const inst = g.extend({ agent: { http }, retry: { limit: 0 } });
      return { get: async () => (await inst.get(url).buffer()).length, close: async () => http.destroy() };
    },
  },
  {
    name: 'undici fetch',
    async make(url, connections) {
      const dispatcher = new UndiciAgent({ connections, pipelining: 1 });
      return { get: async () => (await (await undiciFetch(url, { dispatcher })).arrayBuffer()).byteLength, close: async () => dispatcher.close() };
    },
  },
  {
    name: 'global fetch',
    async make(url) {
      return { get: async () => (await (await fetch(url)).arrayBuffer()).byteLength, close: async () => undefined };
    },
  },
];

/** Requests per second with `inflight` workers issuing back-to-back requests for `ms`. */
async function measure(get: Get, inflight: number, ms: number): Promise<number> {
  let stop = false;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (!stop) {
      await get();
      done++;
    }
  };
  const timer = setTimeout(() => { stop = true; }, ms);
  const start = performance.now();
  await Promise.all(Array.from({ length: inflight }, worker));
  clearTimeout(timer);
  return (done * 1000) / (performance.now() - start);
}

/**
 * Best req/s of each client at `inflight`, rounds interleaved across clients (client A, B, C, A,
 * B, C, ...) so that a busy moment on the machine does not penalise one client only.
 */
async function runAll(clients: Client[], url: string, inflight: number): Promise<Map<string, number>> {
  const made = [];
  for (const c of clients) made.push({ name: c.name, impl: await c.make(url, inflight) });
  const best = new Map<string, number>();
  try {
    for (const m of made) await measure(m.impl.get, inflight, Math.min(500, durationMs));
    for (let i = 0; i < rounds; i++) {
      for (const m of made) best.set(m.name, Math.max(best.get(m.name) ?? 0, await measure(m.impl.get, inflight, durationMs)));
    }
  } finally {
    for (const m of made) await m.impl.close();
  }
  return best;
}

function cpusLoad(): string {
  return loadavg().map((l) => l.toFixed(1)).join(' ');
}

function pinSelf(): boolean {
  if (process.env['HTTPKIT_BENCH_PINNED'] || cpus().length < 2) return false;
  const prefix = pinPrefix(0);
  if (prefix.length === 0) return false;
  const r = spawnSync(prefix[0] as string, [...prefix.slice(1), process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit', env: { ...process.env, HTTPKIT_BENCH_PINNED: '1' },
  });
  process.exitCode = r.status ?? 1;
  return true;
}

async function main(): Promise<void> {
  if (pinSelf()) return;
  const server = await startServer(1, prefer);
  const url = `http://${server.host}:${server.port}${server.smallPath}`;
  console.log(`server: ${server.kind}; ${durationMs} ms x ${rounds} rounds (best) per case`);
  const results = new Map<string, [number, number]>();
  try {
    // Warm the server's JIT first, or the first client measured pays for it.
    const warm = await (CLIENTS[1] as Client).make(url, 64);
    await measure(warm.get, 64, 1500);
    await measure(warm.get, 1, 500);
    await warm.close();
    const chosen = CLIENTS.filter((c) => only.length === 0 || c.name.startsWith('httpkit') || only.some((o) => c.name.includes(o)));
    const seq = await runAll(chosen, url, 1);
    const c64 = await runAll(chosen, url, 64);
    for (const c of chosen) {
      const pair: [number, number] = [seq.get(c.name) ?? 0, c64.get(c.name) ?? 0];
      results.set(c.name, pair);
      console.log(`${c.name.padEnd(22)} sequential ${pair[0].toFixed(0).padStart(7)} req/s   64 in flight ${pair[1].toFixed(0).padStart(7)} req/s`);
    }
  } finally {
    await server.close();
    cleanBuild();
  }
  const ours = results.get('httpkit Session.get') as [number, number];
  console.log('\n(figures are best of rounds; the machine load at start was', cpusLoad(), ')');
  console.log('\nSession.get ÷ other (≥ 2 is the target):');
  for (const [name, [seq, c64]] of results) {
    if (name === 'httpkit Session.get') continue;
    console.log(`  vs ${name.padEnd(22)} sequential ${(ours[0] / seq).toFixed(2)}x   64 in flight ${(ours[1] / c64).toFixed(2)}x`);
  }
  const pool = results.get('httpkit pool urlopen') as [number, number];
  const overhead = (p: number, s: number): string => `${(((p - s) / p) * 100).toFixed(1)} %`;
  console.log(`\nRequests-layer overhead over the raw pool (throughput lost): sequential ${overhead(pool[0], ours[0])}, 64 in flight ${overhead(pool[1], ours[1])}`);
}

await main();
