// `oedr check`: each delivered file against a dataset of a request spec, reported for an official
// (text) or for CI (--json). Exit 0 when everything matches, 1 on any deviation, 3 when a file
// cannot be read at all; a spec with errors is 1, a spec that cannot be read 3, as in `validate`.
// With --summary, the totals the institution sent are one more report: do the detail rows add up?
import { visible } from '../characters.js';
import { checkDelivery } from '../check/delivery.js';
import type { FileReport } from '../check/model.js';
import { renderJson, renderText } from '../check/report.js';
import { ExitCode, fail } from '../errors.js';
import { codePointName, type DatasetSpec } from '../spec/schema.js';
import { languageOf } from '../compose/language.js';
import { loadSpec, type LoadedLetter } from '../spec/load.js';
import { parseIsoDate } from '../laws/dates.js';
import { letterStem } from './draft-job.js';
import { failedSpecCode } from '../read-file.js';
import { getWriter, type OutputFormat } from '../writers/index.js';
import { outputStem, parseFormats } from './draft.js';
import { writeFilesAtomicSync } from './files.js';
import { join, resolve } from 'node:path';
import { followUpDeviations, type FollowUpFile } from '../check/follow-up.js';
import type { LetterWords } from '../check/follow-up-words.js';
import { readSummary, Totals } from '../check/totals.js';
import { statusOf } from '../check/model.js';
import type { RequestSpec } from '../spec/schema.js';
import type { CheckFollowUpExtras } from '../compose/variables.js';
import { printDiagnostic, type Io } from './io.js';

export interface CheckOptions {
  against: string;
  dataset?: string;
  /** The summary of totals the institution sent with the detail (`--summary`): do the detail rows add up to it? */
  summary?: string;
  json?: boolean;
  /** Also draft a follow-up letter listing the deviations (`--follow-up`), in these formats, into this folder. */
  followUp?: boolean;
  format?: string;
  out?: string;
  /** The folder the spec's profiles and recipient list must lie in; by default the spec's. */
  root?: string;
  /** With `recipients`: whose data it is, so the follow-up goes to that recipient (`--recipient`). */
  recipient?: string;
  /** The follow-up letter's date (YYYY-MM-DD); default the request's date, so that output never depends on the clock. */
  date?: string;
  /** Delivered columns that stand for requested fields (`--map "Total Votes=votes"`), added to the spec's column_map. */
  map?: string[];
}

/** The dataset with the `--map` pairs added to its column_map; a pair naming no field is a usage error. */
export function withMap(d: DatasetSpec, pairs: string[] = []): DatasetSpec {
  if (!pairs.length) return d;
  const map = { ...d.column_map };
  const names = d.fields.map((f) => f.name);
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const [delivered, field] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    if (at < 0 || !delivered || !field) fail(ExitCode.usage, 'bad-map', `--map expects DELIVERED=REQUESTED (a column of the file, then a field of the request), got "${pair}"`);
    if (!names.includes(field)) fail(ExitCode.usage, 'bad-map', `--map "${pair}": the dataset has no field "${field}"; its fields are ${names.join(', ')}`);
    map[delivered] = field;
  }
  return { ...d, column_map: map };
}

/**
 * The letter a follow-up answers: with `recipients`, the one `--recipient ID` names (with several
 * and none named, an error listing the ids: writing to the first would address the wrong office).
 */
export function pickRecipient(letters: LoadedLetter[], id: string | undefined, spec: string): LoadedLetter {
  const ids = letters.flatMap((l) => (l.id === undefined ? [] : [l.id]));
  if (!ids.length) {
    if (id !== undefined) fail(ExitCode.usage, 'recipient-choice', `${spec} has no \`recipients\` list; leave out --recipient`);
    return letters[0]!;
  }
  if (id === undefined) {
    if (ids.length === 1) return letters[0]!;
    fail(ExitCode.usage, 'recipient-choice', `${spec} has ${ids.length} recipients; say which one the data came from with --recipient ID (${ids.join(', ')})`);
  }
  const letter = letters.find((l) => l.id?.toLowerCase() === id.trim().toLowerCase());
  if (!letter) fail(ExitCode.usage, 'recipient-choice', `${spec} has no recipient "${id}"; its recipients are ${ids.join(', ')}`);
  return letter;
}

