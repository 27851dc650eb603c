// The checks every language's letters pass (tests/compose/lang-<code>.test.ts): each kind drafted
// under a law in that language by default, read back from the PDF (unpdf), the DOCX (mammoth) and
// the Markdown, with no English template word left; a reading copy; the same bytes twice.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture, root, runCli, tempDir } from '../helpers.js';
import { pageLines } from '../pdf-pages.js';

export interface LanguageCase {
  code: string;
  law: string;
  /** A foi-request fixture under the law, with no letter.language (tests/fixtures/letters/). */
  fixture: string;
  /** An earlier_request line for the follow-up and the appeal. */
  earlier: string;
  /** What each letter must say, as written in that language. */
  lawName: string;
  date: string;
  salutation: string;
  closing: string;
  reference: string;
  pageLabel: (page: number, pages: number) => string;
  /** Per kind, sentences only that kind writes (the appeal's addressee and term among them). */
  kinds: Record<'foi-request' | 'data-request' | 'follow-up' | 'appeal', string[]>;
  /** A warning `draft` must give (the law's first language has no templates, say). */
  warns?: string;
  /** The reading copy's mark, in English. */
  readingCopyMark: string;
  /** The mark on a reading copy in this language of an English letter. */
  copyOfEnglishMark: string;
  /** A check-follow-up letter: a delivery that breaks the request, and what the letter must say. */
  checkFollowUp: { csv: string; says: string[] };
}

/** Words only an English template writes (as in languages.test.ts); none may be left. */
const ENGLISH = ['Dear ', 'Yours sincerely', 'Our reference', 'Page 1 of', 'on behalf of', 'Request for information under', 'Please quote', 'Appeal under', 'We have received', 'The data we asked for'];
/** Latin-script words a letter in another script may carry: formats, encodings, software. */
const LATIN_OK = new Set(['CSV', 'UTF', 'TSV', 'JSON', 'XML', 'XLSX', 'ODS', 'GeoJSON', 'Esri', 'ISO', 'Excel', 'LibreOffice', 'Calc', 'Microsoft', 'Google', 'OpenDocument', 'USB', 'csv', 'GC']);

const flat = (s: string) => s.replace(/\s+/g, ' ');
export const pdfPages = async (file: string) => (await extractText(await getDocumentProxy(new Uint8Array(readFileSync(file))), { mergePages: false })).text.map(flat);
export const docxText = async (file: string) => flat((await mammoth.extractRawText({ path: file })).value);
/** Markdown as read: without emphasis marks and escapes. */
const mdText = (file: string) => flat(readFileSync(file, 'utf8').replace(/(?<!\\)\*\*/g, '').replace(/\\([\s\S])/g, '$1'));

/** Latin-script words in `text` that neither the spec nor LATIN_OK explains: English left in a template. */
export function strayLatin(text: string, spec: string): string[] {
  const given = new Set(spec.match(/[A-Za-z]{2,}/g) ?? []);
  return [...new Set(text.match(/[A-Za-z]{2,}/g) ?? [])].filter((w) => !given.has(w) && !LATIN_OK.has(w));
}

/** A language's own letter frame (src/compose/frame.ts), words English does not have. */
const FRAME_WORDS = ['/phrases/frame_order', '/phrases/address_first', '/phrases/address_first_elides', '/phrases/subject_label', '/phrases/date_line'];

/** Every key path of a words.yaml ("phrases/closing"), lists and texts as leaves. */
const keyPaths = (o: unknown, at = ''): string[] =>
  o && typeof o === 'object' && !Array.isArray(o) ? Object.entries(o).flatMap(([k, v]) => keyPaths(v, `${at}/${k}`)) : [at];

