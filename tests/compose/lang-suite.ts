// The suite a language's letters pass when its test only gives the facts (lang-ru, lang-uk): each
// kind drafted under a law in that language by default, read back from PDF, DOCX and Markdown with
// no English template word left; a check follow-up; reading copies both ways; the same bytes twice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root, tempDir } from '../helpers.js';
import { bodyText, checkFollowUp, draftAll, earlier, expectNoEnglish, expectSameBytes, kindSpec, readingCopy, wordKeys } from './lang-shared.js';

export interface LanguageCase {
  code: string;
  law: string;
  /** A foi-request fixture under the law, with no letter.language (tests/fixtures/letters/<fixture>.yaml). */
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

/** Latin-script words a letter in another script may carry: formats, encodings, software. */
const LATIN_OK = new Set(['CSV', 'UTF', 'TSV', 'JSON', 'XML', 'XLSX', 'ODS', 'GeoJSON', 'Esri', 'ISO', 'Excel', 'LibreOffice', 'Calc', 'Microsoft', 'Google', 'OpenDocument', 'USB', 'csv', 'GC']);

/** Latin-script words in `text` that neither the spec nor LATIN_OK explains: English left in a template. */
export function strayLatin(text: string, spec: string): string[] {
  const given = new Set(spec.match(/[A-Za-z]{2,}/g) ?? []);
  return [...new Set(text.match(/[A-Za-z]{2,}/g) ?? [])].filter((w) => !given.has(w) && !LATIN_OK.has(w));
}

/** A language's own letter frame (src/compose/frame.ts), words English does not have. */
const FRAME_WORDS = ['phrases.frame_order', 'phrases.address_first', 'phrases.address_first_elides', 'phrases.subject_label', 'phrases.date_line'];

export function describeLanguage(c: LanguageCase): void {
  const tmp = tempDir();
  afterAll(() => tmp.done());
  const specFor = (name: string, kind: string) => kindSpec(tmp.path, `letters/${c.fixture}`, kind, { stem: name, extra: earlier(kind, c.earlier) });

  describe(`letters in ${c.code} under ${c.law}`, () => {
    it('has a words.yaml with every key path of the English one, and more only among the honorifics and the optional frame words', () => {
      const [en, own] = [wordKeys('en'), wordKeys(c.code)];
      expect(en.filter((k) => !own.includes(k))).toEqual([]);
      expect(own.filter((k) => !en.includes(k) && !k.startsWith('honorifics.') && !FRAME_WORDS.includes(k))).toEqual([]);
    });

    it('writes a filing in the law\'s language: the law\'s name, the date, salutation and closing, the reference, the page label', async () => {
      const spec = specFor('foi', 'foi-request');
      const d = await draftAll(spec, join(tmp.path, 'foi'));
      if (c.warns) expect(d.err).toContain(c.warns);
      for (const [format, text] of Object.entries({ pdf: d.pdf, docx: d.docx, md: d.md })) {
        for (const want of [c.lawName, c.date, `${c.salutation}!`, c.closing, c.reference, ...c.kinds['foi-request']]) expect(text, `${format}: ${want}`).toContain(want);
        expectNoEnglish(text, format);
        expect(strayLatin(text, readFileSync(spec, 'utf8')), format).toEqual([]);
      }
      d.pages.forEach((page, i) => expect(page).toContain(c.pageLabel(i + 1, d.pages.length)));
    });

    for (const kind of ['data-request', 'follow-up', 'appeal'] as const) {
      it(`writes the ${kind} in the law's language, read back from PDF, DOCX and Markdown`, async () => {
        const spec = specFor(kind, kind);
        const d = await draftAll(spec, join(tmp.path, kind));
        for (const [format, text] of Object.entries({ pdf: await bodyText(d.files.pdf), docx: d.docx, md: d.md })) {
          for (const want of [c.date, c.closing, ...c.kinds[kind]]) expect(text, `${format}: ${want}`).toContain(want);
          expectNoEnglish(text, format);
          expect(strayLatin(text, readFileSync(spec, 'utf8')), format).toEqual([]);
        }
      });
    }

    it('writes a check-follow-up in the law\'s language', async () => {
      const spec = specFor('check', 'data-request');
      const d = await checkFollowUp(spec, join(tmp.path, 'delivered.csv'), c.checkFollowUp.csv, join(tmp.path, 'check'));
      for (const text of [d.md, d.pdf]) {
        for (const want of [`${c.salutation}!`, c.closing, ...c.checkFollowUp.says]) expect(text).toContain(want);
        expectNoEnglish(text, 'check follow-up');
        // The deviations are in the letter's words too; "Re:" opens the subject in every language (src/cli/check.ts).
        expect(strayLatin(text, `${readFileSync(spec, 'utf8')} ${c.checkFollowUp.csv} delivered Re`)).toEqual([]);
      }
    });

    it('writes a reading copy in English, marked on every page, and leaves the letter as it was', async () => {
      const { letter, copy } = await readingCopy(specFor('copy', 'foi-request'), join(tmp.path, 'copy'));
      for (const page of copy.pages) expect(page).toContain(c.readingCopyMark);
      expect(copy.pdf).toContain('Yours sincerely,');
      expect(letter.md).toContain(c.closing);
      expect(letter.md).not.toContain(c.readingCopyMark);
    });

    it(`writes a reading copy in ${c.code} of an English letter`, async () => {
      const { copy } = await readingCopy(join(root, 'examples/campaign-finance-foi.yaml'), join(tmp.path, 'copy-of-en'), c.code);
      for (const page of copy.pages) expect(page).toContain(c.copyOfEnglishMark);
      expect(copy.pdf).toContain(c.closing);
      expect(copy.docx).toContain(c.copyOfEnglishMark);
    });

    it('gives the same bytes for the same input', () => expectSameBytes(specFor('same', 'appeal'), tmp.path, '--annex'));
  });
}
