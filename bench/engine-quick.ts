// Quick engine-only benchmark (not the full harness): httpkit engine vs undici Client.request on
// a node:http keep-alive server in a child process on loopback.
// Usage: node --import tsx bench/engine-quick.ts [n=20000] [mib=64]
import { fork } from 'node:child_process';
import { Client } from 'undici';
import { connect } from '../src/engine/connect.js';

if (process.argv[2] === 'server') {
  const http = await import('node:http');
  const big = Buffer.alloc(1024 * 1024, 120);
  const mib = Number(process.argv[3] ?? 64);
  const server = http.createServer((req, res) => {
    if (req.url === '/big') {
      res.writeHead(200, { 'content-length': String(mib * big.length) });
      let i = 0;
      const pump = (): void => {
        while (i < mib) {
          i++;
          if (!res.write(big)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '13' });
    res.end('hello, world\n');
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as { port: number }).port));
} else {
  const n = Number(process.argv[2] ?? 20000);
  const mib = Number(process.argv[3] ?? 64);
  const child = fork(new URL(import.meta.url).pathname, ['server', String(mib)], { execArgv: ['--import', 'tsx'] });
  const port: number = await new Promise((r) => child.once('message', (m) => r(m as number)));
  const origin = `http://127.0.0.1:${port}`;

  async function ours(path: string, times: number): Promise<number> {
    const conn = await connect({ host: '127.0.0.1', port });
    const head = { method: 'GET', target: path, headers: ['Host', `127.0.0.1:${port}`] };
    let bytes = 0;
    for (let i = 0; i < times; i++) {
      const r = await conn.request(head, null);
      for (let c = await r.body.read(); c !== null; c = await r.body.read()) bytes += c.length;
    }
    conn.close();
    return bytes;
  }
  async function undici(path: string, times: number): Promise<number> {
    const client = new Client(origin, { pipelining: 1 });
    let bytes = 0;
    for (let i = 0; i < times; i++) {
      const r = await client.request({ method: 'GET', path });
      for await (const c of r.body) bytes += (c as Buffer).length;
    }
    await client.close();
    return bytes;
  }
  // Wall time gives the figure; client CPU time (process.cpuUsage) is printed too because it is
  // far less sensitive to a loaded machine than wall time.
  async function time(name: string, f: () => Promise<number>, unit: (ms: number, bytes: number) => string): Promise<number> {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const bytes = await f();
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    console.log(name.padEnd(28), unit(ms, bytes).padEnd(14), `client CPU ${Math.round((used.user + used.system) / 1000)} ms`);
    return ms;
  }
  const rps = (ms: number): string => `${Math.round((n / ms) * 1000)} req/s`;
  const mbps = (ms: number, b: number): string => `${Math.round(b / 1e6 / (ms / 1000))} MB/s`;
  for (let round = 0; round < 3; round++) {
    const u = await time('undici small GET', () => undici('/', n), rps);
    const o = await time('httpkit engine small GET', () => ours('/', n), rps);
    console.log('  ratio', (u / o).toFixed(2));
    const ub = await time('undici 64MiB', () => undici('/big', 1), mbps);
    const ob = await time('httpkit engine 64MiB', () => ours('/big', 1), mbps);
    console.log('  ratio', (ub / ob).toFixed(2));
  }
  child.kill();
}
