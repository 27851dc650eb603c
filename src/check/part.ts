// A stretch of a large delivered file, read on a worker thread while other threads read the rest
// (split.ts): from a byte just after a line break, through the same decoder, reader and row checks
// as check-file.ts, with the hashes of rows and units sent on as it goes (row-log.ts) for the main
// thread to look up in its tables, since whether a row repeats one depends on every row before it.
import { closeSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { CsvStream, MAX_RECORD, type CsvStats } from './csv-stream.js';
import { EncodingInspector, type EncodingFacts } from './encoding.js';
import type { PartSink } from './row-log.js';
import { ValueChecker, type ValueOptions, type ValuesPart } from './values.js';

export interface PartJob {
  file: string;
  /** The first byte read, just after a line break. */
  start: number;
  /**
   * Where the next part starts (a byte just after a line break), if one does: the reading stops
   * there when a record ends there, and otherwise goes on to the end of the file (`through`).
   */
  end?: number;
  /** The decoder's encoding (an ASCII-compatible one: a 0x0A byte is always a line break). */
  encoding: string;
  delimiter: string;
  quote: string | undefined;
  options: ValueOptions;
}

export interface PartResult {
  values: ValuesPart;
  stats: CsvStats;
  /** The line the next part starts on, counted from 1 at job.start. */
  nextLine: number;
  /** Whether the reading went past job.end to the end of the file (no record ended at job.end). */
  through: boolean;
  /** What the bytes read look like (encoding.ts), the lines counted from 1 at job.start. */
  bytes: EncodingFacts;
  /** The line the byte after the last one read is on, counting line feeds from 1 at job.start. */
  byteLines: number;
  /**
   * Whether a record came near MAX_RECORD: whether the reader gives up on one depends on where the
   * reads fall, so the file is then read again on one thread.
   */
  unsure: boolean;
}

const CHUNK = 1 << 16;

/** Reads the file from job.start as check-file.ts reads all of it, the lines counted from 1. */
export async function checkPart(job: PartJob, sink: PartSink): Promise<PartResult> {
  // A byte-order mark is only one at the start of a file: here it is text, and kept.
  const decoder = new TextDecoder(job.encoding, { ignoreBOM: true });
  const values = new ValueChecker(job.options, sink);
  const parser: CsvStream = new CsvStream(job.delimiter, job.quote, () => {}, true, (r, line) => values.rowAt(r, line, parser.h1, parser.h2));
  // Reads block the thread: it has nothing else to do meanwhile, and each read handed to the
  // thread pool and back waited for a turn on the cores, which with two parts and the main thread
  // on two cores was a third of a part's time (200 MB file: 0.9-1.2 s of 2.1-2.3 s).
  const fd = openSync(job.file, 'r');
  // Started just after a line feed: no UTF-8 sequence was cut there, and no BOM can be there.
  const inspector = new EncodingInspector(false);
  let longest = 0;
  let through = false;
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = job.start;
    for (;;) {
      let want = CHUNK;
      if (job.end !== undefined && !through) {
        want = Math.min(want, job.end - pos);
        if (want === 0) {
          if (parser.atBoundary) break;
          through = true;
          want = CHUNK;
        }
      }
      const bytesRead = readSync(fd, buf, 0, want, pos);
      if (bytesRead === 0) { through = job.end !== undefined; break; }
      pos += bytesRead;
      const chunk = buf.subarray(0, bytesRead);
      inspector.push(chunk);
      parser.push(decoder.decode(chunk, { stream: true }));
      if (parser.pending > longest) longest = parser.pending;
    }
  } finally {
    closeSync(fd);
  }
  parser.push(decoder.decode());
  inspector.end();
  // A record cut by a read is held until its end comes: one that makes the reader give up, with
  // reads falling anywhere, is held past MAX_RECORD / 2 here.
  const unsure = parser.gaveUp || longest > MAX_RECORD / 2;
  const nextLine = parser.nextLine;
  parser.end();
  return { values: values.part(), stats: parser.stats, nextLine, through, bytes: inspector.facts, byteLines: inspector.line, unsure };
}
