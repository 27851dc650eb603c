// Command-line inputs -> spec files: files as given, folders searched for *.yaml / *.yml, and
// globs (quoted, so CI and Windows shells behave alike). Files whose name starts with "_" are
// shared parts (profiles, recipient lists), never specs of their own.
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ExitCode, fail } from '../errors.js';

const isSpec = (name: string) => /\.ya?ml$/i.test(name) && !name.startsWith('_');
const hasGlob = (arg: string) => /[*?[\]{}]/.test(arg);

export async function expandInputs(args: string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => { if (!seen.has(f)) { seen.add(f); out.push(f); } };
  for (const arg of args) {
    // Synchronous: with 1,000 files named on the command line, async stats cost more than they save.
    let info;
    try { info = statSync(arg, { throwIfNoEntry: false }); } catch { /* a link loop: loading the file will say so */ }
    if (info?.isDirectory()) {
      const found = await specsBelow(arg);
      if (!found.length) fail(ExitCode.input, 'no-specs', `no spec files (*.yaml, *.yml, not starting with "_") in this folder`, { file: arg });
      found.forEach(add);
    } else if (!info && hasGlob(arg)) {
      const { glob } = await import('tinyglobby');
      const found = (await glob(arg, { onlyFiles: true, expandDirectories: false })).filter((f) => isSpec(f.split('/').at(-1)!)).sort();
      if (!found.length) fail(ExitCode.input, 'no-specs', `no spec files match the pattern "${arg}"`);
      found.forEach(add);
    } else add(arg); // a file, or a missing path that loading will report
  }
  return out;
}

async function specsBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && isSpec(e.name))
    // parentPath arrived in Node 20.12; `path` is its older name.
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    // Below the folder given: no dependencies, no hidden folders (.git).
    .filter((p) => !relative(dir, p).split(/[\\/]/).some((part) => part === 'node_modules' || part.startsWith('.')))
    .sort();
}

/**
 * A --laws file is read before any spec, whether or not a spec names a law: a file that cannot be
 * read or holds errors is a mistake on the command line, said once, not found only by some specs.
 */
export async function checkLawsFile(file: string | undefined): Promise<void> {
  if (file !== undefined) await (await import('../laws/for-spec.js')).registry(file);
}
