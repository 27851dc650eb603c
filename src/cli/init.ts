// `oedr init`: a commented starter spec that validates as written.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './files.js';
import type { Io } from './io.js';

export const STARTER = new URL('../../templates/starter.yaml', import.meta.url);

export async function init(file: string, opts: { force?: boolean }, io: Io): Promise<number> {
  await writeFileAtomic(file, await readFile(STARTER), Boolean(opts.force));
  io.out(`wrote ${file}; edit it, then run: oedr validate ${file}`);
  return 0;
}
