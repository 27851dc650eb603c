// Bundles the CLI into dist/bundle/ so `oedr` starts from a few files instead of hundreds of small
// modules (zod alone is ~200): module loading was about a third of `oedr validate`. Commands and
// writers stay in their own chunks, loaded only when used. Two libraries are left out on purpose and
// loaded from node_modules only when needed (createRequire): yaml, for the specs the quick reader
// leaves to it, and Handlebars' compiler, for templates not precompiled. dist/bundle/ is two levels
// below the repository root, like src/<dir>/, so `new URL('../../templates/', ...)` resolves the
// same in both.
import { readdirSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { build } from 'esbuild';

// The folder is not emptied first: a CLI run (or a test) at the same moment would find no bundle.
// Chunks the new build no longer writes are removed afterwards.
const result = await build({
  // Named, so that entries from several folders still land side by side in dist/bundle/.
  entryPoints: { main: 'src/cli/main.ts', worker: 'src/cli/worker.ts', 'part-worker': 'src/check/part-worker.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled CommonJS packages (commander, handlebars) call require() for Node built-ins.
  banner: { js: "import { createRequire as __oedrRequire } from 'node:module'; const require = __oedrRequire(import.meta.url);" },
  plugins: [zodEnglishOnly()],
  logLevel: 'warning',
  legalComments: 'none',
  // Less source for V8 to parse at every start: ~12% less CPU time for `oedr validate` here.
  minify: true,
  metafile: true,
});
const written = new Set(Object.keys(result.metafile.outputs).map((f) => basename(f)));
for (const f of readdirSync('dist/bundle')) if (!written.has(f)) rmSync(`dist/bundle/${f}`);

/**
 * zod's main entry re-exports every message locale (40-odd languages, about half of zod's bundled
 * size) as `z.locales`, which oedr never reads: its messages are its own, in English. Only the
 * English locale, which zod installs by default, is kept, so each start parses less.
 */
function zodEnglishOnly() {
  return {
    name: 'zod-english-only',
    setup(b) {
      b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
        contents: 'export { default as en } from "./en.js";\n', loader: 'js',
      }));
    },
  };
}
