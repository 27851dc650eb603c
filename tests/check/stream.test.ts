// The streaming pieces of `oedr check`: the CSV reader and the encoding inspector must give the same
// answer however the file is cut into chunks, since a chunk may end inside a quote, a CRLF or a
// multi-byte character.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CsvStream } from '../../src/check/csv-stream.js';
import { EncodingInspector, guessEncoding } from '../../src/check/encoding.js';
import { sniffFormat } from '../../src/check/format.js';
import { matchFields } from '../../src/check/fields.js';
import { sniffDelimiter, sniffQualifier } from '../../src/check/sniff.js';

function read(chunks: string[], d = ',', q: string | undefined = '"') {
  const out: [string[], number][] = [];
  const p = new CsvStream(d, q, (f, line) => out.push([f, line]));
  for (const c of chunks) p.push(c);
  p.end();
  return { records: out, stats: p.stats };
}

const tricky = 'a,"b,1","say ""hi""",\r\n"multi\nline",x,,""\n\nlast,"",z\rcr,only';

describe('CsvStream', () => {
  test('RFC 4180: quotes, doubled quotes, line breaks in quotes, empty values, CRLF/LF/CR', () => {
    const { records, stats } = read([tricky]);
    expect(records).toEqual([
      [['a', 'b,1', 'say "hi"', ''], 1],
      [['multi\nline', 'x', '', ''], 2],
      [['last', '', 'z'], 5],
      [['cr', 'only'], 6],
    ]);
    expect(stats).toMatchObject({ records: 4, crlf: 1, lf: 2, cr: 1, badQuotes: { count: 0 } });
  });

  test('every way of cutting the text in two or three gives the same records', () => {
    const whole = read([tricky]);
    for (let i = 0; i <= tricky.length; i++) {
      for (let j = i; j <= tricky.length; j += 3) {
        expect(read([tricky.slice(0, i), tricky.slice(i, j), tricky.slice(j)])).toEqual(whole);
      }
    }
  });

  test('random tables survive a round trip through random chunking', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r\n', ';', 'é', ' ') });
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.array(fc.nat()), (rows, cuts) => {
      const text = rows.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\r\n');
      const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      const chunks = [0, ...at].map((s, k, all) => text.slice(s, all[k + 1] ?? text.length));
      expect(read(chunks).records.map(([f]) => f)).toEqual(rows);
    }));
  });

  test('stray quotes and a quote that never closes are counted with their lines, not fatal', () => {
    const { records, stats } = read(['a,b"c\n"d"e,f\n"open,g\nh,i\n']);
    expect(records[0]).toEqual([['a', 'b"c'], 1]);
    expect(records[1]).toEqual([['de', 'f'], 2]);
    expect(stats.badQuotes).toEqual({ count: 2, lines: [1, 2] });
    expect(stats.unterminated).toBe(3);
  });

  test('other delimiters and qualifiers', () => {
    expect(read(["a;'b;c';d\n"], ';', "'").records).toEqual([[['a', 'b;c', 'd'], 1]]);
    expect(read(['a\tb\n'], '\t').records).toEqual([[['a', 'b'], 1]]);
  });
});

