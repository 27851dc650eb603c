// A large file read by two threads (split.ts, part.ts) must give the report one reader gives: the
// part's verdicts shifted to their lines, repeats across the split found, examples kept in file
// order, and the part's verdicts dropped when its start falls inside a quoted value. The part runs
// on this thread here (vitest has no compiled worker); the bench runs it on a worker.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkFile } from '../../src/check/check-file.js';
import { checkPart, type PartJob, type PartResult } from '../../src/check/part.js';
import { RowLog } from '../../src/check/row-log.js';
import type { Runner } from '../../src/check/split.js';
import { pathToFileURL } from 'node:url';
import { root, specFrom, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());

const specFile = join(tmp.path, 'request.yaml');
writeFileSync(specFile, `letter: { date: 2027-03-01, subject: Request for results }
requester: { organisation: Test Election Watch, email: data@example.test, signatory: { name: A. N. Tester } }
recipient: { institution: Electoral Commission }
datasets:
  - title: Results by polling station
    description: Votes per candidate at each polling station.
    granularity: polling-station
    time_range: { from: 2027-08-01, to: 2027-08-31 }
    fields:
      - { name: station_code, description: Code, required: true }
      - { name: station_name, description: Name, required: true }
      - { name: votes, description: Votes, type: integer, required: true }
      - { name: share, description: Share, type: number }
      - { name: day, description: Day, type: date }
      - { name: updated, description: Updated, type: datetime }
      - { name: counted, description: Counted, type: boolean }
      - { name: year, description: Year, type: year }
`);

/**
 * About 2.5 MB of rows (more than the 1 MiB first read, so that a split is possible), with every
 * kind of problem in both halves: bad and empty values, dates outside the period, rows of the wrong
 * length, stray quotes, blank lines, CRLF, repeated rows (near and far apart, across the middle),
 * values beyond ASCII, quoted values holding line breaks and doubled quotes. `rows` are the lines
 * of text as written, so that tests can find byte offsets.
 */
function generate(name: string, repeatsFrom = 0): { file: string; rows: string[]; size: number } {
  const rows = ['station_code,station_name,votes,share,day,updated,counted,year'];
  const n = 28_000;
  for (let i = 0; i < n; i++) {
    const st = `S${String(Math.floor(i / 4)).padStart(5, '0')}`;
    const votes = i % 997 === 5 ? '1.234' : i % 1301 === 7 ? '' : String((i * 37) % 900);
    const share = i % 1511 === 3 ? '"0,5"' : `0.${i % 100}`;
    const day = i % 2003 === 11 ? '2027-09-02' : i % 2707 === 1 ? '15/08/2027' : `2027-08-${String(10 + (i % 20)).padStart(2, '0')}`;
    const upd = i % 3001 === 17 ? '2027-08-15' : `2027-08-15T1${i % 10}:32:00+03:00`;
    const name = i % 4001 === 9 ? `"Hall ""${i}"", Stream\n2"` : i % 2503 === 13 ? `Hall ${i} "B"` : `"Kamukunji ${i % 9}, Stream ${i % 3}"`;
    const accent = i > n / 2 && i % 1703 === 0 ? 'é' : '';
    let row = `${st},${name}${accent},${votes},${share},${day},${upd},${i > 0.7 * n && i % 1000 === 1 ? 'maybe' : i % 2 ? 'yes' : 'no'},2027`;
    if (i % 3203 === 21) row += ',extra';
    rows.push(row);
    if (i % 1999 === 0) rows.push('');
    if (i >= repeatsFrom * n) {
      if (i % 2111 === 100) rows.push(rows[rows.length - 2]!); // a repeat of the row before last
      if (i % 5003 === 4000) rows.push(rows[1 + (i % 97)]!); // a repeat from near the start
      if (i % 3001 === 2000) rows.push(rows[Math.floor(rows.length * 0.6)]!); // and from further on
    }
  }
  const file = join(tmp.path, name);
  const text = rows.map((r, k) => r + (k % 1000 === 500 ? '\r\n' : '\n')).join('');
  writeFileSync(file, text);
  return { file, rows, size: Buffer.byteLength(text) };
}

const { file, rows, size } = generate('results.csv');
const dataset = (await specFrom(specFile)).datasets[0]!;
const single = await checkFile(file, dataset, 1, undefined, { minBytes: Infinity });

/**
 * The parts on this thread, their jobs kept; `tamper` changes the result of the part with this
 * index before it is taken in.
 */
function inThread(tamper?: [number, (r: PartResult) => void]): Runner & { jobs: PartJob[] } {
  const jobs: PartJob[] = [];
  const run: Runner = (job, sink) => {
    const k = jobs.push(job) - 1;
    return { result: checkPart(job, sink).then((r) => { if (tamper?.[0] === k) tamper[1](r); return r; }), cancel: async () => {} };
  };
  return Object.assign(run, { jobs });
}
const plusOne = (k: number): [number, (r: PartResult) => void] => [k, (r) => { r.values.rows += 1; }];

