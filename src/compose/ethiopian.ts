// The Ethiopian calendar date of a Gregorian one, for Amharic letters (`{eday} {emonth} {eyear}` in
// words.yaml date_format). Fixed arithmetic, not Intl: twelve months of 30 days and Pagume of 5 or 6.

/** Julian Day Number of 1 Meskerem, year 1 (Amete Mihret) minus one common year: the usual epoch. */
const EPOCH = 1_723_856;

/** Julian Day Number of a Gregorian date (the Fliegel–Van Flandern formula). */
function julianDay(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

/** 2027-04-12 -> { year: 2019, month: 8, day: 4 } (4 Miyazya 2019); month 13 is Pagume. */
export function ethiopianDate(year: number, month: number, day: number): { year: number; month: number; day: number } {
  const days = julianDay(year, month, day) - EPOCH;
  // Four-year cycles of 1,461 days; the leap day is the cycle's last (6 Pagume of the year before a Gregorian leap year).
  const r = days % 1461;
  const n = (r % 365) + 365 * Math.floor(r / 1460);
  return {
    year: 4 * Math.floor(days / 1461) + Math.floor(r / 365) - Math.floor(r / 1460),
    month: Math.floor(n / 30) + 1,
    day: (n % 30) + 1,
  };
}
