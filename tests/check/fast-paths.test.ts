// The shortcuts `oedr check` takes on files of millions of rows must not change a verdict: the
// character loops agree with the type tests, the hash table finds every repeat up to its cap, and
// the reader hands out each record's own text.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CsvStream } from '../../src/check/csv-stream.js';
import { HashTable, Hasher } from '../../src/check/hash-table.js';
import { quickTest, typeTest } from '../../src/check/types.js';

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
