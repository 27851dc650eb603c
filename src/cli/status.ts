// `oedr status requests/`: one line per letter: sent, due, days left, last answer and the next step
// under its law, from the specs and the folders' ledgers. As a table, --json, or --markdown for a CI
// summary; --check exits 1 when a letter needs action now.
import { visible } from '../characters.js';
import { ExitCode, OedrError, formatDiagnostic, type Diagnostic } from '../errors.js';
import { parseIsoDate } from '../laws/dates.js';
import { nextSpecName } from '../spec/next-spec.js';
import { escapeText } from '../writers/markdown.js';
import { letterStatus, type LetterStatus, type NextAction } from '../track/status.js';
import { expandInputs } from './inputs.js';
import { plural, printDiagnostic, type Io } from './io.js';
import { localToday, specInLedger, tablesOrNone, trackedLetters } from './tracked.js';

export interface StatusOptions { json?: boolean; markdown?: boolean; today?: string; check?: boolean; laws?: string }

/** Actions that mean "someone must act now": what --check fails on. */
const urgent = new Set<NextAction>(['follow-up', 'appeal', 'check-sending']);

export async function status(args: string[], opts: StatusOptions, io: Io): Promise<number> {
  const today = opts.today ?? localToday();
  if (parseIsoDate(today) === undefined) throw new OedrError(ExitCode.usage, [{ severity: 'error', rule: 'bad-date', message: `expected --today as YYYY-MM-DD (a real day), got ${JSON.stringify(today)}` }]);
  const rows: LetterStatus[] = [];
  let worst: number = ExitCode.ok;
  // A folder's ledger is shared by its specs: each of its problems is said once, not once per spec.
  const said = new Set<string>();
  const say = (d: Diagnostic) => { const k = formatDiagnostic(d); if (!said.has(k)) { said.add(k); printDiagnostic(io, d); } };
  const ledgers = new Map<string, Set<string>>();
  for (const file of await expandInputs(args)) {
    try {
      const { letters, diagnostics } = await trackedLetters(file, { laws: opts.laws });
      diagnostics.filter((d) => d.severity === 'error').forEach(say);
      for (const t of letters) {
        const names = ledgers.get(t.ledger.file) ?? new Set(Object.keys(t.ledger.ledger?.letters ?? {}));
        names.delete(t.name);
        ledgers.set(t.ledger.file, names);
        rows.push(letterStatus({
          name: t.name, specFile: specInLedger(file), spec: t.letter.spec, recipient: t.letter.id, entry: t.entry, law: t.law,
          tables: await tablesOrNone(t.law), today,
        }));
      }
    } catch (e) {
      if (!(e instanceof OedrError)) throw e;
      e.diagnostics.forEach((d: Diagnostic) => say(d.file ? d : { ...d, file }));
      worst = Math.max(worst, e.code);
    }
  }
  // A ledger entry whose spec was not among those read: renamed or deleted, or just not named here.
  for (const [ledger, names] of ledgers) {
    for (const name of names) say({ severity: 'warning', rule: 'ledger-orphan', file: ledger, message: `the ledger has an entry for ${name}, a letter of none of the specs read; if its spec was renamed, rename the entry too (a letter sent under the old name is not tracked, and could be sent again)` });
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

function textTable(rows: LetterStatus[], today: string, io: Io): string {
  if (!rows.length) return `No letters to show (${today}).`;
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
  // Values from specs and ledgers, on one line each, their control and bidi characters written out (characters.ts).
  const cell = (s: string) => escapeText(visible(s.replace(/\s*\n\s*/g, ' ')), false);
  const lines = [`### Requests as of ${today}`, '', `| ${HEAD.join(' | ')} |`, `|${HEAD.map(() => ' --- ').join('|')}|`];
  for (const r of rows) lines.push(`| ${columns(r).map(cell).join(' | ')} |`);
  if (!rows.length) lines.push('', 'No letters.');
  const due = rows.filter((r) => urgent.has(r.next.action));
  if (due.length) lines.push('', `**Action needed:** ${due.map((r) => `${cell(r.name)} (${cell(r.next.why)})`).join('; ')}`);
  return lines.join('\n');
}
