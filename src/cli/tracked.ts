// The letters that `send`, `record` and `status` act on: each spec's letters (one, or one per
// recipient) with their name as drafted, their law and the folder ledger's entry for them.
import { readRegularSync } from '../read-file.js';
import { basename, dirname } from 'node:path';
import { ExitCode, OedrError, fail, type Diagnostic } from '../errors.js';
import { parseIsoDate } from '../laws/dates.js';
import { loadHolidayTables } from '../laws/holidays.js';
import type { HolidayTable, Law } from '../laws/schema.js';
import { ledgerFor, loadLedger, type LedgerEntry, type LoadedLedger } from '../spec/ledger.js';
import { loadSpec, type LoadedLetter, type LoadedSpec } from '../spec/load.js';
import { letterStem } from './draft-job.js';
import { outputStem } from './draft.js';

export interface TrackedLetter {
  name: string;
  specFile: string;
  loaded: LoadedSpec;
  letter: LoadedLetter;
  ledger: LoadedLedger;
  entry?: LedgerEntry;
  law?: Law;
}

/** The spec's letters; `recipient` picks one, and is required to act on one letter of several. */
export async function trackedLetters(specFile: string, opts: { recipient?: string; laws?: string; one?: boolean }): Promise<{ letters: TrackedLetter[]; diagnostics: Diagnostic[] }> {
  const loaded = await loadSpec(specFile);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !loaded.letters?.length) throw new OedrError(ExitCode.invalid, errors.length ? errors : loaded.diagnostics);
  let letters = loaded.letters;
  const ids = letters.map((l) => l.id).filter((id): id is string => id !== undefined);
  if (opts.recipient !== undefined) {
    letters = letters.filter((l) => l.id === opts.recipient);
    if (!letters.length) fail(ExitCode.usage, 'unknown-recipient', `no recipient "${opts.recipient}" in this spec; its recipients are: ${ids.join(', ') || 'none (it has one recipient)'}`, { file: specFile });
  } else if (opts.one && letters.length > 1) {
    fail(ExitCode.usage, 'which-recipient', `this spec has ${letters.length} recipients; say which with --recipient: ${ids.join(', ')}`, { file: specFile });
  }
  const ledger = await loadLedger(ledgerFor(specFile));
  if (!ledger.ledger) throw new OedrError(ExitCode.invalid, ledger.diagnostics);
  const registry = letters.some((l) => l.spec.law) ? await (await import('../laws/for-spec.js')).registry(opts.laws) : undefined;
  const stem = outputStem(specFile);
  return {
    diagnostics: loaded.diagnostics,
    letters: letters.map((letter) => {
      const name = letterStem(stem, letter.id);
      const law = letter.spec.law ? registry?.get(letter.spec.law) : undefined;
      const entry = ledger.ledger!.letters[name];
      return { name, specFile, loaded, letter, ledger, ...(entry ? { entry } : {}), ...(law ? { law } : {}) };
    }),
  };
}

/** How the ledger names the spec: relative to the ledger's folder, which is the spec's. */
export const specInLedger = (specFile: string) => basename(specFile);
export const ledgerFolder = (specFile: string) => dirname(specFile);

/** The ledger's text now, '' when there is none: compared with what a run read, before it writes. */
export function currentText(file: string): string {
  try {
    return readRegularSync(file).toString('utf8');
  } catch {
    return '';
  }
}

/** Today in the machine's time zone: a deadline is a local date, wherever CI runs it (set TZ). */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A date option (--sent, --on, --date, …): a real day, or exit 2 before anything is done. */
export function dayOption(flag: string, value: string | undefined): string {
  if (value === undefined) fail(ExitCode.usage, 'missing-date', `${flag} needs a date, YYYY-MM-DD`);
  if (parseIsoDate(value) === undefined) fail(ExitCode.usage, 'bad-date', `${flag}: expected a real day written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

/** The law's holiday tables; one that cannot be read is no reason to hide the other letters: no dates for that law. */
export async function tablesOrNone(law: Law | undefined): Promise<HolidayTable[]> {
  if (!law) return [];
  try {
    return await loadHolidayTables(law.holidays.calendars);
  } catch (e) {
    if (e instanceof OedrError) return [];
    throw e;
  }
}
