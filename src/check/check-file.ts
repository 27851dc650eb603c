// One delivered file against one requested dataset, read as a stream: the format from its first
// bytes, the encoding from every byte, the dialect from its first lines, then every row.
import { TextDecoder } from 'node:util';
import type { FileHandle } from 'node:fs/promises';
import { openRegular } from '../read-file.js';
import { effectiveDialect, type Dialect } from '../spec/dialect.js';
import type { DatasetSpec } from '../spec/schema.js';
import { addStats, CsvStream, type RawRecord } from './csv-stream.js';
import { addFacts, decoderLabel, EncodingInspector } from './encoding.js';
import { readHeader } from './header.js';
import { keyField } from './units.js';
import type { HashTable } from './hash-table.js';
import { detectedName, formatMatches, sniffFormat } from './format.js';
import { readError, statusOf, type FileReport, type Finding } from './model.js';
import { sniffDialect } from './sniff.js';
import { cellsOf, type Cells, type Totals } from './totals.js';
import type { PartJob } from './part.js';
import { Parts, type SplitOptions } from './split.js';
import { ValueChecker, type ValueOptions } from './values.js';
import { delimiterFinding, encodingFinding, lineEndingsFinding, qualifierFinding } from './verdicts.js';

export type { SplitOptions } from './split.js';

/**
 * The first read, from which the kind of file, its encoding and its dialect are judged, is 1 MiB;
 * the reads after it are 64 KiB. Text decoded from larger chunks outlives the collector's quick
 * young-generation passes and was kept until a full collection: peak memory on a 200 MB file went
 * from 200 to 130 MB with 64 KiB reads, at the same speed.
 */
const HEAD = 1 << 20;
const CHUNK = 1 << 16;

/**
 * Checks one file; with `totals`, its rows are also added up by the groups of a summary; with
 * `union`, its units are also counted in the delivery's table (delivery.ts).
 */
export async function checkFile(file: string, dataset: DatasetSpec, index: number, totals?: Totals, split: SplitOptions = {}, union?: HashTable): Promise<FileReport> {
  const report = await check(file, dataset, index, totals, split, union);
  if (totals && !report.bound) totals.missed(file);
  const { bound: _, ...rest } = report;
  return rest;
}

async function check(file: string, dataset: DatasetSpec, index: number, totals: Totals | undefined, split: SplitOptions, union?: HashTable): Promise<FileReport & { bound?: boolean }> {
  const report: FileReport & { bound?: boolean } = { file, dataset: { index, title: dataset.title }, status: 'match', findings: [] };
  const done = () => ({ ...report, status: statusOf(report.findings) });
  const add = (...f: (Finding | undefined)[]) => report.findings.push(...f.filter((x): x is Finding => x !== undefined));
  let fh: FileHandle | undefined;
  try {
    const opened = await openRegular(file);
    fh = opened.fh;
    report.bytes = opened.stats.size;
  } catch (e) {
    add({ aspect: 'file', status: 'unreadable', message: readError(e) });
    return done();
  }
  let reader: Reader | undefined;
  let parts: Parts | undefined;
  let tried = false;
  let again = false;
  try {
    // One buffer, read into again and again: each chunk is decoded and inspected before the next read.
    const buf = Buffer.allocUnsafe(HEAD);
    let pos = 0;
    for (;;) {
      let want = reader ? CHUNK : HEAD;
      if (parts) {
        // Read up to where the parts start, then take in what they read.
        want = Math.min(want, parts.at - pos);
        if (want === 0) {
          const taken = await reader!.take(parts);
          parts = undefined;
          split.trace?.(taken === 'again' ? 'again' : 'parts');
          again = taken === 'again';
          break;
        }
      }
      const { bytesRead } = await fh.read(buf, 0, want, null);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const chunk = buf.subarray(0, bytesRead);
      if (!reader) {
        reader = startReader(chunk, dataset, report, totals, union);
        if (!reader) return done();
      }
      reader.push(chunk);
      // Added-up totals are left to one thread: sums of decimals depend on the order of adding.
      if (!tried && !totals && reader.ready && pos < report.bytes!) {
        tried = true;
        const r = reader;
        parts = await Parts.start(fh, report.bytes!, pos, r.encoding, (start, end) => r.partJob(file, start, end), r.checker, split);
      }
    }
  } catch (e) {
    add({ aspect: 'file', status: 'unreadable', message: readError(e) });
    return done();
  } finally {
    await parts?.cancel();
    await fh?.close();
  }
  // The parts could not be used (see split.ts): the file is read again, on this thread.
  if (again) return check(file, dataset, index, totals, { ...split, minBytes: Infinity }, union);
  return finish(report, reader);
}

