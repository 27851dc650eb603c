// A delivered workbook (XLSX, ODS, XLS) against one requested dataset, sheet by sheet, with the
// checks a CSV file gets (header, fields, types, required values, duplicates, ranges, units,
// totals) and those only a spreadsheet allows: a number stored as text is reported. Places are
// cells (`Sheet1!C12`). The readers stream (see xlsx-read.ts, ods-read.ts): memory stays flat.
import { effectiveDialect } from '../spec/dialect.js';
import type { DatasetSpec } from '../spec/schema.js';
import { detectedName } from './format.js';
import type { HashTable } from './hash-table.js';
import { readHeader } from './header.js';
import { fmtCount, placesText, readError, statusOf, type FileReport, type Finding } from './model.js';
import { columnName, sheetRef, type CellKind, type SheetSink } from './sheet-rows.js';
import { cellsOf, type Cells, type Totals } from './totals.js';
import { quickTest } from './types.js';
import { keyField } from './units.js';
import { ValueChecker } from './values.js';

export type WorkbookKind = 'xlsx' | 'ods' | 'xls';
const EXAMPLES = 5;

/** Checks each sheet that holds anything: one report a sheet. */
export async function checkWorkbook(file: string, kind: WorkbookKind, d: DatasetSpec, index: number, totals?: Totals, union?: HashTable, bytes?: number): Promise<FileReport[]> {
  const requested = d.format.toUpperCase();
  const format: Finding = d.format === kind
    ? { aspect: 'format', status: 'ok', message: `The file is ${detectedName[kind]}, as ${requested} was requested.` }
    : { aspect: 'format', status: 'deviation', kind: 'other-kind', found: kind, message: `This is ${detectedName[kind]}, but ${requested} was requested; its sheets were read and checked all the same.` };
  const reports: FileReport[] = [];
  let sheet: SheetCheck | undefined;
  const sink: SheetSink = {
    sheet(name) {
      if (sheet) reports.push(sheet.end());
      sheet = new SheetCheck(file, name, d, index, format, totals, union, bytes);
    },
    row: (line, values, kinds) => sheet!.row(line, values, kinds),
  };
  try {
    const read = kind === 'xlsx' ? (await import('./xlsx-read.js')).readXlsx
      : kind === 'ods' ? (await import('./ods-read.js')).readOds : (await import('./xls-read.js')).readXls;
    await read(file, sink);
  } catch (e) {
    totals?.missed(file);
    const err = e as NodeJS.ErrnoException;
    const message = typeof err.code === 'string' ? readError(err) : `The ${detectedName[kind].replace(/^an? /, '')} could not be read; it may be damaged or cut short (${err.message}).`;
    return [{ file, dataset: { index, title: d.title }, status: 'unreadable', bytes, findings: [format, { aspect: 'file', status: 'unreadable', message }] }];
  }
  if (sheet) reports.push(sheet.end());
  const used = reports.filter((r) => r.rows !== undefined);
  if (used.length) return used;
  const findings: Finding[] = [format, { aspect: 'structure', status: 'deviation', kind: 'no-rows', message: `The workbook holds no data: ${reports.length ? 'every sheet is empty' : 'it has no sheet'}.` }];
  return [{ file, dataset: { index, title: d.title }, status: statusOf(findings), bytes, findings }];
}

/** Sets a spreadsheet's serial day numbers (1 is 1900-01-01) of a date field as the dates they are. */
function serialDate(v: string, time: boolean): string {
  const days = Number(v);
  if (!Number.isFinite(days) || days < 1 || days > 2958465) return v;
  // Day 0 is 1899-12-30 for every day after 1900-02-28 (Excel counts a 29 February 1900).
  const iso = new Date(Math.round((days - 25569) * 86400) * 1000).toISOString();
  return time ? iso.replace(/\.000Z$/, '') : iso.slice(0, 10);
}

