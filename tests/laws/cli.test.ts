// `oedr laws` and `oedr deadline`: output through the command functions with a capturing Io; errors
// through main() (runCli), which is what prints them and picks the exit code for every command.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { deadline } from '../../src/cli/deadline.js';
import { laws } from '../../src/cli/laws.js';
import { captureIo, runCli } from '../helpers.js';

function capture() {
  const io = captureIo();
  return { io, out: () => io.stdout.join('\n'), err: () => io.stderr.join('\n') };
}

describe('oedr laws', () => {
  test('the list shows code, law, period and unit, appeal steps, and marks low confidence', async () => {
    const c = capture();
    expect(await laws(undefined, {}, c.io)).toBe(0);
    const lines = c.out().split('\n');
    expect(lines[0]).toMatch(/^CODE\s+LAW\s+RESPONSE \(\+EXT\.\)\s+APPEAL STEPS\s+CONFIDENCE$/);
    expect(lines.find((l) => l.startsWith('KE '))).toMatch(/^KE\s+Access to Information Act, 2016\s+21 calendar days \(\+14\)\s+ombudsman > court\s+high$/);
    expect(lines.find((l) => l.startsWith('ZM '))).toMatch(/no verified period\s+internal-review > oversight-body > court\s+LOW - verify$/);
    expect(lines.find((l) => l.startsWith('BD '))).toMatch(/20 working days \(\+10\)/);
    expect(c.out()).toMatch(/34 laws\. 7 marked LOW/);
  });

  test('one law in full, with its sources and appeal limits; the code is case-insensitive', async () => {
    const c = capture();
    expect(await laws('ke', {}, c.io)).toBe(0);
    const text = c.out();
    expect(text).toContain('KE  Access to Information Act, 2016');
    expect(text).toContain('Response:         21 calendar days after receipt (the day of receipt is not counted)');
    expect(text).toContain('  1. application for review to the Commission on Administrative Justice - Commission on Administrative Justice (Office of the Ombudsman), application for review (s.14) - within 30 calendar days of the decision [section 14]');
    expect(text).toContain('  2. appeal to the High Court - High Court (s.23) - within 21 calendar days of the Commission\'s decision [section 23]');
    expect(text).toMatch(/Source: +ATI Act 2016 s\.9/);
    expect(text).toMatch(/Checked: +s\.9\(1\) \(21 days\)/);
  });

  test('--json gives the registry rows', async () => {
    const c = capture();
    await laws(undefined, { json: true }, c.io);
    const data = JSON.parse(c.out()) as { laws: { code: string; response: unknown }[] };
    expect(data.laws.find((l) => l.code === 'GB')?.response).toEqual({ period: 20, unit: 'working-days' });
    const one = capture();
    await laws('MW', { json: true }, one.io);
    expect(JSON.parse(one.out())).toMatchObject({ code: 'MW', response: null, confidence: 'low' });
  });

  test('an unknown code is a usage error listing the known codes', async () => {
    const r = await runCli('laws', 'XX');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^no law for "XX"; known codes: AR, AU, .* \(add one with --laws FILE\) \[unknown-law\]$/);
  });

  test.each([
    ['Kenya', 'no law for "Kenya"; did you mean `KE` (Kenya: Access to Information Act, 2016)? Laws are named by country code [unknown-law]'],
    ['kenia', 'no law for "kenia"; did you mean `KE` (Kenya: Access to Information Act, 2016)? Laws are named by country code [unknown-law]'],
    ['United Kingdom', 'no law for "United Kingdom"; did you mean `GB` (United Kingdom: Freedom of Information Act 2000)? Laws are named by country code [unknown-law]'],
  ])('a country name (%s) suggests its code', async (asked, message) => {
    expect(await runCli('laws', asked)).toEqual({ code: 2, out: '', err: message });
    expect((await runCli('deadline', '--law', asked, '--from', '2026-12-18')).err).toBe(message);
  });

  test('a law name many countries share suggests no one law', async () => {
    expect((await runCli('laws', 'Access to Information Act, 2016')).err).toMatch(/^no law for "Access to Information Act, 2016"; known codes: AR, /);
  });

  test('a broken --laws file is reported at file:line:col, exit 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oedr-cli-'));
    const file = join(dir, 'laws.yaml');
    await writeFile(file, 'laws:\n  - code: kenya\n');
    const r = await runCli('laws', '--laws', file);
    await rm(dir, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}:2:11 laws[0].code: expected an ISO 3166-1 alpha-2 code (or EU), e.g. KE; got "kenya" [invalid-format]`);
  });

  test('on an 80-column terminal the table fits, cutting long cells with …; piped, it is full width', async () => {
    const tty = { ...captureIo(), outTerminal: true, columns: 80 };
    expect(await laws(undefined, {}, tty)).toBe(0);
    const lines = tty.stdout.join('\n').split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(lines.find((l) => l.startsWith('US '))).toMatch(/…/);
    expect(lines.find((l) => l.startsWith('KE '))).toMatch(/^KE\s+Access to Info\S*…\s+21 calendar days \(\+14\)\s+ombudsman > court\s+high$/);
    expect(lines.slice(lines.indexOf('') + 1).join(' ')).toBe('34 laws. 7 marked LOW: check the statute before quoting them. `oedr laws CODE` shows one law with its sources.');

    const piped = capture();
    await laws(undefined, {}, piped.io);
    expect(piped.out()).not.toContain('…');
    expect(Math.max(...piped.out().split('\n').map((l) => l.length))).toBeGreaterThan(80);
  });
});

describe('oedr deadline', () => {
  test('prints the due date and the rule; --explain lists every day with holiday names', async () => {
    const c = capture();
    expect(await deadline({ law: 'GB', from: '2026-12-18', explain: true }, c.io)).toBe(0);
    const text = c.out();
    expect(text).toMatch(/^GB Freedom of Information Act 2000: response due 2027-01-21 \(Thu\)$/m);
    expect(text).toContain('20 working days after 2026-12-18 (the day of receipt is not counted)');
    expect(text).toContain('  2026-12-19 Sat  skipped: weekend');
    expect(text).toContain('  2026-12-21 Mon  day 1');
    expect(text).toContain('  2026-12-28 Mon  skipped: holiday: Boxing Day (substitute day)');
    expect(text).toContain('  2027-01-04 Mon  skipped: holiday: January 2nd (substitute day) (GB-SCT)');
    expect(text).toContain('  2027-01-21 Thu  day 20');
    expect(c.err()).toBe('');
  });

  test('--closed adds a named closure; --extension shows both dates', async () => {
    const c = capture();
    expect(await deadline({ law: 'KE', from: '2026-12-18', extension: true, explain: true, closed: ['2027-01-22=Election day'] }, c.io)).toBe(0);
    // 18 Dec + 35 = Fri 22 Jan 2027, now an election-day closure, so the date moves over the weekend
    expect(c.out()).toMatch(/response due 2027-01-25 \(Mon\)/);
    expect(c.out()).toContain('Initial period ends 2027-01-08; with the extension of 14 calendar days: 2027-01-25.');
    expect(c.out()).toContain('  2027-01-22 Fri  not a working day: closure: Election day');
  });

  test('--json carries the result, the law and the holiday source', async () => {
    const c = capture();
    await deadline({ law: 'BD', from: '2026-03-12', json: true }, c.io);
    expect(JSON.parse(c.out())).toMatchObject({ status: 'due', due: '2026-04-15', unit: 'working-days', law: { code: 'BD' }, holidays: { source: 'date-holidays 3.37.0' } });
  });

  test('a law without a verified period: "no statutory date", exit 1, with a low-confidence warning', async () => {
    const c = capture();
    expect(await deadline({ law: 'ZM', from: '2026-05-04' }, c.io)).toBe(1);
    expect(c.out()).toMatch(/^ZM: no statutory date\. ZM \(Access to Information Act, 2023\): no statutory response period is recorded - Statutory response time NOT found in available copies\.$/m);
    expect(c.err()).toContain('warning: the ZM row has low confidence');
  });

  test('the law code is case-insensitive', async () => {
    const r = await runCli('deadline', '--law', 'ke', '--from', '2026-12-18');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^KE Access to Information Act, 2016: response due /);
  });

  test('outside the holiday data: exit 1 with the reason', async () => {
    const r = await runCli('deadline', '--law', 'KE', '--from', '2035-12-20');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/covers 2020-01-01 to 2035-12-31, but the KE deadline needs 2036-01-01; refusing to guess .*\[holiday-data-not-covered\]$/);
  });

  test.each([
    [['--from', '2026-13-01'], /expected the request date as YYYY-MM-DD \(a real day\), got "2026-13-01" \[bad-date\]/],
    [['--from', '2026-05-04', '--closed', '4 May'], /expected --closed YYYY-MM-DD or YYYY-MM-DD=name, got "4 May" \[bad-closure\]/],
    [['--from', '2026-05-04', '--closed', '2026-02-30'], /expected a closure date as YYYY-MM-DD \(a real day\), got "2026-02-30" \[bad-date\]/],
  ])('bad input %j is a usage error', async (argv, message) => {
    const r = await runCli('deadline', '--law', 'KE', ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
