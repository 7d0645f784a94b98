/**
 * Timing primitives: run an async operation for a bounded time, one at a time or with N in
 * flight, recording each operation's latency. Every loop is bounded by a deadline and an op cap.
 */
import { spawn } from 'node:child_process';

export interface RunResult {
  ops: number;
  bytes: number;
  elapsedMs: number;
  /** Per-operation latencies in µs, sorted ascending. */
  latenciesUs: Float64Array;
  /**
   * CPU time (user + system, µs) this process used during the measured phase, or null (external
   * clients). On a shared machine CPU per operation is steadier than wall-clock throughput.
   */
  cpuUs: number | null;
}

export interface RunOptions {
  durationMs: number;
  warmupMs: number;
  concurrency: number;
  /** Hard cap on operations (keeps memory for latencies bounded). Default 5 000 000. */
  maxOps?: number;
}

async function loop(op: () => Promise<number>, until: number, maxOps: number, rec: { ops: number; bytes: number; lat: Float64Array | null }): Promise<void> {
  while (rec.ops < maxOps) {
    const t0 = performance.now();
    if (t0 >= until) return;
    rec.bytes += await op();
    if (rec.lat) rec.lat[rec.ops] = (performance.now() - t0) * 1000;
    rec.ops++;
  }
}

async function phase(op: () => Promise<number>, ms: number, concurrency: number, maxOps: number, record: boolean) {
  const rec = { ops: 0, bytes: 0, lat: record ? new Float64Array(maxOps) : null };
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const until = start + ms;
  await Promise.all(Array.from({ length: concurrency }, () => loop(op, until, maxOps, rec)));
  const elapsedMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { rec, elapsedMs, cpuUs: cpu.user + cpu.system };
}

/** Warms up, then measures `op` for `durationMs` with `concurrency` workers. `op` resolves to bytes moved. */
export async function run(op: () => Promise<number>, o: RunOptions): Promise<RunResult> {
  const maxOps = o.maxOps ?? 5_000_000;
  if (o.warmupMs > 0) await phase(op, o.warmupMs, o.concurrency, maxOps, false);
  const { rec, elapsedMs, cpuUs } = await phase(op, o.durationMs, o.concurrency, maxOps, true);
  const lat = rec.lat!.slice(0, rec.ops).sort();
  return { ops: rec.ops, bytes: rec.bytes, elapsedMs, latenciesUs: lat, cpuUs };
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)]!;
}

function runChild(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out.trim());
      else reject(new Error(`child exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

const IMPORT_PROBE = `const t0 = performance.now(); await import(process.env.BENCH_SPEC); process.stdout.write(String(performance.now() - t0));`;

/**
 * Median time (ms) of `import(spec)` in a fresh `node` process (no tsx), measured inside that
 * process so Node's own start-up is excluded. The OS file cache is warm after the first run.
 */
export async function importTime(spec: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = await runChild(['--input-type=module', '-e', IMPORT_PROBE], { BENCH_SPEC: spec }, 30_000);
    times.push(Number(out));
  }
  return median(times);
}

export interface MemoryResult {
  /** JS heap + external (ArrayBuffers, native buffers reported to V8) per idle connection, bytes. */
  perConnection: number;
  /** Resident set growth per idle connection, bytes (noisier, includes native allocations). */
  rssPerConnection: number;
}

/** Spawns bench/memory-child.ts to open `n` idle keep-alive connections with one client. */
export async function memoryPerConnection(client: string, host: string, port: number, n: number): Promise<MemoryResult> {
  const script = new URL('./memory-child.ts', import.meta.url).pathname;
  const out = await runChild(['--expose-gc', '--import', 'tsx', script], {
    BENCH_CLIENT: client, BENCH_HOST: host, BENCH_PORT: String(port), BENCH_CONNECTIONS: String(n),
  }, 60_000);
  return JSON.parse(out.split('\n').pop()!) as MemoryResult;
}
