// Changes to the ledger's YAML text that keep everything else as it was: comments, order, quoting.
// The yaml library's Document API edits the parsed file in place, so a diff shows only the change.
import { createRequire } from 'node:module';
import type * as YamlLibrary from 'yaml';
import type { Answer, LedgerEntry } from './ledger.js';

const yaml = (): typeof YamlLibrary => createRequire(import.meta.url)('yaml') as typeof YamlLibrary;

const HEADER = `# oedr ledger: what happened to each letter of the specs in this folder after it was drafted.
# \`oedr send\` and \`oedr record\` keep it; \`oedr status\` reads it. Dates are YYYY-MM-DD.
`;

export type LedgerChange =
  | { set: 'sending'; value: NonNullable<LedgerEntry['sending']> }
  | { set: 'sent'; value: NonNullable<LedgerEntry['sent']> }
  | { set: 'received_on' | 'closed'; value: string }
  | { set: 'notes'; value: string }
  | { add: 'answer'; value: Answer }
  /** Undoes a `sending` that failed before anything went out. */
  | { drop: 'sending' };

/** The ledger text after one change to the entry `name` (made, with `spec` and `recipient`, if new). */
export function changeLedger(text: string | undefined, name: string, base: { spec: string; recipient?: string }, change: LedgerChange): string {
  const { parseDocument, isMap, isSeq } = yaml();
  const doc = parseDocument(text && text.trim() ? text : HEADER + 'letters: {}\n', { schema: 'core' });
  if (!doc.has('letters') || !isMap(doc.get('letters'))) doc.set('letters', doc.createNode({}));
  const letters = doc.get('letters') as YamlLibrary.YAMLMap;
  letters.flow = false;
  if (!letters.has(name)) letters.set(name, doc.createNode({ spec: base.spec, ...(base.recipient === undefined ? {} : { recipient: base.recipient }) }));
  const entry = letters.get(name) as YamlLibrary.YAMLMap;
  if ('drop' in change) entry.delete(change.drop);
  else if ('set' in change) {
    entry.set(change.set, doc.createNode(change.value));
    if (change.set === 'sent') entry.delete('sending');
  } else {
    if (!isSeq(entry.get('answers'))) entry.set('answers', doc.createNode([]));
    const answers = entry.get('answers') as YamlLibrary.YAMLSeq;
    answers.flow = false;
    answers.add(doc.createNode(change.value));
  }
  return doc.toString({ lineWidth: 0 });
}