describe('EncodingInspector', () => {
  const inspect = (chunks: Uint8Array[]) => {
    const e = new EncodingInspector();
    for (const c of chunks) e.push(c);
    e.end();
    return e.facts;
  };

  test('a UTF-8 character cut between chunks is still valid', () => {
    const b = Buffer.from('name\nMontréal – Nairobi\n', 'utf8');
    for (let i = 0; i <= b.length; i++) {
      const f = inspect([b.subarray(0, i), b.subarray(i)]);
      expect(f.invalidUtf8.count).toBe(0);
      expect(guessEncoding(f)).toBe('UTF-8');
    }
  });

  test('Windows-1252 bytes: invalid UTF-8 on the right lines; ISO-8859-1, ASCII, BOM', () => {
    const f = inspect([Buffer.from('a\nMontr\xe9al\nok\n\x93quoted\x94\n', 'latin1')]);
    expect(f.invalidUtf8).toEqual({ count: 2, lines: [2, 4] });
    expect(guessEncoding(f)).toBe('Windows-1252');
    expect(guessEncoding(inspect([Buffer.from('Montr\xe9al\n', 'latin1')]))).toBe('single-byte');
    expect(guessEncoding(inspect([Buffer.from('plain\n')]))).toBe('ASCII');
    expect(inspect([Buffer.from('\ufeffa,b\n')]).bom).toBe('UTF-8');
  });

  test('lines are counted, not bytes, also once the examples are full; a stretch from within a file has no BOM', () => {
    const text = Array.from({ length: 15 }, (_, i) => `l${i} é é é\n`).join('');
    const f = inspect([Buffer.from(text)]);
    expect(f.nonAscii.count).toBe(15);
    expect(f.utf8Multibyte).toEqual({ count: 15, lines: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    const inner = new EncodingInspector(false);
    inner.push(Buffer.from('\ufeffa,b\n'));
    expect(inner.facts.bom).toBeUndefined();
    expect(inner.facts.nonAscii.count).toBe(1);
    expect(inner.line).toBe(2);
  });

  test('overlong and surrogate encodings are not UTF-8', () => {
    expect(inspect([Buffer.from([0xc0, 0xaf])]).invalidUtf8.count).toBe(1);
    expect(inspect([Buffer.from([0xed, 0xa0, 0x80])]).invalidUtf8.count).toBe(1);
  });
});

describe('sniffing', () => {
  test('file kinds from magic bytes', () => {
    expect(sniffFormat(Buffer.from('%PDF-1.4\n'))).toBe('pdf');
    expect(sniffFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('xls');
    expect(sniffFormat(Buffer.from('PK\x03\x04xxxxmimetypeapplication/vnd.oasis.opendocument.spreadsheet', 'latin1'))).toBe('ods');
    expect(sniffFormat(Buffer.from('{"type": "FeatureCollection"}'))).toBe('geojson');
    expect(sniffFormat(Buffer.from('<!DOCTYPE html><html>'))).toBe('html');
    expect(sniffFormat(Buffer.from('a,b\n1,2\n'))).toBe('text');
    expect(sniffFormat(Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00]))).toBe('text');
    expect(sniffFormat(Buffer.alloc(0))).toBe('empty');
  });

  test('delimiter and qualifier from the first lines', () => {
    expect(sniffDelimiter('a;b;c\n1;2,5;3\n4;5;6\n', ',', '"')).toBe(';');
    expect(sniffDelimiter('a,b\n"x;y",2\n', ',', '"')).toBe(',');
    expect(sniffDelimiter('a\tb\n1\t2\n', ',', '"')).toBe('\t');
    expect(sniffDelimiter('one\ncolumn\n', ',', '"')).toBeUndefined();
    expect(sniffQualifier("a,'b,c'\n", ',')).toBe("'");
    expect(sniffQualifier('a,b\n', ',')).toBeUndefined();
  });

  test('near misses: case, spacing, accents, spelling', () => {
    const m = matchFields(['Polling Station ID', 'Nómbre', 'votes_cst', 'extra'], [
      { name: 'polling_station_id' }, { name: 'nombre' }, { name: 'votes_cast' }, { name: 'turnout' },
    ]);
    expect(m.columns).toEqual([0, 1, 2, -1]);
    expect(m.findings.find((f) => f.status === 'deviation' && f.details?.length === 3)?.details).toEqual([
      '"Polling Station ID" should be named "polling_station_id" (it differs in spaces or punctuation between words, capital letters)',
      '"Nómbre" should be named "nombre" (it differs in accents, capital letters)',
      '"votes_cst" should be named "votes_cast" (it differs in spelling)',
    ]);
  });
});

test('a column whose name holds the requested one is a near miss: `Precinct Name` for `precinct`', () => {
  const m = matchFields(['County', 'Precinct Name'], [{ name: 'county' }, { name: 'precinct' }]);
  expect(m.columns).toEqual([0, 1]);
});

describe('matchFields on a very wide header (issue 14, defect 14)', () => {
  const fields = [{ name: 'polling_station_code' }, { name: 'votes_cast' }, { name: 'county' }, { name: 'Precinct Name' }];
  const header = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
  test('finds a field at the far end, near misses and duplicates among 100,000 columns', () => {
    const h = [...header(100_000), 'Polling Station Code', 'county', 'county'];
    const m = matchFields(h, fields);
    expect(m.columns.slice(0, 3)).toEqual([100_000, -1, 100_001]);
    expect(m.findings.find((f) => f.message.startsWith('Several columns'))?.details).toEqual(['county']);
  });
  test('work grows linearly with the width: reads of the header for n and 4n columns', () => {
    // Counted, not timed (timings fail on a loaded machine): every read of a header cell goes through the proxy.
    const reads = (n: number) => {
      let count = 0;
      const h = new Proxy(header(n), { get: (target, key, receiver) => (count++, Reflect.get(target, key, receiver)) });
      matchFields(h, fields);
      return count;
    };
    const [small, large] = [reads(20_000), reads(80_000)];
    expect(small).toBeGreaterThanOrEqual(20_000);
    expect(large / small).toBeLessThan(4.5);
  });
});
