// Second step of `npm run build`, after tsc: each package entry (package.json `exports` and the
// `httpkit` bin) becomes one file, plus chunks the entries share, in <outDir>/_chunks.
//
// Why: Node 20 loads ES modules one file at a time (about 0.4 ms each here), so with one module
// per job `import('httpkit/client')` cost 13.7 ms, 13 modules deep; bundled it costs 10.0 ms, of
// which 5.6 ms is Node's own ESM start (an empty module costs that; issue 3's target is 10 ms).
// The sources stay one file per job; tsc still writes every module and the .d.ts files, which
// the types point at.
//
// Shared chunks keep one copy of each class across entries, so an error thrown through
// `httpkit/urllib` is still `instanceof` the class `httpkit/client` exports. keepNames keeps
// class names (error names come from `new.target.name`). Chunks sit two levels below the package
// root, as the entries do, so `new URL('../../package.json', import.meta.url)` still finds it.
//
// Usage: node scripts/bundle.mjs [outDir]   (default: dist)
import { build } from 'esbuild';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const outDir = resolve(process.argv[2] ?? 'dist');
const ENTRIES = ['index', 'client/index', 'urllib/index', 'parse/index', 'robotparser/index', 'testing/index', 'cli/main'];

// Bundle into a scratch directory first: the inputs are the tsc output in outDir itself.
const scratch = mkdtempSync(join(outDir, '.bundle-'));
try {
  await build({
    entryPoints: ENTRIES.map((e) => join(outDir, `${e}.js`)),
    outbase: outDir,
    outdir: scratch,
    chunkNames: '_chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    keepNames: true,
    // Whitespace and syntax only: identifiers keep their names, so stack traces stay readable
    // (about 0.6 ms less to read and compile than the unminified bundle).
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  rmSync(join(outDir, '_chunks'), { recursive: true, force: true });
  cpSync(scratch, outDir, { recursive: true });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
