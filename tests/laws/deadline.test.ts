// Hand-checked deadlines. Each expected date was counted by hand from the committed holiday
// table (laws/holidays/<id>.json) and a calendar; the reasoning is in the case name or comment.
// 2026-01-01 is a Thursday; 2027-01-01 a Friday.
import { beforeAll, describe, expect, test } from 'vitest';
import { OedrError } from '../../src/errors.js';
import { computeDeadline, type Closure, type DeadlineResult } from '../../src/laws/deadline.js';
import { loadHolidayTables } from '../../src/laws/holidays.js';
import { loadLaws, type Registry } from '../../src/laws/registry.js';
import type { HolidayTable, Law } from '../../src/laws/schema.js';

let registry: Registry;
beforeAll(async () => { registry = await loadLaws(); });

async function due(code: string, from: string, opts: { extension?: boolean; closures?: Closure[] } = {}): Promise<DeadlineResult> {
  const law = registry.get(code)!;
  return computeDeadline({ law, from, ...opts, tables: await loadHolidayTables(law.holidays.calendars) });
}

async function dueDate(code: string, from: string, opts: { extension?: boolean; closures?: Closure[] } = {}) {
  const r = await due(code, from, opts);
  if (r.status !== 'due') throw new Error(`expected a date, got: ${r.reason}`);
  return r;
}

