// `oedr check --follow-up`: a broken delivery gives a letter (Markdown and PDF, read back) that
// thanks the institution and lists each difference with what was requested and what was received.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { andList, linesText } from '../../src/check/model.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const flat = (s: string) => s.replace(/\s+/g, ' ');

const spec = join(tmp.path, 'results-2027.yaml');
writeFileSync(spec, `letter: { date: 2027-03-01, reference: EW/2027/1, subject: Request for results }
requester: { organisation: Test Election Watch, email: data@example.test, signatory: { name: A. N. Tester } }
recipient: { institution: Election Commission, person: Ms Achieng }
datasets:
  - title: Results by polling station
    description: Votes per candidate at each polling station.
    fields:
      - { name: polling_station_code, description: The code, required: true }
      - { name: candidate, description: The candidate, required: true }
      - { name: votes, description: Votes, type: integer, required: true }
`);
const broken = join(tmp.path, 'delivered.csv');
writeFileSync(broken, 'Polling Station Code;candidate;votes\n001;Ann;12\n002;Bob;many\n');
const good = join(tmp.path, 'good.csv');
writeFileSync(good, 'polling_station_code,candidate,votes\n001,Ann,12\n');

describe('check --follow-up', () => {
  const out = join(tmp.path, 'letters');

  test('lists each deviation, with what was requested and received, in Markdown and PDF', async () => {
    const r = await runCli('check', broken, good, '--against', spec, '--follow-up', '--format', 'md,pdf', '--out', out, '--date', '2027-09-01');
    expect(r.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['results-2027-check-follow-up.md', 'results-2027-check-follow-up.pdf']);
    const md = flat(readFileSync(join(out, 'results-2027-check-follow-up.md'), 'utf8').replace(/(?<!\\)\*\*/g, '').replace(/\\([\s\S])/g, '$1'));
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(join(out, 'results-2027-check-follow-up.pdf'))));
    const pdfText = flat((await extractText(pdf, { mergePages: true })).text as string);
    for (const text of [md, pdfText]) {
      expect(text).toContain('Dear Ms Achieng');
      expect(text).toContain('1 September 2027');
      expect(text).toContain('Thank you for the data you sent in answer to our request');
      expect(text).toContain('Separator between fields. We asked for fields separated by commas (",").');
      expect(text).toContain('Separator between fields. We asked for fields separated by commas (","). Fields are separated by semicolons (";").');
      expect(text).not.toContain('The checks below');
      expect(text).toContain('Column names. We asked for these columns, named exactly so: polling_station_code, candidate, votes.');
      expect(text).toContain('"Polling Station Code" should be named "polling_station_code"');
      expect(text).toContain('Values. We asked for a whole number in every row of votes. 1 value is not: line 3 ("many").');
      // The file that matches is not listed.
      expect(text).toContain('delivered.csv');
      expect(text).not.toContain('good.csv');
    }
  });

  test('each difference said once, without the terminal advice or Markdown escapes, in DOCX, PDF and Markdown', async () => {
    const cp1252 = join(tmp.path, 'latin.csv');
    writeFileSync(cp1252, Buffer.from('polling_station_code,candidate,votes\n001,Montr\xe9al,12\n002,Ann,4\n003,Bob,many\n004,Cy,lots\n', 'latin1'));
    const dir = join(tmp.path, 'plain');
    const r = await runCli('check', cp1252, '--against', spec, '--follow-up', '--format', 'md,docx,pdf', '--out', dir, '--date', '2027-09-01');
    expect(r.code).toBe(1);
    const mdRaw = readFileSync(join(dir, 'results-2027-check-follow-up.md'), 'utf8');
    // The Markdown is read as it is: no escaped character in the findings (only the writer's line breaks in the address).
    const body = mdRaw.slice(mdRaw.indexOf('## latin.csv'), mdRaw.indexOf('A corrected file'));
    expect(body).not.toContain('\\');
    expect(body).toBe(`## latin.csv

- **Character encoding.** We asked for text in the UTF-8 character encoding. The text looks like a single-byte encoding such as ISO-8859-1 or Windows-1252. 1 line holds bytes that are not valid UTF-8 (line 2).
- **Values.** We asked for a whole number in every row of votes. 2 values are not: line 4 ("many") and line 5 ("lots").

`);
    const docx = flat((await mammoth.extractRawText({ path: join(dir, 'results-2027-check-follow-up.docx') })).value);
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(join(dir, 'results-2027-check-follow-up.pdf'))));
    const pdfText = flat((await extractText(pdf, { mergePages: true })).text as string);
    for (const text of [flat(mdRaw.replace(/\*\*/g, '')), docx, pdfText]) {
      expect(text).toContain('Character encoding. We asked for text in the UTF-8 character encoding. The text looks like a single-byte encoding such as ISO-8859-1 or Windows-1252. 1 line holds bytes that are not valid UTF-8 (line 2).');
      expect(text).toContain('Values. We asked for a whole number in every row of votes. 2 values are not: line 4 ("many") and line 5 ("lots").');
      for (const gone of ['Save it again', 'Excel', 'File >', '\\>', 'We received this', 'For example', 'as requested']) expect(text).not.toContain(gone);
    }
  });

  test('nothing to follow up: no letter', async () => {
    const dir = join(tmp.path, 'none');
    const r = await runCli('check', good, '--against', spec, '--follow-up', '--format', 'md', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain('No follow-up letter was drafted');
    expect(existsSync(dir)).toBe(false);
  });

  test('a bad --date or --format is a usage error', async () => {
    expect((await runCli('check', broken, '--against', spec, '--follow-up', '--date', '1 Sept')).code).toBe(2);
    expect((await runCli('check', broken, '--against', spec, '--follow-up', '--format', 'odt')).code).toBe(2);
  });
});

