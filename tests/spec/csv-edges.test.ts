// Recipient CSV files as spreadsheets and Windows checkouts write them.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/spec/csv.js';

describe('parseCsv', () => {
  it('a CRLF inside a quoted cell is one line break, and rows of empty cells are skipped', () => {
    const { rows, diagnostics } = parseCsv('id,address\r\nnairobi,"1 Road\r\nNairobi"\r\n,\r\n\r\ncoast,"2 Way"\r\n', 'r.csv');
    expect(diagnostics).toEqual([]);
    expect(rows.map((r) => r.map((c) => c.value))).toEqual([['id', 'address'], ['nairobi', '1 Road\nNairobi'], ['coast', '2 Way']]);
    expect(rows[2]![0]).toMatchObject({ line: 6, col: 1 });
  });
});