const cases: [name: string, code: string, from: string, expected: string, extension?: boolean][] = [
  // US: 20 working days, Sat+Sun, federal holidays.
  ['US: 4 Jul 2026 is a Saturday, observed Fri 3 Jul (substitute) which is skipped', 'US', '2026-06-19', '2026-07-20'],
  ['US: Thanksgiving Thu 26 Nov skipped; day 20 is Mon 21 Dec', 'US', '2026-11-20', '2026-12-21'],
  ['US extension: +10 working days skipping 25 Dec and 1 Jan, across the year end', 'US', '2026-11-20', '2027-01-06', true],
  // GB: 20 working days; bank holidays in ANY part of the UK (s.10(6)).
  ['GB year end: skips 25 Dec, Sat 26 Dec, Mon 28 Dec (Boxing Day substitute), 1 Jan and Mon 4 Jan (Scottish 2 January substitute)', 'GB', '2026-12-18', '2027-01-21'],
  ['GB spring: skips St Patrick\'s Day 17 Mar (NI only), Good Friday 3 Apr, Easter Monday 6 Apr', 'GB', '2026-03-09', '2026-04-09'],
  // KE: 21 calendar days (+14); a last day that is not a working day rolls forward.
  ['KE year end: 18 Dec + 21 = Fri 8 Jan 2027, a working day (holidays inside are counted)', 'KE', '2026-12-18', '2027-01-08'],
  ['KE extension: 18 Dec + 35 = Fri 22 Jan 2027', 'KE', '2026-12-18', '2027-01-22', true],
  ['KE: 2 Jan 2027 + 21 = Sat 23 Jan, rolls to Mon 25 Jan', 'KE', '2027-01-02', '2027-01-25'],
  ['KE: Jamhuri Day Sun 12 Dec 2027 has a substitute Mon 13 Dec = day 21, rolls to Tue 14 Dec', 'KE', '2027-11-22', '2027-12-14'],
  ['KE: day 21 is Boxing Day Sun 26 Dec 2027, Mon 27 is its substitute, due Tue 28 Dec', 'KE', '2027-12-05', '2027-12-28'],
  ['KE leap year: 8 Feb 2028 + 21 = Tue 29 Feb 2028', 'KE', '2028-02-08', '2028-02-29'],
  // IN: 30 calendar days.
  ['IN: 27 Dec 2026 + 30 = Tue 26 Jan 2027, Republic Day, rolls to Wed 27 Jan', 'IN', '2026-12-27', '2027-01-27'],
  ['IN: 1 Jan 2027 + 30 = Sun 31 Jan, rolls to Mon 1 Feb', 'IN', '2027-01-01', '2027-02-01'],
  // ZA: 30 calendar days (+30).
  ['ZA: 26 Nov 2026 + 30 = Sat 26 Dec (Day of Goodwill, no Saturday substitute) -> Mon 28 Dec', 'ZA', '2026-11-26', '2026-12-28'],
  ['ZA extension: 15 Nov 2026 + 60 = Thu 14 Jan 2027', 'ZA', '2026-11-15', '2027-01-14', true],
  // NG: 7 calendar days (+7).
  ['NG: 24 Sep 2026 + 7 = Thu 1 Oct, Independence Day, rolls to Fri 2 Oct', 'NG', '2026-09-24', '2026-10-02'],
  ['NG extension: 24 Sep 2026 + 14 = Thu 8 Oct', 'NG', '2026-09-24', '2026-10-08', true],
  // BR: 20 calendar days (+10).
  ['BR: 13 Oct 2026 + 20 = Mon 2 Nov (Finados), rolls to Tue 3 Nov', 'BR', '2026-10-13', '2026-11-03'],
  ['BR: 26 Oct 2026 + 20 = Sun 15 Nov (Republic Day on a Sunday) -> Mon 16 Nov', 'BR', '2026-10-26', '2026-11-16'],
  ['BR extension: 31 Oct 2026 + 30 = Mon 30 Nov', 'BR', '2026-10-31', '2026-11-30', true],
  // MX: 20 working days; Holy Thursday/Friday are typed "bank" and the row does not count them.
  ['MX: 27 Mar 2026, Holy Thursday 2 Apr and Good Friday 3 Apr are working days in the row -> Fri 24 Apr', 'MX', '2026-03-27', '2026-04-24'],
  // CO: 10 working days; Monday holidays.
  ['CO: skips Corpus Christi Mon 8 Jun and Sacred Heart Mon 15 Jun 2026 -> Tue 23 Jun', 'CO', '2026-06-05', '2026-06-23'],
  // AR: 15 working days.
  ['AR: skips Güemes Mon 15 Jun; Belgrano Sat 20 Jun is a weekend -> Thu 2 Jul 2026', 'AR', '2026-06-10', '2026-07-02'],
  // PK: 10 working days (+10).
  ['PK: skips Independence Day Fri 14 Aug 2026 -> Mon 24 Aug', 'PK', '2026-08-07', '2026-08-24'],
  ['PK extension: then skips Mawlid Tue 25 Aug -> Tue 8 Sep', 'PK', '2026-08-07', '2026-09-08', true],
  // ID: 10 working days.
  ['ID: skips Independence Mon 17 Aug and Mawlid Tue 25 Aug 2026 -> Fri 28 Aug', 'ID', '2026-08-12', '2026-08-28'],
  // UA: 5 working days (+15). Under martial law (since 24 Feb 2022) holidays are working days
  // (Law 2136-IX art. 6(6) disapplies KZpP art. 73), so Independence Day Mon 24 Aug 2026 counts.
  ['UA: martial law: Independence Day Mon 24 Aug 2026 is a working day -> Thu 27 Aug', 'UA', '2026-08-20', '2026-08-27'],
  ['UA extension: 20 working days in all -> Thu 17 Sep', 'UA', '2026-08-20', '2026-09-17', true],
  // The review's cases (§4): 29, 30 Apr, 3, 4, 5 May (Labour Day and Easter fall on Sat 1 and Sun 2 May;
  // no substitute days under martial law).
  ['UA: martial law: from 28 Apr 2027, no Easter or Labour Day substitute days -> Wed 5 May', 'UA', '2027-04-28', '2027-05-05'],
  ['UA: martial law: from 5 May 2027, Victory Day is Sat 8 May (since 2023) with no substitute -> Wed 12 May', 'UA', '2027-05-05', '2027-05-12'],
  // ZA: Interpretation Act s.4 excludes only Sundays and public holidays as the last day.
  ['ZA: 25 Mar 2027 + 30 = Sat 24 Apr, a Saturday may end the period (Interpretation Act s.4)', 'ZA', '2027-03-25', '2027-04-24'],
  ['ZA: 18 Mar 2027 + 30 = Sat 17 Apr -> stays Saturday', 'ZA', '2027-03-18', '2027-04-17'],
  ['ZA: 21 Feb 2027 + 30 = Tue 23 Mar; 20 Feb + 30 = Mon 22 Mar, Human Rights Day observed -> Tue 23 Mar', 'ZA', '2027-02-20', '2027-03-23'],
  // ET: 30 working days (art. 14(3)).
  ['ET: skips New Year Fri 11 Sep 2026; Meskel Sun 27 Sep is a weekend -> Tue 13 Oct', 'ET', '2026-08-31', '2026-10-13'],
  // LK: 14 working days.
  ['LK: skips Vesak / Labour Day Fri 1 May 2026 -> Mon 18 May', 'LK', '2026-04-27', '2026-05-18'],
  // PH: 15 working days.
  ['PH: skips National Heroes Day Mon 31 Aug 2026 -> Tue 15 Sep', 'PH', '2026-08-24', '2026-09-15'],
  // SL: 15 working days.
  ['SL: skips Good Friday 3 Apr and Easter Monday 6 Apr 2026 -> Fri 24 Apr', 'SL', '2026-04-01', '2026-04-24'],
  // BD: 20 working days, Fri+Sat weekend; Sunday is a working day.
  ['BD Fri-Sat weekend: skips 17 Mar, Eid 20-22 Mar (Sun 22 is Eid day 3), 26 Mar, 14 Apr 2026 -> Wed 15 Apr', 'BD', '2026-03-12', '2026-04-15'],
  ['BD Fri-Sat weekend: skips Victory Day Wed 16 Dec; Christmas Fri 25 Dec is a weekend day -> Thu 7 Jan 2027', 'BD', '2026-12-09', '2027-01-07'],
  // AU: 30 calendar days (+30).
  ['AU: 26 Nov 2026 + 30 = Sat 26 Dec, Sun 27, Mon 28 (Boxing Day substitute) -> Tue 29 Dec', 'AU', '2026-11-26', '2026-12-29'],
  ['AU extension: 1 Dec 2026 + 60 = Sat 30 Jan 2027 -> Mon 1 Feb', 'AU', '2026-12-01', '2027-02-01', true],
  // CA: 30 calendar days.
  ['CA: 1 Jun 2026 + 30 = Wed 1 Jul, Canada Day -> Thu 2 Jul', 'CA', '2026-06-01', '2026-07-02'],
  // RS: 15 calendar days (+25, 40 in all).
  ['RS: 29 Mar 2026 + 15 = Mon 13 Apr, Orthodox Easter Monday -> Tue 14 Apr', 'RS', '2026-03-29', '2026-04-14'],
  ['RS extension: 1 Apr 2026 + 40 = Mon 11 May', 'RS', '2026-04-01', '2026-05-11', true],
  // UG: 21 calendar days.
  ['UG: 18 Sep 2026 + 21 = Fri 9 Oct, Independence Day, then the weekend -> Mon 12 Oct', 'UG', '2026-09-18', '2026-10-12'],
  // TZ: 30 calendar days.
  ['TZ: 25 Nov 2026 + 30 = Fri 25 Dec, Sat 26 (holiday), Sun 27 -> Mon 28 Dec', 'TZ', '2026-11-25', '2026-12-28'],
  // GH: 14 calendar days.
  ['GH: 17 Jun 2026 + 14 = Wed 1 Jul, a working day', 'GH', '2026-06-17', '2026-07-01'],
];

