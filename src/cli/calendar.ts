// `oedr calendar`: the statutory dates of each request as one iCalendar file. One spec failing
// does not stop the others; the file is written only when at least one event results.
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { visible } from '../characters.js';
import { requestEvents, sortEvents, type Counted, type RequestEvent } from '../calendar/events.js';
import { toIcs } from '../calendar/ics.js';
import { ExitCode, OedrError, type Diagnostic } from '../errors.js';
import { ledgerFor, loadLedger, type Ledger, type LedgerEntry } from '../spec/ledger.js';
import { loadSpec, type LoadedLetter } from '../spec/load.js';
import { laterKinds } from '../spec/vocab.js';
import { letterStem } from './draft-job.js';
import { outputStem } from './draft.js';
import { failedSpecCode } from '../read-file.js';
import { writeFileAtomic } from './files.js';
import { checkLawsFile, expandInputs } from './inputs.js';
import { plural, printDiagnostic, type Io } from './io.js';

export interface CalendarOptions { out?: string; laws?: string; root?: string }

export async function calendar(args: string[], opts: CalendarOptions, io: Io): Promise<number> {
  const files = await expandInputs(args);
  await checkLawsFile(opts.laws);
  let worst: number = ExitCode.ok;
  const note = (code: number) => { worst = Math.max(worst, code); };
  const events: RequestEvent[] = [];
  const seen = new Set<string>();

  for (const file of files) {
    // The same spec named twice (e.g. by two globs) would give duplicate UIDs.
    const key = specKey(file);
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      const loaded = await loadSpec(file, opts.root);
      for (const d of loaded.diagnostics) printDiagnostic(io, d);
      if (!loaded.spec) { note(failedSpecCode(loaded.diagnostics)); continue; }
      // Every letter of the spec: one, or one per recipient, each with its own law and dates.
      const ledger = await ledgerOf(file);
      for (const original of loaded.letters ?? []) {
        const tracked = fromLedger(original, ledger.letters[letterStem(outputStem(file), original.id)]);
        if (typeof tracked === 'string') { io.err(`${file}${original.id ? ` (${original.id})` : ''}: no events: ${tracked}`); continue; }
        const { letter, counted, answered } = tracked;
        const law = letter.spec.law ? await (await import('../laws/for-spec.js')).applyLaw(letter, opts.laws, counted?.extended) : undefined;
        for (const d of law?.diagnostics ?? []) printDiagnostic(io, d);
        if (law?.diagnostics.some((d) => d.severity === 'error')) { note(ExitCode.invalid); continue; }
        const result = requestEvents(letter.id ? `${key}#${letter.id}` : key, letter.spec, law?.timeline, counted);
        if (result.skipped) printDiagnostic(io, { severity: 'warning', rule: 'calendar-no-dates', message: result.skipped, file });
        // After a refusal or a partial answer, only the appeal's limit is still ahead.
        events.push(...result.events.filter((e) => !answered || e.kind === 'appeal'));
      }
    } catch (e) {
      if (!(e instanceof OedrError)) throw e;
      for (const d of e.diagnostics) printDiagnostic(io, withFile(d, file));
      note(e.code);
    }
  }

  const specs = plural(seen.size, 'spec');
  if (!events.length) {
    io.err(io.color.red(worst
      ? `oedr calendar: no events to write: the ${specs} had errors (above) or name no law with a statutory response date`
      : `oedr calendar: no events to write: ${seen.size === 1 ? 'the spec names no law' : `none of the ${specs} names a law`} with a statutory response date (add \`law:\` to a spec; see \`oedr laws\`)`));
    return Math.max(worst, ExitCode.invalid);
  }
  const text = toIcs({ prodId: `-//oedr//oedr ${version()}//EN`, name: 'oedr requests', events: sortEvents(events) });
  const summary = `${plural(events.length, 'event')} from ${specs}${worst ? '; some specs failed' : ''}`;
  if (!opts.out || opts.out === '-') {
    io.out(text);
    io.err(summary);
    return worst;
  }
  try {
    await writeFileAtomic(resolve(opts.out), text);
  } catch (e) {
    if (!(e instanceof OedrError)) throw e;
    for (const d of e.diagnostics) printDiagnostic(io, d);
    return Math.max(worst, e.code);
  }
  io.out(`${visible(opts.out)}: ${summary}`);
  return worst;
}

/** The folder's ledger; one that cannot be read stops this spec, with its place. */
async function ledgerOf(file: string): Promise<Ledger> {
  const loaded = await loadLedger(ledgerFor(file));
  if (!loaded.ledger) throw new OedrError(ExitCode.invalid, loaded.diagnostics);
  return loaded.ledger;
}

/**
 * The letter as the ledger knows it: periods count from its receipt (or sending) instead of the
 * letter's date, and an appeal limit from a refusal or partial answer. Or why it has no dates left.
 */
function fromLedger(letter: LoadedLetter, entry: LedgerEntry | undefined): { letter: LoadedLetter; counted?: Counted; answered?: boolean } | string {
  if (!entry?.sent) return { letter };
  if (entry.closed) return `closed on ${entry.closed} (ledger)`;
  const answer = [...entry.answers].reverse().find((a) => a.kind === 'refused' || a.kind === 'partial' || a.kind === 'delivered');
  if (answer?.kind === 'delivered') return `the data was delivered on ${answer.on} (ledger)`;
  // An extension the body announced moves the response date (and what counts from it).
  const extension = answer ? undefined : [...entry.answers].reverse().find((a) => a.kind === 'extended');
  const counted: Counted = {
    ...(entry.received_on ? { date: entry.received_on, event: 'received' as const } : { date: entry.sent.on, event: 'sent' as const }),
    ...(extension ? { extended: extension.until ? { until: extension.until } : {} } : {}),
  };
  const spec = letter.spec;
  const adjusted = laterKinds.includes(spec.letter.kind)
    ? spec
    : {
      ...spec,
      letter: { ...spec.letter, date: counted.date },
      ...(answer ? { earlier_request: { sent_on: entry.sent.on, response: answer.kind as 'refused' | 'partial', response_date: answer.on } } : {}),
    };
  return { letter: { ...letter, spec: adjusted }, ...(laterKinds.includes(spec.letter.kind) ? {} : { counted }), answered: Boolean(answer) };
}

/** The spec's path relative to the working folder, with `/` on every system: UIDs do not depend on where the checkout lives. */
function specKey(file: string): string {
  return relative(process.cwd(), resolve(file)).split(sep).join('/');
}

/** PRODID names the version; read on use so that other commands do not pay for it. */
function version(): string {
  // src/cli/ and dist/bundle/ are both two levels below the package root.
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

const withFile = (d: Diagnostic, file: string): Diagnostic => (d.file ? d : { ...d, file });
