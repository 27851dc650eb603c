// `oedr check` on workbooks: the real OpenElections precinct results (the excerpt in fixtures, and
// the full file in ../shared/data when it is there) written as XLSX, ODS and XLS by SheetJS, an
// independent writer, must give the findings the CSV gives, with cells for lines; and what only a
// spreadsheet can hold (a number stored as text, a date cell) is read as such.
import * as XLSX from '@e965/xlsx';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseCsv } from '../../src/spec/csv.js';
import { fixture, nhFields, nhSpecText, root, runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const check = (...argv: string[]) => runCli('check', ...argv);
const write = (name: string, data: string | Uint8Array) => { const f = join(tmp.path, name); writeFileSync(f, data); return f; };

const nhRequest = (name: string, extra = '') => write(`${name}.yaml`, nhSpecText(nhFields, extra));
const request = nhRequest('request');

const rowsOf = (file: string) => parseCsv(readFileSync(file, 'utf8'), file).rows.map((r) => r.map((c) => c.value));

/** The CSV's rows as a workbook: whole numbers of the votes column as number cells, the rest as text, as a clerk's export holds them. */
function workbook(rows: string[][], type: XLSX.BookType, sheet = 'Sheet1'): Uint8Array {
  const cells = rows.map((r, i) => r.map((v, k) => (i > 0 && k === 6 && /^\d+$/.test(v) ? Number(v) : v)));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(cells), sheet);
  return XLSX.write(book, { type: 'buffer', bookType: type });
}

interface F { aspect: string; status: string; field?: string; count?: number; lines?: number[]; message: string; details?: string[] }
/** A report's findings on the contents (not on the bytes of a text file: encoding, delimiter, quotes, line ends, format). */
const contents = (fs: F[]) => fs.filter((f) => !['format', 'encoding', 'delimiter', 'text-qualifier', 'line-endings'].includes(f.aspect))
  .map(({ aspect, status, field, count, lines }) => ({ aspect, status, field, count, lines }));

async function sameAsCsv(csvFile: string, spec: string) {
  const csv = JSON.parse((await check(csvFile, '--against', spec, '--json')).out).files[0];
  const rows = rowsOf(csvFile);
  const out: Record<string, F[]> = {};
  for (const type of ['xlsx', 'ods', 'biff8'] as const) {
    const ext = type === 'biff8' ? 'xls' : type;
    const r = await check(write(`results.${ext}`, workbook(rows, type)), '--against', spec, '--json');
    const [sheet] = JSON.parse(r.out).files;
    expect(sheet.sheet).toBe('Sheet1');
    expect(sheet.rows).toBe(csv.rows);
    expect(sheet.columns).toEqual(csv.columns);
    expect(contents(sheet.findings)).toEqual(contents(csv.findings));
    expect(sheet.findings[0]).toEqual({ aspect: 'format', status: 'deviation', kind: 'other-kind', found: expect.stringMatching(/^(xlsx|ods|xls)$/), message: expect.stringMatching(/^This is an? .*\(\w+\), but CSV was requested; its sheets were read and checked all the same\.$/) });
    out[ext] = sheet.findings;
  }
  return out;
}

describe('workbooks give the findings of the CSV they were made from, with cells for lines', () => {
  test('the real excerpt as XLSX, ODS and XLS', async () => {
    const found = await sameAsCsv(fixture('delivered/nh-2020-general-precinct-excerpt.csv'), request);
    const units = found.xlsx!.find((f) => f.aspect === 'units')!;
    expect(units.message).toMatch(/^116 distinct polling stations \(precinct\), counted by precinct alone;/);
  });

  test('the excerpt as LibreOffice Calc saved it (XLSX and ODS, fixtures): the same findings, on its sheet', async () => {
    const csvFile = fixture('delivered/nh-2020-general-precinct-excerpt.csv');
    const csv = JSON.parse((await check(csvFile, '--against', request, '--json')).out).files[0];
    for (const ext of ['xlsx', 'ods']) {
      const [sheet] = JSON.parse((await check(fixture(`delivered/nh-2020-general-precinct-excerpt.${ext}`), '--against', request, '--json')).out).files;
      // An XLSX sheet name has 31 characters at most, as in Excel.
      expect(sheet.sheet).toBe(ext === 'xlsx' ? 'nh-2020-general-precinct-excerp' : 'nh-2020-general-precinct-excerpt');
      expect(sheet.rows).toBe(300);
      expect(contents(sheet.findings)).toEqual(contents(csv.findings));
    }
  });

  const full = join(root, '../shared/data/20201103__nh__general__precinct.csv');
  // Three workbooks of 8,245 rows written and checked: slow on a loaded two-core machine.
  test.skipIf(!existsSync(full))('the full 2020 New Hampshire file in ../shared/data: its real gaps, as cells', { timeout: 240_000 }, async () => {
    const found = await sameAsCsv(full, request);
    for (const fs of Object.values(found)) {
      const text = fs.map((f) => f.message);
      expect(text).toContain('precinct: 4 rows have no value, but every row should have one (Sheet1!B5997, Sheet1!B6661, Sheet1!B6707 and Sheet1!B6961).');
      expect(text).toContain('2 rows repeat an earlier row exactly (Sheet1!6707:6707 and Sheet1!6961:6961).');
      expect(fs.find((f) => f.aspect === 'values')!.details).toEqual(['Sheet1!G3422: "Chris Sununu"', 'Sheet1!G5878: "Avellani"', 'Sheet1!G5997: "Qualey"', 'Sheet1!G6662: "Alexander"', 'Sheet1!G6708: "Poisson"']);
    }
  });
});