describe('a file read in two parts reports what one reader reports', () => {
  test('the file has something to find in both halves', () => {
    const f = single.findings.filter((x) => x.status === 'deviation').map((x) => `${x.aspect} ${x.field ?? ''} ${x.count}`);
    expect(f).toEqual(expect.arrayContaining([expect.stringMatching(/^duplicates {2}\d+$/), expect.stringMatching(/^values votes \d+$/), expect.stringMatching(/^structure {2}\d+$/)]));
    const find = (aspect: string, field?: string) => single.findings.find((x) => x.aspect === aspect && x.field === field)!;
    expect(find('duplicates').details).toContain('line 4010 repeats line 26');
    expect(find('values', 'counted').lines![0]).toBeGreaterThan(20_000); // examples from the second half only
    expect(find('units', 'station_code').count).toBe(7000);
    expect(single.findings.find((x) => x.aspect === 'encoding')).toBeDefined();
  });

  for (const fraction of [0.45, 0.5, 0.61, 0.8, 0.97]) {
    test(`second part from ${fraction} of the file`, async () => {
      const run = inThread();
      expect(await checkFile(file, dataset, 1, undefined, { minBytes: 0, fraction, run })).toEqual(single);
      expect(run.jobs.map((j) => [j.start > 2 ** 20 && j.start < 2 ** 20 + 1000, j.end === run.jobs[1]!.start])).toEqual([[true, true], [false, false]]);
      // Both parts' verdicts were taken in: changed, they change the report.
      for (const k of [0, 1]) {
        const changed = await checkFile(file, dataset, 1, undefined, { minBytes: 0, fraction, run: inThread(plusOne(k)) });
        expect(changed.rows).toBe(single.rows! + 1);
      }
    });
  }

  test('repeats found in the parts, with their lines', async () => {
    const late = generate('late-repeats.csv', 0.55);
    const one = await checkFile(late.file, dataset, 1, undefined, { minBytes: Infinity });
    const repeats = one.findings.find((x) => x.aspect === 'duplicates')!;
    expect(repeats.lines![0]).toBeGreaterThan(15_000);
    expect(repeats.details!.some((d) => Number(/repeats line (\d+)/.exec(d)![1]) > 15_000)).toBe(true);
    for (const fraction of [0.5, 0.7]) {
      expect(await checkFile(late.file, dataset, 1, undefined, { minBytes: 0, fraction, run: inThread() })).toEqual(one);
    }
  });

  test('a second part starting inside a quoted value is not taken: the first reads on', async () => {
    // The line break inside the first quoted value that holds one, past the first 1.2 MiB.
    let offset = 0;
    let k = 0;
    for (; k < rows.length; k++) {
      if (offset > 1.2 * 2 ** 20 && rows[k]!.includes('\n')) break;
      offset += Buffer.byteLength(rows[k]!) + (k % 1000 === 500 ? 2 : 1);
    }
    const from = offset + rows[k]!.indexOf('\n') - 3;
    const bent = inThread(plusOne(1));
    expect(await checkFile(file, dataset, 1, undefined, { minBytes: 0, fraction: from / size, run: bent })).toEqual(single);
    expect(bent.jobs[1]!.start).toBe(offset + rows[k]!.indexOf('\n') + 1);
  });

  test('a first part starting inside a quoted value: the file is read again on one thread', async () => {
    // A value holding line breaks across the end of the first 1 MiB read.
    const head = rows.slice(0, 1);
    let n = Buffer.byteLength(head[0]!) + 1;
    for (let k = 1; n < 2 ** 20 - 40; k++) { head.push(rows[k]!); n += Buffer.byteLength(rows[k]!) + (k % 1000 === 500 ? 2 : 1); }
    const text = rows.map((r, k) => r + (k % 1000 === 500 ? '\r\n' : '\n'));
    const at = head.length;
    text.splice(at, 0, `S99999,"${'x'.repeat(30)}\n${'y'.repeat(30)}\n${'z'.repeat(30)}",1,0.5,2027-08-10,2027-08-15T10:32:00+03:00,yes,2027\n`);
    const spanning = join(tmp.path, 'spanning.csv');
    writeFileSync(spanning, text.join(''));
    const one = await checkFile(spanning, dataset, 1, undefined, { minBytes: Infinity });
    const bent = inThread(plusOne(0));
    const how: string[] = [];
    expect(await checkFile(spanning, dataset, 1, undefined, { minBytes: 0, fraction: 0.5, run: bent, trace: (h) => how.push(h) })).toEqual(one);
    expect(how).toEqual(['again']);
    expect(bent.jobs[0]!.start).toBeGreaterThan(n);
    expect(bent.jobs[0]!.start).toBeLessThan(n + 100);
  });

  test('a part whose bytes go beyond ASCII: the encoding verdicts are those of the whole file', async () => {
    const run = inThread([1, (r) => expect(r.bytes.nonAscii.count).toBeGreaterThan(0)]);
    expect(await checkFile(file, dataset, 1, undefined, { minBytes: 0, fraction: 0.6, run })).toEqual(single);
  });

  /** 28,000 rows, each with a name beyond ASCII; `bad` rows hold a byte that is not UTF-8 (a Windows-1252 é). */
  function accented(name: string, bad: number[]): string {
    const parts: Buffer[] = [Buffer.from('station_code,station_name,votes,share,day,updated,counted,year\n')];
    for (let i = 0; i < 28_000; i++) {
      const station = bad.includes(i) ? Buffer.from(`"Montr\xe9al ${i}"`, 'latin1') : Buffer.from(`"${['Montréal', 'Bogotá', 'Saint-Étienne – Nord', 'Kraków'][i % 4]} ${i}"`);
      parts.push(Buffer.from(`S${String(i).padStart(5, '0')},`), station, Buffer.from(`,${i % 900},0.5,2027-08-10,2027-08-15T10:32:00+03:00,yes,2027\n`));
    }
    const path = join(tmp.path, name);
    writeFileSync(path, Buffer.concat(parts));
    return path;
  }

  test('UTF-8 beyond ASCII on every line, split in two: the one-thread report, each part inspecting its own bytes', async () => {
    const utf8 = accented('accented.csv', []);
    const one = await checkFile(utf8, dataset, 1, undefined, { minBytes: Infinity });
    expect(one.findings.find((x) => x.aspect === 'encoding')!.status).toBe('ok');
    for (const fraction of [0.5, 0.8]) {
      const how: string[] = [];
      const run = inThread([1, (r) => expect(r.bytes.utf8Multibyte.count).toBeGreaterThan(1000)]);
      expect(await checkFile(utf8, dataset, 1, undefined, { minBytes: 0, fraction, run, trace: (h) => how.push(h) })).toEqual(one);
      expect(how).toEqual(['parts']);
      expect(run.jobs).toHaveLength(2);
    }
  });

  test('bytes that are not UTF-8 in the second part: counted, on their lines', async () => {
    // Rows are 70-odd bytes: rows 24,000 on lie past 0.8 of the file, and a few more than
    // MAX_EXAMPLES of them, on lines of their own and the same line twice over, test the cap.
    const bad = [24_000, 24_001, 24_500, 25_000, 25_100, 25_200, 25_300, 25_400, 25_500, 26_000, 26_100, 27_000, 27_999];
    const latin = accented('invalid.csv', bad);
    const one = await checkFile(latin, dataset, 1, undefined, { minBytes: Infinity });
    const enc = one.findings.find((x) => x.aspect === 'encoding')!;
    expect(enc.count).toBe(bad.length);
    expect(enc.lines).toEqual(bad.slice(0, 10).map((i) => i + 2));
    for (const fraction of [0.5, 0.8, 0.9]) {
      const how: string[] = [];
      expect(await checkFile(latin, dataset, 1, undefined, { minBytes: 0, fraction, run: inThread(), trace: (h) => how.push(h) })).toEqual(one);
      expect(how).toEqual(['parts']);
    }
  });

  test('a part that fails: the file is read again on one thread', async () => {
    for (const k of [0, 1]) {
      const run: Runner = (job, sink) => {
        const r = checkPart(job, sink);
        return { result: k === 0 ? r.then(() => undefined) : r, cancel: async () => {} };
      };
      expect(await checkFile(file, dataset, 1, undefined, { minBytes: 0, fraction: 0.5, run })).toEqual(single);
    }
  });
});