describe('hand-checked deadlines', () => {
  test.each(cases)('%s', async (_name, code, from, expected, extension) => {
    expect((await dueDate(code, from, { extension })).due).toBe(expected);
  });

  test('the cases cover at least 10 jurisdictions', () => {
    expect(new Set(cases.map((c) => c[1])).size).toBeGreaterThanOrEqual(10);
  });
});

describe('how days are counted', () => {
  test('GB explanation names the Scottish substitute day and marks it as one calendar only', async () => {
    const r = await dueDate('GB', '2026-12-18');
    expect(r.days.find((d) => d.date === '2027-01-04')).toMatchObject({ kind: 'holiday', names: ['January 2nd (substitute day) (GB-SCT)'] });
    expect(r.days.find((d) => d.date === '2026-12-25')).toMatchObject({ kind: 'holiday', names: ['Christmas Day'] });
    expect(r.days.filter((d) => d.kind === 'counted').map((d) => d.count)).toEqual([...Array(20).keys()].map((i) => i + 1));
    expect(r.days[0]!.date).toBe('2026-12-19'); // the day of receipt is not counted
  });

  test('a user closure (election day Wed 6 Jan 2027) pushes the GB date one working day, to Fri 22 Jan', async () => {
    const r = await dueDate('GB', '2026-12-18', { closures: [{ date: '2027-01-06', name: 'Election day' }] });
    expect(r.due).toBe('2027-01-22');
    expect(r.days.find((d) => d.date === '2027-01-06')).toMatchObject({ kind: 'closure', names: ['Election day'] });
  });

  test('MX: closing Holy Thursday and Good Friday with --closed moves 24 Apr to Tue 28 Apr 2026', async () => {
    const closures = [{ date: '2026-04-02', name: 'Jueves Santo (día inhábil)' }, { date: '2026-04-03', name: 'Viernes Santo (día inhábil)' }];
    expect((await dueDate('MX', '2026-03-27', { closures })).due).toBe('2026-04-28');
  });

  test('calendar days: the KE roll-forward lists the Saturday and Sunday it passes', async () => {
    const r = await dueDate('KE', '2027-01-02');
    expect(r.days.filter((d) => d.phase === 'roll-forward').map((d) => [d.date, d.kind])).toEqual([['2027-01-23', 'weekend'], ['2027-01-24', 'weekend']]);
    expect(r.days.filter((d) => d.kind === 'counted')).toHaveLength(21);
  });

  test('calendar vs working days from the same date: KE 21 calendar vs US 20 working from 18 Dec 2026', async () => {
    expect((await dueDate('KE', '2026-12-18')).due).toBe('2027-01-08');
    // 21-24 Dec (1-4), 28-31 Dec (5-8), 4-8 Jan (9-13), 11-15 Jan (14-18), MLK Day Mon 18 Jan skipped, 19-20 Jan (19-20)
    expect((await dueDate('US', '2026-12-18')).due).toBe('2027-01-20');
  });

  test('an extension reports the initial date too, rolled on its own (BR: Fri 20 Nov 2026 is a holiday -> Mon 23 Nov)', async () => {
    const r = await dueDate('BR', '2026-10-31', { extension: true });
    expect([r.initialDue, r.due, r.extension]).toEqual(['2026-11-23', '2026-11-30', 10]);
  });
});

