// Legacy Excel workbooks (XLS, BIFF) read with SheetJS (@e965/xlsx, the npm build of the maintained
// SheetJS line): a binary format best left to a library, and small by nature (65,536 rows a sheet
// at most), so it is read whole.
import { readFile } from 'node:fs/promises';
import { numberText, type CellKind, type SheetSink } from './sheet-rows.js';

const kindOf: Record<string, CellKind> = { n: 'n', s: 's', b: 'b', d: 'd', e: 'e' };

export async function readXls(file: string, sink: SheetSink): Promise<void> {
  const XLSX = await import('@e965/xlsx');
  const book = XLSX.read(await readFile(file), { dense: true, cellText: false, cellDates: false });
  for (const name of book.SheetNames) {
    sink.sheet(name);
    const rows = (book.Sheets[name]?.['!data'] ?? []) as ({ t: string; v?: unknown; w?: string } | undefined)[][];
    rows.forEach((row, r) => {
      if (!row) return;
      const values: string[] = [];
      const kinds: CellKind[] = [];
      row.forEach((c, col) => {
        const k = c ? kindOf[c.t] ?? '' : '';
        const v = !c || c.v === undefined ? ''
          : c.t === 'b' ? (c.v ? 'TRUE' : 'FALSE') : c.t === 'n' ? numberText(String(c.v)) : String(c.v);
        values[col] = v;
        kinds[col] = v === '' ? '' : k;
      });
      if (values.some((v) => v !== '')) sink.row(r + 1, Array.from(values, (v) => v ?? ''), Array.from(kinds, (k) => k ?? ''));
    });
  }
}
