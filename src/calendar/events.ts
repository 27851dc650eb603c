// One spec and its timeline -> the calendar events a requester acts on: the statutory response
// date, the follow-up reminder and the last day for the first appeal. Pure: each description
// says how its date was computed, so a reader can check it against the statute.
import { sha256 } from '../hash.js';
import { addDays, parseIsoDate, weekdayOf } from '../laws/dates.js';
import type { DayEntry } from '../laws/deadline.js';
import type { Law } from '../laws/schema.js';
import type { Timeline } from '../laws/timeline.js';
import type { RequestSpec } from '../spec/schema.js';
import { laterKinds } from '../spec/vocab.js';
import type { IcsEvent } from './ics.js';

export const eventKinds = ['response', 'follow-up', 'appeal'] as const;
export type EventKind = (typeof eventKinds)[number];

export interface RequestEvent extends IcsEvent {
  kind: EventKind;
  /** The spec's path relative to the working folder, with `/`: part of the UID and the sort key. */
  file: string;
}

/** Events, or why there are none (a warning, not an error). */
export interface SpecEvents { events: RequestEvent[]; skipped?: string }

type Due = Extract<Timeline['response'], { status: 'due' }>;

/** Working days before a limit that its reminder rings (weekend days of the law are skipped). */
export const REMINDER_WORKING_DAYS = 3;

/** What the ledger knows: the day periods count from, if not the letter's date, and an extension the body announced. */
export interface Counted { date: string; event: 'received' | 'sent'; extended?: { until?: string } }

export function requestEvents(file: string, spec: RequestSpec, timeline: Timeline | undefined, counted?: Counted): SpecEvents {
  if (!spec.law || !timeline) return { events: [], skipped: 'the spec names no law (`law:`), so it has no statutory dates and gives no calendar events' };
  const { law, response } = timeline;
  if (response.status !== 'due') {
    return { events: [], skipped: `no statutory response date: ${response.reason}; no calendar events for this spec` };
  }
  const ref = spec.letter.reference ? `, ref. ${spec.letter.reference}` : '';
  const about = `${spec.letter.subject} (${spec.recipient.institution}${ref})`;
  const how = responseHow(spec, law, response, counted);
  const make = (kind: EventKind, date: string, summary: string, lines: string[]): RequestEvent => ({
    kind, file, date, uid: uid(file, kind, date), stamp: spec.letter.date, summary, description: lines.join('\n'),
    ...(kind === 'follow-up' ? {} : { alarmDaysBefore: daysBeforeWorking(date, REMINDER_WORKING_DAYS, law) }),
  });
  const events = [make('response', response.due, `Response due: ${about}`, [
    `Statutory response date under the ${lawName(law)}: ${dayText(response.due)}.`, ...how,
  ])];
  if (timeline.followUp) {
    events.push(make('follow-up', timeline.followUp, `Follow up: ${about}`, [
      `Follow-up reminder: the day after the statutory response date, ${dayText(response.due)}, under the ${lawName(law)}. If no answer has come, send a follow-up letter; under many laws silence by the due date counts as a refusal.`,
      'How the response date was computed:', ...how,
    ]));
  }
  const appeal = timeline.appeal;
  if (appeal?.lodgeBy && appeal.step.limit) {
    events.push(make('appeal', appeal.lodgeBy, `Last day to appeal: ${about}`, [
      `Last day to lodge the first appeal under the ${lawName(law)}: ${dayText(appeal.lodgeBy)}, to ${appeal.step.body}.`,
      appealHow(law, appeal.step.limit, appeal.from, appeal.from === response.due, appeal.lodgeBy),
      ...(appeal.from === response.due ? ['If the body answers or refuses earlier, the limit runs from that decision instead: add its date as earlier_request.response_date.'] : []),
      'How the response date was computed:', ...how,
    ]));
  }
  return { events };
}

/** By date, then spec path, then kind: the order never depends on the command line. */
export function sortEvents(events: readonly RequestEvent[]): RequestEvent[] {
  const rank = (k: EventKind) => eventKinds.indexOf(k);
  return [...events].sort((a, b) => cmp(a.date, b.date) || cmp(a.file, b.file) || rank(a.kind) - rank(b.kind));
}

/** Stable across runs and machines, unique per spec, kind and day. */
export function uid(file: string, kind: EventKind, date: string): string {
  return `${sha256(`${file}\n${kind}\n${date}`).slice(0, 32)}@oedr`;
}

