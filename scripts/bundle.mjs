// Bundles the CLI into dist/bundle/ so `oedr` starts from a few files instead of hundreds of small
// modules (zod alone is ~200): module loading was about a third of `oedr validate`.
//
// One script per command, holding everything that command runs (validate-<hash>.cjs, ...), one for
// the command table and commander (main-<hash>.cjs), one for what they share (shared-<hash>.cjs:
// errors.ts, whose OedrError main.ts catches by `instanceof` whichever script threw it, and io.ts)
// and one for the pool's worker thread, each with V8's code cache for it (<script>.cache), run by
// src/cli/bundled.ts. main.js and worker.js are the two small ES modules that start them (bin/oedr.js,
// the tests and bench import main.js). Code splitting across commands gave ~25 chunks per command
// instead, at ~0.4 ms of loader work each; one file for the whole CLI made validate parse the
// writers. The same module may sit in several command scripts, but a process runs one command.
//
// Packages a module imports dynamically (docx, for a docx template not built; tinyglobby, for globs)
// stay in node_modules and load only when used, as does Handlebars' compiler (createRequire), for
// templates not precompiled. yaml and marked, which read every spec and every letter, are bundled
// into the commands that use them, so their code comes with the code cache. dist/bundle/ is two levels below the
// repository root, like src/<dir>/, so `new URL('../../templates/', ...)` resolves the same in both.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Chalk } from 'chalk';
import { build } from 'esbuild';

const OUT = 'dist/bundle';
const commands = ['validate', 'init', 'schema', 'draft', 'templates', 'laws', 'deadline', 'calendar', 'check', 'send', 'record', 'status'];
const sharedSources = ['src/errors.ts', 'src/cli/io.ts'].map((f) => resolve(f));
const runner = resolve('src/cli/bundled.ts');
/** The spec the code caches are made with: the one a first `oedr draft` is most likely run on. */
const SAMPLE = 'examples/polling-station-results.yaml';

const common = {
  outdir: OUT,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  // Less source for V8 to parse at every start: ~12% less CPU time for `oedr validate` here.
  // OEDR_NO_MINIFY=1 keeps the names, for reading a CPU or heap profile of the bundle.
  minify: !process.env.OEDR_NO_MINIFY,
  metafile: true,
};
// The scripts: CommonJS, for src/cli/bundled.ts to run with V8's code cache. A command's import()
// in main.ts becomes a require() of that command's script.
const script = {
  ...common,
  format: 'cjs',
  entryNames: '[name]-[hash]',
  outExtension: { '.js': '.cjs' },
  define: { 'import.meta.url': '__oedrUrl' },
  // import('docx') becomes require('docx'): a script run by node:vm has no import().
  supported: { 'dynamic-import': false },
};

// Built in this order, each naming what the one before wrote, and main.js last: a CLI run (or a
// test) at the same moment finds either the old main.js with the files it names, or the new one
// with its own. The folder is not emptied first; files this build no longer writes go at the end.
const shared = await build({ ...script, entryPoints: { shared: 'oedr:shared' }, plugins: [virtual({ shared: sharedSources.map((f) => `export * from ${JSON.stringify(f)};`).join('\n') })] });
const sharedFile = written(shared, 'shared', '.cjs');
const parts = await build({ ...script, entryPoints: Object.fromEntries(commands.map((c) => [c, `src/cli/${c}.ts`])), plugins: [links(sharedFile, {})] });
const commandFiles = Object.fromEntries(commands.map((c) => [c, written(parts, c, '.cjs')]));
const table = await build({ ...script, entryPoints: { main: 'src/cli/main.ts' }, plugins: [commanderSpawnLazy(), links(sharedFile, commandFiles)] });
const mainFile = written(table, 'main', '.cjs');
const pool = await build({ ...script, entryPoints: { worker: 'src/cli/worker.ts' }, plugins: [links(sharedFile, {})] });
const workerFile = written(pool, 'worker', '.cjs');

