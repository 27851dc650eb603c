// Civil-date arithmetic on `YYYY-MM-DD` strings via day numbers, with no Date objects, so that
// no time zone or DST change can move a deadline by a day. (Algorithms: H. Hinnant, "chrono-
// compatible low-level date algorithms".)
import type { Weekday } from './schema.js';

/** Days since 1970-01-01 for a proleptic Gregorian date. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The day number of a valid date, or undefined for anything else (2026-02-30, 26-1-1, ...). */
export function parseIsoDate(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const n = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  return formatDay(n) === s ? n : undefined;
}

export function formatDay(n: number): string {
  const [y, m, d] = civilFromDays(n);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

const names: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** 1970-01-01 was a Thursday. */
export function weekdayOf(n: number): Weekday {
  return names[(((n + 4) % 7) + 7) % 7]!;
}

export function addDays(iso: string, n: number): string {
  const d = parseIsoDate(iso);
  if (d === undefined) throw new RangeError(`not a date: ${iso}`);
  return formatDay(d + n);
}

/** `n` calendar months after `iso`; a 31st becomes the month's last day. */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const month = m - 1 + n;
  const year = y + Math.floor(month / 12);
  const last = new Date(Date.UTC(year, (month % 12) + 1, 0)).getUTCDate();
  return `${year}-${String((month % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
