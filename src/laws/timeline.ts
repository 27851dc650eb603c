// A request's timeline under its law: when the answer is due, when to follow up, and the last day
// to lodge the first appeal. Holiday tables load here, only for the law the spec names.
import { OedrError } from '../errors.js';
import type { RequestSpec } from '../spec/schema.js';
import { laterKinds } from '../spec/vocab.js';
import { addDays, addMonths } from './dates.js';
import { computeDeadline, nonWorkingDay, type DeadlineResult } from './deadline.js';
import { loadHolidayTables } from './holidays.js';
import { appealSteps } from './resolve.js';
import type { Registry } from './registry.js';
import type { AppealStep, HolidayTable, Law } from './schema.js';

export interface Timeline {
  law: Law;
  /** The day the request was sent: this letter's date, or the earlier request's for a follow-up or appeal. */
  from: string;
  response: DeadlineResult;
  /** The day after the due date: silence by then is a deemed refusal under most laws. */
  followUp?: string;
  /** The first appeal step for this recipient; its limit counts from `from` (the dated decision, else the due date). */
  appeal?: { step: AppealStep; from: string; lodgeBy?: string; lodgeByUnrolled?: string };
  /**
   * The first day silence counts as a refusal that can be appealed: the day after the due date, or
   * later where the law says so (CO: three months, CPACA art. 83). Absent without a due date.
   */
  deemedRefusal?: string;
  /** Why the day counted from is not a working day (a holiday's name), if it is not one. */
  fromClosed?: string;
}

/** Rules from the deadline engine that mean "no date can be given", not "oedr is broken". */
const noDateRules = new Set(['no-holiday-data', 'holiday-data-not-covered']);

/** An extension the body announced (the ledger's `extended` answer), with the new date if it gave one. */
export interface Extended { until?: string }

export async function requestTimeline(spec: RequestSpec, registry: Registry, extended?: Extended): Promise<Timeline | undefined> {
  const law = spec.law ? registry.get(spec.law) : undefined;
  if (!law) return undefined;
  const from = laterKinds.includes(spec.letter.kind) && spec.earlier_request ? spec.earlier_request.sent_on : spec.letter.date;
  const tables = await loadHolidayTables(law.holidays.calendars, registry.tables);
  const counted = dateOrReason(law, from, () => computeDeadline({ law, from, extension: Boolean(extended && law.extension), closures: spec.closures, tables }));
  // A new date the body gave in writing is the one to hold it to.
  const response = extended?.until && counted.status === 'due' ? { ...counted, due: extended.until } : counted;
  if (response.status !== 'due') return { law, from, response };
  const fromClosed = nonWorkingDay({ law, closures: spec.closures, tables }, from);
  const step = spec.recipient ? appealSteps(law, spec.recipient)[0] : law.appeal[0];
  const deemedRefusal = silenceEnds(law, from) ?? addDays(response.due, 1);
  // The appeal limit runs from the decision: a refusal or partial answer the spec dates, else the
  // day silence becomes a refusal.
  const earlier = spec.earlier_request;
  const decided = earlier && earlier.response !== 'none' && earlier.response_date ? earlier.response_date
    : law.deadline?.silence ? deemedRefusal : response.due;
  return {
    law, from, response, deemedRefusal, ...(fromClosed ? { fromClosed } : {}),
    followUp: addDays(response.due, 1),
    appeal: step ? { step, from: decided, ...lodgeByDates(law, step, decided, spec.closures, tables) } : undefined,
  };
}

/** The law's own silence rule counted from the request (months are calendar months), if it has one. */
function silenceEnds(law: Law, from: string): string | undefined {
  const after = law.deadline?.silence?.after;
  if (!after) return undefined;
  return after.unit === 'months' ? addMonths(from, after.period) : addDays(from, after.period);
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
  return lodgeByDates(law, step, due, closures, tables).lodgeBy;
}

/**
 * The last day to lodge, and the last day of the period before a weekend or holiday moved it on:
 * a letter claims to be in time only by the latter, since laws differ on whether the limit rolls.
 */
function lodgeByDates(law: Law, step: AppealStep, due: string, closures: RequestSpec['closures'], tables: HolidayTable[]): { lodgeBy?: string; lodgeByUnrolled?: string } {
  const limit = step.limit;
  if (!limit) return {};
  const unit = limit.unit;
  if (unit === 'months') return { lodgeBy: addMonths(due, limit.period), lodgeByUnrolled: addMonths(due, limit.period) };
  const counted = dateOrReason(law, due, () => computeDeadline({
    law: { ...law, response: { period: limit.period, unit }, extension: null }, from: due, closures, tables,
  }));
  if (counted.status !== 'due') return {};
  const lastCounted = counted.days.filter((d) => d.phase !== 'roll-forward').at(-1)?.date ?? counted.due;
  return { lodgeBy: counted.due, lodgeByUnrolled: lastCounted };
}
