// `oedr schema`: the JSON Schema of the spec (or with --ledger, of the ledger), generated from the zod schemas.
import { ledgerJsonSchema, specJsonSchema } from '../spec/json-schema.js';
import { writeFileAtomic } from './files.js';
import type { Io } from './io.js';

export async function schema(opts: { out?: string; ledger?: boolean }, io: Io): Promise<number> {
  const text = opts.ledger ? ledgerJsonSchema() : specJsonSchema();
  if (opts.out) {
    await writeFileAtomic(opts.out, text);
    io.err(`wrote ${opts.out}`);
  } else io.out(text);
  return 0;
}
