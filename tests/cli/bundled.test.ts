// Bundled scripts with their code caches (src/cli/bundled.ts): a cache is used only for the exact
// bytes it was made for, so a script edited by hand, even to the same length (which V8 alone would
// accept), runs as edited.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledScript, cacheFile, cacheFor, loadBundled, runBundled } from '../../src/cli/bundled.js';

const dir = mkdtempSync(join(tmpdir(), 'oedr-bundled-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A script file and a cache made for it, after a run, as scripts/bundle.mjs makes them. */
function scriptWithCache(name: string, code: string): string {
  const file = join(dir, name);
  writeFileSync(file, code);
  const source = Buffer.from(code);
  const script = bundledScript(file, source);
  // Called once, so the cache holds its compiled code, as the build's sample runs do.
  (runBundled(script, pathToFileURL(file)).word as () => string)();
  writeFileSync(`${file}.cache`, cacheFile(source, script.createCachedData()));
  return file;
}

describe('bundled scripts', () => {
  it('uses a cache only for the bytes it was made for', () => {
    const source = Buffer.from('module.exports.word = () => "aaa";');
    const file = scriptWithCache('a.cjs', source.toString());
    const cache = cacheFile(source, bundledScript(file, source).createCachedData());
    expect(cacheFor(source, cache)).toBeDefined();
    expect(bundledScript(file, source, cacheFor(source, cache)).cachedDataRejected).toBe(false);
    expect(cacheFor(Buffer.from('module.exports.word = () => "bbb";'), cache)).toBeUndefined();
    expect(cacheFor(source, cache.subarray(0, 10))).toBeUndefined();
    expect(cacheFor(source, undefined)).toBeUndefined();
  });

  it('runs a script edited to the same length as edited, not from its old cache', () => {
    const file = scriptWithCache('b.cjs', 'module.exports.word = () => "aaa";');
    writeFileSync(file, 'module.exports.word = () => "bbb";');
    expect((loadBundled(pathToFileURL(file)).word as () => string)()).toBe('bbb');
  });
});