/** The dataset named by number (1-based) or title, or the only one. */
export function pickDataset(datasets: DatasetSpec[], which: string | undefined, spec: string): { dataset: DatasetSpec; index: number } {
  const list = datasets.map((d, i) => `${i + 1}. ${d.title}`).join('; ');
  if (which === undefined) {
    if (datasets.length === 1) return { dataset: datasets[0]!, index: 1 };
    fail(ExitCode.usage, 'dataset-choice', `${spec} asks for ${datasets.length} datasets; say which one the files hold with --dataset NUMBER or --dataset TITLE (${list})`);
  }
  const n = /^\d+$/.test(which) ? Number(which) : NaN;
  const index = Number.isInteger(n) ? n : datasets.findIndex((d) => d.title.toLowerCase() === which.trim().toLowerCase()) + 1;
  const dataset = datasets[index - 1];
  if (!dataset) fail(ExitCode.usage, 'dataset-choice', `${spec} has no dataset "${which}"; its datasets are ${list}`);
  return { dataset, index };
}

export async function check(files: string[], opts: CheckOptions, io: Io): Promise<number> {
  // A real day, from year 1: 2027-02-30 or 0000-00-00 would be printed as a date that does not exist.
  if (opts.date !== undefined && (parseIsoDate(opts.date) === undefined || opts.date.startsWith('0000'))) {
    fail(ExitCode.usage, 'bad-date', `--date expects a real calendar date written YYYY-MM-DD, got "${opts.date}"`);
  }
  const formats = opts.followUp ? parseFormats(opts.format ?? 'docx,pdf') : [];
  const loaded = await loadSpec(opts.against, opts.root);
  for (const d of loaded.diagnostics) if (d.severity === 'error') printDiagnostic(io, d);
  if (!loaded.spec) {
    io.err(`${visible(opts.against)}: the request spec has errors (see \`oedr validate\`); no file was checked`);
    return failedSpecCode(loaded.diagnostics);
  }
  const letter = opts.followUp || opts.recipient !== undefined ? pickRecipient(loaded.letters ?? [], opts.recipient, opts.against) : undefined;
  const picked = pickDataset(loaded.spec.datasets, opts.dataset, opts.against);
  const { index } = picked;
  const dataset = withMap(picked.dataset, opts.map);
  const reports: FileReport[] = [];
  const summary = opts.summary === undefined ? undefined : await readSummary(opts.summary, dataset);
  const totals = summary?.summary && new Totals(summary.summary, dataset);
  for (const file of files) {
    for (const r of await checkDelivery(file, dataset, index, totals)) {
      reports.push(r);
      if (!opts.json) io.out(renderText(r, opts.against, io.color) + '\n');
    }
  }
  if (summary && opts.summary !== undefined) {
    // The summary is reported as a file of its own, after the detail files it adds up.
    const findings = totals ? totals.findings() : summary.findings;
    const r: FileReport = { file: opts.summary, dataset: { index, title: dataset.title }, status: statusOf(findings), summaryOf: files, findings };
    if (summary.summary) r.rows = summary.summary.rows.length;
    if (summary.summary) r.columns = summary.summary.header;
    reports.push(r);
    if (!opts.json) io.out(renderText(r, opts.against, io.color) + '\n');
  }
  const code = reports.some((r) => r.status === 'unreadable') ? ExitCode.input
    : reports.some((r) => r.status === 'deviations') ? ExitCode.invalid : ExitCode.ok;
  if (opts.json) io.out(renderJson(reports, opts.against, code));
  if (opts.followUp) {
    // The follow-up is in the request's language: with a law and no letter.language, the law's.
    if (letter!.spec.law) await (await import('../laws/for-spec.js')).applyLaw(letter!);
    await followUp(letter!.spec, dataset, reports, formats, opts, io, letter!.id);
  }
  return code;
}

/**
 * A character of the delivered data that the letter's fonts cannot draw: an error naming the file
 * and the line it was quoted from, before anything is written (the writer's own error knows neither).
 */
