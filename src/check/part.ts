// The end of a large delivered file, read on a second thread while the main thread reads the rest
// (check-file.ts): from a byte just after a line break to the end of the file, through the same
// decoder, reader and row checks, with every verdict that depends on the rows before it (repeats,
// distinct units) left as a log of hashes for the main thread to replay in order.
import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { CsvStream, MAX_RECORD, type CsvStats } from './csv-stream.js';
import { ValueChecker, type ValueOptions, type ValuesPart } from './values.js';

export interface PartJob {
  file: string;
  /** The first byte read, just after a line break. */
  start: number;
  /** The decoder's encoding (an ASCII-compatible one: a 0x0A byte is always a line break). */
  encoding: string;
  delimiter: string;
  quote: string | undefined;
  options: ValueOptions;
}

export interface PartResult {
  values: ValuesPart;
  stats: CsvStats;
  /** Whether every byte read was ASCII: the encoding verdicts are then those of the bytes before. */
  ascii: boolean;
  /**
   * Whether a record came near MAX_RECORD: whether the reader gives up on one depends on where the
   * reads fall, so the main thread then reads the rest itself.
   */
  unsure: boolean;
}

const CHUNK = 1 << 16;

/** Reads the file from job.start to its end as check-file.ts reads all of it, the lines counted from 1. */
export async function checkPart(job: PartJob): Promise<PartResult> {
  // A byte-order mark is only one at the start of a file: here it is text, and kept.
  const decoder = new TextDecoder(job.encoding, { ignoreBOM: true });
  const values = new ValueChecker(job.options, true);
  const parser: CsvStream = new CsvStream(job.delimiter, job.quote, () => {}, true, (r, line) => values.rowAt(r, line, parser.h1, parser.h2));
  const fh = await open(job.file, 'r');
  let ascii = true;
  let longest = 0;
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = job.start;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const chunk = buf.subarray(0, bytesRead);
      if (ascii && !isAscii(chunk)) ascii = false;
      parser.push(decoder.decode(chunk, { stream: true }));
      if (parser.pending > longest) longest = parser.pending;
    }
  } finally {
    await fh.close();
  }
  parser.push(decoder.decode());
  // A record cut by a read is held until its end comes: one that makes the reader give up, with
  // reads falling anywhere, is held past MAX_RECORD / 2 here.
  const unsure = parser.gaveUp || longest > MAX_RECORD / 2;
  parser.end();
  return { values: values.part(), stats: parser.stats, ascii, unsure };
}

/** The buffers a result holds, to move rather than copy them to the main thread. */
export const transferList = (r: PartResult): ArrayBuffer[] =>
  [...r.values.rowLog, ...r.values.unitLog].map((b) => b.buffer as ArrayBuffer);