describe('what only a spreadsheet holds', () => {
  test('numbers stored as text are reported by cell; date cells are dates; a sheet name with a space is quoted', async () => {
    const spec = nhRequest('dated', '    time_range: { from: 2020-11-03, to: 2020-11-03 }\n').replace(/\.yaml$/, '.yaml');
    const yaml = readFileSync(spec, 'utf8').replace('type: integer, required: true }', 'type: integer, required: true }\n      - { name: counted_on, description: The day, type: date }');
    writeFileSync(spec, yaml);
    const rows: (string | number | Date)[][] = [['county', 'precinct', 'office', 'district', 'party', 'candidate', 'votes', 'counted_on'],
      ['Belknap', 'Alton', 'President', '', 'REP', 'Donald Trump', 2420, new Date(Date.UTC(2020, 10, 3))],
      ['Belknap', 'Alton', 'President', '', 'DEM', 'Joe Biden', '1273', new Date(Date.UTC(2020, 10, 3))],
      ['Belknap', 'Barnstead', 'President', '', 'DEM', 'Joe Biden', '1025', new Date(Date.UTC(2020, 10, 4))]];
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { cellDates: false, UTC: true }), 'NH 2020');
    for (const type of ['xlsx', 'ods'] as const) {
      const r = await check(write(`typed.${type}`, XLSX.write(book, { type: 'buffer', bookType: type })), '--against', spec);
      expect(r.code).toBe(1);
      expect(r.out).toContain("✗ values     votes: 2 numbers are stored as text ('NH 2020'!G3 and 'NH 2020'!G4); store them as numbers, so that programs can add them up.");
      expect(r.out).toContain("✗ time range counted_on: 1 date is outside the requested period 2020-11-03 to 2020-11-03 (the file runs from 2020-11-03 to 2020-11-04); first at 'NH 2020'!H4.");
    }
    // The follow-up letter names the workbook and sheet, and the cells.
    const out = join(tmp.path, 'letters');
    await check(join(tmp.path, 'typed.xlsx'), '--against', spec, '--follow-up', '--format', 'md', '--out', out);
    const letter = readFileSync(join(out, 'dated-check-follow-up.md'), 'utf8');
    expect(letter).toContain('typed.xlsx, sheet NH 2020');
    expect(letter).toContain(`'NH 2020'!H4 ("2020-11-04")`);
  });

  test('a sheet with a header and no rows, and a workbook with no data, never match', async () => {
    const header = await check(write('header.xlsx', workbook([rowsOf(fixture('delivered/nh-2020-general-precinct-excerpt.csv'))[0]!], 'xlsx')), '--against', request);
    expect(header.code).toBe(1);
    expect(header.out).toContain('✗ rows       The sheet has a header row but no rows of data.');
    const empty = await check(write('empty.ods', workbook([], 'ods')), '--against', request);
    expect(empty.code).toBe(1);
    expect(empty.out).toContain('✗ rows       The workbook holds no data: every sheet is empty.');
  });

  test('a damaged workbook is named unreadable, not a crash', async () => {
    const good = workbook([['county'], ['Belknap']], 'xlsx');
    // Cut inside the first entries: a streaming reader has read what comes before the cut.
    const r = await check(write('cut.xlsx', good.subarray(0, 1500)), '--against', request);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/! file {7}The Excel workbook \(XLSX\) could not be read; it may be damaged or cut short \((invalid zip data|unexpected EOF)\)\./);
  });
});
