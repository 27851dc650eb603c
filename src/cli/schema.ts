// `oedr schema`: the JSON Schema of the spec, generated from the zod schema.
import { specJsonSchema } from '../spec/json-schema.js';
import { writeFileAtomic } from './files.js';
import type { Io } from './io.js';

export async function schema(opts: { out?: string }, io: Io): Promise<number> {
  const text = specJsonSchema();
  if (opts.out) {
    await writeFileAtomic(opts.out, text);
    io.err(`wrote ${opts.out}`);
  } else io.out(text);
  return 0;
}