describe('the list joiner shared by the report, the totals and the letter', () => {
  test('andList and linesText', () => {
    expect(andList([])).toBe('');
    expect(andList(['a'])).toBe('a');
    expect(andList(['a', 'b'])).toBe('a and b');
    expect(andList(['a', 'b', 'c'])).toBe('a, b and c');
    expect(andList(['a, x', 'b', 'c'], '; ')).toBe('a, x; b; c');
    expect(linesText([4], 1)).toBe('line 4');
    expect(linesText([4, 9, 12], 3)).toBe('lines 4, 9 and 12');
    expect(linesText([4, 9, 12], 57)).toBe('lines 4, 9, 12, … (57 in all)');
  });
});

describe('what the follow-up quotes from the data (issue 14, defects 15 and 16)', () => {
  const wrote = (name: string, text: string) => { const f = join(tmp.path, name); writeFileSync(f, text); return f; };

  test('control characters and bidi overrides in a cell are quoted as escapes in every format, never dropped', async () => {
    const out = join(tmp.path, 'ctl');
    const csv = wrote('ctl.csv', 'polling_station_code,candidate,votes\n001,Ann,"1\x072"\n002,Bob,"x\u202Ey"\n');
    const r = await runCli('check', csv, '--against', spec, '--follow-up', '--format', 'md,docx', '--out', out, '--date', '2027-09-01');
    expect(r.code).toBe(1);
    const md = readFileSync(join(out, 'results-2027-check-follow-up.md'), 'utf8');
    const docx = (await mammoth.extractRawText({ path: join(out, 'results-2027-check-follow-up.docx') })).value;
    for (const text of [md.replace(/\\([\s\S])/g, '$1'), docx]) {
      expect(text).toContain('x07');
      expect(text).toContain('u202E');
      expect(text).not.toMatch(/[\x07\u202E]/);
    }
  });

  test('a character the fonts cannot draw is an error naming the delivered file and line, and nothing is written', async () => {
    const out = join(tmp.path, 'font');
    const csv = wrote('font.csv', 'polling_station_code,candidate,votes\n001,Ann,12\n002,Bob,"\u{1F5F3}x"\n');
    const r = await runCli('check', csv, '--against', spec, '--follow-up', '--format', 'md,pdf', '--out', out, '--date', '2027-09-01');
    expect(r.code).toBe(4);
    expect(r.err).toContain(`${csv}:3:1: the follow-up letter quotes "\u{1F5F3}" (U+1F5F3) from this file (values), which the letter's fonts cannot draw; no follow-up letter was written [font-coverage]`);
    expect(existsSync(out)).toBe(false);
  });
});
