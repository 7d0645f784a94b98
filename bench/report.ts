/**
 * The results table: one row per (case, client), with ratios to undici and to the limit client in
 * the same run. Higher is better for throughput; for import time and memory lower is better, and
 * the ratio is still "client / undici" (so < 1 means smaller/faster than undici there).
 */
export interface Row {
  case: string;
  client: string;
  /** Headline value (req/s, MB/s, ms or KiB); NaN when the client was skipped or failed. */
  value: number;
  unit: string;
  p50Us?: number;
  p99Us?: number;
  /** Client CPU (user + system) per request or per MB: the lowest over the rounds. */
  cpu?: { value: number; unit: string };
  note?: string;
  vsUndici?: number;
  vsLimit?: number;
}

const fmtNum = (v: number, digits = 0): string =>
  Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }).replace(/,/g, ' ') : '—';

function fmtValue(r: Row): string {
  if (!Number.isFinite(r.value)) return '—';
  const digits = r.unit === 'ms' ? 1 : r.unit === 'KiB' ? 1 : 0;
  return `${fmtNum(r.value, digits)} ${r.unit}`;
}

const fmtRatio = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '' : `${v.toFixed(2)}×`);

/** Fills vsUndici / vsLimit from the rows of the same case. */
export function addRatios(rows: Row[], undici: string, limit: string): void {
  for (const r of rows) {
    const u = rows.find((x) => x.case === r.case && x.client === undici);
    const l = rows.find((x) => x.case === r.case && x.client === limit);
    if (u && Number.isFinite(u.value) && Number.isFinite(r.value)) r.vsUndici = r.value / u.value;
    if (l && Number.isFinite(l.value) && Number.isFinite(r.value)) r.vsLimit = r.value / l.value;
  }
}

const fmtCpu = (c: Row['cpu']): string => (c ? `${fmtNum(c.value, c.unit === 'ms/MB' ? 2 : 1)} ${c.unit}` : '');

function cells(r: Row): string[] {
  return [r.case, r.client, fmtValue(r), r.p50Us === undefined ? '' : fmtNum(r.p50Us), r.p99Us === undefined ? '' : fmtNum(r.p99Us), fmtRatio(r.vsUndici), fmtRatio(r.vsLimit), fmtCpu(r.cpu), r.note ?? ''];
}

const HEAD = ['case', 'client', 'result', 'p50 µs', 'p99 µs', '× undici', '× limit', 'client CPU', 'note'];
const NUMERIC = new Set([2, 3, 4, 5, 6, 7]);

export function textTable(rows: Row[]): string {
  const all = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (NUMERIC.has(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  const out: string[] = [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  ')];
  let last = '';
  for (const r of rows) {
    if (last && r.case !== last) out.push('');
    last = r.case;
    out.push(line(cells(r)));
  }
  return out.join('\n');
}

export function markdownTable(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = [`| ${HEAD.join(' | ')} |`, `| ${HEAD.map((_, i) => (NUMERIC.has(i) ? '---:' : '---')).join(' | ')} |`];
  for (const r of rows) out.push(`| ${cells(r).map(esc).join(' | ')} |`);
  return out.join('\n');
}
