// One delivered file against one requested dataset, read as a stream: the format from its first
// bytes, the encoding from every byte, the dialect from its first lines, then every row.
import { TextDecoder } from 'node:util';
import type { FileHandle } from 'node:fs/promises';
import { openRegular } from '../read-file.js';
import { effectiveDialect, type Dialect } from '../spec/dialect.js';
import type { DatasetSpec } from '../spec/schema.js';
import { addStats, CsvStream, type RawRecord } from './csv-stream.js';
import { addFacts, decoderLabel, EncodingInspector } from './encoding.js';
import { matchFields, normaliseName } from './fields.js';
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

const unitWords: Record<string, [string[], string]> = {
  'polling-station': [['polling_station', 'station', 'precinct'], 'polling stations'],
  'polling-centre': [['polling_centre', 'polling_center', 'centre', 'center'], 'polling centres'],
  stream: [['stream'], 'streams'],
  ward: [['ward'], 'wards'],
  municipality: [['municipality', 'town', 'commune'], 'municipalities'],
  constituency: [['constituency'], 'constituencies'],
  district: [['district', 'county'], 'districts'],
  region: [['region', 'province', 'state'], 'regions'],
};

/** The field naming the unit of the requested granularity (polling_station_code for polling-station). */
export function keyField(d: DatasetSpec): { field: number; unit: string } | undefined {
  const words = d.granularity && unitWords[d.granularity];
  if (!words) return undefined;
  const names = d.fields.map((f) => normaliseName(f.name));
  const hits = names.map((n, i) => ({ n, i })).filter(({ n }) => words[0].some((w) => n.includes(w)));
  const best = hits.find(({ n }) => /(^|_)(code|id|number|no)$/.test(n)) ?? hits[0];
  return best && { field: best.i, unit: words[1] };
}

/** Checks one file; with `totals`, its rows are also added up by the groups of a summary. */
export async function checkFile(file: string, dataset: DatasetSpec, index: number, totals?: Totals, split: SplitOptions = {}): Promise<FileReport> {
  const report = await check(file, dataset, index, totals, split);
  if (totals && !report.bound) totals.missed(file);
  const { bound: _, ...rest } = report;
  return rest;
}

async function check(file: string, dataset: DatasetSpec, index: number, totals: Totals | undefined, split: SplitOptions): Promise<FileReport & { bound?: boolean }> {
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
  const dialect = effectiveDialect(dataset);
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
        const kind = sniffFormat(chunk);
        const requested = dialect.format.toUpperCase();
        if (!formatMatches(dialect.format, kind)) {
          add({ aspect: 'format', status: 'deviation', message: `This is ${detectedName[kind]}, but ${requested} was requested; it was not checked further. Ask for the data as ${requested}.` });
          return done();
        }
        add({ aspect: 'format', status: 'ok', message: `The file is ${dialect.delimited ? 'delimited text' : detectedName[kind]}, as ${requested} was requested.` });
        if (!dialect.delimited) {
          add({ aspect: 'values', status: 'info', message: `oedr checks the contents of CSV and TSV files only; the contents of ${requested} files are not checked yet.` });
          return done();
        }
        reader = new Reader(dataset, chunk, report, totals);
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
  if (again) return check(file, dataset, index, totals, { ...split, minBytes: Infinity });
  if (!reader) {
    add({ aspect: 'format', status: 'deviation', message: 'The file is empty.' });
    return done();
  }
  add(...reader.end());
  report.bound = reader.bound;
  return done();
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

  constructor(private readonly d: DatasetSpec, head: Buffer, private readonly report: FileReport, private readonly totals?: Totals) {
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
      ...(this.values?.findings() ?? []),
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
    const match = matchFields(cells, fields);
    const looksLikeData = fields.length > 0 && match.matched === 0 && cells.some((c) => /^[+-]?\d+([.,]\d+)?$/.test(c.trim()));
    const byPosition = fields.map((_, k) => (k < cells.length ? k : -1));
    const asked = this.dialect.headerRow;
    let columns = match.columns;
    let dataRow = false;
    if (asked && looksLikeData) {
      this.header.push({ aspect: 'header-row', status: 'deviation', message: 'The first row holds data, not the names of the columns; add a header row naming each field. The checks below take the fields in the requested order.' });
      columns = byPosition;
      dataRow = true;
    } else if (asked) {
      this.header.push({ aspect: 'header-row', status: 'ok', message: 'The first row names the columns, as requested.' }, ...match.findings);
      this.report.columns = cells;
    } else if (match.matched >= Math.max(1, fields.length / 2)) {
      this.header.push({ aspect: 'header-row', status: 'deviation', message: 'The first row names the columns, but no header row was requested.' }, ...match.findings);
      this.report.columns = cells;
    } else {
      this.header.push({ aspect: 'header-row', status: 'ok', message: 'The file has no header row, as requested; fields are taken in the requested order.' });
      columns = byPosition;
      dataRow = true;
    }
    this.options = {
      fields, columns, width: cells.length, decimal: this.dialect.decimalSeparator,
      timeRange: this.d.time_range, key: keyField(this.d), bytes: this.report.bytes,
    };
    const v = new ValueChecker(this.options);
    if (this.totals) {
      this.total = this.totals.bind(this.report.file, dataRow ? fields.map((f) => f.name) : cells);
      this.bound = true;
    }
    if (dataRow) {
      v.row(cells, line, this.parser.h1, this.parser.h2);
      this.total?.(cellsOf(cells), line);
    }
    return v;
  }
}
