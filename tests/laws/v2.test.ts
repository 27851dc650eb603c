// Registry v2 as the user sees it: every row has the new facts, `oedr laws CODE` shows them, and
// the holiday corrections the review names (UA, TN) are in the shipped tables with their names in
// English (the native name kept as data, never mixed into English output).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { deadline } from '../../src/cli/deadline.js';
import { laws } from '../../src/cli/laws.js';
import { HOLIDAYS_DIR } from '../../src/laws/holidays.js';
import { loadLaws } from '../../src/laws/registry.js';
import type { HolidayTable } from '../../src/laws/schema.js';
import { captureIo } from '../helpers.js';

const registry = await loadLaws();
const table = (id: string) => JSON.parse(readFileSync(new URL(`${id}.json`, HOLIDAYS_DIR), 'utf8')) as HolidayTable;

async function show(code: string): Promise<string> {
  const io = captureIo();
  await laws(code, {}, io);
  return io.stdout.join('\n');
}

describe('every row has the v2 facts', () => {
  test.each(registry.laws.map((l) => [l.code, l] as const))('%s: languages, requester, structured fees', (_code, l) => {
    expect(l.languages?.accepted.length).toBeGreaterThan(0);
    expect(l.requester).toBeDefined();
    expect(l.fees?.text).toBeTruthy();
    // A fee the law requires is either recorded or the row says the amount is unknown (confidence low).
    if (l.fees?.application) expect(l.fees.application.amount !== null || l.fees.application.confidence === 'low').toBe(true);
  });
  test('citizens-only rows say what the filing must state', () => {
    for (const l of registry.laws.filter((x) => x.who_may_request.kind === 'citizens')) {
      expect(l.requester?.standing, l.code).toMatch(/^the /);
    }
  });
});

describe('oedr laws CODE (issue 12: languages, requester, fees, appeal chain, coverage)', () => {
  test('IN: languages, a named citizen, the Rs 10 fee and its only exemption, the FAA', async () => {
    const out = await show('IN');
    expect(out).toContain('Languages:        en, hi (default en) - s.6(1)');
    expect(out).toContain('Organisations:    may not request in their own name: a named person files');
    expect(out).toContain('Standing:         the filing states that the application is made by a named citizen of India (s.3)');
    expect(out).toContain('  Application fee: INR 10, enclosed with the application (s.6(1); Right to Information Rules, 2012, r.3)');
    expect(out).toContain('  Waivers:         the applicant is below the poverty line and encloses proof (a BPL certificate) (s.7(5); Right to Information Rules, 2012, r.5)');
    expect(out).toContain('  1. first appeal to the First Appellate Authority - First Appellate Authority');
  });
  test('MX: the name in Spanish, the INE route as its own chain', async () => {
    const out = await show('MX');
    expect(out.split('\n')[1]).toBe('Ley General de Transparencia y Acceso a la Información Pública (es)');
    expect(out).toContain('Body kind ine: the Instituto Nacional Electoral (INE), whose guarantor authority is its own Órgano Interno de Control');
    expect(out).toContain("    1. appeal for review (recurso de revisión) to the Órgano Interno de Control of the Instituto Nacional Electoral, as the Institute's autoridad garante");
    expect(out).toContain('Closures:         INE and most federal bodies declare días inhábiles');
  });
  test('PH and US: what the law does not reach, with the route', async () => {
    expect(await show('PH')).toContain('Not covered:      institutions matching \\bCOMELEC\\b, commission on elections: EO 2 binds only offices under the executive branch (s.2)');
    expect(await show('US')).toContain('Not covered:      regional or local bodies: FOIA reaches federal executive agencies only');
  });
  test('ZA, UA, CO: the deadline rules', async () => {
    expect(await show('ZA')).toContain('Last day:         a calendar-day period cannot end on a Sunday or a public holiday (Interpretation Act 33 of 1957, s.4)');
    expect(await show('UA')).toContain('Legal state:      martial law from 2022-02-24 (in force): public holidays are working days (Law of Ukraine No. 2136-IX');
    expect(await show('CO')).toContain('Silence:          negative administrative silence: the request is deemed refused only after three months without an answer (after 3 months) - CPACA (Ley 1437 de 2011) art. 83');
  });
});

describe('holiday corrections (review §4)', () => {
  test('UA: 1 January only; Victory Day on 8 May from 2024 (Law 3107-IX in force 15 June 2023)', () => {
    const ua = table('UA').holidays;
    // 2 January is a day off only as the substitute for a Sunday 1 January (2023, 2034).
    expect(ua.filter((h) => h.date.endsWith('-01-02')).map((h) => [h.date, h.substitute])).toEqual([['2023-01-02', true], ['2034-01-02', true]]);
    expect(ua.filter((h) => h.date.startsWith('2027-01'))).toEqual([{ date: '2027-01-01', name: 'New Year', type: 'public' }]);
    expect(ua.find((h) => h.date === '2023-05-09')?.name).toBe('Victory Day');
    expect(ua.find((h) => h.date === '2026-05-08')?.name).toBe('Day of Remembrance and Victory over Nazism');
    expect(ua.filter((h) => /-05-09$/.test(h.date) && h.date > '2024' && !h.substitute)).toEqual([]);
  });
  test('TN: Revolution Day on 17 December from 2021, no 14 January after 2021; English names, Arabic kept as native', () => {
    const tn = table('TN').holidays;
    expect(tn.find((h) => h.date === '2027-12-17')).toEqual({ date: '2027-12-17', name: 'Revolution Day', native: 'عيد الثورة', type: 'public' });
    expect(tn.find((h) => h.date === '2021-01-14')?.name).toBe('Revolution and Youth Day');
    expect(tn.filter((h) => h.date.endsWith('-01-14') && h.date > '2022' && h.name.includes('Revolution'))).toEqual([]);
    expect(tn.filter((h) => /[\u0600-\u06ff]/.test(h.name))).toEqual([]);
  });
  test('--explain in English has no Arabic script (TN, from 2027-03-19 and 2027-03-21)', async () => {
    const io = captureIo();
    await deadline({ law: 'TN', from: '2027-03-19', explain: true }, io);
    await deadline({ law: 'TN', from: '2027-03-21', explain: true }, io);
    const out = io.stdout.join('\n');
    expect(out).toContain('2027-03-20 Sat  day 1 (Independence Day)');
    expect(out).toContain("2027-04-09 Fri  day 19 (Martyrs' Day)");
    expect(out).not.toMatch(/[\u0600-\u06ff]/);
  });
});
