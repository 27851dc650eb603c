// `oedr check` end to end: a real excerpt of OpenElections precinct results, and broken variants of
// it written to a temp folder (semicolons, Windows-1252, renamed or missing columns, dates out of
// range, a PDF or an XLSX in place of the CSV), through main(argv, io) with captured output.
import { existsSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseCsv } from '../../src/spec/csv.js';
import { field, fixture, nhFields, nhSpecText, root, runCli, tempDir } from '../helpers.js';

const excerpt = fixture('delivered/nh-2020-general-precinct-excerpt.csv');
const text = readFileSync(excerpt, 'utf8');
const rows = parseCsv(text, excerpt).rows.map((r) => r.map((c) => c.value));
const tmp = tempDir();
afterAll(() => tmp.done());

/** A request for the NH results as they are, with `extra` lines added to the dataset. */
function spec(name: string, fields: string[], extra = ''): string {
  const file = join(tmp.path, `${name}.yaml`);
  writeFileSync(file, nhSpecText(fields, extra));
  return file;
}
const request = spec('request', nhFields);
const write = (name: string, data: string | Buffer) => {
  const file = join(tmp.path, name);
  writeFileSync(file, data);
  return file;
};
const csv = (rs: string[][], d = ',', eol = '\n') => rs.map((r) => r.map((v) => (v.includes(d) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v)).join(d)).join(eol) + eol;
const check = (...argv: string[]) => runCli('check', ...argv);

