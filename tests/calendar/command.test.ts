// `oedr calendar` end to end: specs in a temp folder -> requests.ics, read back with ical.js.
// Dates are around Christmas 2026 so holidays matter; each was checked by hand against
// `oedr deadline --law KE --from 2026-12-18 --explain` and
// `oedr deadline --law GB --from 2026-12-18 --closed 2027-01-06 --explain`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

const head = (letter: string, institution: string) => `oedr: 1
letter:
${letter}
requester:
  organisation: Test Election Watch
  email: data@example.test
  signatory: { name: A. N. Tester, title: Executive Director }
recipient:
  institution: ${institution}
`;
const dataset = `datasets:
  - title: Results
    description: The official result at each polling station.
    format: csv
    granularity: polling-station
    fields:
      - { name: code, description: The code }
`;

// An FoI filing under KE, counted from its own date: 21 calendar days.
const KE = head(`  kind: foi-request
  date: 2026-12-18
  reference: CEW/2026/031
  subject: Polling-station results; constituency totals, 2026 by-elections`, 'Electoral Commission') + `
purpose: To check the published totals.
law: KE
legal_basis: the Access to Information Act, 2016, section 4
` + dataset;

// A follow-up under GB, counted from the earlier request, with a closure the tables cannot know.
const GB = head(`  kind: follow-up
  date: 2027-01-25
  subject: Electoral register statistics by ward`, 'Example Borough Council') + `
law: GB
closures:
  - { date: 2027-01-06, name: Office closure (stocktaking) }
earlier_request:
  reference: EEW/FOI/2026/118
  sent_on: 2026-12-18
` + dataset;

const NO_LAW = head('  date: 2026-12-18\n  subject: Turnout by ward', 'Example Borough Council') + dataset;

let dir: { path: string; done: () => void };
const at = (name: string) => join(dir.path, name);
beforeEach(() => {
  dir = tempDir();
  writeFileSync(at('ke.yaml'), KE);
  writeFileSync(at('gb.yaml'), GB);
  writeFileSync(at('nolaw.yaml'), NO_LAW);
});
afterEach(() => dir.done());

function events(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  expect(cal.getFirstPropertyValue('version')).toBe('2.0');
  expect(cal.getFirstPropertyValue('prodid')).toMatch(/^-\/\/oedr\/\/oedr \d+\.\d+\.\d+.*\/\/EN$/);
  return cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    expect(e.startDate.isDate).toBe(true);
    return { date: e.startDate.toString(), end: e.endDate.toString(), uid: e.uid, summary: e.summary, description: e.description, stamp: String(v.getFirstPropertyValue('dtstamp')) };
  });
}

