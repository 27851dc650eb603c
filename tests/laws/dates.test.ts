// Day arithmetic on YYYY-MM-DD strings, checked against UTC Date arithmetic over 40 years.
import { describe, expect, test } from 'vitest';
import { addDays, formatDay, parseIsoDate, weekdayOf } from '../../src/laws/dates.js';

describe('dates', () => {
  test('every day 2000-2040 round-trips and matches Date.UTC, weekday included', () => {
    const first = parseIsoDate('2000-01-01')!;
    for (let n = first; n < first + 40 * 366; n++) {
      const utc = new Date(n * 86_400_000);
      expect(formatDay(n)).toBe(utc.toISOString().slice(0, 10));
      expect(weekdayOf(n)).toBe(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][utc.getUTCDay()]);
      expect(parseIsoDate(formatDay(n))).toBe(n);
    }
  });

  test.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-01', ' 2026-01-01', '20260101'])('%j is not a date', (s) => {
    expect(parseIsoDate(s)).toBeUndefined();
  });

  test('leap days and year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });
});