describe('Sat-only weekend (Nepal)', () => {
  // date-holidays has no Nepal calendar, so these use a table with no holidays to isolate the
  // weekend rule; the real command refuses NP (see below).
  const noHolidays: HolidayTable = { calendar: 'NP', source: 'test', license: 'test', coverage: { from: '2026-01-01', to: '2026-12-31' }, holidays: [] };
  const np = (): Law => ({ ...registry.get('NP')!, holidays: { calendars: ['NP'], bank: false } });

  test('15 calendar days from Fri 15 May 2026 end Sat 30 May; Sunday 31 May is a working day', () => {
    const r = computeDeadline({ law: np(), from: '2026-05-15', tables: [noHolidays] });
    expect(r.status === 'due' && r.due).toBe('2026-05-31');
  });

  test('5 working days from Thu 14 May 2026 skip only Sat 16 May -> Wed 20 May', () => {
    const law: Law = { ...np(), response: { period: 5, unit: 'working-days' } };
    const r = computeDeadline({ law, from: '2026-05-14', tables: [noHolidays] });
    expect(r.status === 'due' && r.days.filter((d) => d.kind === 'weekend').map((d) => d.date)).toEqual(['2026-05-16']);
    expect(r.status === 'due' && r.due).toBe('2026-05-20');
  });

  test('the registry row itself gives a no-holiday-data error instead of a guess', async () => {
    await expect(due('NP', '2026-05-15')).rejects.toThrow(/no holiday calendar for NP.*without guessing/);
  });
});

