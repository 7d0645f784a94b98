// Second step of `npm run build`, after tsc: each package entry (package.json `exports` and the
// `httpkit` bin) becomes one file, plus chunks the entries share, in <outDir>/_chunks.
//
// Why: Node 20 loads ES modules one file at a time (about 0.4 ms each here), so with one module
// per job `import('httpkit/client')` cost 13.7 ms, 13 modules deep. Issue 3's target is 10 ms,
// and 5.6 ms of any import is Node's own ESM start (an empty module costs that). So the client
// path is made as short as it can be: the entry and one chunk.
//
// Shared chunks keep one copy of each class across entries, so an error thrown through
// `httpkit/urllib` is still `instanceof` the class `httpkit/client` exports. keepNames keeps
// class names (error names come from `new.target.name`). Chunks sit two levels below the package
// root, as the entries do, so `new URL('../../package.json', import.meta.url)` still finds it.
//
// esbuild puts each module in the chunk of the set of entries that reach it. Left alone, the
// client's modules fell into four chunks (reached by the client alone; also by the engine the
// client loads lazily; also by `httpkit`; esbuild's helpers reached by all). Two build-time
// imports (plugins below; the sources are untouched) give every module of the client's static
// graph the same set of entries, and esbuild's small helper chunk is copied into the files that
// use it. Measured in one run: 10.5 ms before, 8.9 ms after.
//
// Usage: node scripts/bundle.mjs [outDir]   (default: dist)
import { build } from 'esbuild';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const outDir = resolve(process.argv[2] ?? 'dist');
const ENTRIES = ['index', 'client/index', 'urllib/index', 'parse/index', 'robotparser/index', 'testing/index', 'cli/main'];
// Entries that use part of the client's graph (protocol errors, the client itself). Each also
// imports all of it, so those modules share one chunk. parse and testing use none of it.
const CLIENT_USERS = new Set(['index', 'urllib/index', 'robotparser/index', 'cli/main']);

// `entry:<name>` is <name>.js re-exported, plus an import of the whole client graph.
const clientGraphInEveryUser = {
  name: 'client-graph-in-every-user',
  setup(b) {
    b.onResolve({ filter: /^entry:/ }, (args) => ({ path: args.path.slice('entry:'.length), namespace: 'entry' }));
    b.onLoad({ filter: /.*/, namespace: 'entry' }, (args) => ({
      // The bin's `#!` line: esbuild keeps an entry's own, not one of a module it imports.
      contents: `${hashbangOf(join(outDir, `${args.path}.js`))}export * from ${JSON.stringify(`./${args.path}.js`)};\nimport "./client/index.js";\n`,
      resolveDir: outDir,
      loader: 'js',
    }));
    // client/io.js is the lazily loaded engine side of the client. It reaches the protocol
    // errors too; importing the client's index from it keeps those in the client's chunk.
    b.onLoad({ filter: /[\\/]client[\\/]io\.js$/ }, (args) => ({
      contents: `${readFileSync(args.path, 'utf8')}\nimport "./index.js";\n`,
      loader: 'js',
    }));
  },
};

// Bundle into a scratch directory first: the inputs are the tsc output in outDir itself. It sits
// beside outDir, at the same depth, so the source maps' relative paths stay right once copied.
const scratch = mkdtempSync(join(dirname(outDir), '.bundle-'));
try {
  await build({
    entryPoints: ENTRIES.map((e) => (CLIENT_USERS.has(e) ? { in: `entry:${e}`, out: e } : { in: join(outDir, `${e}.js`), out: e })),
    plugins: [clientGraphInEveryUser],
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
  inlineHelperChunk(scratch);
  rmSync(join(outDir, '_chunks'), { recursive: true, force: true });
  cpSync(scratch, outDir, { recursive: true });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/**
 * esbuild writes its helpers (`__name` for keepNames, `__export` for namespace objects) to a
 * chunk of their own that every file imports: one more file on every import path for about 300
 * bytes of stateless functions. Each importing file gets its own copy on a new first line
 * (the source map moves down one line with it) and the import is blanked with spaces, so the
 * columns of that line keep their mappings.
 */
function inlineHelperChunk(dir) {
  const chunkDir = join(dir, '_chunks');
  const helperName = readdirSync(chunkDir).find((f) => f.endsWith('.js') && isHelperChunk(readFileSync(join(chunkDir, f), 'utf8')));
  if (helperName === undefined) return;
  const helperSource = readFileSync(join(chunkDir, helperName), 'utf8');
  const definitions = helperSource.slice(0, helperSource.indexOf('export{'));
  const escaped = helperName.replaceAll('.', '\\.');
  const helperImport = new RegExp(`import(?:\\{([\\w$,]*)\\}from)?"(?:\\./|(?:\\.\\./)+_chunks/|\\./_chunks/)${escaped}";`, 'g');
  const helperFile = join(chunkDir, helperName);
  const others = outputFiles(dir).filter((f) => f !== helperFile);
  for (const file of others) {
    const code = readFileSync(file, 'utf8');
    let uses = false;
    const blanked = code.replace(helperImport, (statement, names) => {
      for (const name of names?.split(',') ?? []) {
        if (!/^__\w+$/.test(name)) throw new Error(`bundle: ${file} imports helper ${name} under another name`);
        uses = true;
      }
      return ' '.repeat(statement.length);
    });
    if (blanked === code) continue;
    if (!uses) {
      writeFileSync(file, blanked); // an import for its order only: nothing to define
      continue;
    }
    // After a `#!` line, which must stay the first.
    const hashbang = /^#![^\n]*\n/.exec(blanked)?.[0] ?? '';
    writeFileSync(file, `${hashbang}${definitions}\n${blanked.slice(hashbang.length)}`);
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
    map.mappings = hashbang === '' ? `;${map.mappings}` : map.mappings.replace(/^[^;]*;?/, (first) => `${first};`);
    writeFileSync(`${file}.map`, JSON.stringify(map));
  }
  for (const file of others) {
    if (readFileSync(file, 'utf8').includes(helperName)) throw new Error(`bundle: ${file} still refers to ${helperName}`);
  }
  rmSync(helperFile);
  rmSync(`${helperFile}.map`);
}

/** The `#!` line (with its newline) that `file` starts with, else ''. */
function hashbangOf(file) {
  return /^#![^\n]*\n/.exec(readFileSync(file, 'utf8'))?.[0] ?? '';
}

/** The helper chunk defines only esbuild's `__`-prefixed helpers and exports them. */
function isHelperChunk(source) {
  const code = source.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '');
  return /^(var __\w+=[^;]*;)+export\{__\w+(,__\w+)*\};?$/.test(code.replace(/\n/g, ''));
}

function outputFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('.js'))
    .map((f) => join(dir, String(f)));
}
