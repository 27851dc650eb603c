// `oedr init`: a commented starter spec that validates as written.
import { readFile, stat } from 'node:fs/promises';
import { visible } from '../characters.js';
import { ExitCode, fail } from '../errors.js';
import { writeFileAtomic } from './files.js';
import type { Io } from './io.js';

export const STARTER = new URL('../../templates/starter.yaml', import.meta.url);

export async function init(file: string, opts: { force?: boolean; interactive?: boolean }, io: Io): Promise<number> {
  // Without this, a directory reads as "the file already exists; use --force", and --force then fails.
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) {
    fail(ExitCode.input, 'file-is-directory', 'expected a path for the new spec file, got a directory', { file });
  }
  if (!opts.interactive) {
    await writeFileAtomic(file, await readFile(STARTER), Boolean(opts.force));
    io.out(visible(`wrote ${file}; edit it, then run: oedr validate ${file}`));
    return 0;
  }
  if (!io.prompt) {
    fail(ExitCode.usage, 'no-terminal', '--interactive asks its questions on a terminal, and there is none here; `oedr init` without it writes a starter spec to edit', { file });
  }
  // Said before the questions, not after them.
  if (existing && !opts.force) fail(ExitCode.input, 'file-exists', 'the file already exists; use --force to overwrite it', { file });
  const { askGuided } = await import('./init-interactive.js');
  const { guidedSpec } = await import('../spec/guided.js');
  let text: string;
  try {
    text = guidedSpec(await askGuided(io.prompt));
  } catch (e) {
    if ((e as Error).name !== 'ExitPromptError') throw e;
    io.err('cancelled; nothing written');
    return ExitCode.usage;
  }
  await writeFileAtomic(file, Buffer.from(text), Boolean(opts.force));
  io.out(visible(`wrote ${file}; check it, then run: oedr validate ${file} && oedr draft ${file}`));
  return 0;
}
