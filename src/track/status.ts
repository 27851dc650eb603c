// Where a request stands and what is due next, from its spec, its law and its ledger entry. Pure:
// the registry row, the holiday tables and today's date come in as arguments.
import { addDays, parseIsoDate } from '../laws/dates.js';
import { computeDeadline } from '../laws/deadline.js';
import type { HolidayTable, Law } from '../laws/schema.js';
import { dateOrReason, lodgeBy } from '../laws/timeline.js';
import type { Answer, LedgerEntry } from '../spec/ledger.js';
import type { RequestSpec } from '../spec/schema.js';

export type NextAction = 'send' | 'check-sending' | 'wait' | 'follow-up' | 'appeal' | 'check-data' | 'done';

export interface LetterStatus {
  /** The letter's name, as drafted (results-2027-nairobi). */
  name: string;
  spec: string;
  recipient?: string;
  institution: string;
  kind: RequestSpec['letter']['kind'];
  law?: string;
  sent?: string;
  /** The day periods count from: receipt when recorded, else the sending. */
  counted_from?: { date: string; event: 'received' | 'sent' };
  /** The statutory date (or, without a law, the earliest needed-by date), and whether the law gives it. */
  due?: { date: string; statutory: boolean };
  /** Calendar days from today to `due`; negative when overdue. */
  days_left?: number;
  last_answer?: Pick<Answer, 'kind' | 'on' | 'reference' | 'exemption'>;
  next: { action: NextAction; by?: string; to?: string; why: string };
}

export interface StatusInput {
  name: string;
  specFile: string;
  spec: RequestSpec;
  recipient?: string;
  entry?: LedgerEntry;
  law?: Law;
  tables: readonly HolidayTable[];
  today: string;
}

/** Answers that settle what comes next; an acknowledgement does not. */
const decisive = new Set<Answer['kind']>(['extended', 'partial', 'refused', 'delivered', 'transferred']);

export function letterStatus(input: StatusInput): LetterStatus {
  const { spec, entry, law, today } = input;
  const base: Omit<LetterStatus, 'next'> = {
    name: input.name, spec: input.specFile, ...(input.recipient === undefined ? {} : { recipient: input.recipient }),
    institution: addressee(spec, law), kind: spec.letter.kind, ...(law ? { law: law.code } : {}),
  };
  if (entry?.closed) return { ...base, ...sentPart(entry), next: { action: 'done', why: `closed on ${entry.closed}` } };
  if (entry?.sending && !entry.sent) {
    return { ...base, next: { action: 'check-sending', why: `a send started on ${entry.sending.started} did not finish: check your sent mail, then \`oedr record --sent\` or \`oedr send --resend\`` } };
  }
  if (!entry?.sent) return { ...base, next: { action: 'send', why: 'not sent yet' } };

  const from = entry.received_on ? { date: entry.received_on, event: 'received' as const } : { date: entry.sent.on, event: 'sent' as const };
  const answer = [...entry.answers].reverse().find((a) => decisive.has(a.kind));
  const last = entry.answers.at(-1);
  const withAnswer = { ...base, ...sentPart(entry), counted_from: from, ...(last ? { last_answer: pick(last) } : {}) };

  // A follow-up or an appeal that has gone out: what comes next is on the request's own row.
  if (spec.letter.kind === 'follow-up' || spec.letter.kind === 'appeal') {
    if (!answer) return { ...withAnswer, next: { action: 'wait', why: `${spec.letter.kind === 'appeal' ? 'appeal lodged' : 'follow-up sent'} on ${entry.sent.on}; the request's own row says what comes next` } };
  }
  if (answer?.kind === 'delivered') return { ...withAnswer, next: { action: 'check-data', why: `data delivered on ${answer.on}: check it with \`oedr check\`, then \`oedr record --closed\`` } };
  if (answer && (answer.kind === 'refused' || answer.kind === 'partial')) return { ...withAnswer, next: appealAfter(input, answer.on, `${answer.kind === 'refused' ? 'refused' : 'answered in part'} on ${answer.on}`) };

  const due = dueDate(input, from.date, answer);
  const dated = due ? { ...withAnswer, due, days_left: daysBetween(today, due.date) } : withAnswer;
  if (!due) return { ...dated, next: { action: 'wait', why: law ? 'the law gives no date that oedr can compute; see `oedr laws ' + law.code + '`' : 'no law and no needed-by date to count to' } };
  if (today <= due.date) {
    const why = answer?.kind === 'transferred' ? `transferred on ${answer.on}; the receiving body's period may start again` : `${due.statutory ? 'the answer is due' : 'needed'} by ${due.date}`;
    return { ...dated, next: { action: 'wait', by: due.date, why } };
  }
  const appeal = law ? appealAfter(input, due.date, `no answer by ${due.date}`) : undefined;
  const follow = { action: 'follow-up' as const, why: `${due.statutory ? 'the answer was due' : 'needed'} by ${due.date}${appeal?.by ? `; appeal by ${appeal.by} at the latest` : ''}` };
  return { ...dated, next: appeal?.by && today > addDays(appeal.by, -7) ? appeal : follow };
}

/** Whom the letter goes to: an appeal goes to the first step's addressee, not the body that answered. */
function addressee(spec: RequestSpec, law: Law | undefined): string {
  const step = spec.letter.kind === 'appeal' ? law?.appeal[0] : undefined;
  return step ? step.addressee ?? step.body : spec.recipient.institution;
}

function sentPart(entry: LedgerEntry): { sent?: string } {
  return entry.sent ? { sent: entry.sent.on } : {};
}

const pick = (a: Answer) => ({ kind: a.kind, on: a.on, ...(a.reference ? { reference: a.reference } : {}), ...(a.exemption ? { exemption: a.exemption } : {}) });

/** The statutory date counted from `from` (with the extension a body announced), else the needed-by date. */
function dueDate(input: StatusInput, from: string, answer: Answer | undefined): LetterStatus['due'] {
  const { law, spec, tables } = input;
  if (answer?.kind === 'extended' && answer.until) return { date: answer.until, statutory: true };
  if (law) {
    const extension = answer?.kind === 'extended' && Boolean(law.extension);
    const r = dateOrReason(law, from, () => computeDeadline({ law, from, extension, closures: spec.closures, tables }));
    if (r.status === 'due') return { date: r.due, statutory: true };
  }
  const needed = spec.datasets.map((d) => d.needed_by).filter((d): d is string => Boolean(d)).sort()[0];
  return needed ? { date: needed, statutory: false } : undefined;
}

/** The first appeal step, lodged by its limit counted from `decided`. */
function appealAfter(input: StatusInput, decided: string, why: string): LetterStatus['next'] {
  const { law, spec, tables } = input;
  const step = law?.appeal[0];
  if (!law || !step) return { action: 'appeal', why: `${why}; no law is named, so oedr knows no appeal route` };
  const by = lodgeBy(law, step, decided, spec.closures, [...tables]);
  const to = step.addressee ?? step.body;
  return { action: 'appeal', ...(by ? { by } : {}), to, why: `${why}; ${by ? `lodge the appeal by ${by}` : 'the law sets no limit for the appeal that oedr knows'}` };
}

export function daysBetween(from: string, to: string): number {
  return parseIsoDate(to)! - parseIsoDate(from)!;
}
