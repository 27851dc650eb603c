// The ledger (`_ledger.yaml` beside the specs): what happened to each letter after it was drafted:
// when and how it was sent, when the body received it, and each answer. One zod schema defines the
// file; it is read like a spec, so every mistake is reported at its file:line:col.
import { dirname, join } from 'node:path';
import * as z from 'zod';
import type { Diagnostic } from '../errors.js';
import { diagnoseIssues } from './diagnose.js';
import { decodeSpec, readSpecBytes } from './read.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

/** The ledger's name: one per folder of specs. The leading "_" keeps it out of spec discovery. */
export const LEDGER = '_ledger.yaml';
export const ledgerFor = (specFile: string) => join(dirname(specFile), LEDGER);

export const sendChannels = ['email', 'post', 'portal', 'hand', 'fax'] as const;
export const answerKinds = ['acknowledged', 'extended', 'partial', 'refused', 'delivered', 'transferred'] as const;
export type AnswerKind = (typeof answerKinds)[number];

const text = z.string().regex(/\S/, { error: 'expected text' });
const date = z.iso.date({ error: 'expected a date written YYYY-MM-DD' });

const Sent = z.strictObject({
  on: date.describe('The day the letter was sent (YYYY-MM-DD).'),
  via: z.enum(sendChannels).describe('How: email, post, portal, hand (delivered in person) or fax.'),
  to: text.optional().describe('The address, portal or office it went to.'),
  reference: text.optional().describe("The portal's or the post's reference (tracking number), if any."),
  message_id: text.optional().describe('The email Message-ID, recorded by `oedr send`.'),
  files: z.array(z.strictObject({
    file: text.describe('The file name, as in the output folder.'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('The SHA-256 of the file sent.'),
  })).optional()
    .describe('The files sent, with their SHA-256 (as in oedr-manifest.json).'),
});

/** A send that started and did not report back: it may have gone out, so it is never repeated blindly. */
const Sending = z.strictObject({
  started: date.describe('The day `oedr send` started sending.'),
  message_id: text.describe('The Message-ID it was sending with.'),
  to: text.optional().describe('The address it was being sent to.'),
});

const Answer = z.strictObject({
  on: date.describe('The date of the answer (YYYY-MM-DD).'),
  kind: z.enum(answerKinds).describe('acknowledged, extended (the period was extended), partial, refused, delivered (the data arrived) or transferred (sent on to another body).'),
  reference: text.optional().describe("The institution's reference on its answer."),
  exemption: text.optional().describe('For refused or partial: the provision the body relied on, as it cited it.'),
  until: date.optional().describe('For extended: the new date the body gave.'),
  files: z.array(text).optional().describe('Files that came with the answer.'),
  note: text.optional().describe('Anything else worth keeping about the answer.'),
});
export type Answer = z.infer<typeof Answer>;

export const LedgerEntry = z.strictObject({
  spec: text.describe('The spec file, relative to this folder.'),
  recipient: text.optional().describe("The recipient's id, for a spec with `recipients`."),
  sending: Sending.optional().describe('Written by `oedr send` while it sends; if it stays, the send was interrupted.'),
  sent: Sent.optional().describe('When and how the letter was sent.'),
  received_on: date.optional().describe('The day the body received the letter, if known: statutory periods count from it.'),
  answers: z.array(Answer).default([]).describe('Each answer, oldest first.'),
  closed: date.optional().describe('The day the request was settled: nothing more is due.'),
  notes: text.optional().describe('Notes on this letter.'),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const Ledger = z.strictObject({
  letters: z.record(z.string().regex(/^[A-Za-z0-9._-]+$/, { error: 'expected a letter name as drafted, e.g. results-2027-nairobi' }), LedgerEntry)
    .default({}).describe("Each letter by its name: the spec's file name without .yaml, then -<recipient id>."),
}).describe('The oedr ledger (_ledger.yaml): what happened to each letter of the specs in its folder after it was drafted.');
export type Ledger = z.infer<typeof Ledger>;

export interface LoadedLedger { file: string; ledger?: Ledger; yaml?: ParsedYaml; text?: string; diagnostics: Diagnostic[] }

/** The folder's ledger; a missing file is an empty ledger, not an error. */
export async function loadLedger(file: string): Promise<LoadedLedger> {
  let bytes: Uint8Array;
  try {
    bytes = await readSpecBytes(file);
  } catch (e) {
    if ((e as { diagnostics?: Diagnostic[] }).diagnostics?.some((d) => d.rule === 'file-missing')) return { file, ledger: { letters: {} }, diagnostics: [] };
    throw e;
  }
  return parseLedger(bytes.length ? decodeSpec(bytes, file, { empty: '' }) : '', file);
}

export function parseLedger(text: string, file: string): LoadedLedger {
  const yaml = parseYaml(text, file);
  // A new ledger may hold only its opening comment.
  if (yaml.diagnostics.length === 1 && yaml.diagnostics[0]!.rule === 'empty-spec') return { file, text, ledger: { letters: {} }, diagnostics: [] };
  if (yaml.diagnostics.length) return { file, yaml, text, diagnostics: yaml.diagnostics };
  const data = yaml.data ?? {};
  const parsed = Ledger.safeParse(data);
  if (!parsed.success) return { file, yaml, text, diagnostics: diagnoseIssues(parsed.error.issues, Ledger, yaml, file) };
  const diagnostics = ledgerRules(parsed.data).map(({ path, message, rule }) => ({ severity: 'error' as const, rule, message, file, ...yaml.locate(path), path: path.join('.') }));
  return { file, yaml, text, ledger: diagnostics.length ? undefined : parsed.data, diagnostics };
}

/** Rules across fields: dates in order, `until` only on an extension. */
function ledgerRules(ledger: Ledger): { path: (string | number)[]; message: string; rule: string }[] {
  const out: { path: (string | number)[]; message: string; rule: string }[] = [];
  for (const [name, e] of Object.entries(ledger.letters)) {
    const at = (...p: (string | number)[]) => ['letters', name, ...p];
    const sent = e.sent?.on;
    if (sent && e.received_on && e.received_on < sent) out.push({ path: at('received_on'), rule: 'ledger-order', message: `received on ${e.received_on}, before it was sent (${sent})` });
    let last = e.received_on ?? sent;
    e.answers.forEach((a, i) => {
      if (last && a.on < last) out.push({ path: at('answers', i, 'on'), rule: 'ledger-order', message: `an answer dated ${a.on} comes after ${last}; answers are listed oldest first, after the letter was sent` });
      last = a.on;
      if (a.until && a.kind !== 'extended') out.push({ path: at('answers', i, 'until'), rule: 'ledger-until', message: `\`until\` is the new date of an extension; this answer is ${a.kind}` });
      if (a.until && a.until <= a.on) out.push({ path: at('answers', i, 'until'), rule: 'ledger-order', message: `the extension runs until ${a.until}, which is not after the answer (${a.on})` });
    });
    if (e.answers.length && !sent) out.push({ path: at('answers'), rule: 'ledger-not-sent', message: 'answers are recorded, but not when the letter was sent; add `sent` (oedr record --sent DATE --via …)' });
  }
  return out;
}
