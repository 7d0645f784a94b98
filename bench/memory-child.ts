/**
 * Child process of the memory measure (bench/measure.ts): opens BENCH_CONNECTIONS keep-alive
 * connections with one client, lets them go idle and prints the heap growth per connection.
 * One small request first so one-time costs (lazy modules, parsers) are out of the baseline.
 */
import { clients } from './clients/index.js';

declare const gc: () => void;

function settle(): { heap: number; rss: number } {
  for (let i = 0; i < 4; i++) gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external, rss: m.rss };
}

async function main(): Promise<void> {
  const spec = clients.find((c) => c.name === process.env.BENCH_CLIENT);
  if (!spec) throw new Error(`unknown client ${process.env.BENCH_CLIENT}`);
  const n = Number(process.env.BENCH_CONNECTIONS);
  const target = { host: process.env.BENCH_HOST!, port: Number(process.env.BENCH_PORT), smallPath: '/small', bigPath: '/big', uploadPath: '/upload' };
  const client = await spec.create(target, { connections: n });
  await client.get('/small');
  await new Promise((r) => setTimeout(r, 50));
  const before = settle();
  await Promise.all(Array.from({ length: n }, () => client.get('/small')));
  await new Promise((r) => setTimeout(r, 100));
  const after = settle();
  const extra = n - 1;
  process.stdout.write(`\n${JSON.stringify({ perConnection: (after.heap - before.heap) / extra, rssPerConnection: (after.rss - before.rss) / extra })}\n`);
  await client.close();
}

main().then(() => process.exit(0), (e) => { process.stderr.write(String(e?.stack ?? e)); process.exit(1); });