describe('no date rather than a wrong date', () => {
  test.each(['ZM', 'MW'])('%s has no verified period: "no statutory date"', async (code) => {
    const r = await due(code, '2026-05-04');
    expect(r).toMatchObject({ status: 'no-statutory-date', code });
    expect(r.status === 'no-statutory-date' && r.reason).toMatch(/no statutory response period/);
  });

  test.each(['CA', 'GB', 'GH', 'IN'])('%s --extension: the law sets no fixed extension', async (code) => {
    const r = await due(code, '2026-05-04', { extension: true });
    expect(r.status === 'no-statutory-date' && r.reason).toMatch(/sets no fixed extension/);
  });

  test('KE from 20 Dec 2035 needs 2036, beyond the tables: error naming the coverage', async () => {
    const err = await due('KE', '2035-12-20').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OedrError);
    expect((err as OedrError).diagnostics[0]).toMatchObject({ rule: 'holiday-data-not-covered' });
    expect((err as Error).message).toContain('covers 2020-01-01 to 2035-12-31, but the KE deadline needs 2036-01-01');
  });

  test('a request before the tables start is refused too (first counted day 2019-12-21)', async () => {
    await expect(due('GB', '2019-12-20')).rejects.toThrow(/GB-ENG covers 2020-01-01 to 2035-12-31, but the GB deadline needs 2019-12-21/);
  });

  test('the last covered day still works: KE 10 Dec 2035 + 21 = Mon 31 Dec 2035', async () => {
    expect((await dueDate('KE', '2035-12-10')).due).toBe('2035-12-31');
  });

  test.each(['EU', 'JO', 'KG'])('%s has no holiday calendar: error, not a guess', async (code) => {
    await expect(due(code, '2026-05-04')).rejects.toThrow(/no holiday calendar/);
  });

  test.each(['2026-02-30', '2026-2-3', 'tomorrow', ''])('rejects the request date %j', async (from) => {
    await expect(due('KE', from)).rejects.toThrow(/expected the request date as YYYY-MM-DD/);
  });
});

describe('holiday names are built once per set of tables', () => {
  test('GB (four calendars) gives the same days the second time', async () => {
    const first = await dueDate('GB', '2026-12-18');
    const second = await dueDate('GB', '2026-12-18');
    expect(second.days).toEqual(first.days);
  });

  test('other tables under the same ids are not confused with the shipped ones', async () => {
    const law = registry.get('GB')!;
    const shipped = await loadHolidayTables(law.holidays.calendars);
    const empty = shipped.map((t): HolidayTable => ({ ...t, holidays: [] }));
    const withShipped = computeDeadline({ law, from: '2026-12-18', tables: shipped });
    const withEmpty = computeDeadline({ law, from: '2026-12-18', tables: empty });
    expect(withShipped.status === 'due' && withShipped.due).toBe('2027-01-21');
    expect(withEmpty.status === 'due' && withEmpty.days.some((d) => d.kind === 'holiday')).toBe(false);
    // the shipped tables still give their names after the empty ones were built
    const again = computeDeadline({ law, from: '2026-12-18', tables: shipped });
    expect(again).toEqual(withShipped);
  });
});
