// The spec of the letter that comes next for a request, from the ledger: a follow-up or an appeal that
// builds on the request's own spec (`extends`), so it is kept in git beside it and drafted like any
// spec. Only what differs is written: the kind, the date, and what happened to the earlier request.
import { basename } from 'node:path';
import { createRequire } from 'node:module';
import type * as YamlLibrary from 'yaml';
import type { Answer, LedgerEntry } from './ledger.js';
import type { RequestSpec } from './schema.js';

export interface NextSpecInput {
  /** The request's spec file; the new one extends it. */
  specFile: string;
  spec: RequestSpec;
  /** For a spec with recipients: the recipient's id, so the new letter goes to that one only. */
  recipient?: { id: string } & RequestSpec['recipient'];
  kind: 'follow-up' | 'appeal';
  entry: LedgerEntry;
  /** The answer the appeal is against, if any (else silence). */
  answer?: Answer;
  date: string;
  /** Why it is due, for the file's opening comment. */
  why: string;
}

/** `results.yaml` -> `results.appeal.yaml`; `results.yaml` for coast -> `results.coast.appeal.yaml`. */
export function nextSpecName(specFile: string, kind: string, recipient?: string): string {
  const stem = basename(specFile).replace(/\.ya?ml$/i, '');
  return `${stem}${recipient ? `.${recipient}` : ''}.${kind}.yaml`;
}

export function nextSpecText(input: NextSpecInput): string {
  const { stringify } = createRequire(import.meta.url)('yaml') as typeof YamlLibrary;
  const { entry, answer, spec } = input;
  const earlier = {
    ...(spec.letter.reference ? { reference: spec.letter.reference } : {}),
    sent_on: entry.sent!.on,
    response: answer?.kind === 'refused' ? 'refused' : answer?.kind === 'partial' ? 'partial' : 'none',
    ...(answer ? { response_date: answer.on } : {}),
    ...(answer?.reference ? { response_reference: answer.reference } : {}),
  };
  const data: Record<string, unknown> = {
    extends: basename(input.specFile),
    letter: { kind: input.kind, date: input.date },
    ...(input.recipient ? { recipients: [input.recipient] } : {}),
    earlier_request: earlier,
  };
  const head = [
    `# The ${input.kind} due for ${basename(input.specFile)}${input.recipient ? ` (${input.recipient.id})` : ''}: ${input.why}.`,
    '# Written by `oedr draft --next` from the ledger (_ledger.yaml); edit it as you would any spec.',
    ...(answer?.exemption ? [`# The body cited ${answer.exemption} on ${answer.on}: answer that ground in the appeal.`] : []),
  ];
  return `${head.join('\n')}\n${stringify(data, { lineWidth: 0 })}`;
}
