// The shipped holiday tables: valid, covering 2020-2035, and identical to what the pinned
// date-holidays devDependency generates today (so an upgrade cannot silently leave them stale).
import { OedrError } from '../../src/errors.js';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { HOLIDAYS_DIR, loadHolidayTables } from '../../src/laws/holidays.js';
import { HolidayTable } from '../../src/laws/schema.js';

interface BuildScript {
  buildTable(id: string, Holidays: unknown, version: string): unknown;
  serialize(table: unknown): string;
  registryCalendars(): string[];
}
const script = new URL('../../scripts/build-holidays.mjs', import.meta.url).href;
const ids = readdirSync(HOLIDAYS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));

describe('holiday tables', () => {
  test('there is exactly one table per calendar the registry names', async () => {
    const build = (await import(script)) as BuildScript;
    expect(ids.sort()).toEqual(build.registryCalendars());
  });

  test('every table validates and covers 2020-01-01 to 2035-12-31 with sorted dates', async () => {
    for (const t of await loadHolidayTables(ids)) {
      const check = HolidayTable.safeParse(t);
      expect(check.success ? [] : check.error.issues, t.calendar).toEqual([]);
      expect(t.coverage, t.calendar).toEqual({ from: '2020-01-01', to: '2035-12-31' });
      const dates = t.holidays.map((h) => h.date);
      expect(dates, t.calendar).toEqual([...dates].sort());
      expect(dates.every((d) => d >= t.coverage.from && d <= t.coverage.to), t.calendar).toBe(true);
    }
  });

  // Regenerating all 32 takes ~3 s; a few with substitutes, regions and multi-day holidays suffice.
  test.each(['GB-SCT', 'KE', 'BD', 'US'])('%s is up to date with the installed date-holidays', async (id) => {
    const build = (await import(script)) as BuildScript;
    const { default: Holidays } = await import('date-holidays');
    const version = (JSON.parse(readFileSync(new URL('../../node_modules/date-holidays/package.json', import.meta.url), 'utf8')) as { version: string }).version;
    const fresh = build.serialize(build.buildTable(id, Holidays, version));
    expect(fresh, `laws/holidays/${id}.json is stale: run npm run holidays`).toBe(readFileSync(new URL(`${id}.json`, HOLIDAYS_DIR), 'utf8'));
  });

  test('known days are in the tables: substitutes, regional days, three-day Eid', async () => {
    const [sct, ke, bd] = await loadHolidayTables(['GB-SCT', 'KE', 'BD']);
    expect(sct!.holidays).toContainEqual({ date: '2027-01-04', name: 'January 2nd (substitute day)', type: 'public', substitute: true });
    expect(ke!.holidays).toContainEqual({ date: '2027-12-13', name: 'Jamhuri Day (substitute day)', type: 'public', substitute: true });
    expect(bd!.holidays.filter((h) => h.name.startsWith('End of Ramadan') && h.date.startsWith('2026-03')).map((h) => h.date))
      .toEqual(['2026-03-20', '2026-03-21', '2026-03-22']);
  });

  test('a calendar without a table is an error (exit 1) saying how to give one, not an empty calendar', async () => {
    const e = await loadHolidayTables(['XX']).catch((x: unknown) => x as OedrError);
    expect(e).toBeInstanceOf(OedrError);
    expect((e as OedrError).code).toBe(1);
    expect((e as OedrError).message).toMatch(/^oedr has no holiday table for the calendar XX \(it ships AR, AU, .*ZM\); give its public holidays in your --laws file, under `holidays:`/);
  });
});
