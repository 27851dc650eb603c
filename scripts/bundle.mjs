// Bundles the CLI into dist/bundle/ so `oedr` starts from a few files instead of hundreds of small
// modules (zod alone is ~200): module loading was about a third of `oedr validate`. Commands and
// writers stay in their own chunks, loaded only when used. Three libraries are left out on purpose and
// loaded from node_modules only when needed (createRequire): yaml, for the specs the quick reader
// leaves to it, marked, for the letter Markdown its quick reader leaves to it, and Handlebars'
// compiler, for templates not precompiled. dist/bundle/ is two levels
// below the repository root, like src/<dir>/, so `new URL('../../templates/', ...)` resolves the
// same in both.
import { readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { build } from 'esbuild';

// The folder is not emptied first: a CLI run (or a test) at the same moment would find no bundle.
// Chunks the new build no longer writes are removed afterwards.
const result = await build({
  entryPoints: ['src/cli/main.ts', 'src/cli/worker.ts'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled CommonJS packages (commander, handlebars) call require() for Node built-ins.
  banner: { js: "import { createRequire as __oedrRequire } from 'node:module'; const require = __oedrRequire(import.meta.url);" },
  plugins: [commanderSpawnLazy()],
  logLevel: 'warning',
  legalComments: 'none',
  // Less source for V8 to parse at every start: ~12% less CPU time for `oedr validate` here.
  minify: true,
  metafile: true,
});
// A static import of marked (a value, not `import type`) would bundle it and parse it at every start.
const markedInputs = Object.keys(result.metafile.inputs).filter((f) => /(^|[\\/])node_modules[\\/]marked[\\/]/.test(f));
if (markedInputs.length) throw new Error(`marked must stay out of the bundle (src/compose/markdown.ts loads it when needed); bundled: ${markedInputs.join(', ')}`);
// `import * as z from 'zod'` (not `import { z }`, which bundles zod's whole namespace object, every
// message locale and unused API with it) lets esbuild drop what oedr never calls: zod's chunk went
// from 193 KB to 97 KB, less to parse at every start. Only the English locale, zod's default, is used.
const bundled = Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([f]) => f));
const zodLocales = bundled.filter((f) => /[\\/]zod[\\/]v4[\\/]locales[\\/](?!en\.js$)/.test(f));
if (zodLocales.length) throw new Error(`zod's message locales must stay out of the bundle (import * as z from 'zod', never import { z }); bundled: ${zodLocales.join(', ')}`);
const written = new Set(Object.keys(result.metafile.outputs).map((f) => basename(f)));
for (const f of readdirSync('dist/bundle')) if (!written.has(f)) rmSync(`dist/bundle/${f}`);

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
