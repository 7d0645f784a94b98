/**
 * Differential test: seeded robots.txt files, crawler names and URLs run through CPython's
 * urllib.robotparser (/usr/bin/python3, one batch) and through ours; canFetch, crawlDelay,
 * requestRate, siteMaps and toString() must agree on every case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RobotFileParser } from '../../src/robotparser/robotparser.js';
import { crawlerFor, rng, robots, urlFor } from './generator.js';

interface Case {
  lines: string[];
  queries: Array<[string, string]>;
  agents: string[];
}

const CASES = 600;

function generate(): Case[] {
  const r = rng(20261125);
  const cases: Case[] = [];
  for (let i = 0; i < CASES; i++) {
    const lines = robots(r);
    const queries: Array<[string, string]> = [];
    for (let q = 0; q < 8; q++) queries.push([crawlerFor(r, lines), urlFor(r, lines)]);
    cases.push({ lines, queries, agents: [crawlerFor(r, lines), crawlerFor(r, lines), crawlerFor(r, lines)] });
  }
  return cases;
}

function runPython(cases: Case[]): Promise<unknown[]> {
  const script = fileURLToPath(new URL('./py_robots.py', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as unknown[]) : reject(new Error(`python exited ${code}`))));
    child.stdin.end(JSON.stringify(cases));
  });
}

function ours(c: Case): unknown {
  const rp = new RobotFileParser();
  try {
    rp.parse(c.lines);
  } catch (e) {
    return { error: (e as Error).name };
  }
  return {
    can: c.queries.map(([ua, u]) => {
      try {
        return rp.canFetch(ua, u);
      } catch (e) {
        return (e as Error).name;
      }
    }),
    delay: c.agents.map((ua) => rp.crawlDelay(ua)),
    rate: c.agents.map((ua) => {
      const rate = rp.requestRate(ua);
      return rate === null ? null : [rate.requests, rate.seconds];
    }),
    sitemaps: rp.siteMaps(),
    str: rp.toString(),
  };
}

test(`robotparser agrees with CPython on ${CASES} generated robots.txt files`, async (t) => {
  const cases = generate();
  const python = await runPython(cases);
  let same = 0;
  let queries = 0;
  const mismatches: string[] = [];
  for (const [i, c] of cases.entries()) {
    const mine = ours(c);
    queries += c.queries.length;
    if (JSON.stringify(mine) === JSON.stringify(python[i])) same++;
    else if (mismatches.length < 5) mismatches.push(`case ${i}: ${JSON.stringify(c)}\n ours ${JSON.stringify(mine)}\n py   ${JSON.stringify(python[i])}`);
  }
  const denied = cases.reduce((n, c, i) => n + ((python[i] as { can?: unknown[] }).can ?? []).filter((v) => v === false).length, 0);
  t.diagnostic(`${same}/${cases.length} files (${queries} canFetch queries, ${denied} denied by CPython) identical to CPython`);
  assert.equal(same, cases.length, mismatches.join('\n\n'));
});
