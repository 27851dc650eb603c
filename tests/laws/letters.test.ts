// What the law does to letters: appeal timing, the appeal limit from a dated refusal, addressees,
// EU residence, and the calendar for every recipient.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());

const spec = (extra: string, letter = 'kind: foi-request, date: 2027-03-01') => `letter: { ${letter}, reference: X/1, subject: Request for results }
requester: { organisation: Example Watch, email: data@example.test, signatory: { name: A. N. Tester, title: Director } }
recipient: { institution: National Election Commission, office: ICT }
purpose: To check the results.
datasets: [ { title: Results by polling station, description: The official result at each polling station., needed_by: 2027-09-01 } ]
${extra}`;
const write = (name: string, text: string) => { const f = join(tmp.path, name); writeFileSync(f, text); return f; };
const appeal = (date: string, earlier: string) => spec(`law: KE\nearlier_request: { reference: X/0, sent_on: 2027-03-01, ${earlier} }`, `kind: appeal, date: ${date}`);

describe('appeals', () => {
  it('before the answer is due is refused: no refusal can be assumed yet', async () => {
    const r = await runCli('validate', write('early.yaml', appeal('2027-03-05', 'response: none')));
    expect(r.code).toBe(1);
    expect(r.err).toContain('letter.date: the appeal is dated 2027-03-05, but the answer to the request is due only by 2027-03-22; until then no refusal can be assumed (send a follow-up instead) [appeal-too-early]');
  });

  it('after the last day warns, and the letter does not claim to be in time', async () => {
    const file = write('late.yaml', appeal('2027-06-30', 'response: none'));
    const r = await runCli('draft', file, '--format', 'md', '--out', join(tmp.path, 'late'));
    expect(r.err).toContain('the appeal is dated 2027-06-30, after the last day to lodge it under the KE law (2027-04-21, 30 calendar days from 2027-03-22)');
    const md = readFileSync(join(tmp.path, 'late', 'late.md'), 'utf8');
    expect(md).not.toContain('within the time the law allows');
    expect(md).toContain('Commission on Administrative Justice');
    expect(md).not.toContain('application for review');
  });

  it('in time, counted from a dated refusal rather than the due date', async () => {
    const file = write('refused.yaml', appeal('2027-03-20', 'response: refused, response_date: 2027-03-05'));
    const r = await runCli('draft', file, '--format', 'md', '--out', join(tmp.path, 'refused'));
    expect(r.code).toBe(0);
    expect(readFileSync(join(tmp.path, 'refused', 'refused.md'), 'utf8').replace(/\s+/g, ' '))
      .toContain('This application for review is made in time: the law allows 30 calendar days, so it may be lodged by 5 April 2027.');
    // 5 March + 30 calendar days is Sunday 4 April 2027, which moves to the next working day.
  });
});

it('an organisation registered in an EU member state may use the EU access law', async () => {
  const r = await runCli('validate', write('eu.yaml', spec('law: EU').replace('email: data@example.test,', 'email: data@example.test, registered_in: DE,')));
  expect(r.err).not.toContain('law-citizens-only');
});

it('oedr calendar gives every recipient of a list its own dates', async () => {
  const dir = join(tmp.path, 'batch');
  mkdirSync(dir);
  for (const f of ['_profile.yaml', '_regional-offices.csv', 'results-2027.yaml']) copyFileSync(join(root, 'examples/batch', f), join(dir, f));
  const specFile = join(dir, 'results-2027.yaml');
  writeFileSync(specFile, readFileSync(specFile, 'utf8').replace(/^letter:/m, 'law: KE\nletter:'));
  const r = await runCli('calendar', dir, '--out', join(tmp.path, 'r.ics'));
  expect(r.code, r.err).toBe(0);
  const ics = readFileSync(join(tmp.path, 'r.ics'), 'utf8').replace(/\r\n /g, '');
  // examples/batch/_regional-offices.csv lists four offices (addresses span several lines).
  expect(ics.match(/^SUMMARY:Response due/gm)).toHaveLength(4);
  expect(new Set(ics.match(/^UID:.*$/gm)).size).toBe(ics.match(/^UID:/gm)!.length);
});

it('an FoI filing states the statutory date as counted from receipt, not from the letter date', async () => {
  const out = join(tmp.path, 'foi-out');
  const r = await runCli('draft', write('foi-ke.yaml', spec('law: KE')), '--format', 'md', '--out', out);
  expect(r.code).toBe(0);
  expect(readFileSync(join(out, 'foi-ke.md'), 'utf8')).toContain(
    'at the latest within the 21 calendar days the law allows from receipt (by 22 March 2027 if this letter reaches you on its date).');
});
