// `oedr check` on a delivery spread over files: the real NH precinct results split into one CSV per
// county, as a ZIP archive and as a folder, must add up to the same totals and count the same units
// as the single file; and renamed columns, with and without a column map.
import { zipSync } from 'fflate';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseCsv } from '../../src/spec/csv.js';
import { fixture, nhFields, nhSpecText, root, runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const check = (...argv: string[]) => runCli('check', ...argv);
const write = (name: string, data: string | Uint8Array) => { const f = join(tmp.path, name); writeFileSync(f, data); return f; };
const csv = (rs: string[][]) => rs.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n') + '\n';
const rowsOf = (file: string) => parseCsv(readFileSync(file, 'utf8'), file).rows.map((r) => r.map((c) => c.value));

const spec = (name: string, extra = '') => write(`${name}.yaml`, nhSpecText(nhFields, `    summary_totals: votes per candidate per county\n${extra}`));
const byUnits = spec('units', '    unit_fields: [county, precinct]\n');

/** Votes per county, office and candidate, summed here from the rows (values that are not whole numbers count 0). */
function summary(rows: string[][]): string[][] {
  const sums = new Map<string, number>();
  for (const r of rows.slice(1)) {
    const k = [r[0], r[2], r[5]].join('\u0000');
    sums.set(k, (sums.get(k) ?? 0) + (/^\d+$/.test(r[6] ?? '') ? Number(r[6]) : 0));
  }
  return [['county', 'office', 'candidate', 'votes'], ...[...sums].map(([k, v]) => [...k.split('\u0000'), String(v)])];
}

/** The rows split by county: one CSV each, every one with the header. */
function perCounty(rows: string[][]): Map<string, string> {
  const files = new Map<string, string[][]>();
  for (const r of rows.slice(1)) {
    const name = `${r[0] || 'no-county'}.csv`;
    if (!files.has(name)) files.set(name, [rows[0]!]);
    files.get(name)!.push(r);
  }
  return new Map([...files].map(([n, rs]) => [n, csv(rs)]));
}

interface F { aspect: string; status: string; message: string; count?: number }
interface R { file: string; rows?: number; findings: F[]; deliveryOf?: string[]; summaryOf?: string[] }

async function sameTotals(name: string, source: string) {
  const rows = rowsOf(source);
  const totals = write(`${name}-totals.csv`, csv(summary(rows)));
  const files = perCounty(rows);
  const zip = write(`${name}.zip`, zipSync(Object.fromEntries([...files].map(([n, t]) => [`results/${n}`, new TextEncoder().encode(t)]))));
  const dir = join(tmp.path, name);
  mkdirSync(dir);
  for (const [n, t] of files) writeFileSync(join(dir, n), t);

  const single: R[] = JSON.parse((await check(source, '--summary', totals, '--against', byUnits, '--json')).out).files;
  const units = (r: R) => r.findings.find((f) => f.aspect === 'units')!.count;
  const judged = (r: R) => r.findings.filter((f) => f.status !== 'info').map((f) => f.message);
  for (const delivered of [zip, dir]) {
    const reports: R[] = JSON.parse((await check(delivered, '--summary', totals, '--against', byUnits, '--json')).out).files;
    const all = reports.find((r) => r.deliveryOf)!;
    const sum = reports.at(-1)!;
    expect(all.file).toBe(delivered);
    expect(all.deliveryOf).toHaveLength(files.size);
    expect(all.rows).toBe(single[0]!.rows);
    expect(units(all)).toBe(units(single[0]!));
    expect(all.findings.map((f) => f.message)).toContain(`All ${files.size} files have the same header.`);
    // The summary: the same totals judged, the same way.
    expect(sum.summaryOf).toEqual([delivered]);
    expect(judged(sum)).toEqual(judged(single[1]!));
    // Each file's findings name it.
    expect(reports.filter((r) => !r.deliveryOf && !r.summaryOf).map((r) => r.file.slice(delivered.length + 1)))
      .toEqual(delivered === zip ? [...files.keys()].map((n) => `results/${n}`) : [...files.keys()].sort());
  }
  return { single, units: units(single[0]!) };
}

describe('one delivery over several files', () => {
  test('the real excerpt by county, as a ZIP and as a folder: the totals and units of the single file', async () => {
    const excerpt = rowsOf(fixture('delivered/nh-2020-general-precinct-excerpt.csv'));
    const { single, units } = await sameTotals('excerpt', fixture('delivered/nh-2020-general-precinct-excerpt.csv'));
    expect(units).toBe(new Set(excerpt.slice(1).map((r) => `${r[0]}|${r[1]}`)).size);
    expect(single[1]!.findings.map((f) => f.message)).toContain(`All ${summary(excerpt).length - 1} totals in the summary add up: the detail rows give the same votes per county, office and candidate.`);
  });

  const full = join(root, '../shared/data/20201103__nh__general__precinct.csv');
  test.skipIf(!existsSync(full))('the full 2020 New Hampshire file by county: 472 polling stations by county + precinct, as in the file', { timeout: 240_000 }, async () => {
    const { units } = await sameTotals('full', full);
    expect(units).toBe(472);
  });

  test('files with another header are named; an archive without data never matches', async () => {
    const zip = write('mixed.zip', zipSync({ 'a.csv': new TextEncoder().encode('county,precinct,office,district,party,candidate,votes\nBelknap,Alton,President,,REP,Donald Trump,2420\n'),
      'b.csv': new TextEncoder().encode('county,precinct,votes\nBelknap,Alton,2420\n') }));
    const r = await check(zip, '--against', byUnits);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ fields     One file has another header than a.csv (county, precinct, office, district, party, candidate, votes): b.csv; every file of one dataset should have the same columns.');
    const empty = await check(write('empty.zip', zipSync({ 'a.csv': new TextEncoder().encode('county,precinct,office,district,party,candidate,votes\n') })), '--against', byUnits);
    expect(empty.code).toBe(1);
    expect(empty.out).toContain('✗ rows       No file in the archive holds a row of data.');
  });
});

describe('renamed columns', () => {
  const rows = rowsOf(fixture('delivered/nh-2020-general-precinct-excerpt.csv'));
  const renamed = write('renamed.csv', csv([[...rows[0]!.slice(0, 6), 'Total Votes'], ...rows.slice(1)]));
  const totals = write('renamed-totals.csv', csv(summary(rows)));
  const request = spec('renamed');

  test('without a map: the near miss is named, its totals cannot be judged, and the map to add is offered', async () => {
    const r = await check(renamed, '--summary', totals, '--against', request);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ fields     One column is named differently from the request; rename it so that programs find it. To check it as requested until then (totals too), add --map "Total Votes=votes" or the same in the spec\'s column_map.');
    expect(r.out).toContain('✗ totals     The votes totals cannot be judged: renamed.csv has no votes column, so its rows are left out of the sums.');
  });

  test('with --map or column_map: checked and added up as votes; the follow-up letter says the data is there', async () => {
    const mapped = spec('mapped', '    column_map: { "Total Votes": votes }\n');
    for (const args of [[renamed, '--against', request, '--map', 'Total Votes=votes'], [renamed, '--against', mapped]]) {
      const r = await check(...args, '--summary', totals, '--follow-up', '--format', 'md', '--out', join(tmp.path, 'out'));
      expect(r.code).toBe(1);
      expect(r.out).toContain('✗ fields     One column is named differently from the request, but the data is there: by the column map, "Total Votes" holds votes, and it was checked as requested.');
      expect(r.out).toContain(`✓ totals     All ${summary(rows).length - 1} totals in the summary add up: the detail rows give the same votes per county, office and candidate.`);
      const letter = readFileSync(join(tmp.path, 'out', `${args[2] === request ? 'renamed' : 'mapped'}-check-follow-up.md`), 'utf8');
      expect(letter).toContain('One column is named differently, but the data is there ("Total Votes" holds votes); we could use it, and ask that later deliveries use the requested names');
    }
  });

  test('a map naming no field is a usage error; so is a column_map in the spec', async () => {
    const r = await check(renamed, '--against', request, '--map', 'Total Votes=vote');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--map "Total Votes=vote": the dataset has no field "vote"; its fields are county, precinct, office, district, party, candidate, votes');
    const bad = await runCli('validate', spec('bad-map', '    column_map: { "Total Votes": vote }\n    unit_fields: [county, ward]\n'));
    expect(bad.code).toBe(1);
    expect(bad.out + bad.err).toContain("expected one of this dataset's field names, got `vote` (did you mean `votes`?)");
    expect(bad.out + bad.err).toContain("expected one of this dataset's field names, got `ward`");
  });
});
