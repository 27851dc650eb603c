// The JSON Schema (draft-07, what the YAML language server reads) for editor completion and hover.
// A namespace import, not { z }: the bundle then keeps only the zod API used (scripts/bundle.mjs).
import * as z from 'zod';
import { Ledger } from './ledger.js';
import { SpecFile } from './schema.js';



export function specJsonSchema(): string {
  const schema = z.toJSONSchema(SpecFile, { target: 'draft-07', io: 'input' });
  return JSON.stringify({ ...schema, title: 'oedr request spec, version 1' }, null, 2) + '\n';
}

/** The ledger's schema, for `# yaml-language-server: $schema=…` at the top of _ledger.yaml. */
export function ledgerJsonSchema(): string {
  const schema = z.toJSONSchema(Ledger, { target: 'draft-07', io: 'input' });
  return JSON.stringify({ ...schema, title: 'oedr ledger, version 1' }, null, 2) + '\n';
}