/** One sheet: its first row decides the columns, every row after it is checked as a CSV row is. */
class SheetCheck {
  private values?: ValueChecker;
  private width = 0;
  private header: Finding[] = [];
  private total?: (row: Cells, line: number) => void;
  /** Per requested numeric field: its column and the cells that hold a number as text. */
  private asText: { name: string; col: number; test: (v: string) => boolean; count: number; lines: number[] }[] = [];
  private dates: { col: number; time: boolean }[] = [];
  private readonly report: FileReport;

  constructor(private readonly file: string, private readonly name: string, private readonly d: DatasetSpec, index: number, private readonly format: Finding,
    private readonly totals?: Totals, private readonly union?: HashTable, private readonly bytes?: number) {
    this.report = { file, sheet: name, dataset: { index, title: d.title }, status: 'match', bytes, findings: [] };
  }

  row(line: number, cells: string[], kinds: CellKind[]): void {
    if (!this.values) { this.first(line, cells); return; }
    while (cells.length < this.width) { cells.push(''); kinds.push(''); }
    for (const { col, time } of this.dates) if (kinds[col] === 'n') cells[col] = serialDate(cells[col]!, time);
    for (const t of this.asText) {
      if (kinds[t.col] !== 's' || !t.test(cells[t.col]!.trim())) continue;
      if (t.count++ < EXAMPLES) t.lines.push(line);
    }
    const [h1, h2] = halves(cells);
    this.values.row(cells, line, h1, h2);
    this.total?.(cellsOf(cells), line);
  }

  private first(line: number, cells: string[]): void {
    const { findings, columns, dataRow, names } = readHeader(cells, this.d, effectiveDialect(this.d).headerRow ?? true);
    this.header = findings;
    this.width = cells.length;
    if (!dataRow) this.report.columns = cells;
    const fields = this.d.fields;
    // The file's size only bounds the first size of the table of rows (it grows as needed).
    this.values = new ValueChecker({ fields, columns, width: cells.length, decimal: '.', timeRange: this.d.time_range, key: keyField(this.d), sheet: this.name, bytes: this.bytes });
    if (this.union) this.values.shareUnits(this.union);
    fields.forEach((f, k) => {
      const col = columns[k]!;
      if (col < 0) return;
      if (f.type === 'integer' || f.type === 'number') this.asText.push({ name: f.name, col, test: quickTest(f.type, '.')!, count: 0, lines: [] });
      if (f.type === 'date' || f.type === 'datetime') this.dates.push({ col, time: f.type === 'datetime' });
    });
    if (this.totals) this.total = this.totals.bind(`${this.file} (${this.name})`, names);
    if (dataRow) this.row(line, cells, cells.map((): CellKind => ''));
  }

  end(): FileReport {
    const r = this.report;
    if (this.values) {
      r.rows = this.values.rows;
      r.findings.push(this.format, ...this.header, ...this.values.findings());
      for (const t of this.asText) {
        if (!t.count) continue;
        const places = t.lines.map((l) => `${sheetRef(this.name)}!${columnName(t.col)}${l}`);
        r.findings.push({ aspect: 'values', status: 'deviation', kind: 'not-type', field: t.name, count: t.count, lines: t.lines,
          message: `${t.name}: ${fmtCount(t.count)} ${t.count === 1 ? 'number is' : 'numbers are'} stored as text (${placesText(places, t.count)}); store ${t.count === 1 ? 'it' : 'them'} as numbers, so that programs can add ${t.count === 1 ? 'it' : 'them'} up.` });
      }
      if (!r.rows) r.findings.push({ aspect: 'structure', status: 'deviation', kind: 'no-rows', message: 'The sheet has a header row but no rows of data.' });
    }
    return { ...r, status: statusOf(r.findings) };
  }
}

/** The two running halves of a row's hash, as CsvStream keeps them: duplicates are judged on them. */
function halves(cells: string[]): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const v of cells) {
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // The length closes each value, so that "ab","c" and "a","bc" differ.
    h1 = Math.imul(h1 ^ v.length, 2246822519);
    h2 = Math.imul(h2 ^ v.length, 3266489917);
  }
  return [h1, h2];
}
