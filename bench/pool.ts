/**
 * Pool benchmark (issue 5): 64 requests in flight over one origin — httpkit's PoolManager
 * against undici's Pool and Agent — then a mixed run over 4 origins, then a soak of 100 000
 * requests checking that open sockets and memory do not grow.
 *
 *   node --import tsx bench/pool.ts [--server nginx|node] [--duration ms] [--soak n] [--rounds n] [--only c64,mixed,soak] [--source]
 *
 * Servers come from bench/servers.ts (nginx when installed, else node:http), pinned to core 1;
 * this process re-executes itself pinned to core 0 (taskset), as bench/run.ts does.
 */
import { spawnSync } from 'node:child_process';
import { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Agent, Pool } from 'undici';
import type { PoolManager as PoolManagerType } from '../src/pool/manager.js';
import { builtModule } from './build.js';
import { pinPrefix, startServer, type BenchServer } from './servers.js';

const INFLIGHT = 64;
const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : dflt;
};
const prefer = arg('--server', 'nginx') === 'node' ? 'node' : 'nginx';
const durationMs = Number(arg('--duration', '3000'));
const soakN = Number(arg('--soak', '100000'));
const rounds = Number(arg('--rounds', '3'));
const only = new Set(arg('--only', 'c64,mixed,soak').split(','));

/**
 * The pool as users run it: tsc output (bench/build.ts), not TypeScript through tsx (whose
 * keepNames helper wraps every closure). `--source` measures the .ts files instead.
 */
let PoolManager: typeof PoolManagerType;
let poolOrigin = 'src (tsx)';

async function loadPool(): Promise<void> {
  const built = args.includes('--source') ? null : await builtModule('pool/manager.js');
  if (built) poolOrigin = 'tsc build';
  ({ PoolManager } = (await import(built ?? '../src/pool/manager.js')) as { PoolManager: typeof PoolManagerType });
}

type Get = (origin: string) => Promise<number>;
interface Client { name: string; get: Get; close(): Promise<void> }

function httpkit(): Client {
  const pm = new PoolManager({ maxsize: INFLIGHT, block: true, retries: false, numPools: 8 });
  return {
    name: 'httpkit PoolManager',
    get: async (origin) => (await pm.urlopen('GET', `${origin}/small`)).data!.length,
    close: async () => pm.clear(),
  };
}

async function drain(body: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const c of body) n += c.length;
  return n;
}

function undiciPool(origins: string[]): Client {
  const pools = new Map(origins.map((o) => [o, new Pool(o, { connections: INFLIGHT, pipelining: 1 })]));
  return {
    name: 'undici Pool',
    get: async (origin) => drain((await pools.get(origin)!.request({ method: 'GET', path: '/small' })).body),
    close: async () => { await Promise.all([...pools.values()].map((p) => p.close())); },
  };
}

function undiciAgent(): Client {
  const agent = new Agent({ connections: INFLIGHT, pipelining: 1 });
  return {
    name: 'undici Agent',
    get: async (origin) => drain((await agent.request({ origin, method: 'GET', path: '/small' })).body),
    close: async () => agent.close(),
  };
}

interface Sample { rps: number; cpuUs: number }

/** 64 workers, each issuing requests back to back (round-robin over origins) until time is up. */
async function measure(client: Client, origins: string[], ms: number): Promise<Sample> {
  let stop = false;
  let done = 0;
  const worker = async (w: number): Promise<void> => {
    for (let i = w; !stop; i++) {
      await client.get(origins[i % origins.length]!);
      done++;
    }
  };
  const timer = setTimeout(() => { stop = true; }, ms);
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: INFLIGHT }, (_, w) => worker(w)));
  clearTimeout(timer);
  const cpu = process.cpuUsage(cpu0);
  return { rps: (done * 1000) / (performance.now() - start), cpuUs: (cpu.user + cpu.system) / done };
}

