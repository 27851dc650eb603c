// End to end: `oedr draft` through main(), reading back what a reader of the files would see.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { outputStem } from '../../src/cli/draft.js';
import { captureIo, fixture, root, tempDir } from '../helpers.js';

const flat = (s: string) => s.replace(/\s+/g, ' ');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
async function pdfText(file: string) {
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(file)));
  return flat((await extractText(pdf, { mergePages: true })).text as string);
}
const docxText = async (file: string) => flat((await mammoth.extractRawText({ buffer: readFileSync(file) })).value);

const tmp = tempDir();
afterAll(() => tmp.done());

describe('oedr draft, all formats', () => {
  const out = join(tmp.path, 'all');
  let code: number;
  beforeAll(async () => {
    code = await main(['draft', fixture('valid/full.yaml'), join(root, 'examples/polling-station-results.yaml'), '--format', 'docx,pdf,md', '--out', out], captureIo());
  });

  it('writes one file per format per spec, named after the spec', () => {
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'full.datapackage.json', 'full.docx', 'full.heading.template.csv', 'full.md', 'full.pdf', 'full.voter-list-extract.template.tsv', 'oedr-manifest.json',
      'polling-station-results.datapackage.json', 'polling-station-results.docx', 'polling-station-results.md', 'polling-station-results.pdf',
      'polling-station-results.presidential-election-results-by-polling-station.template.csv',
    ]);
  });

  const expected = [
    'kod_obwodu', 'voter_id', 'birth_date', 'national_id', 'a semicolon (";") between fields', 'CSV (delimited text) in Windows-1250',
    'from 1 January 2027 to 28 February 2027', 'each polling station', 'Needed by: 15 April 2027', 'National Electoral Office',
    'Maria Nowak', 'Jan Kowalski', 'Łódź', 'Αθήνα', 'Київ', 'Γιώργος Παπαδόπουλος', 'Громадська мережа Київ',
    '*bold* [x](http://example.test) # heading {{constructor}} <b>html</b>', 'REF/2027/{{constructor}}',
  ];
  it.each([['pdf', pdfText], ['docx', docxText], ['md', async (f: string) => flat(readFileSync(f, 'utf8').replace(/(?<!\\)\*\*/g, '').replace(/\\([\s\S])/g, '$1'))]] as const)(
    'the %s shows every requested detail, names in three scripts and hostile values exactly', async (ext, read) => {
      const text = await read(join(out, `full.${ext}`));
      for (const e of expected) expect(text, e).toContain(e);
    });

  it('the PDF of an example names its fields, format, recipient and signatory', async () => {
    const text = await pdfText(join(out, 'polling-station-results.pdf'));
    const spec = readFileSync(join(root, 'examples/polling-station-results.yaml'), 'utf8');
    for (const m of spec.matchAll(/^\s+- name: (\S+)$/gm)) expect(text).toContain(m[1]);
    expect(text).toContain('CSV (comma-separated values)');
    expect(text).toMatch(/Page 1 of \d/);
  });
});

describe('reproducible output', () => {
  it('is byte-identical across runs, batch order and time zones', async () => {
    const specs = [fixture('valid/full.yaml'), join(root, 'examples/campaign-finance-foi.yaml')];
    const a = join(tmp.path, 'a');
    const b = join(tmp.path, 'b');
    expect(await main(['draft', ...specs, '--format', 'docx,pdf', '--out', a], captureIo())).toBe(0);
    expect(await main(['draft', ...[...specs].reverse(), '--format', 'docx,pdf', '--out', b], captureIo())).toBe(0);
    const c = join(tmp.path, 'c');
    const bin = join(root, 'bin/oedr.js');
    if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm ci does it through prepare)');
    execFileSync(process.execPath, [bin, 'draft', ...specs, '--format', 'docx,pdf', '--out', c], { env: { ...process.env, TZ: 'Pacific/Auckland' }, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const f of readdirSync(a)) {
      const h = sha(readFileSync(join(a, f)));
      expect(sha(readFileSync(join(b, f))), f).toBe(h);
      expect(sha(readFileSync(join(c, f))), `${f} under TZ=Pacific/Auckland`).toBe(h);
    }
  });
});

describe('failures write nothing half-way', () => {
  it('a character the PDF fonts cannot show names it and the spec line, and no format is written', async () => {
    const spec = join(tmp.path, 'arabic.yaml');
    writeFileSync(spec, readFileSync(fixture('valid/full.yaml'), 'utf8').replace('person: Maria Nowak', 'person: สมชาย'));
    const out = join(tmp.path, 'arabic-out');
    const io = captureIo();
    expect(await main(['draft', spec, '--out', out], io)).toBe(4);
    expect(io.stderr.join('\n')).toContain(`${spec}:35:11 recipient.person: the characters "ส" (U+0E2A), "ม" (U+0E21), "ช" (U+0E0A), "า" (U+0E32) and "ย" (U+0E22) are not covered by the bundled fonts (Noto Sans: Latin, Greek, Cyrillic; Noto Sans Arabic, Devanagari, Bangla, Ethiopic, Georgian), so the PDF cannot be made; write this value in Latin script, or draft with --format docx,md [font-coverage]`);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('an unknown format is a usage error before any work', async () => {
    const out = join(tmp.path, 'bad-format');
    const io = captureIo();
    expect(await main(['draft', fixture('valid/full.yaml'), '--format', 'pdf,odt', '--out', out], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('unknown output format "odt"; expected a comma-separated list of docx, pdf, md');
    expect(existsSync(out)).toBe(false);
  });

  it('an invalid spec fails with exit 1 while the others are still drafted', async () => {
    const bad = join(tmp.path, 'bad.yaml');
    writeFileSync(bad, 'letter: {}\n');
    const out = join(tmp.path, 'mixed');
    const io = captureIo();
    expect(await main(['draft', bad, fixture('valid/full.yaml'), '--format', 'md', '--out', out], io)).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['full.datapackage.json', 'full.heading.template.csv', 'full.md', 'full.voter-list-extract.template.tsv', 'oedr-manifest.json']);
    expect(io.stderr.join('\n')).toContain(`${bad}:1:1 letter.subject: missing required key \`subject\` (text) [required]`);
  });
});

describe('output folders that cannot be made', () => {
  it.each([
    ['under a dangling symlink', (t: string) => { symlinkSync(join(t, 'nowhere'), join(t, 'dangling')); return join(t, 'dangling', 'letters'); },
      'a folder on the path does not exist'],
    ['under a file', (t: string) => { writeFileSync(join(t, 'plain-file'), ''); return join(t, 'plain-file', 'letters'); },
      'is a file, not a folder'],
  ])('%s: a clear error (exit 3), not a hang', async (_what, make, reason) => {
    const sub = tempDir();
    try {
      const io = captureIo();
      expect(await main(['draft', fixture('valid/full.yaml'), '--format', 'md', '--out', make(sub.path)], io)).toBe(3);
      expect(io.stderr.join('\n')).toContain(reason);
    } finally { sub.done(); }
  });
});

describe('output names', () => {
  it.each([
    ['requests/results-2027.yaml', 'results-2027'],
    ['../../etc/passwd.yml', 'passwd'],
    ['Wyniki wyborów Łódź.yaml', 'Wyniki-wyborów-Łódź'],
    ['Results 2027 (final)!.YAML', 'Results-2027-final'],
    ['café~menu.yml', 'café-menu'],
    ['..yaml', 'letter'],
    ['a/b/.hidden.yaml', 'hidden'],
  ])('%s -> %s', (input, stem) => {
    expect(outputStem(input)).toBe(stem);
  });
});
