// Bundles the CLI into dist/bundle/ so `oedr` starts from a few files instead of hundreds of small
// modules (zod alone is ~200): module loading was about a third of `oedr validate`. Commands and
// writers stay in their own chunks, loaded only when used. pdfkit and fontkit stay external: they
// read their own data files at run time and break when bundled. dist/bundle/ is
// two levels below the repository root, like src/<dir>/, so `new URL('../../templates/', ...)`
// resolves the same in both.
import { readFile } from 'node:fs/promises';
import { readdirSync, rmSync } from 'node:fs';
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
  external: ['pdfkit', 'fontkit'],
  // Bundled CommonJS packages (commander, handlebars) call require() for Node built-ins.
  banner: { js: "import { createRequire as __oedrRequire } from 'node:module'; const require = __oedrRequire(import.meta.url);" },
  plugins: [yamlWithoutDebugHooks(), zodEnglishOnly()],
  logLevel: 'warning',
  legalComments: 'none',
  // Less source for V8 to parse at every start: ~12% less CPU time for `oedr validate` here.
  minify: true,
  metafile: true,
});
const written = new Set(Object.keys(result.metafile.outputs).map((f) => basename(f)));
for (const f of readdirSync('dist/bundle')) if (!written.has(f)) rmSync(`dist/bundle/${f}`);

/**
 * yaml reads process.env.LOG_TOKENS for every token and LOG_STREAM for every node, debugging hooks
 * for its own developers. A process.env read goes through the operating system's environment, and
 * those reads were 12% of `oedr validate` on 1,000 specs; the hooks are dropped from the bundle.
 */
function yamlWithoutDebugHooks() {
  return {
    name: 'yaml-without-debug-hooks',
    setup(b) {
      b.onLoad({ filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/].*\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        return { contents: source.replace(/node_process\.env\.LOG_(TOKENS|STREAM)/g, 'undefined'), loader: 'js' };
      });
    },
  };
}

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
