// What was delivered, whatever its shape: a CSV or TSV file, a workbook (sheet by sheet), or a ZIP
// archive or a folder of such files, checked file by file as one delivery. For an archive or a
// folder, one more report compares the union with the request: the same header in every file,
// the rows and distinct units of all of them (the totals of a summary add up all files anyway).
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DatasetSpec } from '../spec/schema.js';
import { checkFile, EntryCheck } from './check-file.js';
import { sniffFormat } from './format.js';
import { HashTable } from './hash-table.js';
import { andList, fmtCount, readError, statusOf, type FileReport, type Finding } from './model.js';
import { checkWorkbook } from './sheet-check.js';
import type { Totals } from './totals.js';
import { keyField } from './units.js';
import { MAX_UNITS } from './values.js';
import { streamZip } from './zip-stream.js';

/** Checks what `file` names; several reports for a workbook of several sheets, an archive or a folder. */
export async function checkDelivery(file: string, d: DatasetSpec, index: number, totals?: Totals, union?: HashTable): Promise<FileReport[]> {
  const kind = await kindOf(file);
  if (kind === 'folder') return several(file, d, index, totals, await folderFiles(file));
  if (kind === 'zip') return several(file, d, index, totals);
  if (kind === 'xlsx' || kind === 'ods' || kind === 'xls') return checkWorkbook(file, kind, d, index, totals, union, (await stat(file)).size);
  return [await checkFile(file, d, index, totals, {}, union)];
}

/** A folder, a ZIP archive, a workbook, or anything else (checkFile judges it, and what cannot be read). */
async function kindOf(file: string): Promise<'folder' | 'zip' | 'xlsx' | 'ods' | 'xls' | 'file'> {
  try {
    const st = await stat(file);
    if (st.isDirectory()) return 'folder';
    if (!st.isFile()) return 'file';
    const fh = await open(file, 'r');
    try {
      const head = Buffer.alloc(Math.min(st.size, 1 << 16));
      await fh.read(head, 0, head.length, 0);
      const kind = sniffFormat(head);
      return kind === 'zip' || kind === 'xlsx' || kind === 'ods' || kind === 'xls' ? kind : 'file';
    } finally {
      await fh.close();
    }
  } catch {
    return 'file';
  }
}

/** The files of a folder, by name (so the order never depends on the file system), hidden ones left out. */
async function folderFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort().map((n) => join(dir, n));
}

/** The files of a folder (`files`) or the entries of a ZIP archive, then the report on all of them. */
async function several(file: string, d: DatasetSpec, index: number, totals?: Totals, files?: string[]): Promise<FileReport[]> {
  const key = keyField(d);
  const union = key ? new HashTable(MAX_UNITS, false) : undefined;
  let reports: FileReport[] = [];
  try {
    if (files) for (const f of files) reports.push(...await checkDelivery(f, d, index, totals, union));
    else reports = await zipEntries(file, d, index, totals, union);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const message = typeof err.code === 'string' ? readError(err) : `The ZIP archive could not be read; it may be damaged or cut short (${err.message}).`;
    return [...reports, { file, dataset: { index, title: d.title }, status: 'unreadable', findings: [{ aspect: 'file', status: 'unreadable', message }] }];
  }
  // An archive inside a folder has a report on all its files: its files are counted, not it.
  const own = reports.filter((r) => !r.deliveryOf);
  const findings = unionFindings(own, files ? 'folder' : 'archive');
  if (key && union && reports.some((r) => r.findings.some((f) => f.aspect === 'units'))) {
    const names = key.fields.map((f) => d.fields[f]!.name).join(' + ');
    findings.push({ aspect: 'units', status: 'info', field: names, count: union.size,
      message: `${union.full ? 'More than ' : ''}${fmtCount(union.size)} distinct ${key.unit} (${names}) in all the files together.` });
  }
  const rows = own.reduce((n, r) => n + (r.rows ?? 0), 0);
  return [...reports, { file, dataset: { index, title: d.title }, status: statusOf(findings), deliveryOf: own.map((r) => r.sheet ? `${r.file} (${r.sheet})` : r.file), rows, findings }];
}

/** Each entry of a ZIP archive that is a file, checked as it is inflated; workbooks inside are named, not read. */
async function zipEntries(file: string, d: DatasetSpec, index: number, totals?: Totals, union?: HashTable): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  await streamZip(file, (name) => {
    if (name.endsWith('/') || name.startsWith('__MACOSX/') || basename(name).startsWith('.')) return undefined;
    const entry = new EntryCheck(`${file}/${name}`, d, index, totals, union);
    return (chunk, final) => {
      entry.push(chunk, final);
      if (final) reports.push(entry.end());
    };
  });
  return reports;
}

/** Whether the files hold one table: data in each, the same header in all. */
function unionFindings(reports: FileReport[], what: 'folder' | 'archive'): Finding[] {
  const out: Finding[] = [];
  const inside = what === 'folder' ? 'in the folder' : 'in the archive';
  if (!reports.length) return [{ aspect: 'structure', status: 'deviation', kind: 'no-file', message: `There is no file ${inside}.` }];
  const rows = reports.reduce((n, r) => n + (r.rows ?? 0), 0);
  if (!rows) out.push({ aspect: 'structure', status: 'deviation', kind: 'no-rows', message: `No file ${inside} holds a row of data.` });
  const headed = reports.filter((r) => r.columns);
  const first = headed[0];
  const other = headed.filter((r) => r.columns!.join('\u0001') !== first?.columns!.join('\u0001'));
  if (other.length) {
    out.push({ aspect: 'fields', status: 'deviation', kind: 'other-header', count: other.length, details: other.map((r) => `${basename(r.file)}: ${r.columns!.join(', ')}`),
      message: `${other.length === 1 ? 'One file has' : `${fmtCount(other.length)} files have`} another header than ${basename(first!.file)} (${first!.columns!.join(', ')}): ${andList(other.map((r) => basename(r.file)))}; every file of one dataset should have the same columns.` });
  } else if (headed.length > 1) {
    out.push({ aspect: 'fields', status: 'ok', message: `All ${fmtCount(headed.length)} files have the same header.` });
  }
  out.push({ aspect: 'structure', status: 'info', count: rows, message: `${fmtCount(reports.length)} ${reports.length === 1 ? 'file' : 'files'} ${inside}, ${fmtCount(rows)} ${rows === 1 ? 'row' : 'rows'} of data in all.` });
  return out;
}