function responseHow(spec: RequestSpec, law: Law, r: Due, counted?: Counted): string[] {
  const earlier = laterKinds.includes(spec.letter.kind) && spec.earlier_request;
  const fromWhat = counted
    ? `the day the letter was ${counted.event === 'received' ? 'received' : 'sent (the ledger has no date of receipt)'}, from the ledger`
    : earlier
    ? `the day the earlier request${earlier.reference ? ` (ref. ${earlier.reference})` : ''} was sent (earlier_request.sent_on)`
    : `the date of the letter${spec.letter.reference ? ` ${spec.letter.reference}` : ''}`;
  const lines = [
    `Period: ${r.period} ${unitText(r.unit, r.period)} counted from ${dayText(r.from)}, ${fromWhat}; that day itself is not counted.`,
    extensionText(law, r, counted),
    ...(r.unit === 'working-days' ? workingRule(law, r.days) : calendarRule(law, r.days, addDays(r.from, r.period), r.due)),
  ];
  const closures = spec.closures.map((c) => `${c.date} ${c.name}`);
  lines.push(`Closures from the spec: ${closures.length ? closures.join('; ') : 'none'}.`);
  lines.push(`Registry row ${law.code}: source ${law.source}; confidence ${law.confidence}.${law.confidence === 'low' ? ` LOW confidence: check the statute (oedr laws ${law.code}).` : ''}`);
  const closed = spec.closures.map((c) => ` --closed ${c.date}`).join('');
  lines.push(`Day by day: oedr deadline --law ${law.code} --from ${r.from}${closed} --explain`);
  return lines;
}

/** Whether the date includes an extension: one the body announced (the ledger) or none. */
function extensionText(law: Law, r: Due, counted?: Counted): string {
  const more = law.extension ? `${law.extension.period} more ${unitText(law.extension.unit, law.extension.period)}` : '';
  if (counted?.extended?.until) return `Extended: the body gave ${dayText(counted.extended.until)} as the new date (ledger); the statutory count below${more ? `, with the law's ${more},` : ''} is for comparison.`;
  if (counted?.extended) return more ? `Extension included: the body announced one (ledger), and the law allows ${more}.` : 'The body announced an extension (ledger), but the law sets no fixed one: ask the body for the new date.';
  return more ? `Extension not included: the law allows up to ${more}.` : 'Extension not included: the law sets no fixed extension.';
}

function workingRule(law: Law, days: DayEntry[]): string[] {
  const skipped = days.filter((d) => d.kind === 'holiday' || d.kind === 'closure').map((d) => `${dayText(d.date)} ${d.names.join(', ')}`);
  const weekends = days.filter((d) => d.kind === 'weekend').length;
  return [
    `Working days: weekends (${law.weekend.map(cap).join(', ')}), ${holidayText(law)} and closures are skipped.`,
    `Skipped: ${[...skipped, `${weekends} weekend day${weekends === 1 ? '' : 's'}`].join('; ')}.`,
  ];
}

function calendarRule(law: Law, days: DayEntry[], end: string, due: string): string[] {
  const rule = `Calendar days: every day counts; when the last day is a weekend day (${law.weekend.map(cap).join(', ')}), one of the ${holidayText(law)} or a closure, the date moves to the next working day.`;
  if (end === due) return [rule, `The period ends on ${dayText(end)}, a working day.`];
  const past = days.filter((d) => d.phase === 'roll-forward').map((d) => `${dayText(d.date)} ${d.kind}${d.names.length ? ` (${d.names.join(', ')})` : ''}`);
  return [rule, `The period ends on ${dayText(end)}; moved to ${dayText(due)} past ${past.join('; ')}.`];
}

function appealHow(law: Law, limit: NonNullable<Law['appeal'][number]['limit']>, due: string, deemed: boolean, lodgeBy: string): string {
  const head = `Limit: ${limit.period} ${unitText(limit.unit, limit.period)} from ${limit.from}, counted here from ${deemed
    ? `the statutory response date ${dayText(due)}, when an unanswered request is deemed refused`
    : `the date of the answer, ${dayText(due)}`}`;
  if (limit.unit === 'months') return `${head}; calendar months, and a day the month lacks becomes its last day.`;
  if (limit.unit === 'working-days') return `${head}; weekends, ${holidayText(law)} and closures are skipped.`;
  const end = addDays(due, limit.period);
  return end === lodgeBy
    ? `${head}; calendar days, ending on ${dayText(end)}, a working day.`
    : `${head}; calendar days, ending on ${dayText(end)}, not a working day, so moved to ${dayText(lodgeBy)}.`;
}

/** Calendar days back from `date` to the day `n` working days before it (weekend days do not count). */
function daysBeforeWorking(date: string, n: number, law: Law): number {
  const day = parseIsoDate(date)!;
  let back = 0;
  for (let counted = 0; counted < n;) if (!law.weekend.includes(weekdayOf(day - ++back))) counted++;
  return back;
}

const lawName = (law: Law) => `${law.name} (${law.code})`;
const holidayText = (law: Law) => `${law.holidays.bank ? 'public and bank holidays' : 'public holidays'} of ${law.holidays.calendars.join(', ')}`;
const unitText = (unit: string, n: number) => `${unit.replace('-days', '')} day${n === 1 ? '' : 's'}`;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const dayText = (iso: string) => `${iso} (${cap(weekdayOf(parseIsoDate(iso)!))})`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