// The code caches, made by this process with the runner itself, bundled aside for it.
const tmp = mkdtempSync(join(tmpdir(), 'oedr-bundle-'));
let cached;
try {
  await build({ ...common, entryPoints: { runner }, outdir: tmp, metafile: false });
  const run = await import(pathToFileURL(join(tmp, 'runner.js')).href);
  const io = { out() {}, err() {}, color: new Chalk({ level: 0 }), interactive: false };
  const samples = {
    validate: (validate) => validate([SAMPLE], {}, io),
    draft: (draft, out) => draft([SAMPLE], { format: 'docx,pdf,md', out, quiet: true }, io),
    main: async (main, out) => {
      for (const argv of [['validate', SAMPLE], ['draft', SAMPLE, '--out', out, '--quiet'], ['--help']]) await main(argv, io);
    },
  };
  cached = [sharedFile, ...Object.values(commandFiles), mainFile, workerFile];
  for (const file of cached) await makeCache(run, file, samples[file.replace(/-[^-]+$/, '')]);
  // A cache that V8 turns down would only slow every run down, without a word. Checked in a new
  // process, as `oedr` runs: V8 also turns a cache down when flags differ, and the samples may set some.
  const check = `import { bundledScript, cacheFor } from ${JSON.stringify(pathToFileURL(join(tmp, 'runner.js')).href)};
import { readFileSync } from 'node:fs';
for (const f of ${JSON.stringify(cached.map((f) => resolve(OUT, f)))}) {
  const source = readFileSync(f);
  const data = cacheFor(source, readFileSync(f + '.cache'));
  if (!data || bundledScript(f, source, data).cachedDataRejected) console.log(f);
}`;
  const rejected = execFileSync(process.execPath, ['--input-type=module', '-e', check], { encoding: 'utf8' }).trim();
  if (rejected) throw new Error(`V8 rejects the code cache made for ${rejected.split('\n').join(', ')}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// The two ES modules that start the scripts, each with the runner in it.
// With them, the worker that reads part of a large file for `oedr check` (src/check/split.ts starts
// ./part-worker.js beside the check script): a module of its own, sharing no error class.
const starters = await build({
  ...common,
  entryPoints: { main: 'oedr:main', worker: 'oedr:worker', 'part-worker': 'src/check/part-worker.ts' },
  plugins: [virtual({
    main: `import { loadBundled } from ${JSON.stringify(runner)};\nexport const { main } = loadBundled(new URL('./${mainFile}', import.meta.url));`,
    worker: `import { loadBundled } from ${JSON.stringify(runner)};\nloadBundled(new URL('./${workerFile}', import.meta.url));`,
  })],
});

/**
 * The code cache of one script: the script run once, then `sample` (if any) with the export named
 * like the script, so the cache holds the functions a usual run compiles (the cache of a script not
 * yet run holds little more than its top level). Samples write only below a temporary folder, and
 * print nothing.
 */
async function makeCache(run, file, sample) {
  const path = resolve(OUT, file);
  const source = readFileSync(path);
  const compiled = run.bundledScript(path, source);
  const exports = run.runBundled(compiled, pathToFileURL(path));
  if (sample) {
    const name = file.replace(/-[^-]+$/, '');
    if (typeof exports[name] !== 'function') throw new Error(`${file} does not export ${name}()`);
    const out = mkdtempSync(join(tmpdir(), 'oedr-sample-'));
    try {
      await sample(exports[name], out);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  writeFileSync(`${path}.cache`, run.cacheFile(source, compiled.createCachedData()));
}

const results = [shared, parts, table, pool, starters];
const bundled = results.flatMap((r) => Object.values(r.metafile.outputs))
  .flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([f]) => f));
// `import * as z from 'zod'` (not `import { z }`, which bundles zod's whole namespace object, every
// message locale and unused API with it) lets esbuild drop what oedr never calls: zod's chunk went
// from 193 KB to 97 KB, less to parse at every start. Only the English locale, zod's default, is used.
const zodLocales = bundled.filter((f) => /[\\/]zod[\\/]v4[\\/]locales[\\/](?!(en|index)\.js$)/.test(f));
if (zodLocales.length) throw new Error(`zod's message locales must stay out of the bundle (import * as z from 'zod', never import { z }); bundled: ${[...new Set(zodLocales)].join(', ')}`);
// esbuild escapes non-ASCII text in strings but keeps it in regex literals; one such character
// makes V8 hold the whole script as two-byte text (twice the memory, a slower read at every start).
// (Unminified, for profiling, the scripts keep their comments, which may be in any language.)
for (const file of common.minify ? cached : []) {
  const at = readFileSync(resolve(OUT, file), 'latin1').search(/[^\x00-\x7f]/);
  if (at >= 0) throw new Error(`${file} holds non-ASCII text at offset ${at}: write it with \\u escapes (a regex literal?)`);
}
// errors.ts and io.ts must be in the shared script only: a second copy of OedrError would not be caught as one.
for (const r of [parts, table, pool, starters]) {
  for (const [file, o] of Object.entries(r.metafile.outputs)) {
    const copies = Object.keys(o.inputs).filter((f) => sharedSources.includes(resolve(f)));
    if (copies.length) throw new Error(`${file} holds its own copy of ${copies.join(', ')}; it must require them from ${sharedFile}`);
  }
}
const keep = new Set([...results.flatMap((r) => Object.keys(r.metafile.outputs)).map((f) => basename(f)), ...cached.map((f) => `${f}.cache`)]);
for (const f of readdirSync(OUT)) if (!keep.has(f)) rmSync(join(OUT, f));

/** The file a build wrote for one entry point, e.g. `draft-5XK2QF7M.cjs`. */
function written(result, entry, extension) {
  const file = Object.entries(result.metafile.outputs).find(([f, o]) => o.entryPoint && basename(f).startsWith(`${entry}-`) && f.endsWith(extension));
  if (!file) throw new Error(`no output for ${entry}`);
  return basename(file[0]);
}

/** Entry points made of the given text, named `oedr:<name>`, resolved from the repository root. */
function virtual(modules) {
  return {
    name: 'oedr-virtual',
    setup(b) {
      b.onResolve({ filter: /^oedr:/ }, (args) => ({ path: args.path.slice(5), namespace: 'oedr' }));
      b.onLoad({ filter: /.*/, namespace: 'oedr' }, (args) => ({ contents: modules[args.path], resolveDir: resolve('.'), loader: 'js' }));
    },
  };
}

/**
 * Imports that cross files: errors.ts and io.ts become `./shared-<hash>.cjs`; main.ts's dynamic
 * import of a command becomes that command's file; a dynamic import of a package stays a dynamic
 * import of the package (inlining docx would put 290 KB in front of every draft).
 */
function links(sharedName, commandNames) {
  return {
    name: 'oedr-links',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (!args.path.startsWith('.')) {
          return args.kind === 'dynamic-import' && !args.path.startsWith('node:') ? { path: args.path, external: true } : undefined;
        }
        const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        if (sharedSources.includes(target)) return { path: `./${sharedName}`, external: true };
        if (args.kind === 'dynamic-import' && args.importer === resolve('src/cli/main.ts')) {
          const command = basename(target, '.ts');
          if (!commandNames[command]) throw new Error(`main.ts imports ${args.path}, which is not a command this script bundles`);
          return { path: `./${commandNames[command]}`, external: true };
        }
        return undefined;
      });
    },
  };
}

/**
 * commander requires node:child_process at load, for subcommands run as separate executables, which
 * oedr has none of. Loading it (with dgram and the process code) cost ~1.4 ms of every start here, so the
 * module is required when `spawn` is first called, which never happens in oedr. Fails the build if
 * commander's source no longer has the line, rather than silently bundling it eagerly again.
 */
function commanderSpawnLazy() {
  const eager = "const childProcess = require('node:child_process');";
  return {
    name: 'commander-spawn-lazy',
    setup(b) {
      b.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes(eager)) throw new Error(`commander-spawn-lazy: "${eager}" not found in ${args.path}`);
        const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
        return { contents: source.replace(eager, lazy), loader: 'js' };
      });
    },
  };
}
