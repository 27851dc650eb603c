// Blocks of hashes kept in a temporary file instead of memory, then read back in order: the second
// part of a large file (split.ts) sends the hashes of its rows long before they can be looked up,
// after every row of the first part, and on a 1 GB file they are 35 MB that the 200 MB target has
// no room for. Written and read in blocks of 512 KiB; the operating system's cache keeps them.
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOCK } from './row-log.js';

/** A block: rows (hashes and jumps, row-log.ts) or units (hashes). */
export type Block = { rows: Uint32Array; jumps: Uint32Array } | { units: Uint32Array };

export class Spill {
  private written = 0;
  private readonly sizes: [kind: 0 | 1, hashes: number, jumps: number][] = [];
  private writing: Promise<unknown> = Promise.resolve();
  private failed = false;

  /** `dir`: the folder still to remove at the end, where it could not go at once (see make()). */
  private constructor(private readonly dir: string | undefined, private readonly fh: FileHandle) {}

  /** A new spill file, or undefined when none can be made (the blocks then stay in memory). `parent`: for tests. */
  static async make(parent = tmpdir()): Promise<Spill | undefined> {
    let dir: string | undefined;
    try {
      dir = await mkdtemp(join(parent, 'oedr-check-'));
      const fh = await open(join(dir, 'hashes'), 'w+');
      // Removed at once where the system allows it (POSIX): the open handle keeps the data, so a
      // check interrupted by Ctrl-C leaves nothing behind (found in review). Where it cannot go
      // while open (Windows), remove() deletes it at the end, as before.
      const gone = await rm(dir, { recursive: true, force: true }).then(() => true, () => false);
      return new Spill(gone ? undefined : dir, fh);
    } catch {
      if (dir) await rm(dir, { recursive: true, force: true });
      return undefined;
    }
  }

  /** Writes the block after those before it; `done` gets its hashes back once they are written. */
  add(b: Block, done?: (hashes: Uint32Array) => void): void {
    const hashes = 'units' in b ? b.units : b.rows;
    const parts = 'units' in b ? [b.units] : [b.rows, b.jumps];
    this.sizes.push('units' in b ? [1, b.units.length, 0] : [0, b.rows.length, b.jumps.length]);
    for (const p of parts) {
      const at = this.written;
      this.written += p.byteLength;
      this.writing = this.writing.then(() => this.fh.write(p, 0, p.byteLength, at)).catch(() => { this.failed = true; });
    }
    this.writing = this.writing.then(() => done?.(hashes));
  }

  /**
   * The blocks in the order they were added, read into the same two buffers each time (a block is
   * done with before the next is read); throws when the file could not be written or read.
   */
  async *blocks(): AsyncGenerator<Block, void, undefined> {
    await this.writing;
    if (this.failed) throw new Error('spill failed');
    let at = 0;
    const bufs = [new Uint32Array(BLOCK), new Uint32Array(64)];
    const read = async (n: number, k: 0 | 1) => {
      if (bufs[k]!.length < n) bufs[k] = new Uint32Array(n);
      const a = bufs[k]!.subarray(0, n);
      const { bytesRead } = await this.fh.read(a, 0, a.byteLength, at);
      if (bytesRead !== a.byteLength) throw new Error('spill short read');
      at += a.byteLength;
      return a;
    };
    for (const [kind, hashes, jumps] of this.sizes) {
      if (kind === 1) yield { units: await read(hashes, 0) };
      else yield { rows: await read(hashes, 0), jumps: await read(jumps, 1) };
    }
  }

  async remove(): Promise<void> {
    await this.writing;
    await this.fh.close().catch(() => {});
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}
