// A ZIP archive read as a stream (fflate's Unzip): each entry the caller wants is inflated chunk by
// chunk into its handler while the file is read, so memory stays flat whatever the archive's size.
import { open } from 'node:fs/promises';
import { Unzip, UnzipInflate, UnzipPassThrough, type FlateError, type UnzipDecoder } from 'fflate';

/** Takes an entry's bytes as they are inflated; `final` on the last chunk. */
export type EntrySink = (chunk: Uint8Array, final: boolean) => void;
/** What to do with an entry's bytes, or undefined to skip it. */
export type EntryHandler = (name: string) => EntrySink | undefined;

/**
 * Small reads: what a read inflates to (often ten times its size) then stays small enough for the
 * collector's young generation. 64 KiB reads gave 660 KB chunks, kept until a full collection:
 * a plain read of a 40 MB workbook peaked at 158 MB, 93 MB with 4 KiB reads (also when 64 KiB
 * reads were pushed in 4 KiB pieces: 126 MB, fflate keeping views of them).
 */
const CHUNK = 1 << 12;
type OnData = (err: FlateError | null, data: Uint8Array, final: boolean) => void;

/**
 * Reads `file` once, handing each wanted entry's inflated bytes to its handler, in archive order.
 * Every entry is started, since fflate keeps the bytes of an entry not started (waiting for a late
 * start()); a skipped one goes to a decoder that drops its bytes without inflating them.
 */
export async function streamZip(file: string, want: EntryHandler): Promise<void> {
  let failure: unknown;
  const sinks = new Map<string, EntrySink>();
  const decoder = (compression: number, Inner: new () => UnzipDecoder) => class implements UnzipDecoder {
    static compression = compression;
    ondata: OnData = () => {};
    private readonly inner?: UnzipDecoder;
    constructor(name: string) {
      if (!sinks.has(name)) return;
      this.inner = new Inner();
      this.inner.ondata = (err, data, final) => this.ondata(err, data, final);
    }
    push(data: Uint8Array, final: boolean): void {
      if (this.inner) this.inner.push(data, final);
      else if (final) this.ondata(null, new Uint8Array(0), true);
    }
  };
  const unzip = new Unzip((entry) => {
    const sink = want(entry.name);
    if (sink) sinks.set(entry.name, sink); else sinks.delete(entry.name);
    entry.ondata = (err, data, final) => {
      if (err) { failure ??= err; return; }
      if (!sink || failure) return;
      try { sink(data, final); } catch (e) { failure = e; }
    };
    entry.start();
  });
  unzip.register(decoder(8, UnzipInflate));
  unzip.register(decoder(0, UnzipPassThrough));
  const fh = await open(file, 'r');
  try {
    for (;;) {
      // A new buffer each read: fflate keeps a view of the end of a chunk that held part of a header.
      const buf = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      unzip.push(buf.subarray(0, bytesRead), bytesRead === 0);
      if (failure) throw failure;
      if (bytesRead === 0) break;
    }
  } finally {
    await fh.close();
  }
}
