// Response deadlines: request date + the law's period, counted day by day with the country's
// weekend, public holidays and the caller's extra closures. Pure: tables and closures come in as
// arguments, nothing is read from disk or the clock. Every day looked at is reported, so a
// letter or `--explain` can show why the date is what it is.
import { ExitCode, fail } from '../errors.js';
import { formatDay, parseIsoDate, weekdayOf } from './dates.js';
import type { DayUnit, HolidayTable, Law, Weekday } from './schema.js';

export interface Closure { date: string; name: string }

export interface DeadlineInput {
  law: Law;
  /** The day the body received the request; it is not counted. */
  from: string;
  extension?: boolean;
  /** Extra non-working days, e.g. an election-day holiday. */
  closures?: readonly Closure[];
  /** One table per id in law.holidays.calendars. */
  tables: readonly HolidayTable[];
}

export type DayKind = 'counted' | 'weekend' | 'holiday' | 'closure';

export interface DayEntry {
  date: string;
  weekday: Weekday;
  /** `counted` for a day that counts; otherwise why the day was skipped (working days) or why
   * the due date moved past it (calendar days). */
  kind: DayKind;
  /** Day number within the period (counted days only). */
  count?: number;
  /** Holiday and closure names on this day, also on counted calendar days and weekends. */
  names: string[];
  /** A legal state under which this day's holidays are working days (e.g. "martial law"). */
  suspended?: string;
  phase: 'period' | 'extension' | 'roll-forward';
}

export type DeadlineResult =
  | {
    status: 'due';
    code: string;
    from: string;
    due: string;
    /** Due date of the initial period alone (equals `due` without an extension). */
    initialDue: string;
    period: number;
    unit: DayUnit;
    extension: number;
    days: DayEntry[];
  }
  | { status: 'no-statutory-date'; code: string; from: string; reason: string };

export function computeDeadline(input: DeadlineInput): DeadlineResult {
  const { law } = input;
  const start = parseIsoDate(input.from);
  if (start === undefined) fail(ExitCode.usage, 'bad-date', `expected the request date as YYYY-MM-DD (a real day), got ${JSON.stringify(input.from)}`);
  const none = (reason: string): DeadlineResult => ({ status: 'no-statutory-date', code: law.code, from: input.from, reason });
  if (!law.response) {
    return none(`${law.code} (${law.name}): no statutory response period is recorded${law.extension_note ? ` - ${clause(law.extension_note)}` : ''}`);
  }
  if (input.extension && !law.extension) {
    return none(`${law.code} (${law.name}) sets no fixed extension${law.extension_note ? `: ${clause(law.extension_note)}` : ''}`);
  }
  const days = calendarOf(input);
  const { period, unit } = law.response;
  const extra = input.extension && law.extension ? law.extension.period : 0;
  const walk = unit === 'working-days' ? countWorking : countCalendar;
  const initial = walk(days, start, period, period);
  const result = extra ? walk(days, start, period + extra, period) : initial;
  return {
    status: 'due', code: law.code, from: input.from, due: result.due, initialDue: initial.due,
    period, unit, extension: extra, days: result.days,
  };
}

/**
 * Why `date` is not a working day under the law (weekend, holiday or closure names), or undefined
 * for a working day: a filing that arrives then is usually taken as received on the next one.
 */
export function nonWorkingDay(input: Omit<DeadlineInput, 'from' | 'extension'>, date: string): string | undefined {
  const day = parseIsoDate(date);
  if (day === undefined) return undefined;
  const l = calendarOf({ ...input, from: date }).look(day);
  const kind = kindOf(l);
  if (kind === 'counted') return undefined;
  return l.names.length ? l.names.join('; ') : `a ${DAY_NAMES[l.weekday]}`;
}

const DAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

interface Look { weekend: boolean; names: string[]; holiday: boolean; closure: boolean; suspended?: string; weekday: Weekday }

interface Calendar {
  /** What makes a day non-working; throws when the day lies outside the holiday data. */
  look(day: number): Look;
  /** Whether a calendar-day period may end on this day (the law's own rule, else: a working day). */
  canEnd(l: Look): boolean;
}

