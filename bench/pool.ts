/**
 * Pool benchmark (issue 5): 64 requests in flight over one origin — httpkit's PoolManager
 * against undici's Pool and Agent — then a mixed run over 4 origins, then a soak of 100 000
 * requests checking that open sockets and memory do not grow.
 *
 *   node --import tsx bench/pool.ts [--server nginx|node] [--duration ms] [--soak n] [--rounds n] [--only c64,mixed,soak]
 *
 * Servers come from bench/servers.ts (nginx when installed, else node:http), pinned to core 1;
 * this process re-executes itself pinned to core 0 (taskset), as bench/run.ts does.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, Pool } from 'undici';
import { PoolManager } from '../src/pool/manager.js';
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

function openSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

async function soak(origin: string, n: number): Promise<void> {
  const pm = new PoolManager({ maxsize: INFLIGHT, block: true, retries: false });
  const gc = (globalThis as { gc?: () => void }).gc;
  console.log(`\nsoak: ${n} requests, ${INFLIGHT} in flight${gc ? '' : ' (run with --expose-gc for exact heap figures)'}`);
  let next = 0;
  const checkpoints = new Set([n / 10, n / 2, n].map(Math.round));
  const report = (i: number): void => {
    gc?.();
    const m = process.memoryUsage();
    console.log(`  after ${String(i).padStart(7)}: open sockets ${openSockets()}, idle in pool ${INFLIGHT}, heap ${(m.heapUsed / 2 ** 20).toFixed(1)} MiB, rss ${(m.rss / 2 ** 20).toFixed(1)} MiB`);
  };
  const worker = async (): Promise<void> => {
    while (next < n) {
      next++;
      await pm.urlopen('GET', `${origin}/small`);
      if (checkpoints.has(next)) report(next);
    }
  };
  await Promise.all(Array.from({ length: INFLIGHT }, worker));
  pm.clear();
}

async function main(): Promise<void> {
  const servers: BenchServer[] = [];
  try {
    const count = only.has('mixed') ? 4 : 1;
    for (let i = 0; i < count; i++) servers.push(await startServer(1, prefer));
    const origins = servers.map((s) => `http://${s.host}:${s.port}`);
    console.log(`server: ${servers[0]!.kind}, node ${process.version}`);
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
