// A one-line progress display on a terminal ("[ 12/100] requests/a.yaml"); nothing elsewhere, so
// logs in CI stay plain lines.
import type { Io } from './io.js';

export function progress(io: Io, total: number, silent: boolean): { tick(done: number, label: string): void; clear(): void } {
  const live = io.interactive && !silent && total > 1;
  let shown = false;
  return {
    tick(done, label) {
      if (!live) return;
      const width = String(total).length;
      process.stderr.write(`\r\x1b[2K[${String(done).padStart(width)}/${total}] ${label}`.slice(0, (process.stderr.columns || 80) + 6));
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}
