// `oedr status requests/`: one line per letter: sent, due, days left, last answer and the next step
// under its law, from the specs and the folders' ledgers. As a table, --json, or --markdown for a CI
// summary; --check exits 1 when a letter needs action now.
import { ExitCode, OedrError, type Diagnostic } from '../errors.js';
import { loadHolidayTables } from '../laws/holidays.js';
import { parseIsoDate } from '../laws/dates.js';
import type { HolidayTable } from '../laws/schema.js';
import { nextSpecName } from '../spec/next-spec.js';
import { escapeText } from '../writers/markdown.js';
import { letterStatus, type LetterStatus, type NextAction } from '../track/status.js';
import { expandInputs } from './inputs.js';
import { plural, printDiagnostic, type Io } from './io.js';
import { trackedLetters, specInLedger } from './tracked.js';

export interface StatusOptions { json?: boolean; markdown?: boolean; today?: string; check?: boolean; laws?: string }

/** Actions that mean "someone must act now": what --check fails on. */
const urgent = new Set<NextAction>(['follow-up', 'appeal', 'check-sending']);

export async function status(args: string[], opts: StatusOptions, io: Io): Promise<number> {
  const today = opts.today ?? localToday();
  if (parseIsoDate(today) === undefined) throw new OedrError(ExitCode.usage, [{ severity: 'error', rule: 'bad-date', message: `expected --today as YYYY-MM-DD (a real day), got ${JSON.stringify(today)}` }]);
  const rows: LetterStatus[] = [];
  let worst: number = ExitCode.ok;
  for (const file of await expandInputs(args)) {
    try {
      const { letters, diagnostics } = await trackedLetters(file, { laws: opts.laws });
      diagnostics.filter((d) => d.severity === 'error').forEach((d) => printDiagnostic(io, d));
      for (const t of letters) {
        rows.push(letterStatus({
          name: t.name, specFile: specInLedger(file), spec: t.letter.spec, recipient: t.letter.id, entry: t.entry, law: t.law,
          tables: t.law ? await tables(t.law.holidays.calendars) : [], today,
        }));
      }
    } catch (e) {
      if (!(e instanceof OedrError)) throw e;
      e.diagnostics.forEach((d: Diagnostic) => printDiagnostic(io, d.file ? d : { ...d, file }));
      worst = Math.max(worst, e.code);
    }
  }
  linkNextLetters(rows);
  if (opts.json) io.out(JSON.stringify({ today, letters: rows }, null, 2));
  else if (opts.markdown) io.out(markdownTable(rows, today));
  else io.out(textTable(rows, today, io));
  const due = rows.filter((r) => urgent.has(r.next.action));
  if (opts.check && due.length) {
    io.err(io.color.red(`oedr status: ${plural(due.length, 'letter')} need${due.length === 1 ? 's' : ''} action: ${due.map((r) => r.name).join(', ')}`));
    worst = Math.max(worst, ExitCode.invalid);
  }
  return worst;
}

/**
 * A follow-up or appeal that `draft --next` wrote is a letter of its own, with its own row; once it
 * has been sent, the request it is for waits on it instead of asking for it again. (An appeal still
 * becomes due after a follow-up, when its limit is near: letterStatus says so by itself.)
 */
function linkNextLetters(rows: LetterStatus[]): void {
  const bySpec = new Map(rows.map((r) => [`${r.spec}#${r.recipient ?? ''}`, r]));
  for (const r of rows) {
    if (r.next.action !== 'follow-up' && r.next.action !== 'appeal') continue;
    const next = bySpec.get(`${nextSpecName(r.spec, r.next.action, r.recipient)}#${r.recipient ?? ''}`);
    if (!next?.sent) continue;
    const was = r.next;
    r.next = { action: 'wait', why: `${was.action === 'appeal' ? `appealed on ${next.sent}${was.to ? ` to ${was.to}` : ''}` : `followed up on ${next.sent}`} (${next.name})${was.action === 'follow-up' ? `; ${was.why}` : ''}` };
  }
}

/** A table that cannot be read is no reason to hide the other letters: no dates for that law. */
async function tables(ids: readonly string[]): Promise<HolidayTable[]> {
  try {
    return await loadHolidayTables(ids);
  } catch (e) {
    if (e instanceof OedrError) return [];
    throw e;
  }
}

/** Today in the machine's time zone: a deadline is a local date, wherever CI runs it (set TZ, or --today). */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const nextText = (r: LetterStatus) => {
  const n = r.next;
  const words: Record<NextAction, string> = {
    send: 'send', 'check-sending': 'check the interrupted send', wait: 'wait', 'follow-up': 'follow up', appeal: 'appeal', 'check-data': 'check the data', done: 'done',
  };
  return [words[n.action], n.by ? `by ${n.by}` : '', n.to ? `to ${n.to}` : ''].filter(Boolean).join(' ');
};
const leftText = (r: LetterStatus) => (r.days_left === undefined ? '' : r.days_left < 0 ? `${-r.days_left} overdue` : `${r.days_left} left`);
const answerText = (r: LetterStatus) => (r.last_answer ? `${r.last_answer.kind} ${r.last_answer.on}` : '');

function columns(r: LetterStatus): string[] {
  return [r.name, r.institution, r.law ?? '', r.sent ?? '', r.due ? `${r.due.date}${r.due.statutory ? '' : ' (needed by)'}` : '', leftText(r), answerText(r), nextText(r)];
}
const HEAD = ['Letter', 'To', 'Law', 'Sent', 'Due', 'Days', 'Last answer', 'Next step'];

/** Values from specs and ledgers reach a terminal: control characters become visible escapes. */
const visible = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);

function textTable(rows: LetterStatus[], today: string, io: Io): string {
  if (!rows.length) return `No letters (${today}).`;
  const cells = [HEAD, ...rows.map((r) => columns(r).map(visible))];
  const widths = HEAD.map((_, i) => Math.max(...cells.map((row) => [...row[i]!].length)));
  const line = (row: string[]) => row.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join('  ').trimEnd();
  const body = rows.map((r, k) => {
    const text = line(cells[k + 1]!);
    return urgent.has(r.next.action) ? io.color.yellow(text) : text;
  });
  const why = rows.map((r) => `  ${visible(r.name)}: ${visible(r.next.why)}`);
  return [io.color.bold(line(HEAD)), ...body, '', `As of ${today}:`, ...why].join('\n');
}

function markdownTable(rows: LetterStatus[], today: string): string {
  const cell = (s: string) => escapeText(s, false).replace(/\\\n/g, ' ');
  const lines = [`### Requests as of ${today}`, '', `| ${HEAD.join(' | ')} |`, `|${HEAD.map(() => ' --- ').join('|')}|`];
  for (const r of rows) lines.push(`| ${columns(r).map(cell).join(' | ')} |`);
  if (!rows.length) lines.push('', 'No letters.');
  const due = rows.filter((r) => urgent.has(r.next.action));
  if (due.length) lines.push('', `**Action needed:** ${due.map((r) => `${cell(r.name)} (${cell(r.next.why)})`).join('; ')}`);
  return lines.join('\n');
}
