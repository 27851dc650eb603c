// The shortcuts `oedr check` takes on files of millions of rows must not change a verdict: the
// character loops agree with the type tests, the hash table finds every repeat up to its cap, and
// the reader hands out each record's own text.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CsvStream } from '../../src/check/csv-stream.js';
import { HashTable, Hasher } from '../../src/check/hash-table.js';
import type { PartSink } from '../../src/check/row-log.js';
import { quickTest, quickTestAt, typeTest } from '../../src/check/types.js';
import { MAX_REMEMBERED, rowsIn, ValueChecker } from '../../src/check/values.js';

describe('quickTest says yes only where typeTest does', () => {
  const chars = fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '5', '9', '-', '+', ':', '.', ',', 'T', 'Z', ' ', 'e', 'x') });
  const shaped = fc.oneof(
    chars,
    fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.constantFrom('', ':07', ':60', 'Z', '+03:00', '-0500', '+3:00', '.5'))
      .map(([y, m, d, h, mi, tail]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}${tail}`),
  );
  for (const type of ['integer', 'number', 'date', 'datetime', 'year']) {
    for (const decimal of ['.', ',']) {
      test(`${type}, decimal "${decimal}"`, () => {
        const quick = quickTest(type, decimal)!;
        const full = typeTest(type, decimal)!;
        fc.assert(fc.property(shaped, (v) => !quick(v) || full(v) === true), { numRuns: 3000 });
      });
    }
  }

  test('the common shapes take the quick path', () => {
    expect(['12', '-3', '+0'].every(quickTest('integer', '.')!)).toBe(true);
    expect(['12,5', '-0,25'].every(quickTest('number', ',')!)).toBe(true);
    expect(quickTest('number', ',')!('12.5')).toBe(false);
    expect(['2027-08-15T14:32:00+03:00', '2027-08-15 14:32', '2024-02-29T00:00:00Z'].every(quickTest('datetime', '.')!)).toBe(true);
    expect(['2023-02-29T00:00:00Z', '2027-08-15T24:00:00'].some(quickTest('datetime', '.')!)).toBe(false);
  });
});

describe('HashTable', () => {
  test('finds every repeat with the line first seen, through growth, and stops adding at its cap', () => {
    const h = new Hasher();
    const t = new HashTable(5000, true, 16);
    const add = (s: string, line: number) => t.getOrAdd(h.value(s), h.hi, line);
    for (let i = 1; i <= 5000; i++) expect(add(`row ${i}`, i)).toBe(0);
    expect(t.size).toBe(5000);
    for (let i = 1; i <= 5000; i += 7) expect(add(`row ${i}`, 99999)).toBe(i);
    expect(t.full).toBe(false);
    expect(add('one more', 5001)).toBe(0);
    expect(t.full).toBe(true);
    expect(add('one more', 5002)).toBe(0);
  });

  test('without values: whether a hash was seen, a hash of 0 included', () => {
    const t = new HashTable(10, false, 16);
    expect([t.getOrAdd(0, 0, 5), t.getOrAdd(0, 0, 5), t.getOrAdd(7, 0, 5), t.getOrAdd(0, 0, 5)]).toEqual([0, 1, 0, 1]);
    expect(t.size).toBe(2);
  });

  test('the hash tells apart texts of odd and even length and different characters', () => {
    const h = new Hasher();
    const seen = new Set<string>();
    for (const s of ['', 'a', 'ab', 'ba', 'a\u0000', 'abc', 'ab,c', 'a,bc']) seen.add(`${h.value(s)}:${h.hi}`);
    expect(seen.size).toBe(8);
  });
});

test('CsvStream hashes the values of each record as it reads them: quoting aside, the same values give the same hash, however the text is cut', () => {
  const text = 'a,"b"\r\na,b\n"a,b"\nab,\na,b,\n"x ""y"""\nx "y",z\n';
  const hashes = (chunks: string[]) => {
    const out: string[] = [];
    const h = new Hasher();
    const p = new CsvStream(',', '"', () => out.push(`${h.finish(p.h1, p.h2)}:${h.hi}`), true);
    for (const c of chunks) p.push(c);
    p.end();
    return out;
  };
  const whole = hashes([text]);
  expect(whole).toHaveLength(7);
  expect(whole[0]).toBe(whole[1]);
  expect(new Set(whole).size).toBe(6);
  for (let i = 0; i <= text.length; i++) expect(hashes([text.slice(0, i), text.slice(i)])).toEqual(whole);
});

describe('values read in place agree with values read as strings', () => {
  test('quickTestAt on a value inside other text says what quickTest says of the value alone', () => {
    const chars = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '-', '+', ':', '.', ',', 'T', 'Z', ' ') });
    const dt = fc.tuple(fc.integer({ min: 1999, max: 2031 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.constantFrom('', 'T14:32', 'T14:32:00', 'T23:59:59Z', 'T14:32:00+03:00', 'T14:32:0', 'T14:32:'))
      .map(([y, m, d, t]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${t}`);
    const value = fc.oneof(chars, dt, fc.integer().map(String));
    for (const type of ['integer', 'number', 'date', 'datetime', 'year']) {
      for (const decimal of ['.', ',']) {
        const at = quickTestAt(type, decimal)!;
        const alone = quickTest(type, decimal)!;
        fc.assert(fc.property(chars, value, chars, (before, v, after) =>
          at(before + v + after, before.length, before.length + v.length) === alone(v)), { numRuns: 1500 });
      }
    }
  });

  // The same rows through CsvStream's records of strings and ValueChecker.row, and through its
  // records read in place and ValueChecker.rowAt, cut into chunks anywhere: the same findings.
  test('ValueChecker.rowAt on raw records finds what ValueChecker.row finds on strings', () => {
    const fields = [
      { name: 'code', type: 'string', required: true },
      { name: 'count', type: 'integer', required: true },
      { name: 'share', type: 'number' },
      { name: 'day', type: 'date', required: true },
      { name: 'at', type: 'datetime' },
      { name: 'year', type: 'year' },
      { name: 'note' },
    ];
    const cell = fc.oneof(
      fc.constantFrom('', ' ', '\t', 'A1', 'A1', 'B2', ' 12', '12', '-3', '+0', '1,5', '1.5', '1 000', 'x', 'é', 'é1', '2027-08-15', '2027-02-30', '15/08/2027',
        '2027-08-15T14:32:00+03:00', '2027-08-15 14:32', '2026-12-31T23:59:59Z', '2027-08-15T14:32:', '1999', '2027', '"q"', '"a,b"', '"x""y"', '"multi\nline"', 'a"b'),
      fc.string({ unit: fc.constantFrom('1', '2', '-', ':', 'T', ' ', 'a', '.') }),
    );
    const row = fc.array(cell, { minLength: 5, maxLength: 8 });
    const eol = fc.constantFrom('\n', '\r\n');
    fc.assert(fc.property(fc.array(fc.tuple(row, eol), { minLength: 1, maxLength: 30 }), fc.array(fc.nat()), fc.boolean(), (rows, cuts, withRange) => {
      // Repeat some rows so that duplicates are found.
      const all = [...rows, ...rows.filter((_, k) => k % 3 === 0)];
      const text = all.map(([r, e]) => r.join(',') + e).join('');
      const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      const chunks = [0, ...at].map((s, k, xs) => text.slice(s, xs[k + 1] ?? text.length));
      const options = { fields, columns: [0, 1, 2, 3, 4, 5, 6], width: 7, decimal: '.', key: { fields: [0], unit: 'codes' },
        timeRange: withRange ? { from: '2027-01-01', to: '2027-12-31' } : undefined };
      const slow = new ValueChecker(options);
      const p1: CsvStream = new CsvStream(',', '"', (cells, line) => slow.row(cells, line, p1.h1, p1.h2), true);
      const fast = new ValueChecker(options);
      const p2: CsvStream = new CsvStream(',', '"', () => {}, true, (r, line) => fast.rowAt(r, line, p2.h1, p2.h2));
      for (const c of chunks) { p1.push(c); p2.push(c); }
      p1.end(); p2.end();
      expect(fast.rows).toBe(slow.rows);
      expect(fast.findings()).toEqual(slow.findings());
      expect(p2.stats).toEqual(p1.stats);
    }), { numRuns: 400 });
  });
});