/** The format judged from the first bytes and, for delimited text, its reader; undefined when the file is not read further. */
function startReader(head: Buffer, dataset: DatasetSpec, report: FileReport, totals?: Totals, union?: HashTable): Reader | undefined {
  const dialect = effectiveDialect(dataset);
  const kind = sniffFormat(head);
  const requested = dialect.format.toUpperCase();
  if (!formatMatches(dialect.format, kind)) {
    const advice = kind === 'pdf' || kind === 'docx' || kind === 'image' ? `ask for the data in a machine-readable format, as ${requested}` : `ask for the data as ${requested}`;
    report.findings.push({ aspect: 'format', status: 'deviation', kind: 'other-kind', found: kind, message: `This is ${detectedName[kind]}, but ${requested} was requested; it was not checked further. ${advice[0]!.toUpperCase()}${advice.slice(1)}.` });
    return undefined;
  }
  report.findings.push({ aspect: 'format', status: 'ok', message: `The file is ${dialect.delimited ? 'delimited text' : detectedName[kind]}, as ${requested} was requested.` });
  if (!dialect.delimited) {
    report.findings.push({ aspect: 'values', status: 'info', message: `oedr checks the contents of CSV and TSV files only; the contents of ${requested} files are not checked yet.` });
    return undefined;
  }
  return new Reader(dataset, head, report, totals, union);
}

/** The report once every byte went through the reader (none: the file is empty). */
function finish(report: FileReport & { bound?: boolean }, reader: Reader | undefined): FileReport & { bound?: boolean } {
  if (!reader) report.findings.push({ aspect: 'format', status: 'deviation', kind: 'empty', message: 'The file is empty.' });
  else {
    report.findings.push(...reader.end());
    report.bound = reader.bound;
  }
  return { ...report, status: statusOf(report.findings) };
}

/**
 * A file whose bytes come in pushes (an entry of a ZIP archive, inflated as it is read): the
 * checks of checkFile on one thread, from a first 1 MiB gathered as checkFile reads it.
 */
export class EntryCheck {
  private readonly report: FileReport & { bound?: boolean };
  private head: Buffer[] = [];
  private headBytes = 0;
  private reader?: Reader;
  private stopped = false;

  constructor(file: string, private readonly dataset: DatasetSpec, index: number, private readonly totals?: Totals, private readonly union?: HashTable, bytes?: number) {
    this.report = { file, dataset: { index, title: dataset.title }, status: 'match', bytes, findings: [] };
  }

  push(chunk: Uint8Array, final: boolean): void {
    if (this.stopped) return;
    if (!this.reader) {
      this.head.push(Buffer.from(chunk));
      this.headBytes += chunk.length;
      if (this.headBytes < HEAD && !final) return;
      const head = Buffer.concat(this.head);
      this.head = [];
      if (!head.length) return;
      this.reader = startReader(head, this.dataset, this.report, this.totals, this.union);
      if (!this.reader) { this.stopped = true; return; }
      this.reader.push(head);
    } else this.reader.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
  }

  end(): FileReport {
    const { bound, ...rest } = this.stopped ? { ...this.report, status: statusOf(this.report.findings) } : finish(this.report, this.reader);
    if (this.totals && !bound) this.totals.missed(this.report.file);
    return rest;
  }
}

/** The delimited-text reader: decoder, parser and checks, set up from the first chunk. */
class Reader {
  private readonly inspector = new EncodingInspector();
  private readonly decoder: TextDecoder;
  private readonly parser: CsvStream;
  private readonly dialect: Dialect;
  private readonly delimiter?: string;
  private readonly qualifier?: string;
  private values?: ValueChecker;
  private options?: ValueOptions;
  private header: Finding[] = [];
  /** Adds the row to the summary's groups, when a summary was given. */
  private total?: (row: Cells, line: number) => void;
  /** Whether the rows were added up for the summary. */
  bound = false;
  /** What the file is read with (sniffed, else as requested): here and in the parts (partJob), the same. */
  private readonly separators: { delimiter: string; quote: string | undefined };

