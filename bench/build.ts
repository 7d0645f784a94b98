/**
 * Import time must be measured on what users load: the tsc output with its entries bundled
 * (`npm run build`), not TypeScript through tsx. So the harness builds src/ once per run into
 * .tmp/bench-build-<pid> (inside the repo, so the compiled files still resolve node_modules). tsc emits even when another owner's in-progress
 * file has type errors; a module that failed to emit is reported as unavailable.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// One directory per run: two benches running at once must not delete each other's build.
const outDir = fileURLToPath(new URL(`../.tmp/bench-build-${process.pid}/`, import.meta.url));
let built: boolean | null = null;

function build(): boolean {
  if (built !== null) return built;
  rmSync(outDir, { recursive: true, force: true });
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir,
    '--declaration', 'false', '--sourceMap', 'false'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  built = existsSync(outDir);
  if (!built) {
    process.stderr.write(`bench: tsc build failed: ${r.stdout}${r.stderr}\n`);
    return built;
  }
  // The package entries are bundled as `npm run build` does (scripts/bundle.mjs): import time
  // is measured on what users load. The other modules stay as tsc wrote them; the throughput
  // clients load those directly.
  const bundle = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/bundle.mjs', import.meta.url)), outDir],
    { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (bundle.status !== 0) process.stderr.write(`bench: bundling failed (entries stay unbundled): ${bundle.stdout}${bundle.stderr}\n`);
  return built;
}

/** File URL of the compiled module (path relative to src/, with .js), or null when it was not emitted. */
export async function builtModule(rel: string): Promise<string | null> {
  if (!build()) return null;
  const file = outDir + rel;
  return existsSync(file) ? pathToFileURL(file).href : null;
}

export function cleanBuild(): void {
  if (built) rmSync(outDir, { recursive: true, force: true });
}
