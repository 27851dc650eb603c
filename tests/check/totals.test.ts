// `oedr check --summary`: do the detail rows add up to the totals the institution sent with them?
// The summaries are built here from real OpenElections precinct results (the excerpt in fixtures,
// and the full file in ../shared/data when it is there), summed by county, office, district, party
// and candidate, then tampered with: one total off by 7, a group the detail lacks, a group the
// summary lacks.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseCsv } from '../../src/spec/csv.js';
import { fixture, root, runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const write = (name: string, data: string) => {
  const file = join(tmp.path, name);
  writeFileSync(file, data);
  return file;
};
const csv = (rs: string[][], d = ',') => rs.map((r) => r.map((v) => (v.includes(d) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v)).join(d)).join('\n') + '\n';
const lines = (out: string) => out.split('\n').map((l) => l.trim());

function request(name: string, extra = '    summary_totals: votes per candidate per county\n'): string {
  return write(`${name}.yaml`, `letter: { date: 2027-03-01, subject: Request for precinct results }
requester: { organisation: Test Election Watch, email: data@example.test, signatory: { name: A. N. Tester } }
recipient: { institution: Secretary of State, person: Ms Ayotte }
datasets:
  - title: Results by precinct
    description: Votes per candidate at each precinct.
${extra}    fields:
      - { name: county, description: The county, required: true }
      - { name: precinct, description: The precinct, required: true }
      - { name: office, description: The office }
      - { name: district, description: The district }
      - { name: party, description: The party }
      - { name: candidate, description: The candidate, required: true }
      - { name: votes, description: The votes, type: integer, required: true }
`);
}

/** Votes summed by county, office, district, party and candidate, in order of first appearance; values that are not whole numbers count 0. */
function countyTotals(file: string): string[][] {
  const rows = parseCsv(readFileSync(file, 'utf8'), file).rows.map((r) => r.map((c) => c.value)).slice(1);
  const sums = new Map<string, [string[], number]>();
  for (const r of rows) {
    const key = [r[0]!, r[2]!, r[3]!, r[4]!, r[5]!];
    const k = key.join('\u0000');
    const v = /^\d+$/.test(r[6] ?? '') ? Number(r[6]) : 0;
    const g = sums.get(k);
    if (g) g[1] += v; else sums.set(k, [key, v]);
  }
  return [['county', 'office', 'district', 'party', 'candidate', 'votes'], ...[...sums.values()].map(([k, v]) => [...k, String(v)])];
}

const check = (...argv: string[]) => runCli('check', ...argv);

describe('totals from the real excerpt (no ../shared needed)', () => {
  const detail = fixture('delivered/nh-2020-general-precinct-excerpt.csv');
  const summary = countyTotals(detail);
  const spec = request('request');

  test('a summary built from the detail: every total adds up, exit 0', async () => {
    expect(summary.length - 1).toBe(13);
    const r = await check(detail, '--summary', write('summary.csv', csv(summary)), '--against', spec);
    expect(r.code).toBe(0);
    const out = lines(r.out);
    expect(out).toContain(`${join(tmp.path, 'summary.csv')}`);
    expect(out).toContain(`the totals of ${detail}, for dataset 1, "Results by precinct", of ${spec}`);
    expect(out).toContain('13 rows of data, 6 columns');
    expect(out).toContain('✓ totals     All 13 totals in the summary add up: the detail rows give the same votes per county, office, district, party and candidate.');
    expect(out).toContain('Result: the detail adds up to the summary.');
  });

  test('one total off by 7, a group the detail lacks, a group the summary lacks: each named, exit 1', async () => {
    const tampered = summary.map((r) => [...r]);
    tampered[3]![5] = String(Number(tampered[3]![5]) + 7);
    const [gone] = tampered.splice(10, 1);
    tampered.push(['Belknap', 'President', '', 'LIB', 'Nobody', '12']);
    const r = await check(detail, '--summary', write('tampered.csv', csv(tampered)), '--against', spec);
    expect(r.code).toBe(1);
    const out = lines(r.out);
    expect(gone).toEqual(['Coos', 'President', '', 'REP', 'Donald Trump', '17234']);
    expect(out).toContain('✗ totals     1 of 12 totals in the summary does not match the sum of the detail rows; the first: county Belknap, office President, district (empty), party LIB, candidate Jo Jorgensen: votes 1,203 in the summary, 1,196 in the detail rows (7 fewer in the detail).');
    expect(out).toContain('✗ totals     1 group of the summary has no rows in the detail: county Belknap, office President, district (empty), party LIB, candidate Nobody (line 14 of the summary). The detail may be incomplete.');
    expect(out).toContain('✗ totals     1 group of the detail (27 rows) is not in the summary: county Coos, office President, district (empty), party REP, candidate Donald Trump (first at line 197 of nh-2020-general-precinct-excerpt.csv). The summary may be incomplete.');
    expect(out).toContain('Result: 3 differences from the request (marked ✗).');
  });

  test('--json: the summary is one more report, with the detail files it adds up', async () => {
    const off = summary.map((r, i) => (i === 1 ? [...r.slice(0, 5), String(Number(r[5]) - 1)] : r));
    const r = await check(detail, '--summary', write('off.csv', csv(off)), '--against', spec, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.files.map((f: { status: string }) => f.status)).toEqual(['match', 'deviations']);
    expect(report.files[1]).toMatchObject({ file: join(tmp.path, 'off.csv'), summaryOf: [detail], rows: 13 });
    expect(report.files[1].findings).toEqual([{
      aspect: 'totals', status: 'deviation', kind: 'mismatch', count: 1,
      message: '1 of 13 totals in the summary does not match the sum of the detail rows; the first: county Belknap, office President, district (empty), party REP, candidate Donald Trump: votes 41,797 in the summary, 41,798 in the detail rows (1 more in the detail).',
      details: ['county Belknap, office President, district (empty), party REP, candidate Donald Trump: votes 41,797 in the summary, 41,798 in the detail rows (1 more in the detail)'],
    }]);
  });

  test('the follow-up letter lists the totals: what was requested, what was received', async () => {
    const off = summary.map((r, i) => (i === 1 ? [...r.slice(0, 5), '17000'] : r));
    const out = join(tmp.path, 'letters');
    const r = await check(detail, '--summary', write('county-totals.csv', csv(off)), '--against', spec, '--follow-up', '--format', 'md', '--out', out, '--date', '2027-09-01');
    expect(r.code).toBe(1);
    const md = readFileSync(join(out, 'request-check-follow-up.md'), 'utf8').replace(/\\([\s\S])/g, '$1').replace(/\s+/g, ' ');
    expect(md).toContain('## county-totals.csv');
    expect(md).toContain('**Totals.** We asked for totals that the detailed data adds up to, described in our request as "votes per candidate per county". 1 of 13 totals in the summary does not match the sum of the detail rows: county Belknap, office President, district (empty), party REP, candidate Donald Trump: votes 17,000 in the summary, 41,798 in the detail rows (24,798 more in the detail).');
    expect(md).not.toContain('For example');
  });

  test('a request without summary_totals: the summary is still checked, with a note', async () => {
    const r = await check(detail, '--summary', write('plain.csv', csv(summary)), '--against', request('no-totals', ''));
    expect(r.code).toBe(0);
    expect(lines(r.out)).toContain('· totals     The request did not ask for summary totals; the summary given was checked all the same.');
  });

  test('a summary that cannot be read is exit 3; a PDF summary is a deviation', async () => {
    const r = await check(detail, '--summary', join(tmp.path, 'nowhere.csv'), '--against', spec);
    expect(r.code).toBe(3);
    expect(lines(r.out)).toContain('! totals     There is no such file.');
    const pdf = await check(detail, '--summary', write('totals.pdf', '%PDF-1.7\n'), '--against', spec);
    expect(pdf.code).toBe(1);
    expect(lines(pdf.out)).toContain('✗ totals     The summary is a PDF document; oedr adds up totals from a CSV or TSV summary only. Ask for the summary as CSV.');
  });
});

test('the requested dialect for the detail (semicolons, decimal comma), the summary\'s sniffed (commas, quoted decimals)', async () => {
  const spec = write('turnout.yaml', `letter: { date: 2027-03-01, subject: Request for turnout }
requester: { organisation: Test Election Watch, email: data@example.test, signatory: { name: A. N. Tester } }
recipient: { institution: Election Commission }
datasets:
  - title: Turnout by polling station
    description: Registered voters and turnout.
    delimiter: ";"
    decimal_separator: ","
    fields:
      - { name: region, description: The region }
      - { name: station, description: The station }
      - { name: registered, description: Registered voters, type: integer }
      - { name: share, description: Share of the region's voters, type: number }
`);
  const detail = write('turnout.csv', 'region;station;registered;share\nNord;A;1200;0,25\nNord;B;2400;0,50\nNord;C;1200;0,25\nSud;D;900;0,3\nSud;E;2100;0,7\n');
  const good = await check(detail, '--summary', write('turnout-totals.csv', 'Region,Registered,Share\nNord,4800,"1,0"\nSud,3000,"1,00"\n'), '--against', spec);
  expect(good.code).toBe(0);
  expect(lines(good.out)).toContain('✓ totals     All 4 totals in the summary add up: the detail rows give the same Registered, Share per Region.');
  const bad = await check(detail, '--summary', write('turnout-bad.csv', 'Region,Registered,Share\nNord,4800,"0,9"\nSud,3000,"1,00"\n'), '--against', spec);
  expect(lines(bad.out)).toContain('✗ totals     1 of 4 totals in the summary does not match the sum of the detail rows; the first: Region Nord: Share 0,9 in the summary, 1,0 in the detail rows (0,1 more in the detail).');
});

const shared = join(root, '../shared/data');
describe.skipIf(!existsSync(shared))('totals of the full 2020 New Hampshire precinct results in ../shared/data', () => {
  const detail = join(shared, '20201103__nh__general__precinct.csv');
  const spec = request('full');

  test('county totals built from the file add up, and a tampered total and a missing group are named', async () => {
    const summary = countyTotals(detail);
    const good = await check(detail, '--summary', write('nh-county.csv', csv(summary)), '--against', spec);
    const out = lines(good.out);
    expect(out).toContain('✓ totals     All 1,573 totals in the summary add up: the detail rows give the same votes per county, office, district, party and candidate.');
    expect(out).toContain('· totals     6 values to be added up in the detail are not numbers and were left out of the sums (first at line 3422 of 20201103__nh__general__precinct.csv: votes "Chris Sununu").');

    const tampered = summary.map((r) => [...r]);
    tampered[100]![5] = String(Number(tampered[100]![5]) - 7);
    tampered.push(['Grafton', 'Governor', '', 'IND', 'Nobody', '3']);
    const bad = await check(detail, '--summary', write('nh-tampered.csv', csv(tampered)), '--against', spec);
    expect(bad.code).toBe(1);
    const t = lines(bad.out);
    expect(t).toContain('✗ totals     1 of 1,573 totals in the summary does not match the sum of the detail rows; the first: county Cheshire, office U.S. House, district 2, party DEM, candidate Ann McLane Kuster: votes 25,316 in the summary, 25,323 in the detail rows (7 more in the detail).');
    expect(t).toContain('✗ totals     1 group of the summary has no rows in the detail: county Grafton, office Governor, district (empty), party IND, candidate Nobody (line 1575 of the summary). The detail may be incomplete.');
  });
});

describe('several detail files against one summary', () => {
  const spec = write('kenya.yaml', `letter: { date: 2027-03-01, subject: Request for results }
requester: { organisation: Test Election Watch, email: data@example.test, signatory: { name: A. N. Tester } }
recipient: { institution: Election Commission }
datasets:
  - title: Results by polling station
    description: Votes per candidate at each polling station.
    summary_totals: Registered voters, and votes per candidate per constituency.
    fields:
      - { name: constituency, description: The constituency, required: true }
      - { name: polling_station_code, description: The code, required: true }
      - { name: candidate, description: The candidate, required: true }
      - { name: registered_voters, description: Registered voters, type: integer }
      - { name: candidate_votes, description: Votes, type: integer, required: true }
`);
  const a = write('stations-a.csv', 'constituency,polling_station_code,candidate,registered_voters,candidate_votes\nKamukunji,001,Ann,500,12\nKamukunji,001,Bob,500,7\nStarehe,002,Ann,400,3\nStarehe,002,Bob,400,5\n');
  const b = write('stations-b.csv', 'constituency,polling_station_code,candidate,registered_voters\nKamukunji,003,Ann,300\nKamukunji,003,Bob,300\nStarehe,004,Ann,200\nStarehe,004,Bob,200\n');
  const summary = write('constituency-totals.csv', 'constituency,candidate,registered_voters,candidate_votes\nKamukunji,Ann,800,20\nKamukunji,Bob,800,10\nStarehe,Ann,600,8\nStarehe,Bob,600,9\n');

  test('a file without a measure column: that total cannot be judged, said once, and no flood of mismatches', async () => {
    for (const files of [[a, b], [b, a]]) {
      const r = await check(...files, '--summary', summary, '--against', spec);
      expect(r.code).toBe(1);
      const out = lines(r.out);
      expect(out).toContain('✗ totals     The candidate_votes totals cannot be judged: stations-b.csv has no candidate_votes column, so its rows are left out of the sums.');
      expect(out).toContain('✓ totals     All 4 totals in the summary add up: the detail rows give the same registered_voters per constituency and candidate.');
      expect(r.out).not.toContain('do not match');
      expect(r.out).not.toContain('does not match');
    }
  });

  test('the follow-up letter: the request quoted once, each finding on the totals once, no list of column names as an example', async () => {
    const off = write('constituency-off.csv', 'constituency,candidate,registered_voters,candidate_votes\nKamukunji,Ann,900,20\nKamukunji,Bob,800,10\nStarehe,Ann,600,8\nStarehe,Bob,600,9\n');
    const out = join(tmp.path, 'kenya-letters');
    const r = await check(a, b, '--summary', off, '--against', spec, '--follow-up', '--format', 'md', '--out', out, '--date', '2027-09-01');
    expect(r.code).toBe(1);
    const md = readFileSync(join(out, 'kenya-check-follow-up.md'), 'utf8');
    const section = md.slice(md.indexOf('## constituency-off.csv'), md.indexOf('A corrected file'));
    expect(section).toBe(`## constituency-off.csv

- **Totals.** We asked for totals that the detailed data adds up to, described in our request as "Registered voters, and votes per candidate per constituency". The candidate_votes totals cannot be judged: stations-b.csv has no candidate_votes column, so its rows are left out of the sums. 1 of 4 totals in the summary does not match the sum of the detail rows: constituency Kamukunji, candidate Ann: registered_voters 900 in the summary, 800 in the detail rows (100 fewer in the detail).

`);
  });

  test('a file without a key column: no total can be judged, and none is compared', async () => {
    const c = write('stations-c.csv', 'polling_station_code,candidate,registered_voters,candidate_votes\n003,Ann,300,8\n003,Bob,300,3\n004,Ann,200,5\n004,Bob,200,4\n');
    const r = await check(a, c, '--summary', summary, '--against', spec);
    expect(r.code).toBe(1);
    const out = lines(r.out);
    expect(out).toContain('✗ totals     No total can be judged: stations-c.csv has no constituency column, so its rows cannot be put in the summary\'s groups.');
    expect(out.filter((l) => l.startsWith('✗ totals') || l.startsWith('✓ totals'))).toHaveLength(1);
  });
});

describe('nothing compared is never a pass (issue 14, defect 10)', () => {
  const detail = fixture('delivered/nh-2020-general-precinct-excerpt.csv');
  const spec = request('nothing');

  test.each([
    ['no column in common', 'zzz,yyy\n1,2\n', /✗ totals {5}No totals could be compared/],
    ['a header only', 'county,votes\n', /✗ totals {5}No total was compared/],
    ['no group matched, numbers not numbers', 'county,votes\nNowhere,x\n', /✗ totals/],
  ])('a summary with %s is a difference, exit 1', async (_, text, finding) => {
    const r = await check(detail, '--summary', write(`nothing-${text.length}.csv`, text), '--against', spec);
    expect(r.out).toMatch(finding);
    expect(r.out).not.toContain('Result: the detail adds up to the summary.');
    expect(r.code).toBe(1);
  });

  test('a detail file of a header row only does not match the request, exit 1', async () => {
    const r = await check(write('header-only.csv', 'county,precinct,office,district,party,candidate,votes\n'), '--against', spec);
    expect(r.out).toContain('✗ rows       The file holds no rows of data, only the names of the columns: there is nothing to compare with the request.');
    expect(r.out).not.toContain('Result: the file matches the request.');
    expect(r.code).toBe(1);
  });
});
