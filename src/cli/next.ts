// `oedr draft --next`: for each letter whose status says a follow-up or an appeal is due, the spec of
// that letter (written beside the request's spec, once: an existing one is kept as the user left it),
// so that draft can write it like any other.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OedrError } from '../errors.js';
import { nextSpecName, nextSpecText } from '../spec/next-spec.js';
import { letterStatus } from '../track/status.js';
import { letterStem } from './draft-job.js';
import { outputStem } from './draft.js';
import { writeFileAtomic } from './files.js';
import { expandInputs } from './inputs.js';
import { printDiagnostic, type Io } from './io.js';
import { dayOption, localToday, specInLedger, tablesOrNone, trackedLetters } from './tracked.js';

export async function nextSpecs(args: string[], opts: { date?: string; laws?: string }, io: Io): Promise<string[]> {
  if (opts.date !== undefined) dayOption('--date', opts.date);
  const date = opts.date ?? localToday();
  const out: string[] = [];
  for (const file of await expandInputs(args)) {
    try {
      const { letters } = await trackedLetters(file, { laws: opts.laws });
      for (const t of letters) {
        if (t.letter.spec.letter.kind === 'follow-up' || t.letter.spec.letter.kind === 'appeal') continue;
        const tables = await tablesOrNone(t.law);
        const s = letterStatus({ name: t.name, specFile: specInLedger(file), spec: t.letter.spec, recipient: t.letter.id, entry: t.entry, law: t.law, tables, today: date });
        if (s.next.action !== 'follow-up' && s.next.action !== 'appeal') continue;
        const path = join(dirname(file), nextSpecName(file, s.next.action, t.letter.id));
        // Already sent: the request waits on it (as `status` shows), nothing to draft.
        if (t.ledger.ledger?.letters[letterStem(outputStem(path), t.letter.id)]?.sent) continue;
        if (!existsSync(path)) {
          const answer = [...t.entry!.answers].reverse().find((a) => a.kind === 'refused' || a.kind === 'partial');
          const recipient = t.letter.id === undefined ? undefined : { id: t.letter.id, ...t.letter.spec.recipient, ...(t.letter.spec.law ? { law: t.letter.spec.law } : {}) };
          await writeFileAtomic(path, nextSpecText({ specFile: file, spec: t.letter.spec, recipient, kind: s.next.action, entry: t.entry!, answer: s.next.action === 'appeal' ? answer : undefined, date, why: s.next.why }), false);
          io.err(`${path}: written: the ${s.next.action} due for ${t.name} (${s.next.why})`);
        }
        out.push(path);
      }
    } catch (e) {
      if (!(e instanceof OedrError)) throw e;
      e.diagnostics.forEach((d) => printDiagnostic(io, d.file ? d : { ...d, file }));
    }
  }
  return out;
}
