// Running a bundled script (dist/bundle/<name>-<hash>.cjs: a command, the command table, what they
// share, the worker; written by scripts/bundle.mjs) with V8's code cache for it (<file>.cache, made
// at build time after a sample run), so a cold start neither parses nor compiles the functions that
// run every time: ~20 ms of `oedr validate` here. Node 20 caches no compiled code for ES modules,
// hence scripts run with node:vm. A cache V8 turns down (another Node version, other V8 flags) or a
// missing one only costs that time back. A cache starts with the SHA-256 of the script it was made
// for and is used only with that script: V8 itself checks no more than the source's length, so a
// script edited by hand to the same length would otherwise run its old compiled code (found in
// review). Hashing costs ~0.5 ms a script.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { LENT_IMPORT } from '../import-module.js';

// Every thread that runs scripts loads this module first: an ES module, so its import() is real.
// Bare names resolve from dist/bundle/, so from the package's own node_modules.
(globalThis as Record<symbol, unknown>)[LENT_IMPORT] = (specifier: string) => import(specifier);

/**
 * The bundled code as one function of what CommonJS code expects, plus the URL that stands for
 * `import.meta.url`. The build makes the cache for exactly this text, so both must come from here.
 */
const wrap = (code: string) => `(function (exports, require, module, __oedrUrl) {${code}\n})`;

export function bundledScript(file: string, source: Buffer, cachedData?: Buffer): Script {
  return new Script(wrap(source.toString('utf8')), { filename: file, cachedData });
}

/** What a cache file holds: the SHA-256 of the script's bytes, then V8's data. */
export const cacheFile = (source: Buffer, data: Buffer): Buffer => Buffer.concat([digest(source), data]);

/** V8's data from a cache file, if it was made for exactly these bytes. */
export function cacheFor(source: Buffer, cache: Buffer | undefined): Buffer | undefined {
  if (!cache || cache.length <= DIGEST) return undefined;
  return cache.subarray(0, DIGEST).equals(digest(source)) ? cache.subarray(DIGEST) : undefined;
}

const DIGEST = 32;
const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest();

/**
 * Runs the code once and returns its exports. The script's require() of another bundled script
 * (`./<name>.cjs`: a command, the shared errors.ts and io.ts) runs that one the same way, once per
 * thread: every script of the thread sees the same OedrError class.
 */
export function runBundled(script: Script, url: URL): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const load = createRequire(url);
  const require = (id: string): unknown => (id.startsWith('./') && id.endsWith('.cjs') ? loadBundled(new URL(id, url)) : load(id));
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, require, module, url.href);
  return module.exports;
}

/** Each script runs once per thread, as an imported module would. */
const loaded = new Map<string, Record<string, unknown>>();

export function loadBundled(url: URL): Record<string, unknown> {
  const done = loaded.get(url.href);
  if (done) return done;
  const file = fileURLToPath(url);
  const source = readFileSync(file);
  let cache: Buffer | undefined;
  try {
    cache = readFileSync(`${file}.cache`);
  } catch {
    cache = undefined; // not built: compiled as any script
  }
  const exports = runBundled(bundledScript(file, source, cacheFor(source, cache)), url);
  loaded.set(url.href, exports);
  return exports;
}
