// A request's timeline under its law: when the answer is due, when to follow up, and the last day
// to lodge the first appeal. Holiday tables load here, only for the law the spec names.
import { OedrError } from '../errors.js';
import type { RequestSpec } from '../spec/schema.js';
import { laterKinds } from '../spec/vocab.js';
import { addDays } from './dates.js';
import { computeDeadline, type DeadlineResult } from './deadline.js';
import { loadHolidayTables } from './holidays.js';
import type { Registry } from './registry.js';
import type { AppealStep, HolidayTable, Law } from './schema.js';

export interface Timeline {
  law: Law;
  /** The day the request was sent: this letter's date, or the earlier request's for a follow-up or appeal. */
  from: string;
  response: DeadlineResult;
  /** The day after the due date: silence by then is a deemed refusal under most laws. */
  followUp?: string;
  /** The first appeal step; its limit counts from `from` (the dated decision, else the due date). */
  appeal?: { step: AppealStep; from: string; lodgeBy?: string };
}

/** Rules from the deadline engine that mean "no date can be given", not "oedr is broken". */
const noDateRules = new Set(['no-holiday-data', 'holiday-data-not-covered']);

export async function requestTimeline(spec: RequestSpec, registry: Registry): Promise<Timeline | undefined> {
  const law = spec.law ? registry.get(spec.law) : undefined;
  if (!law) return undefined;
  const from = laterKinds.includes(spec.letter.kind) && spec.earlier_request ? spec.earlier_request.sent_on : spec.letter.date;
  const tables = await loadHolidayTables(law.holidays.calendars, registry.tables);
  const response = dateOrReason(law, from, () => computeDeadline({ law, from, closures: spec.closures, tables }));
  if (response.status !== 'due') return { law, from, response };
  const step = law.appeal[0];
  // The appeal limit runs from the decision: a refusal or partial answer the spec dates, else the
  // due date, when an unanswered request is deemed refused.
  const earlier = spec.earlier_request;
  const decided = earlier && earlier.response !== 'none' && earlier.response_date ? earlier.response_date : response.due;
  return {
    law, from, response,
    followUp: addDays(response.due, 1),
    appeal: step ? { step, from: decided, lodgeBy: lodgeBy(law, step, decided, spec.closures, tables) } : undefined,
  };
}

export function dateOrReason(law: Law, from: string, compute: () => DeadlineResult): DeadlineResult {
  try {
    return compute();
  } catch (e) {
    if (e instanceof OedrError && e.diagnostics.every((d) => noDateRules.has(d.rule))) {
      return { status: 'no-statutory-date', code: law.code, from, reason: e.diagnostics.map((d) => d.message).join('; ') };
    }
    throw e;
  }
}

/** The first appeal's limit counted from the decision. Months are calendar months (a 31st becomes the month's last day). */
export function lodgeBy(law: Law, step: AppealStep, due: string, closures: RequestSpec['closures'], tables: HolidayTable[]): string | undefined {
  const limit = step.limit;
  if (!limit) return undefined;
  const unit = limit.unit;
  if (unit === 'months') {
    const [y, m, d] = due.split('-').map(Number) as [number, number, number];
    const month = m - 1 + limit.period;
    const year = y + Math.floor(month / 12);
    const last = new Date(Date.UTC(year, (month % 12) + 1, 0)).getUTCDate();
    return `${year}-${String((month % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  }
  const counted = dateOrReason(law, due, () => computeDeadline({
    law: { ...law, response: { period: limit.period, unit }, extension: null }, from: due, closures, tables,
  }));
  return counted.status === 'due' ? counted.due : undefined;
}