function calendarOf(input: DeadlineInput): Calendar {
  const { law } = input;
  const ids = law.holidays.calendars;
  if (ids.length === 0) {
    fail(ExitCode.invalid, 'no-holiday-data', `no holiday calendar for ${law.code}: ${clause(law.holidays.note ?? 'the registry names none')}; a deadline cannot be computed without guessing`);
  }
  const coverage: { id: string; from: string; to: string }[] = [];
  const tables = ids.map((id) => {
    const table = input.tables.find((t) => t.calendar === id);
    if (!table) fail(ExitCode.internal, 'holiday-table-missing', `the holiday table ${id} for ${law.code} was not loaded`);
    coverage.push({ id, ...table.coverage });
    return table;
  });
  const holidays = holidayNames(tables, law.holidays.bank === true);
  const closures = new Map<string, string[]>();
  for (const c of input.closures ?? []) {
    if (parseIsoDate(c.date) === undefined) fail(ExitCode.usage, 'bad-date', `expected a closure date as YYYY-MM-DD (a real day), got ${JSON.stringify(c.date)}`);
    closures.set(c.date, [...(closures.get(c.date) ?? []), c.name]);
  }
  const weekend = new Set(law.weekend);
  const states = law.deadline?.states ?? [];
  const lastDay = law.deadline?.last_day;
  return {
    canEnd: (l) => (lastDay
      ? !lastDay.not_on.includes(l.weekday) && !(lastDay.holidays && l.holiday) && !l.closure
      : kindOf(l) === 'counted'),
    look(day) {
      const date = formatDay(day);
      // Dates compare as strings: YYYY-MM-DD sorts like the calendar.
      const out = coverage.find((c) => date < c.from || date > c.to);
      if (out) {
        fail(ExitCode.invalid, 'holiday-data-not-covered',
          `the holiday data for ${out.id} covers ${out.from} to ${out.to}, but the ${law.code} deadline needs ${date}; refusing to guess (regenerate the tables with a wider range, see laws/holidays/README.md)`);
      }
      const h = holidays.get(date) ?? [];
      const c = closures.get(date) ?? [];
      // Under a legal state that suspends holidays (Ukraine's martial law), a holiday is a working day.
      const state = h.length ? states.find((st) => !st.holidays_off && date >= st.from && (st.to === null || date <= st.to)) : undefined;
      const weekday = weekdayOf(day);
      return {
        weekend: weekend.has(weekday), names: [...h, ...c], holiday: h.length > 0 && !state, closure: c.length > 0, weekday,
        ...(state ? { suspended: state.name } : {}),
      };
    },
  };
}

/**
 * Built once per combination of tables and bank flag, for one calendar or several (GB has four):
 * a batch computes the same country's deadlines over and over. Keyed on the tables themselves, not
 * their ids, since a caller may pass its own table under a shipped id; one WeakMap level per table
 * in order, so tables nobody holds any more take their names with them.
 */
interface Built { names: Map<boolean, Map<string, string[]>>; next: WeakMap<HolidayTable, Built> }
const built = new WeakMap<HolidayTable, Built>();

function builtFor(tables: readonly HolidayTable[]): Built {
  let level = built;
  let node: Built | undefined;
  for (const table of tables) {
    node = level.get(table);
    if (!node) level.set(table, (node = { names: new Map(), next: new WeakMap() }));
    level = node.next;
  }
  return node!; // tables is never empty: calendarOf refuses a law without calendars first
}

/**
 * date -> the names of its holidays. A name every calendar has is shown once and a regional one says
 * where (GB: "January 2nd (GB-SCT)"). Tables are treated as read-only, so the result can be shared.
 */
function holidayNames(tables: readonly HolidayTable[], bank: boolean): Map<string, string[]> {
  const cache = builtFor(tables).names;
  const hit = cache.get(bank);
  if (hit) return hit;
  const found = new Map<string, Map<string, string[]>>();
  for (const table of tables) {
    for (const h of table.holidays) {
      if (h.type !== 'public' && !bank) continue;
      const byName = found.get(h.date) ?? new Map<string, string[]>();
      byName.set(h.name, [...(byName.get(h.name) ?? []), table.calendar]);
      found.set(h.date, byName);
    }
  }
  const names = new Map<string, string[]>();
  for (const [date, byName] of found) {
    names.set(date, [...byName].map(([name, in_]) => (in_.length < tables.length ? `${name} (${in_.join(', ')})` : name)));
  }
  cache.set(bank, names);
  return names;
}

const kindOf = (l: Look): DayKind =>
  l.weekend ? 'weekend' : l.holiday ? 'holiday' : l.closure ? 'closure' : 'counted';

/** Working days: only days that are not weekend, holiday or closure count. */
function countWorking(cal: Calendar, start: number, total: number, period: number) {
  const days: DayEntry[] = [];
  let n = 0;
  let day = start;
  while (n < total) {
    day++;
    const l = cal.look(day);
    const kind = kindOf(l);
    if (kind === 'counted') n++;
    // A skipped day belongs to the period while the period still has days left to count.
    const phase = (kind === 'counted' ? n <= period : n < period) ? 'period' : 'extension';
    days.push(entry(day, kind, l, phase, kind === 'counted' ? n : undefined));
  }
  return { due: formatDay(day), days };
}

/** Calendar days: every day counts; a last day that is not a working day moves to the next one. */
function countCalendar(cal: Calendar, start: number, total: number, period: number) {
  const days: DayEntry[] = [];
  let day = start;
  for (let n = 1; n <= total; n++) {
    day++;
    days.push(entry(day, 'counted', cal.look(day), n <= period ? 'period' : 'extension', n));
  }
  for (;;) {
    const l = cal.look(day);
    if (cal.canEnd(l)) break;
    // The first roll-forward entry repeats the last counted day: it says why that day cannot be
    // the due date.
    days.push(entry(day, kindOf(l), l, 'roll-forward'));
    day++;
  }
  return { due: formatDay(day), days };
}

/** Registry notes are sentences; inside a message they lose the final full stop. */
export const clause = (s: string) => s.replace(/\.\s*$/, '');

function entry(day: number, kind: DayKind, l: Look, phase: DayEntry['phase'], count?: number): DayEntry {
  return {
    date: formatDay(day), weekday: l.weekday, kind, ...(count !== undefined ? { count } : {}), names: l.names,
    ...(l.suspended ? { suspended: l.suspended } : {}), phase,
  };
}
