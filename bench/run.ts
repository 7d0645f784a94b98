/**
 * `npm run bench` — httpkit against undici 7, node:http, global fetch, axios and got, in one run,
 * on one loopback server, with ratios to undici and to a raw-socket "limit" client.
 *
 *   node --import tsx bench/run.ts [--quick] [--duration <ms>] [--only seq,c64,download,upload,import,memory]
 *                                  [--clients <substr,...>] [--server nginx|node] [--markdown <file>]
 *
 * The server is pinned to core 1 and this process to core 0 (it re-executes itself under
 * `taskset -c 0` when taskset exists), so client and server never share a core.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanBuild } from './build.js';
import { clients, LIMIT, UNDICI } from './clients/index.js';
import type { BenchClient, ClientSpec } from './clients/types.js';
import { importTime, memoryPerConnection, percentile, run } from './measure.js';
import { addRatios, markdownTable, textTable, type Row } from './report.js';
import { BIG_SIZE, pinPrefix, startServer, type BenchServer } from './servers.js';

interface Options {
  quick: boolean;
  durationMs: number;
  only: Set<string> | null;
  clientFilter: string[] | null;
  server: 'nginx' | 'node';
  markdown: string | null;
}

const CLIENT_CORE = 0;
const SERVER_CORE = 1;
const INFLIGHT = 64;
const UPLOAD_SIZE = 1024 * 1024;

function parseArgs(argv: string[]): Options {
  const o: Options = { quick: false, durationMs: 2500, only: null, clientFilter: null, server: 'nginx', markdown: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--duration') o.durationMs = Number(next());
    else if (a === '--only') o.only = new Set(next().split(','));
    else if (a === '--clients') o.clientFilter = next().split(',').map((s) => s.toLowerCase());
    else if (a === '--server') o.server = next() === 'node' ? 'node' : 'nginx';
    else if (a === '--markdown') o.markdown = next();
    else throw new Error(`unknown option ${a}`);
  }
  if (o.quick && !argv.includes('--duration')) o.durationMs = 500;
  return o;
}

/** Re-executes this script under `taskset -c 0` once; returns true when the caller should stop. */
function pinSelf(): boolean {
  if (process.env.HTTPKIT_BENCH_PINNED || cpus().length < 2) return false;
  const prefix = pinPrefix(CLIENT_CORE);
  if (prefix.length === 0) return false;
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(prefix[0]!, [...prefix.slice(1), process.execPath, ...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: 'inherit', env: { ...process.env, HTTPKIT_BENCH_PINNED: '1' },
  });
  process.exitCode = r.status ?? 1;
  return true;
}

interface Case {
  id: string;
  title: string;
  connections: number;
  concurrency: number;
  unit: 'req/s' | 'MB/s';
  latency: boolean;
  op: (c: BenchClient, s: BenchServer) => Promise<number>;
}

const uploadBody = new Uint8Array(UPLOAD_SIZE).fill(0x61);

const CASES: Case[] = [
  { id: 'seq', title: 'sequential GET 13 B, 1 conn', connections: 1, concurrency: 1, unit: 'req/s', latency: true, op: (c, s) => c.get(s.smallPath) },
  { id: 'c64', title: `${INFLIGHT} in flight GET 13 B, ${INFLIGHT} conns`, connections: INFLIGHT, concurrency: INFLIGHT, unit: 'req/s', latency: true, op: (c, s) => c.get(s.smallPath) },
  { id: 'download', title: 'download 64 MiB, 1 conn', connections: 1, concurrency: 1, unit: 'MB/s', latency: false, op: (c, s) => c.download(s.bigPath) },
  { id: 'upload', title: 'upload 1 MiB (repeated), 1 conn', connections: 1, concurrency: 1, unit: 'MB/s', latency: false, op: (c, s) => c.upload(s.uploadPath, uploadBody).then(() => UPLOAD_SIZE) },
];

async function checkOp(c: Case, client: BenchClient, server: BenchServer): Promise<void> {
  const n = await c.op(client, server);
  const expected = c.id === 'download' ? BIG_SIZE : c.id === 'upload' ? UPLOAD_SIZE : 13;
  if (n !== expected) throw new Error(`unexpected size ${n} (expected ${expected})`);
}

