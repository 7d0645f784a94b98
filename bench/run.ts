/**
 * `npm run bench` — httpkit against undici 7, node:http, global fetch, axios and got, in one run,
 * on one loopback server, with ratios to undici and to a raw-socket "limit" client.
 *
 *   node --import tsx bench/run.ts [--quick] [--duration <ms>] [--only seq,c64,download,upload,import,memory]
 *                                  [--clients <substr,...>] [--server nginx|node] [--markdown <file>] [--rounds N]
 *
 * The server is pinned to core 1 and this process to core 0 (it re-executes itself under
 * `taskset -c 0` when taskset exists), so client and server never share a core.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanBuild } from './build.js';
import { clients, LIMIT, UNDICI } from './clients/index.js';
import type { ClientSpec } from './clients/types.js';
import { CASES, measureCase } from './cases.js';
import { importTime, memoryPerConnection } from './measure.js';
import { addRatios, markdownTable, textTable, type Row } from './report.js';
import { targetReport } from './targets.js';
import { pinPrefix, startServer, type BenchServer } from './servers.js';

interface Options {
  quick: boolean;
  durationMs: number;
  only: Set<string> | null;
  clientFilter: string[] | null;
  server: 'nginx' | 'node';
  markdown: string | null;
  rounds: number;
}

const CLIENT_CORE = 0;
const SERVER_CORE = 1;

function parseArgs(argv: string[]): Options {
  const o: Options = { quick: false, durationMs: 2500, only: null, clientFilter: null, server: 'nginx', markdown: null, rounds: 5 };
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
    else if (a === '--rounds') o.rounds = Math.max(1, Number(next()) || 1);
    else throw new Error(`unknown option ${a}`);
  }
  if (o.quick && !argv.includes('--duration')) o.durationMs = 500;
  if (o.quick && !argv.includes('--rounds')) o.rounds = 2;
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

const IMPORT_TITLE = 'import time (fresh node, median)';
const memoryTitle = (n: number): string => `memory per idle conn (${n} conns, heap+external)`;

/** Case title → case id, for the targets report. */
function caseIds(o: Options): Map<string, string> {
  const m = new Map(CASES.map((c) => [c.title, c.id]));
  m.set(IMPORT_TITLE, 'import');
  m.set(memoryTitle(o.quick ? 64 : 256), 'memory');
  return m;
}

async function importRows(list: readonly ClientSpec[], o: Options): Promise<Row[]> {
  const rows: Row[] = [];
  for (const spec of list) {
    if (!spec.importSpecifier) continue;
    const row: Row = { case: IMPORT_TITLE, client: spec.name, value: NaN, unit: 'ms' };
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
  for (const spec of list.filter((x) => !x.external)) {
    const row: Row = { case: memoryTitle(n), client: spec.name, value: NaN, unit: 'KiB' };
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
    `node ${process.version}, ${cpu} (${cpus().length} cores), ${pinned}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (machine-wide)`,
    `server: ${server.kind} on ${server.host}:${server.port}; per client and case: ${o.durationMs} ms in ${o.rounds} interleaved rounds after a warm-up, best round kept`,
  ].join('\n');
}

async function main(): Promise<void> {
  if (pinSelf()) return;
  const o = parseArgs(process.argv.slice(2));
  const list = selected(o);
  const want = (id: string) => !o.only || o.only.has(id);
  const server = await startServer(SERVER_CORE, o.server);
  const rows: Row[] = [];
  const head = header(server, o);
  try {
    process.stderr.write(`${head}\n`);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    for (const c of CASES.filter((x) => want(x.id))) {
      rows.push(...(await measureCase(c, list, server, { durationMs: o.durationMs, rounds: o.rounds, log })));
    }
    if (want('import')) rows.push(...(await importRows(list, o)));
    if (want('memory')) rows.push(...(await memoryRows(list, server, o)));
  } finally {
    await server.close();
    cleanBuild();
  }
  addRatios(rows, UNDICI, LIMIT);
  const after = `load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
  const targets = targetReport(rows, caseIds(o));
  process.stdout.write(`\n${head}\n\n${textTable(rows)}\n\n${targets}\n${after}\n`);
  if (o.markdown) {
    const md = `${head.replace(/\n/g, '  \n')}\n\n${markdownTable(rows)}\n\n\`\`\`\n${targets}\n${after}\n\`\`\`\n`;
    writeFileSync(o.markdown, md);
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
