// Shared by the end-to-end CLI tests: spawn the httpkit command as a user runs it, against an
// embedded httpbin started per test file (each file stays well under the runner's 60 s limit).
import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHttpbin, type HttpbinServer } from '../../src/testing/server.js';

export const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// tsx by path, so the CLI can run with any working directory.
export const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  input?: string;
  cwd?: string;
  /** Leave stdin an open, silent pipe (what execFile gives a child by default). */
  openStdin?: boolean;
  /** HTTPKIT_CONFIG_DIR for --session. */
  configDir?: string;
}

/** Spawns the CLI (stdin /dev/null unless `input`/`openStdin`), bounded by a 20 s kill timer. */
export function cli(args: string[], opts: CliOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '1', ...(opts.configDir ? { HTTPKIT_CONFIG_DIR: opts.configDir } : {}) };
    const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      stdio: [opts.input === undefined && !opts.openStdin ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env,
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout!.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

export interface Fixture {
  server: HttpbinServer;
  /** A temp dir removed after the file's tests. */
  dir: string;
}

/** Starts an httpbin and a temp dir before the file's tests; stops and removes them after. */
export function useHttpbin(): Fixture {
  const fx = {} as Fixture;
  before(async () => {
    fx.server = await startHttpbin();
    fx.dir = mkdtempSync(join(tmpdir(), 'httpkit-cli-'));
  });
  after(async () => {
    await fx.server.close();
    rmSync(fx.dir, { recursive: true, force: true });
  });
  return fx;
}
