// Starts the real httpbin (Debian python3-httpbin under /usr/bin/gunicorn) on a free loopback
// port for the compatibility test, and stops it. CI installs both (`.ci/run`).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { send } from './client.js';

export const GUNICORN = '/usr/bin/gunicorn';

/** Why the reference cannot run here, or undefined when it can. */
export function referenceUnavailable(): string | undefined {
  if (!existsSync(GUNICORN)) return `${GUNICORN} not found: install gunicorn and python3-httpbin (apt-get install -y gunicorn python3-httpbin) to run the compatibility test`;
  if (!existsSync('/usr/lib/python3/dist-packages/httpbin/core.py')) return 'python3-httpbin not installed (apt-get install -y python3-httpbin)';
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A running gunicorn + httpbin. */
export interface Reference {
  readonly url: string;
  stop(): Promise<void>;
}

/** Start gunicorn and wait (at most ~15 s) until /get answers. */
export async function startReference(): Promise<Reference> {
  const port = await freePort();
  const child: ChildProcess = spawn(GUNICORN, ['-b', `127.0.0.1:${port}`, '--workers', '1', '--log-level', 'warning', 'httpbin:app'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => { stderr += c.toString(); });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, delay(5000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`gunicorn exited: ${stderr}`);
    try {
      const res = await send(url, { path: '/get' });
      if (res.status === 200) return { url, stop };
    } catch {
      // not listening yet
    }
    await delay(100);
  }
  await stop();
  throw new Error(`gunicorn did not answer on ${url}: ${stderr}`);
}
