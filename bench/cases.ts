/**
 * The timed cases and how one is measured across clients. Clients are measured in interleaved
 * rounds (A B C … A B C …, the order rotated each round) and each keeps its best round: on a
 * shared machine, load from other processes only ever slows a round down, and interleaving
 * spreads any slow period over every client instead of penalising whichever ran during it.
 */
import type { BenchClient, ClientSpec } from './clients/types.js';
import { percentile, run, type RunResult } from './measure.js';
import type { Row } from './report.js';
import { BIG_SIZE, type BenchServer } from './servers.js';

export const INFLIGHT = 64;
export const UPLOAD_SIZE = 1024 * 1024;
const SMALL_SIZE = 13;

export interface Case {
  id: string;
  title: string;
  connections: number;
  concurrency: number;
  unit: 'req/s' | 'MB/s';
  latency: boolean;
  op: (c: BenchClient, s: BenchServer) => Promise<number>;
}

const uploadBody = new Uint8Array(UPLOAD_SIZE).fill(0x61);

export const CASES: Case[] = [
  { id: 'seq', title: 'sequential GET 13 B, 1 conn', connections: 1, concurrency: 1, unit: 'req/s', latency: true, op: (c, s) => c.get(s.smallPath) },
  { id: 'c64', title: `${INFLIGHT} in flight GET 13 B, ${INFLIGHT} conns`, connections: INFLIGHT, concurrency: INFLIGHT, unit: 'req/s', latency: true, op: (c, s) => c.get(s.smallPath) },
  { id: 'download', title: 'download 64 MiB, 1 conn', connections: 1, concurrency: 1, unit: 'MB/s', latency: false, op: (c, s) => c.download(s.bigPath) },
  { id: 'upload', title: 'upload 1 MiB (repeated), 1 conn', connections: 1, concurrency: 1, unit: 'MB/s', latency: false, op: (c, s) => c.upload(s.uploadPath, uploadBody).then(() => UPLOAD_SIZE) },
];

export interface CaseOptions {
  /** Measured time per client, split over the rounds. */
  durationMs: number;
  rounds: number;
  log: (line: string) => void;
}

interface Live {
  spec: ClientSpec;
  row: Row;
  client: BenchClient | null;
  /** An out-of-process client that passed its availability check. */
  external: boolean;
  best: RunResult | null;
  /** Lowest client CPU per unit (µs per request, or ms per MB) over the rounds. */
  cpu: number | null;
}

const short = (e: unknown): string => String((e as Error)?.message ?? e).replace(/\s+/g, ' ').slice(0, 70);

async function verify(c: Case, client: BenchClient, server: BenchServer): Promise<void> {
  const n = await c.op(client, server);
  const expected = c.id === 'download' ? BIG_SIZE : c.id === 'upload' ? UPLOAD_SIZE : SMALL_SIZE;
  if (n !== expected) throw new Error(`unexpected size ${n} (expected ${expected})`);
}

async function open(c: Case, l: Live, server: BenchServer, warmupMs: number): Promise<void> {
  const why = await l.spec.unavailable();
  if (why) {
    l.row.note = `skipped: ${why}`;
    return;
  }
  if (l.spec.external) {
    l.external = true;
    return;
  }
  try {
    l.client = await l.spec.create(server, { connections: c.connections });
    await verify(c, l.client, server);
    await run(() => c.op(l.client!, server), { durationMs: warmupMs, warmupMs: 0, concurrency: c.concurrency });
  } catch (e) {
    l.row.note = `error: ${short(e)}`;
    await l.client?.close().catch(() => {});
    l.client = null;
  }
}

function throughput(c: Case, r: RunResult): number {
  return c.unit === 'req/s' ? (r.ops * 1000) / r.elapsedMs : r.bytes / 1e6 / (r.elapsedMs / 1000);
}

function measureOnce(c: Case, l: Live, server: BenchServer, ms: number): Promise<RunResult> {
  if (l.external) return l.spec.external!(c.id, server, { durationMs: ms, connections: c.connections, concurrency: c.concurrency });
  return run(() => c.op(l.client!, server), { durationMs: ms, warmupMs: 0, concurrency: c.concurrency });
}

/** Client CPU per request (µs) or per MB (ms). */
function cpuPerUnit(c: Case, r: RunResult): number | null {
  if (r.cpuUs === null || r.ops === 0) return null;
  return c.unit === 'req/s' ? r.cpuUs / r.ops : r.cpuUs / 1000 / (r.bytes / 1e6);
}

async function round(c: Case, live: Live[], server: BenchServer, ms: number): Promise<void> {
  for (const l of live) {
    if (!l.client && !l.external) continue;
    try {
      const r = await measureOnce(c, l, server, ms);
      if (!l.best || throughput(c, r) > throughput(c, l.best)) l.best = r;
      const cpu = cpuPerUnit(c, r);
      if (cpu !== null && (l.cpu === null || cpu < l.cpu)) l.cpu = cpu;
    } catch (e) {
      l.row.note = `error: ${short(e)}`;
      await l.client?.close().catch(() => {});
      l.client = null;
      l.external = false;
    }
  }
}

/** Measures one case for every client; one row per client, in `specs` order. */
export async function measureCase(c: Case, specs: readonly ClientSpec[], server: BenchServer, o: CaseOptions): Promise<Row[]> {
  const live: Live[] = specs.map((spec) => ({ spec, row: { case: c.title, client: spec.name, value: NaN, unit: c.unit }, client: null, external: false, best: null, cpu: null }));
  const perRound = Math.max(50, o.durationMs / o.rounds);
  for (const l of live) {
    o.log(`  ${c.title} · ${l.spec.name} (warm-up)`);
    await open(c, l, server, Math.min(500, perRound));
  }
  for (let i = 0; i < o.rounds; i++) {
    o.log(`  ${c.title} · round ${i + 1}/${o.rounds}`);
    const k = i % live.length;
    await round(c, [...live.slice(k), ...live.slice(0, k)], server, perRound);
  }
  for (const l of live) {
    await l.client?.close().catch(() => {});
    if (!l.best || (!l.client && !l.external)) continue;
    l.row.value = throughput(c, l.best);
    if (l.cpu !== null) l.row.cpu = { value: l.cpu, unit: c.unit === 'req/s' ? 'µs/req' : 'ms/MB' };
    if (c.latency) {
      l.row.p50Us = percentile(l.best.latenciesUs, 50);
      l.row.p99Us = percentile(l.best.latenciesUs, 99);
    }
  }
  return live.map((l) => l.row);
}