async function measureCase(c: Case, spec: ClientSpec, server: BenchServer, o: Options): Promise<Row> {
  const row: Row = { case: c.title, client: spec.name, value: NaN, unit: c.unit };
  const why = await spec.unavailable();
  if (why) return { ...row, note: `skipped: ${why}` };
  let client: BenchClient | null = null;
  try {
    client = await spec.create(server, { connections: c.connections });
    await checkOp(c, client, server);
    const warmupMs = Math.min(500, o.durationMs / 4);
    const r = await run(() => c.op(client!, server), { durationMs: o.durationMs, warmupMs, concurrency: c.concurrency });
    row.value = c.unit === 'req/s' ? (r.ops * 1000) / r.elapsedMs : r.bytes / 1e6 / (r.elapsedMs / 1000);
    if (c.latency) {
      row.p50Us = percentile(r.latenciesUs, 50);
      row.p99Us = percentile(r.latenciesUs, 99);
    }
  } catch (err) {
    row.note = `error: ${String((err as Error).message ?? err).slice(0, 60)}`;
  } finally {
    await client?.close().catch(() => {});
  }
  return row;
}

async function importRows(list: readonly ClientSpec[], o: Options): Promise<Row[]> {
  const rows: Row[] = [];
  for (const spec of list) {
    if (!spec.importSpecifier) continue;
    const row: Row = { case: 'import time (fresh node, median)', client: spec.name, value: NaN, unit: 'ms' };
    try {
      const s = await spec.importSpecifier();
      if (!s) row.note = 'skipped: module not built';
      else row.value = await importTime(s, o.quick ? 3 : 9);
    } catch (err) {
      row.note = `error: ${String((err as Error).message).slice(0, 60)}`;
    }
    rows.push(row);
  }
  return rows;
}

async function memoryRows(list: readonly ClientSpec[], server: BenchServer, o: Options): Promise<Row[]> {
  const n = o.quick ? 64 : 256;
  const rows: Row[] = [];
  for (const spec of list) {
    const row: Row = { case: `memory per idle conn (${n} conns, heap+external)`, client: spec.name, value: NaN, unit: 'KiB' };
    const why = await spec.unavailable();
    if (why) row.note = `skipped: ${why}`;
    else {
      try {
        row.value = (await memoryPerConnection(spec.name, server.host, server.port, n)).perConnection / 1024;
      } catch (err) {
        row.note = `error: ${String((err as Error).message).slice(0, 60)}`;
      }
    }
    rows.push(row);
  }
  return rows;
}

function selected(o: Options): ClientSpec[] {
  if (!o.clientFilter) return [...clients];
  // The limit and undici always run: every ratio refers to them.
  return clients.filter((c) => c.name === LIMIT || c.name === UNDICI || o.clientFilter!.some((f) => c.name.toLowerCase().includes(f)));
}

function header(server: BenchServer, o: Options): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const pinned = process.env.HTTPKIT_BENCH_PINNED ? `client on core ${CLIENT_CORE}, server on core ${SERVER_CORE}` : 'not pinned';
  return [
    `httpkit bench — ${new Date().toISOString()}`,
    `node ${process.version}, ${cpu} (${cpus().length} cores), ${pinned}`,
    `server: ${server.kind} on ${server.host}:${server.port}; ${o.durationMs} ms per case after warm-up`,
  ].join('\n');
}

async function main(): Promise<void> {
  if (pinSelf()) return;
  const o = parseArgs(process.argv.slice(2));
  const list = selected(o);
  const want = (id: string) => !o.only || o.only.has(id);
  const server = await startServer(SERVER_CORE, o.server);
  const rows: Row[] = [];
  try {
    process.stderr.write(`${header(server, o)}\n`);
    for (const c of CASES.filter((x) => want(x.id))) {
      for (const spec of list) {
        process.stderr.write(`  ${c.title} · ${spec.name} …\n`);
        rows.push(await measureCase(c, spec, server, o));
      }
    }
    if (want('import')) rows.push(...(await importRows(list, o)));
    if (want('memory')) rows.push(...(await memoryRows(list, server, o)));
  } finally {
    await server.close();
    cleanBuild();
  }
  addRatios(rows, UNDICI, LIMIT);
  process.stdout.write(`\n${header(server, o)}\n\n${textTable(rows)}\n`);
  if (o.markdown) writeFileSync(o.markdown, `${header(server, o).replace(/\n/g, '  \n')}\n\n${markdownTable(rows)}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