describe('the duplicate-row table sized from the file', () => {
  const fields = [{ name: 'a' }, { name: 'b' }];
  const options = { fields, columns: [0, 1], width: 2, decimal: '.' };
  /** 200,000 rows, every fifth a repeat of an earlier one, through a checker with these options. */
  function run(extra: { bytes?: number }) {
    const v = new ValueChecker({ ...options, ...extra });
    const p: CsvStream = new CsvStream(',', '"', () => {}, true, (r, line) => v.rowAt(r, line, p.h1, p.h2));
    let text = '';
    for (let i = 0; i < 200_000; i++) text += i % 5 === 4 ? `${i - 1},x\n` : `${i},x\n`;
    p.push(text);
    p.end();
    return v;
  }

  test('rowsIn bounds the rows of a file: at least a character and a line break each, the last without', () => {
    expect(rowsIn(0)).toBe(1);
    // "a" "a\nb" "a\nb\nc": 1, 2 and 3 rows.
    expect(rowsIn(1)).toBeGreaterThanOrEqual(1);
    expect(rowsIn(3)).toBeGreaterThanOrEqual(2);
    expect(rowsIn(5)).toBeGreaterThanOrEqual(3);
    expect(rowsIn(2 * MAX_REMEMBERED)).toBeGreaterThan(MAX_REMEMBERED);
  });

  test('a table made small (a size too small for the rows, as if the file grew) finds the same duplicates as a full one', () => {
    const full = run({});
    const small = run({ bytes: 10 });
    const sized = run({ bytes: 2_000_000 });
    expect(full.findings().find((f) => f.aspect === 'duplicates')?.count).toBe(40_000);
    expect(small.findings()).toEqual(full.findings());
    expect(sized.findings()).toEqual(full.findings());
  });

  test('a checker in part mode makes no table: its rows go to the sink', () => {
    const sink: PartSink = { rows: () => {}, units: () => {} };
    const part = new ValueChecker({ ...options, bytes: 1e9 }, sink);
    expect((part as unknown as { seen?: unknown }).seen).toBeUndefined();
    expect((new ValueChecker(options) as unknown as { seen?: unknown }).seen).toBeDefined();
  });
});