describe('on worker threads (the built code)', () => {
  test('the report is the one-thread report, whatever the machine', async () => {
    const built = pathToFileURL(join(root, 'dist/check/check-file.js')).href;
    const { checkFile: builtCheck } = await import(built) as typeof import('../../src/check/check-file.js');
    const jobs = process.env.OEDR_JOBS;
    process.env.OEDR_JOBS = '2';
    try {
      for (const fraction of [0.5, 0.8]) {
        const how: string[] = [];
        expect(await builtCheck(file, dataset, 1, undefined, { minBytes: 0, fraction, trace: (h) => how.push(h) })).toEqual(single);
        expect(how).toEqual(['parts']);
      }
    } finally {
      if (jobs === undefined) delete process.env.OEDR_JOBS; else process.env.OEDR_JOBS = jobs;
    }
  });
});

describe('RowLog', () => {
  test('sends row hashes in blocks, with the lines that do not follow the row before', () => {
    const sent: [number[], number[]][] = [];
    const log = new RowLog({ rows: (h, j) => sent.push([[...h], [...j]]), units: () => {} }, 2);
    const lines = [5, 6, 9, 10, 11];
    lines.forEach((l, k) => log.add(100 + k, 200 + k, l));
    log.send();
    expect(sent).toEqual([[[100, 200, 101, 201], [0, 5]], [[102, 202, 103, 203], [2, 9]], [[104, 204], []]]);
  });
});