export function describeLanguage(c: LanguageCase): void {
  const tmp = tempDir();
  afterAll(() => tmp.done());
  const source = readFileSync(fixture(`letters/${c.fixture}`), 'utf8');
  const specFor = (name: string, kind: string, extra = '') => {
    const file = join(tmp.path, `${name}.yaml`);
    writeFileSync(file, `${source.replace('kind: foi-request', `kind: ${kind}`)}\n${kind === 'follow-up' || kind === 'appeal' ? c.earlier : ''}\n${extra}`);
    return file;
  };

  describe(`letters in ${c.code} under ${c.law}`, () => {
    it('has a words.yaml with every key path of the English one, and more only among the honorifics and the optional frame words', () => {
      const [en, own] = ['en', c.code].map((code) => keyPaths(parse(readFileSync(join(root, 'templates', code, 'words.yaml'), 'utf8'))));
      expect(en!.filter((k) => !own!.includes(k))).toEqual([]);
      expect(own!.filter((k) => !en!.includes(k) && !k.startsWith('/honorifics/') && !FRAME_WORDS.includes(k))).toEqual([]);
    });

    it('writes a filing in the law\'s language: the law\'s name, the date, salutation and closing, the reference, the page label', async () => {
      const out = join(tmp.path, 'foi');
      const r = await runCli('draft', specFor('foi', 'foi-request'), '--format', 'pdf,docx,md', '--out', out, '--no-annex');
      expect(r.code, r.err).toBe(0);
      if (c.warns) expect(r.err).toContain(c.warns);
      const pages = await pdfPages(join(out, 'foi.pdf'));
      const texts = { pdf: pages.join(' '), docx: await docxText(join(out, 'foi.docx')), md: mdText(join(out, 'foi.md')) };
      for (const [format, text] of Object.entries(texts)) {
        for (const want of [c.lawName, c.date, `${c.salutation}!`, c.closing, c.reference, ...c.kinds['foi-request']]) expect(text, `${format}: ${want}`).toContain(want);
        for (const english of ENGLISH) expect(text, `${format}: ${english}`).not.toContain(english);
        expect(strayLatin(text, source), format).toEqual([]);
      }
      pages.forEach((page, i) => expect(page).toContain(c.pageLabel(i + 1, pages.length)));
    });

    for (const kind of ['data-request', 'follow-up', 'appeal'] as const) {
      it(`writes the ${kind} in the law's language, read back from PDF, DOCX and Markdown`, async () => {
        const out = join(tmp.path, kind);
        const r = await runCli('draft', specFor(kind, kind), '--format', 'pdf,docx,md', '--out', out, '--no-annex');
        expect(r.code, r.err).toBe(0);
        const spec = readFileSync(join(tmp.path, `${kind}.yaml`), 'utf8');
        // The PDF's pages without their footers, so that a sentence running over a page break reads whole.
        const pdf = flat((await pageLines(new Uint8Array(readFileSync(join(out, `${kind}.pdf`))))).flat().join(' '));
        const texts = { pdf, docx: await docxText(join(out, `${kind}.docx`)), md: mdText(join(out, `${kind}.md`)) };
        for (const [format, text] of Object.entries(texts)) {
          for (const want of [c.date, c.closing, ...c.kinds[kind]]) expect(text, `${format}: ${want}`).toContain(want);
          for (const english of ENGLISH) expect(text, `${format}: ${english}`).not.toContain(english);
          expect(strayLatin(text, spec), format).toEqual([]);
        }
      });
    }

    it('writes a check-follow-up in the law\'s language', async () => {
      const spec = specFor('check', 'data-request');
      const csv = join(tmp.path, 'delivered.csv');
      writeFileSync(csv, c.checkFollowUp.csv);
      const out = join(tmp.path, 'check');
      const r = await runCli('check', csv, '--against', spec, '--follow-up', '--format', 'md,pdf', '--out', out, '--date', '2027-09-01');
      expect(r.code, r.err).toBe(1);
      const md = mdText(join(out, 'check-check-follow-up.md'));
      const pdf = (await pdfPages(join(out, 'check-check-follow-up.pdf'))).join(' ');
      for (const text of [md, pdf]) {
        for (const want of [`${c.salutation}!`, c.closing, ...c.checkFollowUp.says]) expect(text).toContain(want);
        for (const english of ENGLISH) expect(text).not.toContain(english);
        // The deviations are in the letter's words too; "Re:" opens the subject in every language (src/cli/check.ts).
        expect(strayLatin(text, `${readFileSync(spec, 'utf8')} ${c.checkFollowUp.csv} delivered Re`)).toEqual([]);
      }
    });

    it('writes a reading copy in English, marked on every page, and leaves the letter as it was', async () => {
      const out = join(tmp.path, 'copy');
      const r = await runCli('draft', specFor('copy', 'foi-request'), '--format', 'pdf,md', '--out', out, '--no-annex', '--reading-copy', 'en');
      expect(r.code, r.err).toBe(0);
      const pages = await pdfPages(join(out, 'copy.reading-copy-en.pdf'));
      for (const page of pages) expect(page).toContain(c.readingCopyMark);
      expect(pages.join(' ')).toContain('Yours sincerely,');
      const letter = mdText(join(out, 'copy.md'));
      expect(letter).toContain(c.closing);
      expect(letter).not.toContain(c.readingCopyMark);
    });

    it(`writes a reading copy in ${c.code} of an English letter`, async () => {
      const out = join(tmp.path, 'copy-of-en');
      const r = await runCli('draft', join(root, 'examples/campaign-finance-foi.yaml'), '--format', 'pdf,docx', '--out', out, '--no-annex', '--reading-copy', c.code);
      expect(r.code, r.err).toBe(0);
      const pages = await pdfPages(join(out, `campaign-finance-foi.reading-copy-${c.code}.pdf`));
      for (const page of pages) expect(page).toContain(c.copyOfEnglishMark);
      expect(pages.join(' ')).toContain(c.closing);
      expect(await docxText(join(out, `campaign-finance-foi.reading-copy-${c.code}.docx`))).toContain(c.copyOfEnglishMark);
    });

    it('gives the same bytes for the same input', async () => {
      const file = specFor('same', 'appeal');
      const [a, b] = [join(tmp.path, 'same-a'), join(tmp.path, 'same-b')];
      for (const out of [a, b]) expect((await runCli('draft', file, '--format', 'pdf,docx,md', '--out', out)).code).toBe(0);
      for (const ext of ['pdf', 'docx', 'md']) expect(readFileSync(join(a, `same.${ext}`)).equals(readFileSync(join(b, `same.${ext}`))), ext).toBe(true);
    });
  });
}