function checkQuotedCovered(deviations: FollowUpFile[], reports: FileReport[], covers: (cp: number) => boolean): void {
  deviations.forEach((f, k) => {
    for (const item of f.items) {
      const bad = [...item.received].find((c) => !/\s/.test(c) && !covers(c.codePointAt(0)!));
      if (!bad) continue;
      const before = item.received.slice(0, item.received.indexOf(bad));
      const line = [...before.matchAll(/\bline (\d+)/g)].at(-1)?.[1];
      fail(ExitCode.render, 'font-coverage', `the follow-up letter quotes "${bad}" (${codePointName(bad.codePointAt(0)!)}) from this file (${item.what.toLowerCase()}), which the letter's fonts cannot draw; no follow-up letter was written`,
        { file: reports.filter((r) => r.status === 'deviations')[k]!.file, ...(line ? { line: Number(line) } : {}) });
    }
  });
}

/** "Re: …", or the language's own (words.yaml phrases.reply_subject: «متابعة: …»). */
function replySubject(words: Record<string, unknown>, subject: string): string {
  const own = (words.phrases as Record<string, unknown> | undefined)?.reply_subject;
  return (typeof own === 'string' ? own : 'Re: {subject}').replace('{subject}', subject);
}

/** The words a follow-up letter lists deviations in (words.yaml `deviations`, `and`, `thousands`). */
async function letterWords(words: Record<string, unknown>): Promise<LetterWords> {
  // A template folder of a user's own may predate this section: its deviations are then listed in English.
  const { loadTemplates } = await import('../compose/templates.js');
  return {
    deviations: (words.deviations ?? loadTemplates('en').words.deviations) as LetterWords['deviations'],
    and: String(words.and ?? 'and'),
    separator: String(words.list_separator ?? ', '),
    thousands: String(words.thousands ?? ','),
    ...(typeof words.digits === 'string' ? { digits: words.digits } : {}),
  };
}

/** The follow-up letter, through the same composer and writers as `oedr draft`; written only when every format rendered. */
async function followUp(spec: RequestSpec, dataset: DatasetSpec, reports: FileReport[], formats: OutputFormat[], opts: CheckOptions, io: Io, id?: string): Promise<void> {
  if (!reports.some((r) => r.status === 'deviations')) {
    io.err('No follow-up letter was drafted: no file differs from the request.');
    return;
  }
  const { composeLetter } = await import('../compose/letter.js');
  const { formatDate } = await import('../compose/context.js');
  const { loadTemplates } = await import('../compose/templates.js');
  const language = languageOf(spec);
  const { wordsForCountry } = await import('../compose/words.js');
  // The law's country picks its own words (Tunisian months, Mexican thousands), as in `oedr draft`.
  const words = wordsForCountry(loadTemplates(language).words, spec.law ?? spec.recipient.country);
  const deviations = followUpDeviations(reports, dataset, await letterWords(words), language.split('-')[0] === 'en');
  const doc = composeLetter(spec, {
    template: 'check-follow-up', kind: 'follow-up', subject: replySubject(words, spec.letter.subject), date: opts.date,
    extra: {
      deviations,
      several_files: deviations.length > 1,
      several_deviations: deviations.reduce((n, f) => n + f.items.length, 0) > 1,
      request: { date_text: formatDate(spec.letter.date, words), reference: spec.letter.reference ?? null },
    } satisfies CheckFollowUpExtras,
  });
  const stem = `${letterStem(outputStem(opts.against), id)}-check-follow-up`;
  const outDir = resolve(opts.out ?? 'out');
  const rendered: { path: string; bytes: Uint8Array }[] = [];
  for (const format of formats) {
    const writer = await getWriter(format);
    if (writer.covers) checkQuotedCovered(deviations, reports, writer.covers);
    rendered.push({ path: join(outDir, `${stem}.${writer.extension}`), bytes: await writer.write(doc) });
  }
  writeFilesAtomicSync(rendered);
  io.err(`Follow-up letter: ${visible(rendered.map((r) => r.path).join(', '))}`);
}
