/**
 * The issues' performance targets, checked against the rows of the same run (issue 3 for
 * HTTPConnection, issue 5 for the pool, issue 6 for Session). Printed under the table.
 */
import type { Row } from './report.js';

interface Target {
  what: string;
  check(find: (caseId: string, client: string) => Row | undefined): { value: number; ok: boolean } | null;
}

const HC = 'httpkit HTTPConnection';
const POOL = 'httpkit pool';
const SESSION = 'httpkit Session';
const UNDICI = 'undici 7 request';

function ratio(a: Row | undefined, b: Row | undefined): number | null {
  if (!a || !b || !Number.isFinite(a.value) || !Number.isFinite(b.value) || b.value === 0) return null;
  return a.value / b.value;
}

function atLeast(caseId: string, client: string, other: string, min: number): Target['check'] {
  return (find) => {
    const r = ratio(find(caseId, client), find(caseId, other));
    return r === null ? null : { value: r, ok: r >= min };
  };
}

export function targetList(titles: Record<string, string>): Array<Target & { label: string }> {
  const t = (id: string) => titles[id] ?? id;
  const list: Array<Target & { label: string }> = [
    { label: 'issue 3', what: `HTTPConnection ≥ 1.15× undici, ${t('seq')}`, check: atLeast('seq', HC, UNDICI, 1.15) },
    { label: 'issue 3', what: `HTTPConnection ≥ 1.6× undici, ${t('download')}`, check: atLeast('download', HC, UNDICI, 1.6) },
    { label: 'issue 3', what: `HTTPConnection ≥ 1.1× undici, ${t('upload')}`, check: atLeast('upload', HC, UNDICI, 1.1) },
    {
      label: 'issue 3', what: 'import httpkit/client < 10 ms',
      check: (find) => {
        const r = find('import', HC);
        return r && Number.isFinite(r.value) ? { value: r.value, ok: r.value < 10 } : null;
      },
    },
    {
      label: 'issue 3', what: 'HTTPConnection memory per idle connection < undici',
      check: (find) => {
        const r = ratio(find('memory', HC), find('memory', UNDICI));
        return r === null ? null : { value: r, ok: r < 1 };
      },
    },
    { label: 'issue 5', what: `pool ≥ 1.5× undici, ${t('c64')}`, check: atLeast('c64', POOL, UNDICI, 1.5) },
  ];
  for (const other of ['axios', 'got', 'undici 7 fetch', 'global fetch']) {
    for (const id of ['seq', 'c64']) list.push({ label: 'issue 6', what: `Session ≥ 2× ${other}, ${t(id)}`, check: atLeast(id, SESSION, other, 2) });
  }
  // "The requests layer's overhead over the raw engine at most 15 %": Session against the pool
  // it sends through (the fastest raw path here with several connections), default settings
  // (trustEnv on: the environment is read on every request, as Requests does).
  for (const id of ['seq', 'c64']) {
    list.push({ label: 'issue 6', what: `Session ≥ 0.87× pool (overhead ≤ 15 %), ${t(id)}`, check: atLeast(id, SESSION, POOL, 1 / 1.15) });
  }
  return list;
}

/** Lines like `issue 3  ✔ 1.32   HTTPConnection ≥ 1.15× undici, sequential ...`. */
export function targetReport(rows: Row[], caseIds: Map<string, string>): string {
  const titles = Object.fromEntries([...caseIds].map(([title, id]) => [id, title]));
  const find = (id: string, client: string) => rows.find((r) => caseIds.get(r.case) === id && r.client === client);
  const lines = ['targets (same run):'];
  for (const target of targetList(titles)) {
    const res = target.check(find);
    const mark = res === null ? '  –  ' : res.ok ? ' met ' : ' MISS';
    const value = res === null ? 'n/a ' : res.value.toFixed(2);
    lines.push(`  ${target.label}  ${mark}  ${value.padStart(6)}  ${target.what}`);
  }
  return lines.join('\n');
}