describe('oedr calendar', () => {
  test('response, follow-up and appeal dates for KE and GB, with how each was computed', async () => {
    const r = await runCli('calendar', at('ke.yaml'), at('gb.yaml'), '--out', at('requests.ics'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/requests\.ics: 5 events from 2 specs$/);
    const text = readFileSync(at('requests.ics'), 'utf8');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

    const got = events(text);
    const ke = 'Polling-station results; constituency totals, 2026 by-elections (Electoral Commission, ref. CEW/2026/031)';
    const gb = 'Electoral register statistics by ward (Example Borough Council)';
    expect(got.map((e) => [e.date, e.end, e.summary])).toEqual([
      // KE: 21 calendar days from Fri 18 Dec end on Fri 8 Jan, a working day.
      ['2027-01-08', '2027-01-09', `Response due: ${ke}`],
      ['2027-01-09', '2027-01-10', `Follow up: ${ke}`],
      // GB: 20 working days; Christmas, Boxing Day (substitute), New Year, 2 January
      // (substitute, Scotland) and the closure skipped.
      ['2027-01-22', '2027-01-23', `Response due: ${gb}`],
      ['2027-01-23', '2027-01-24', `Follow up: ${gb}`],
      // KE appeal: 30 calendar days from 8 Jan end on Sun 7 Feb, which rolls to Mon 8 Feb.
      // GB's first appeal step has no statutory limit, so there is no appeal event for it.
      ['2027-02-08', '2027-02-09', `Last day to appeal: ${ke}`],
    ]);
    expect(new Set(got.map((e) => e.uid)).size).toBe(5);
    for (const e of got) expect(e.uid).toMatch(/^[0-9a-f]{32}@oedr$/);
    expect(got.map((e) => e.stamp)).toEqual(['2026-12-18T00:00:00Z', '2026-12-18T00:00:00Z', '2027-01-25T00:00:00Z', '2027-01-25T00:00:00Z', '2026-12-18T00:00:00Z']);

    const [keDue, keFollow, gbDue, , keAppeal] = got.map((e) => e.description.split('\n'));
    expect(keDue).toEqual([
      'Statutory response date under the Access to Information Act, 2016 (KE): 2027-01-08 (Fri).',
      'Period: 21 calendar days counted from 2026-12-18 (Fri), the date of the letter CEW/2026/031; that day itself is not counted.',
      'Extension not included: the law allows up to 14 more calendar days.',
      'Calendar days: every day counts; when the last day is a weekend day (Sat, Sun), one of the public holidays of KE or a closure, the date moves to the next working day.',
      'The period ends on 2027-01-08 (Fri), a working day.',
      'Closures from the spec: none.',
      'Registry row KE: source ATI Act 2016 s.9; rti-rating.org/country-data/Kenya; fmlawadvocates.co.ke procedure guide; confidence high.',
      'Day by day: oedr deadline --law KE --from 2026-12-18 --explain',
    ]);
    expect(keFollow![0]).toBe('Follow-up reminder: the day after the statutory response date, 2027-01-08 (Fri), under the Access to Information Act, 2016 (KE). If no answer has come, send a follow-up letter; under many laws silence by the due date counts as a refusal.');
    expect(keFollow!.slice(2)).toEqual(keDue!.slice(1));
    expect(gbDue).toContain('Period: 20 working days counted from 2026-12-18 (Fri), the day the earlier request (ref. EEW/FOI/2026/118) was sent (earlier_request.sent_on); that day itself is not counted.');
    expect(gbDue).toContain('Extension not included: the law sets no fixed extension.');
    expect(gbDue).toContain('Working days: weekends (Sat, Sun), public holidays of GB-ENG, GB-NIR, GB-SCT and closures are skipped.');
    expect(gbDue).toContain("Skipped: 2026-12-25 (Fri) Christmas Day; 2026-12-28 (Mon) Boxing Day (substitute day); 2027-01-01 (Fri) New Year's Day; 2027-01-04 (Mon) January 2nd (substitute day) (GB-SCT); 2027-01-06 (Wed) Office closure (stocktaking); 10 weekend days.");
    expect(gbDue).toContain('Closures from the spec: 2027-01-06 Office closure (stocktaking).');
    expect(gbDue).toContain('Day by day: oedr deadline --law GB --from 2026-12-18 --closed 2027-01-06 --explain');
    expect(keAppeal!.slice(0, 2)).toEqual([
      'Last day to lodge the first appeal under the Access to Information Act, 2016 (KE): 2027-02-08 (Mon), to Commission on Administrative Justice (Office of the Ombudsman), application for review (s.14).',
      'Limit: 30 calendar days from the decision, counted here from the statutory response date 2027-01-08 (Fri), when an unanswered request is deemed refused; calendar days, ending on 2027-02-07 (Sun), not a working day, so moved to 2027-02-08 (Mon).',
    ]);
  });

  test('--help has an example', async () => {
    const r = await runCli('calendar', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('$ oedr calendar requests/*.yaml --out requests.ics');
  });

  test('the same bytes whatever the order of the specs on the command line', async () => {
    expect((await runCli('calendar', at('ke.yaml'), at('gb.yaml'), '--out', at('a.ics'))).code).toBe(0);
    expect((await runCli('calendar', at('gb.yaml'), at('ke.yaml'), '--out', at('b.ics'))).code).toBe(0);
    expect(readFileSync(at('b.ics')).equals(readFileSync(at('a.ics')))).toBe(true);
  });

  test('a spec without a law gives a warning, not an event; without --out the calendar goes to stdout', async () => {
    const r = await runCli('calendar', at('nolaw.yaml'), at('ke.yaml'));
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${at('nolaw.yaml')}: warning: the spec names no law (\`law:\`), so it has no statutory dates and gives no calendar events [calendar-no-dates]`);
    expect(events(r.out).map((e) => e.summary.split(':')[0])).toEqual(['Response due', 'Follow up', 'Last day to appeal']);
  });

  test('a low-confidence law says so in every description; a law without a period gives a warning', async () => {
    writeFileSync(at('mx.yaml'), GB.replace('law: GB', 'law: MX'));
    writeFileSync(at('zm.yaml'), GB.replace('law: GB', 'law: ZM'));
    const r = await runCli('calendar', at('mx.yaml'), at('zm.yaml'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/zm\.yaml: warning: no statutory response date: ZM \(Access to Information Act, 2023\): no statutory response period is recorded.*; no calendar events for this spec \[calendar-no-dates\]/);
    const got = events(r.out);
    expect(got).toHaveLength(3);
    for (const e of got) expect(e.description).toMatch(/; confidence low\. LOW confidence: check the statute \(oedr laws MX\)\.\n/);
  });

  test('no event at all: exit 1 with a clear message, and no file', async () => {
    const r = await runCli('calendar', at('nolaw.yaml'), '--out', at('none.ics'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('oedr calendar: no events to write: the spec names no law with a statutory response date');
    expect(existsSync(at('none.ics'))).toBe(false);
  });

  test('an invalid spec and an unknown law are reported; the other specs still give events; exit 1', async () => {
    writeFileSync(at('bad.yaml'), KE.replace('  date: 2026-12-18', '  date: 2026-13-45'));
    writeFileSync(at('xx.yaml'), KE.replace('law: KE', 'law: KX'));
    const r = await runCli('calendar', at('bad.yaml'), at('xx.yaml'), at('gb.yaml'), '--out', at('r.ics'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.yaml:\d+:\d+ letter\.date: .*/);
    expect(r.err).toMatch(/xx\.yaml:\d+:\d+ law: expected the code of a law in `oedr laws` \(did you mean `KE`\?\).* \[unknown-law\]/);
    expect(events(readFileSync(at('r.ics'), 'utf8')).map((e) => e.date)).toEqual(['2027-01-22', '2027-01-23']);
  });
});
