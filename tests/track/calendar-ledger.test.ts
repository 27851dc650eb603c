// `oedr calendar` reads the ledger: periods count from the day the letter was received (not its
// date), an appeal limit from a recorded refusal, closed requests give no events, and each limit
// carries a reminder three working days before it. KE from receipt on 4 Dec 2026: 21 days end on
// Friday 25 Dec (Christmas), so 28 Dec; three working days before Monday 28 Dec is Wednesday 23 Dec.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { foiSpec, requestsFolder } from './fixtures.js';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => { dir = tempDir(); });
afterEach(() => dir.done());

function events(file: string) {
  const cal = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
  return cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    const alarm = v.getFirstSubcomponent('valarm');
    return { date: e.startDate.toString(), summary: e.summary, trigger: alarm?.getFirstPropertyValue('trigger')?.toString(), description: e.description };
  });
}

test('dates count from the receipt the ledger records, with reminders before each limit', async () => {
  const folder = requestsFolder(dir.path, { 'results.yaml': foiSpec({ date: '2026-12-01' }) });
  const spec = join(folder, 'results.yaml');
  for (const args of [['--sent', '2026-12-01', '--via', 'post'], ['--received', '2026-12-04']]) expect((await runCli('record', spec, ...args)).code).toBe(0);
  const ics = join(dir.path, 'requests.ics');
  const r = await runCli('calendar', spec, '--out', ics);
  expect(r.code, r.err).toBe(0);
  const [response, followUp, appeal] = events(ics);
  expect(response).toMatchObject({ date: '2026-12-28', summary: 'Response due: Polling-station results of the 2027 by-elections (Independent Electoral and Boundaries Commission, ref. OPW/ATI/2027/04)', trigger: '-P4DT15H' });
  expect(response!.description).toContain('counted from 2026-12-04 (Fri), the day the letter was received, from the ledger');
  expect(followUp).toMatchObject({ date: '2026-12-29', trigger: undefined });
  expect(appeal).toMatchObject({ date: '2027-01-27', summary: expect.stringMatching(/^Last day to appeal: /) });

  expect((await runCli('record', spec, '--answer', 'refused', '--on', '2027-01-05')).code).toBe(0);
  await runCli('calendar', spec, '--out', ics);
  expect(events(ics).find((e) => e.summary.startsWith('Last day to appeal'))!.date).toBe('2027-02-04');

  expect((await runCli('record', spec, '--closed', '2027-01-10')).code).toBe(0);
  const closed = await runCli('calendar', spec, '--out', ics);
  expect(closed.code).toBe(1);
  expect(closed.err).toContain(`${spec}: no events: closed on 2027-01-10 (ledger)`);
});

test('an extension the body announced moves the response date: to the new date it gave, else by the law\'s extension', async () => {
  const folder = requestsFolder(dir.path, { 'results.yaml': foiSpec({ date: '2026-12-01' }) });
  const spec = join(folder, 'results.yaml');
  for (const args of [['--sent', '2026-12-01', '--via', 'post'], ['--received', '2026-12-04'], ['--answer', 'extended', '--on', '2026-12-20']]) {
    expect((await runCli('record', spec, ...args)).code).toBe(0);
  }
  const ics = join(dir.path, 'requests.ics');
  expect((await runCli('calendar', spec, '--out', ics)).code).toBe(0);
  const [extended] = events(ics);
  // 21 days from 4 Dec and the 14 more the registry gives KE end on 8 Jan 2027.
  expect(extended).toMatchObject({ date: '2027-01-08', summary: expect.stringMatching(/^Response due: /) });
  expect(extended!.description).toContain('Extension included: the body announced one (ledger), and the law allows 14 more calendar days.');

  expect((await runCli('record', spec, '--answer', 'extended', '--on', '2026-12-21', '--until', '2027-01-15')).code).toBe(0);
  expect((await runCli('calendar', spec, '--out', ics)).code).toBe(0);
  const [given, followUp] = events(ics);
  expect(given).toMatchObject({ date: '2027-01-15' });
  expect(given!.description).toContain('Extended: the body gave 2027-01-15 (Fri) as the new date (ledger)');
  expect(followUp).toMatchObject({ date: '2027-01-16', summary: expect.stringMatching(/^Follow up: /) });
});