  constructor(private readonly d: DatasetSpec, head: Buffer, private readonly report: FileReport, private readonly totals?: Totals, private readonly union?: HashTable) {
    this.dialect = effectiveDialect(d);
    const peek = new EncodingInspector();
    peek.push(head);
    this.decoder = new TextDecoder(decoderLabel(this.dialect.encoding!, peek.facts));
    const text = new TextDecoder(this.decoder.encoding).decode(head, { stream: true });
    ({ delimiter: this.delimiter, qualifier: this.qualifier } = sniffDialect(text, this.dialect.delimiter!, this.dialect.textQualifier!));
    this.separators = { delimiter: this.delimiter ?? this.dialect.delimiter!, quote: this.qualifier ?? this.dialect.textQualifier };
    this.parser = new CsvStream(this.separators.delimiter, this.separators.quote, () => {}, true, (r, line) => this.record(r, line));
  }

  push(chunk: Buffer): void {
    this.inspector.push(chunk);
    this.parser.push(this.decoder.decode(chunk, { stream: true }));
  }

  /** Whether the first row has been read, so that the rows after it can be checked elsewhere too. */
  get ready(): boolean {
    return this.values !== undefined;
  }

  get checker(): ValueChecker {
    return this.values!;
  }

  get encoding(): string {
    return this.decoder.encoding;
  }

  /** The job of reading the file from byte `start` (up to `end`) on another thread as this reader would. */
  partJob(file: string, start: number, end?: number): PartJob {
    return { file, start, end, encoding: this.decoder.encoding, ...this.separators, options: this.options! };
  }

  /**
   * Once the bytes up to parts.at have been pushed: takes in what the parts found, when this reader
   * is between two records there (the first part then started where a record does). 'rest' when
   * that covers the rest of the file (its rows and bytes); 'again' when the file is to be read
   * again on one thread.
   */
  async take(parts: Parts): Promise<'rest' | 'again'> {
    if (!this.parser.atBoundary) { await parts.cancel(); return 'again'; }
    const done = await parts.finish(this.values!, this.parser.nextLine - 1);
    if (!done) return 'again';
    // The inspector counts line feeds only, the parser lines as it reads them: each its own bases.
    let bytesBase = this.inspector.line - 1;
    for (const { result, base } of done) {
      addStats(this.parser.stats, result.stats, base);
      addFacts(this.inspector.facts, result.bytes, bytesBase);
      bytesBase += result.byteLines - 1;
    }
    return 'rest';
  }

  end(): Finding[] {
    this.parser.push(this.decoder.decode());
    this.parser.end();
    this.inspector.end();
    const { dialect, parser } = this;
    this.report.rows = this.values?.rows ?? 0;
    return [
      encodingFinding(dialect.encoding!, this.inspector.facts),
      delimiterFinding(dialect.delimiter!, this.delimiter, this.d.fields.length > 1),
      ...qualifierFinding(dialect.textQualifier!, this.qualifier, parser.stats),
      lineEndingsFinding(parser.stats),
      ...this.header,
      // A file of names and no rows has no value to compare: nothing compared is never a pass.
      ...(this.report.rows ? this.values!.findings() : [{ aspect: 'structure' as const, status: 'deviation' as const, kind: 'no-rows',
        message: 'The file holds no rows of data, only the names of the columns: there is nothing to compare with the request.' }]),
    ].filter((f): f is Finding => f !== undefined);
  }

  /** Each record, read in place: strings are made of its values only where a check needs them. */
  private record(r: RawRecord, line: number): void {
    const p = this.parser;
    if (this.values) {
      this.values.rowAt(r, line, p.h1, p.h2);
      if (this.total) this.total(r, line);
      return;
    }
    this.values = this.firstRow(r.cells(), line);
  }

  /** Decides what the first row is (names or data), matches the fields, and sets up the row checks. */
  private firstRow(cells: string[], line: number): ValueChecker {
    const fields = this.d.fields;
    const { findings, columns, dataRow, names } = readHeader(cells, this.d, this.dialect.headerRow === true);
    this.header.push(...findings);
    if (!dataRow) this.report.columns = cells;
    this.options = {
      fields, columns, width: cells.length, decimal: this.dialect.decimalSeparator,
      timeRange: this.d.time_range, key: keyField(this.d), bytes: this.report.bytes,
    };
    const v = new ValueChecker(this.options);
    if (this.union) v.shareUnits(this.union);
    if (this.totals) {
      this.total = this.totals.bind(this.report.file, names);
      this.bound = true;
    }
    if (dataRow) {
      v.row(cells, line, this.parser.h1, this.parser.h2);
      this.total?.(cellsOf(cells), line);
    }
    return v;
  }
}