describe('oedr check on real precinct results', () => {
  test('the file as published matches a request for its own columns: exit 0', async () => {
    const r = await check(excerpt, '--against', request);
    expect(r.code).toBe(0);
    expect(r.out).toContain('300 rows of data, 7 columns');
    expect(r.out).toContain('✓ fields     All 7 requested fields are present, in the requested order.');
    // Without unit_fields the report says what it counted, and how to count by several fields.
    expect(r.out).toContain('· units      116 distinct polling stations (precinct), counted by precinct alone; if a precinct is unique only within its county and district, list the fields that together name one polling station as unit_fields, e.g. unit_fields: [county, district, precinct].');
    expect(r.out).toContain('Result: the file matches the request.');
  });

  test('semicolons where commas were asked: named, and the rest is still read by column', async () => {
    const r = await check(write('semicolon.csv', csv(rows, ';')), '--against', request);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ delimiter  Fields are separated by semicolons (";"), but commas (",") were requested. The checks below read the file with semicolons (";").');
    expect(r.out).toContain('All 7 requested fields are present');
    expect(r.out).toContain('Result: 1 difference from the request');
  });

  test('a comma file turned into semicolons (sed s/,/;/g): its needed quotes are found next to the semicolons', async () => {
    const edited = rows.map((r, i) => (i === 1 ? r.map((v, k) => (k === 1 ? 'Kamukunji Primary School, Stream 2' : v)) : r));
    const comma = csv(edited);
    expect(comma.split('\n')[1]).toContain('"Kamukunji Primary School, Stream 2"');
    const r = await check(write('sed-semicolon.csv', comma.replace(/,/g, ';')), '--against', request);
    expect(r.out).toContain('✓ quotes     Values are wrapped in double quotes ("), as requested.');
    expect(r.out).not.toContain('No value is wrapped in quotes');
    expect(r.out).toContain('✗ delimiter  Fields are separated by semicolons (";"), but commas (",") were requested.');
    expect(r.out).toContain('Result: 1 difference from the request');
  });

  test('a row with the key empty is a missing value, not one more unit', async () => {
    const req = spec('units-request', [field('polling_station_code', ', required: true'), field('candidate'), field('candidate_votes', ', type: integer')]);
    const data = 'polling_station_code,candidate,candidate_votes\n001,Ann,12\n001,Bob,7\n002,Ann,3\n003,Ann,5\n,Bob,9\n';
    const r = await check(write('units-empty.csv', data), '--against', req);
    expect(r.out).toContain('✗ required   polling_station_code: 1 row has no value, but every row should have one (line 6).');
    expect(r.out).toContain('· units      3 distinct polling stations (polling_station_code).');
  });

  test('Windows-1252 asked and delivered: curly quotes and € are read as Windows-1252 means them', async () => {
    const req = spec('cp1252-request', nhFields, '    encoding: Windows-1252\n');
    const edited = rows.map((r, i) => (i === 3 ? [...r.slice(0, 6), 'OPEN12CLOSE'] : r));
    // The Windows-1252 bytes for the curly quotes, 0x93 and 0x94, written in by hand.
    const fixed = Buffer.from(csv(edited).replace('OPEN', '\x93').replace('CLOSE', '\x94'), 'latin1');
    const r = await check(write('cp1252-ok.csv', fixed), '--against', req);
    expect(r.out).toContain('line 4: "\u201c12\u201d"');
  });

  test('Windows-1252 bytes where UTF-8 was asked: the encoding and the lines', async () => {
    const edited = rows.map((r, i) => (i === 4 || i === 9 ? r.map((v, k) => (k === 5 ? `${v} Jr. – Montréal` : v)) : r));
    const r = await check(write('cp1252.csv', Buffer.from(csv(edited).replace('–', '\x96'), 'latin1')), '--against', request);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ encoding   The text is not UTF-8 as requested: it looks like Windows-1252 (the Western "ANSI" encoding of Windows). 2 lines hold bytes that are not valid UTF-8 (lines 5 and 10). Save it again as "CSV UTF-8"');
  });

  test('renamed and missing columns: near misses, missing, extra', async () => {
    const header = ['County', 'Precinct Name', 'office', 'party', 'Candidate ', 'votes', 'notes'];
    const body = rows.slice(1).map((r) => [r[0]!, r[1]!, r[2]!, r[4]!, r[5]!, r[6]!, '']);
    const r = await check(write('renamed.csv', csv([header, ...body])), '--against', spec('renamed', [...nhFields.slice(0, 1), field('precinct_name'), ...nhFields.slice(2)]), '--json');
    expect(r.code).toBe(1);
    const fields = JSON.parse(r.out).files[0].findings.filter((f: { aspect: string }) => f.aspect === 'fields');
    expect(fields).toEqual([
      { aspect: 'fields', status: 'deviation', kind: 'missing', count: 1, details: ['district'], message: 'One requested field is missing: district.' },
      { aspect: 'fields', status: 'deviation', kind: 'renamed', count: 3, message: '3 columns are named differently from the request; rename them so that programs find them. To check them as requested until then (totals too), add --map County=county, --map "Precinct Name=precinct_name" and --map "Candidate =candidate" or the same in the spec\'s column_map.', details: [
        '"County" should be named "county" (it differs in capital letters)',
        '"Precinct Name" should be named "precinct_name" (it differs in spaces or punctuation between words, capital letters)',
        '"Candidate " should be named "candidate" (it differs in spaces before or after the name, capital letters)',
      ] },
      { aspect: 'fields', status: 'info', count: 1, details: ['notes'], message: 'One column was not requested: notes.' },
    ]);
  });

  test('dates outside the requested time range, with the lines', async () => {
    const dated = rows.map((r, i) => [...r, i === 0 ? 'election_date' : i % 100 === 7 ? '2020-10-27' : '2020-11-03']);
    const req = spec('dated', [...nhFields, field('election_date', ', type: date')], '    time_range: { from: 2020-11-03, to: 2020-11-03 }\n');
    const r = await check(write('dated.csv', csv(dated)), '--against', req);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ time range election_date: 3 dates are outside the requested period 2020-11-03 to 2020-11-03 (the file runs from 2020-10-27 to 2020-11-03); first at lines 8, 108 and 208.');
  });

  test('a PDF where CSV was asked: said plainly, not parsed', async () => {
    const r = await check(write('results.csv', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n'), '--against', request);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ format     This is a PDF document, but CSV was requested; it was not checked further. Ask for the data in a machine-readable format, as CSV.');
    expect(r.out).not.toContain('encoding');
  });

  test('an XLSX where CSV was asked', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('[Content_Types].xml')]);
    const r = await check(write('results.xlsx', zip), '--against', request);
    expect(r.out).toContain('This is an Excel workbook (XLSX), but CSV was requested');
  });

  test('Excel-style CSV (UTF-8 with BOM, CRLF) matches; the BOM does not spoil the first column name', async () => {
    const r = await check(write('excel.csv', '\ufeff' + csv(rows, ',', '\r\n')), '--against', request);
    expect(r.code).toBe(0);
    expect(r.out).toContain('with a byte-order mark (BOM)');
    expect(r.out).toContain('Lines end with CRLF (Windows)');
  });

  test('no header row, wrong values, empty required values, ragged rows and duplicates', async () => {
    const body = rows.slice(1).map((r) => [...r]);
    body[2]![6] = '1,234';
    body[3]![0] = '';
    body[5] = [...body[4]!];
    body[7] = body[7]!.slice(0, 5);
    const r = await check(write('headless.csv', csv(body)), '--against', request);
    expect(r.code).toBe(1);
    const out = r.out.split('\n').map((l) => l.trim());
    expect(out).toContain('✗ header row The first row holds data, not the names of the columns; add a header row naming each field. The checks below take the fields in the requested order.');
    expect(out).toContain('✗ rows       1 row does not have 7 fields like the header row (line 8); a value may hold an unquoted delimiter or line break.');
    expect(out).toContain('✗ values     votes: 1 value is not a whole number as requested (a thousands separator; write whole numbers with digits only); first at line 3.');
    expect(out).toContain('✗ required   county: 1 row has no value, but every row should have one (line 4).');
    expect(out).toContain('✗ duplicates 1 row repeats an earlier row exactly (line 6).');
  });

  test('exit 3 for a file that cannot be read; the others are still checked', async () => {
    const r = await check(join(tmp.path, 'nowhere.csv'), excerpt, '--against', request, '--json');
    expect(r.code).toBe(3);
    const report = JSON.parse(r.out);
    expect(report.exitCode).toBe(3);
    expect(report.files.map((f: { status: string }) => f.status)).toEqual(['unreadable', 'match']);
    expect(report.files[0].findings[0]).toEqual({ aspect: 'file', status: 'unreadable', message: 'There is no such file.' });
  });

  test('a spec with several datasets needs --dataset; a bad choice is exit 2', async () => {
    const two = join(tmp.path, 'two.yaml');
    writeFileSync(two, readFileSync(request, 'utf8') + `  - title: Turnout\n    description: Turnout per precinct.\n`);
    expect((await check(excerpt, '--against', two)).code).toBe(2);
    expect((await check(excerpt, '--against', two, '--dataset', '3')).err).toContain('has no dataset "3"; its datasets are 1. Results by precinct; 2. Turnout');
    expect((await check(excerpt, '--against', two, '--dataset', 'results by precinct')).code).toBe(0);
    expect((await check(excerpt, '--against', two, '--dataset', '1')).code).toBe(0);
  });
});

const shared = join(root, '../shared/data');
describe.skipIf(!existsSync(shared))('oedr check on the full OpenElections files in ../shared/data', () => {
  test('2020 precinct results: the real gaps in the published file are found', async () => {
    const r = await check(join(shared, '20201103__nh__general__precinct.csv'), '--against', request, '--json');
    expect(r.code).toBe(1);
    const f = JSON.parse(r.out).files[0];
    expect(f.rows).toBe(8245);
    expect(f.findings.find((x: { aspect: string }) => x.aspect === 'duplicates').lines).toEqual([6707, 6961]);
  });
});
