/**
 * Python's Requests (Debian's /usr/bin/python3 with python3-requests) as a reference point, as
 * issue 6 quotes it. It cannot be driven op by op from JavaScript, so it runs its own timed loop
 * in a child process (threads for requests in flight, one Session with a pool of the case's
 * size) and reports what it measured; interpreter start-up and a short warm-up are excluded.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { RunResult } from '../measure.js';
import type { ClientSpec, ExternalRun } from './types.js';

const PYTHON = '/usr/bin/python3';

const SCRIPT = String.raw`
import json, sys, threading, time
import requests
from requests.adapters import HTTPAdapter
mode, base, dur, conns, inflight = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
s = requests.Session()
s.mount('http://', HTTPAdapter(pool_connections=1, pool_maxsize=conns, pool_block=True))
payload = b'a' * (1024 * 1024)
def op():
    if mode in ('seq', 'c64'):
        return len(s.get(base + '/small').content)
    if mode == 'download':
        n = 0
        with s.get(base + '/big', stream=True) as r:
            for chunk in r.iter_content(65536):
                n += len(chunk)
        return n
    s.post(base + '/upload', data=payload).content
    return len(payload)
def loop(until, out):
    while time.perf_counter() < until:
        t0 = time.perf_counter()
        b = op()
        out.append(((time.perf_counter() - t0) * 1e6, b))
def phase(seconds):
    until = time.perf_counter() + seconds
    outs = [[] for _ in range(inflight)]
    threads = [threading.Thread(target=loop, args=(until, o)) for o in outs]
    t0 = time.perf_counter()
    for t in threads: t.start()
    for t in threads: t.join()
    return outs, (time.perf_counter() - t0) * 1000
phase(min(0.2, dur))
outs, elapsed = phase(dur)
lat = sorted(x[0] for o in outs for x in o)
print(json.dumps({'ops': len(lat), 'bytes': sum(x[1] for o in outs for x in o), 'elapsedMs': elapsed, 'latenciesUs': lat}))
`;

function runPython(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-c', SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`python exited ${code}: ${err.trim().split('\n').pop()}`));
    });
  });
}

const run: ExternalRun = async (caseId, t, o): Promise<RunResult> => {
  const out = await runPython([caseId, `http://${t.host}:${t.port}`, String(o.durationMs / 1000), String(o.connections), String(o.concurrency)], o.durationMs + 60_000);
  const r = JSON.parse(out) as { ops: number; bytes: number; elapsedMs: number; latenciesUs: number[] };
  return { ops: r.ops, bytes: r.bytes, elapsedMs: r.elapsedMs, latenciesUs: Float64Array.from(r.latenciesUs), cpuUs: null };
};

export const pythonRequests: ClientSpec = {
  name: 'Python Requests (ref)',
  async unavailable() {
    if (!existsSync(PYTHON)) return `${PYTHON} not found`;
    try {
      // Zero seconds: imports requests and exits without connecting.
      await runPython(['seq', 'http://127.0.0.1:1', '0', '1', '1'], 30_000);
      return null;
    } catch (e) {
      return (e as Error).message.slice(0, 60);
    }
  },
  create: () => Promise.reject(new Error('external client')),
  external: run,
};