async function compare(title: string, origins: string[]): Promise<void> {
  const clients = [httpkit(), undiciPool(origins), undiciAgent()];
  const results = clients.map(() => [] as number[]);
  const cpu = clients.map(() => [] as number[]);
  for (const c of clients) await measure(c, origins, Math.min(1000, durationMs / 2)); // warm-up: connections, JIT
  // Interleaved rounds, median per client: the loopback machine is shared, so load drifts.
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < clients.length; i++) {
      const sample = await measure(clients[i]!, origins, durationMs);
      results[i]!.push(sample.rps);
      cpu[i]!.push(sample.cpuUs);
    }
  }
  for (const c of clients) await c.close();
  const med = results.map(median);
  const undiciBest = Math.max(med[1]!, med[2]!);
  const cpuMed = cpu.map(median);
  const undiciLeanest = Math.min(cpuMed[1]!, cpuMed[2]!);
  console.log(`\n${title} (${INFLIGHT} in flight, ${rounds} interleaved rounds of ${durationMs} ms, median)`);
  clients.forEach((c, i) => {
    const all = results[i]!.map((r) => Math.round(r)).join(' ');
    console.log(`  ${c.name.padEnd(22)} ${Math.round(med[i]!).toString().padStart(8)} req/s   ×${(med[i]! / undiciBest).toFixed(2)} vs best undici   [${all}]` +
      `   client CPU ${cpuMed[i]!.toFixed(1)} µs/req (undici's leanest / this: ×${(undiciLeanest / cpuMed[i]!).toFixed(2)})`);
  });
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Sockets keeping the process alive (idle pooled sockets are unref'd, so not counted here). */
function refSockets(): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => h instanceof Socket && !h.destroyed).length;
}

async function soak(origin: string, n: number): Promise<void> {
  const pm = new PoolManager({ maxsize: INFLIGHT, block: true, retries: false });
  const gc = (globalThis as { gc?: () => void }).gc;
  console.log(`\nsoak: ${n} requests, ${INFLIGHT} in flight${gc ? '' : ' (run node with --expose-gc for settled heap figures)'}`);
  const checkpoints = [Math.round(n / 10), Math.round(n / 2), n];
  let started = 0;
  let finished = 0;
  const samples: string[] = [];
  const worker = async (): Promise<void> => {
    while (started < n) {
      started++;
      await pm.urlopen('GET', `${origin}/small`);
      finished++;
      if (finished === checkpoints[samples.length]) {
        gc?.();
        const m = process.memoryUsage();
        const st = pm.stats;
        samples.push(`  after ${String(finished).padStart(7)}: pool connections ${st.idle + st.active} (idle ${st.idle}), ref'd sockets ${refSockets()}, heap ${(m.heapUsed / 2 ** 20).toFixed(1)} MiB, rss ${(m.rss / 2 ** 20).toFixed(1)} MiB`);
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: INFLIGHT }, worker));
  for (const line of samples) console.log(line);
  console.log(`  ${Math.round((n * 1000) / (performance.now() - t0))} req/s overall`);
  const st = pm.stats;
  console.log(`  at the end: pool connections ${st.idle + st.active} (idle ${st.idle}), ref'd sockets ${refSockets()}`);
  pm.clear();
}

async function main(): Promise<void> {
  const servers: BenchServer[] = [];
  try {
    const count = only.has('mixed') ? 4 : 1;
    for (let i = 0; i < count; i++) servers.push(await startServer(1, prefer));
    const origins = servers.map((s) => `http://${s.host}:${s.port}`);
    await loadPool();
    console.log(`server: ${servers[0]!.kind}, node ${process.version}, httpkit pool from ${poolOrigin}`);
    if (only.has('c64')) await compare('one origin', origins.slice(0, 1));
    if (only.has('mixed')) await compare('mixed, 4 origins', origins);
    if (only.has('soak')) await soak(origins[0]!, soakN);
  } finally {
    for (const s of servers) await s.close();
  }
}

/** Pin to core 0 once (the servers are on core 1), as bench/run.ts does. */
function reexecPinned(): boolean {
  const pin = pinPrefix(0);
  if (pin.length === 0 || process.env['HTTPKIT_BENCH_PINNED']) return false;
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(pin[0]!, [...pin.slice(1), process.execPath, ...process.execArgv, script, ...args], {
    stdio: 'inherit', env: { ...process.env, HTTPKIT_BENCH_PINNED: '1' },
  });
  process.exitCode = r.status ?? 1;
  return true;
}

if (!reexecPinned()) await main();
