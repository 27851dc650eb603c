// `oedr init`: a commented starter spec that validates as written.
import { readFile, stat } from 'node:fs/promises';
import { visible } from '../characters.js';
import { ExitCode, fail } from '../errors.js';
import { writeFileAtomic } from './files.js';
import type { Io } from './io.js';

export const STARTER = new URL('../../templates/starter.yaml', import.meta.url);

export async function init(file: string, opts: { force?: boolean }, io: Io): Promise<number> {
  // Without this, a directory reads as "the file already exists; use --force", and --force then fails.
  if ((await stat(file).catch(() => undefined))?.isDirectory()) {
    fail(ExitCode.input, 'file-is-directory', 'expected a path for the new spec file, got a directory', { file });
  }
  await writeFileAtomic(file, await readFile(STARTER), Boolean(opts.force));
  io.out(visible(`wrote ${file}; edit it, then run: oedr validate ${file}`));
  return 0;
}
