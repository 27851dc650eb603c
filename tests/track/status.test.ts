// `oedr record` and `oedr status`: events go into the ledger as located, checked YAML; status counts
// each law's period from the right day (receipt when known) and names the next step. Dates were
// checked by hand and against `oedr deadline` (KE from 2026-12-04: 28 Dec, a Monday after Christmas
// and Boxing Day; GB from 2026-12-18: 21 Jan, bank holidays anywhere in the UK skipped; US: a
// 90-day appeal from 10 Jan ends on Saturday 10 Apr 2027 and moves to Monday 12 Apr).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { foiSpec, requestsFolder } from './fixtures.js';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => { dir = tempDir(); });
afterEach(() => dir.done());

const statusOf = async (folder: string, today: string) => {
  const r = await runCli('status', folder, '--today', today, '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out).letters as { name: string; due?: { date: string; statutory: boolean }; days_left?: number; counted_from?: { date: string; event: string }; next: { action: string; by?: string; to?: string; why: string } }[];
};

async function record(spec: string, ...args: string[]) {
  const r = await runCli('record', spec, ...args);
  expect(r.code, r.err).toBe(0);
}

describe('oedr status, law by law', () => {
  test('KE (calendar days, a last day on a holiday moves on): counts from receipt, then follow up, then appeal', async () => {
    const folder = requestsFolder(dir.path, { 'results.yaml': foiSpec({ date: '2026-12-03' }) });
    const spec = join(folder, 'results.yaml');
    expect((await statusOf(folder, '2026-12-03'))[0]!.next).toEqual({ action: 'send', why: 'not sent yet' });
    await record(spec, '--sent', '2026-12-03', '--via', 'email');
    await record(spec, '--received', '2026-12-04');
    let [row] = await statusOf(folder, '2026-12-20');
    expect(row!.counted_from).toEqual({ date: '2026-12-04', event: 'received' });
    expect(row!.due).toEqual({ date: '2026-12-28', statutory: true });
    expect(row!.days_left).toBe(8);
    expect(row!.next).toEqual({ action: 'wait', by: '2026-12-28', why: 'the answer is due by 2026-12-28' });
    [row] = await statusOf(folder, '2026-12-29');
    expect(row!.days_left).toBe(-1);
    expect(row!.next).toEqual({ action: 'follow-up', why: 'the answer was due by 2026-12-28; appeal by 2027-01-27 at the latest' });
    // A week before the appeal limit, the appeal is what is due.
    [row] = await statusOf(folder, '2027-01-21');
    expect(row!.next).toMatchObject({ action: 'appeal', by: '2027-01-27', to: 'Commission on Administrative Justice' });
    await record(spec, '--answer', 'refused', '--on', '2027-01-05', '--exemption', 's.6(1)(c)', '--reference', 'IEBC/ATI/2027/15');
    [row] = await statusOf(folder, '2027-01-06');
    expect(row!.next).toEqual({ action: 'appeal', by: '2027-02-04', to: 'Commission on Administrative Justice', why: 'refused on 2027-01-05; lodge the appeal by 2027-02-04' });
  });

  test('GB (working days, bank holidays anywhere in the UK): counted from sending when receipt is unknown', async () => {
    const folder = requestsFolder(dir.path, { 'register.yaml': foiSpec({ law: 'GB', date: '2026-12-18', institution: 'Example Borough Council', basis: 'the Freedom of Information Act 2000, section 1' }) });
    await record(join(folder, 'register.yaml'), '--sent', '2026-12-18', '--via', 'portal', '--reference', 'FOI-2026-118');
    const [row] = await statusOf(folder, '2027-01-04');
    expect(row!.counted_from).toEqual({ date: '2026-12-18', event: 'sent' });
    expect(row!.due).toEqual({ date: '2027-01-21', statutory: true });
    expect(row!.days_left).toBe(17);
  });

  test('US (an extension the agency announced; then a partial answer and a 90-day appeal rolled past a Saturday)', async () => {
    const folder = requestsFolder(dir.path, { 'fec.yaml': foiSpec({ law: 'US', date: '2026-12-01', institution: 'Federal Election Commission', basis: 'the Freedom of Information Act, 5 U.S.C. § 552' }) });
    const spec = join(folder, 'fec.yaml');
    await record(spec, '--sent', '2026-12-01', '--via', 'email');
    await record(spec, '--answer', 'extended', '--on', '2026-12-20', '--until', '2027-01-08');
    let [row] = await statusOf(folder, '2027-01-02');
    expect(row!.next).toEqual({ action: 'wait', by: '2027-01-08', why: 'the answer is due by 2027-01-08' });
    await record(spec, '--answer', 'partial', '--on', '2027-01-10', '--exemption', '(b)(6)');
    [row] = await statusOf(folder, '2027-01-11');
    expect(row!.next).toMatchObject({ action: 'appeal', by: '2027-04-12' });
  });

  test('no law: the needed-by date is what it waits for; delivered data is checked, then done', async () => {
    const spec = foiSpec().replace('law: KE\n', '').replace(/legal_basis: .*\n/, '').replace('kind: foi-request', 'kind: data-request');
    const folder = requestsFolder(dir.path, { 'data.yaml': spec });
    const file = join(folder, 'data.yaml');
    await record(file, '--sent', '2027-03-22', '--via', 'hand');
    let [row] = await statusOf(folder, '2027-04-01');
    expect(row!.due).toEqual({ date: '2027-05-31', statutory: false });
    expect(row!.next).toEqual({ action: 'wait', by: '2027-05-31', why: 'needed by 2027-05-31' });
    await record(file, '--answer', 'delivered', '--on', '2027-05-02', '--file', 'results.csv');
    [row] = await statusOf(folder, '2027-05-03');
    expect(row!.next.action).toBe('check-data');
    await record(file, '--closed', '2027-05-04');
    [row] = await statusOf(folder, '2027-05-05');
    expect(row!.next).toEqual({ action: 'done', why: 'closed on 2027-05-04' });
  });

  test('--markdown is a table for a CI summary, with values escaped; --check fails when action is due', async () => {
    const folder = requestsFolder(dir.path, { 'results.yaml': foiSpec({ date: '2026-12-03' }).replace('Independent Electoral and Boundaries Commission', 'Commission | *Electoral*') });
    await record(join(folder, 'results.yaml'), '--sent', '2026-12-04', '--via', 'email');
    const md = await runCli('status', folder, '--today', '2026-12-29', '--markdown');
    expect(md.out).toContain('| Letter | To | Law | Sent | Due | Days | Last answer | Next step |');
    expect(md.out).toContain('| results | Commission \\| \\*Electoral\\* | KE | 2026-12-04 | 2026-12-28 | 1 overdue |  | follow up |');
    expect(md.out).toContain('**Action needed:** results (the answer was due by 2026-12-28; appeal by 2027-01-27 at the latest)');
    const wait = await runCli('status', folder, '--today', '2026-12-20', '--check');
    expect(wait.code).toBe(0);
    const late = await runCli('status', folder, '--today', '2026-12-29', '--check');
    expect(late.code).toBe(1);
    expect(late.err).toBe('oedr status: 1 letter needs action: results');
  });
});

describe('oedr record', () => {
  test('keeps comments and what was there, and adds the answer at the end', async () => {
    const folder = requestsFolder(dir.path, { 'results.yaml': foiSpec() });
    const ledger = join(folder, '_ledger.yaml');
    writeFileSync(ledger, '# Our requests, kept by the data desk.\nletters:\n  results:\n    spec: results.yaml\n    sent: { on: 2027-03-22, via: post }  # registered mail RR123\n');
    await record(join(folder, 'results.yaml'), '--answer', 'acknowledged', '--on', '2027-03-25', '--reference', 'IEBC/IN/77');
    expect(readFileSync(ledger, 'utf8')).toBe('# Our requests, kept by the data desk.\nletters:\n  results:\n    spec: results.yaml\n    sent: { on: 2027-03-22, via: post } # registered mail RR123\n    answers:\n      - on: 2027-03-25\n        kind: acknowledged\n        reference: IEBC/IN/77\n');
  });

  test.each([
    [['--answer', 'refused'], 2, '--on needs a date, YYYY-MM-DD [missing-date]'],
    [['--answer', 'denied', '--on', '2027-04-01'], 2, '--answer must be one of: acknowledged, extended, partial, refused, delivered, transferred; got "denied" [record-answer]'],
    [['--sent', '2027-02-30', '--via', 'email'], 2, '--sent: expected a real day written YYYY-MM-DD, got "2027-02-30" [bad-date]'],
    [['--sent', '2027-03-22'], 2, '--sent needs --via, one of: email, post, portal, hand, fax [record-via]'],
    [['--sent', '2027-03-22', '--via', 'post', '--received', '2027-03-23'], 2, 'record one event at a time; got --sent and --received [record-what]'],
    [['--answer', 'partial', '--on', '2027-04-01', '--until', '2027-05-01'], 2, '--until is the new date of an extension: it goes with --answer extended [record-option]'],
    [[], 2, 'say what to record: --sent DATE --via CHANNEL, --received DATE, --answer KIND --on DATE, or --closed DATE [record-what]'],
  ])('%j is refused (exit %i): %s', async (args, code, message) => {
    const folder = requestsFolder(dir.path, { 'results.yaml': foiSpec() });
    const r = await runCli('record', join(folder, 'results.yaml'), ...args);
    expect(r.code).toBe(code);
    expect(r.err).toBe(message);
  });

  test('an answer dated before the sending is refused with its place, and nothing is written', async () => {
    const folder = requestsFolder(dir.path, { 'results.yaml': foiSpec() });
    const spec = join(folder, 'results.yaml');
    await record(spec, '--sent', '2027-03-22', '--via', 'email');
    const before = readFileSync(join(folder, '_ledger.yaml'), 'utf8');
    const r = await runCli('record', spec, '--answer', 'refused', '--on', '2027-03-01');
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(`${join(folder, '_ledger.yaml')}:10:13 letters.results.answers.0.on: an answer dated 2027-03-01 comes after 2027-03-22; answers are listed oldest first, after the letter was sent [ledger-order]`);
    expect(readFileSync(join(folder, '_ledger.yaml'), 'utf8')).toBe(before);
  });

  test('a mistake in a hand-edited ledger is reported at its line and column by every command that reads it', async () => {
    const folder = requestsFolder(dir.path, { 'results.yaml': foiSpec() });
    writeFileSync(join(folder, '_ledger.yaml'), 'letters:\n  results:\n    spec: results.yaml\n    sent: { on: 2027-03-22, vai: email }\n');
    for (const argv of [['status', folder], ['record', join(folder, 'results.yaml'), '--received', '2027-03-23']]) {
      const r = await runCli(...argv);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${join(folder, '_ledger.yaml')}:4:29 letters.results.sent.vai: unknown key \`vai\` (did you mean \`via\`?) [unknown-key]`);
    }
  });

  test('a spec with several recipients needs --recipient, and the error lists them', async () => {
    const spec = foiSpec().replace(/recipient:\n(  .*\n)+?(?=law:)/, 'recipients:\n  - { id: nairobi, institution: Nairobi Office, email: nairobi@iebc.example }\n  - { id: coast, institution: Coast Office, email: coast@iebc.example }\n');
    const folder = requestsFolder(dir.path, { 'results.yaml': spec });
    const r = await runCli('record', join(folder, 'results.yaml'), '--received', '2027-03-23');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${join(folder, 'results.yaml')}: this spec has 2 recipients; say which with --recipient: nairobi, coast [which-recipient]`);
    await record(join(folder, 'results.yaml'), '--recipient', 'coast', '--sent', '2027-03-22', '--via', 'email');
    const rows = await statusOf(folder, '2027-03-23');
    expect(rows.map((x) => [x.name, x.next.action])).toEqual([['results-nairobi', 'send'], ['results-coast', 'wait']]);
  });
});

describe('the ledger schema', () => {
  test('schema/oedr-ledger.schema.json is current, and every key has a description for editors', async () => {
    const { ledgerJsonSchema } = await import('../../src/spec/json-schema.js');
    const committed = readFileSync(join(import.meta.dirname, '../../schema/oedr-ledger.schema.json'), 'utf8');
    expect(committed === ledgerJsonSchema(), 'schema/oedr-ledger.schema.json is stale: run `npm run schema` and commit the result').toBe(true);
    const r = await runCli('schema', '--ledger');
    expect(r.out).toBe(ledgerJsonSchema());
    const undescribed: string[] = [];
    const walk = (node: Record<string, unknown>, path: string) => {
      for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (!v.description) undescribed.push(`${path}${k}`);
        walk(v, `${path}${k}.`);
        if (v.items) walk(v.items as Record<string, unknown>, `${path}${k}[].`);
        if (v.additionalProperties && typeof v.additionalProperties === 'object') walk(v.additionalProperties as Record<string, unknown>, `${path}${k}.*.`);
      }
    };
    walk(JSON.parse(committed), '');
    expect(undescribed).toEqual([]);
  });
});
