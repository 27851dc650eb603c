// Serbian letters, in Cyrillic, under Serbia's law (RS): with no letter.language, `oedr draft` writes
// every kind in Serbian, read back from the PDF, the DOCX and Markdown; no Latin-script word is left
// but the names, addresses and codes the spec wrote in Latin; the appeal goes to the Commissioner
// (art. 22), except from the bodies of art. 22(2); a reading copy in English on request; the same bytes on a second run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, tempDir } from '../helpers.js';
import { KINDS, REFUSED_EARLIER, checkFollowUp, draftAll, earlier, expectNoEnglishWord, expectSameBytes, kindSpec, readingCopy } from './lang-shared.js';

const tmp = tempDir();
afterAll(() => tmp.done());

const LAW = 'Закон о слободном приступу информацијама од јавног значаја';
const COMMISSIONER = 'Повереник за информације од јавног значаја и заштиту података о личности';
const CLOSING = 'С поштовањем,';
const spec = (name: string, kind: string) => kindSpec(tmp.path, 'letters/rs-rik-sr', kind, { stem: name, extra: earlier(kind, REFUSED_EARLIER) });

/** Latin words a Serbian letter may hold: the spec's names and codes, and format and case names. */
const LATIN_OK = new Set(['Mr', 'Milan', 'Nikolić', 'Marija', 'Jovanović', 'Dragan', 'Petrović', 'Jelena', 'Ilić', 'bm_sifra', 'glasova', 'jmbg_clana', 'CSV', 'UTF', 'Magyar', 'Helsinki', 'Bizottság', 'ISO']);
function latinLeft(text: string): string[] {
  const bare = text.replace(/\S+@\S+/g, ' ').replace(/\b[A-Z]+\/[A-Z]+\/\d+\/\d+\b/g, ' ').replace(/\bREF\/\d+\/\d+\b/g, ' ');
  return [...new Set(bare.match(/[A-Za-z][A-Za-z_ćčšžđáé]+/g) ?? [])].filter((w) => !LATIN_OK.has(w));
}

describe('Serbian letters under RS', () => {
  it('writes the request in Serbian Cyrillic: the law by its own name, the date, salutation, closing, page label', async () => {
    const t = await draftAll(spec('rs-foi', 'foi-request'), join(tmp.path, 'out-foi'));
    for (const text of [t.pdf, t.docx, t.md]) {
      for (const want of [`подноси, позивајући се на ${LAW}, захтев за приступ`, '12. априла 2027. године', 'Поштовани господине Nikolić,', CLOSING, 'Наш број: CRTA/RIK/2027/014']) expect(text).toContain(want);
      expect(text).toContain('најкасније у законском року од 15 дана од пријема захтева (последњи дан рока је 27. априла 2027. године');
      expect(text).toContain('Број важећих гласова (цео број, нпр. 1250)');
      expect(text).toContain('Можете изоставити поље jmbg_clana.');
      expectNoEnglishWord(text, 'foi-request');
      expect(latinLeft(text)).toEqual([]);
    }
    t.pages.forEach((page, i) => expect(page).toContain(`Страна ${i + 1} од ${t.pages.length}`));
  });

  it('writes every kind in Serbian Cyrillic, each with the closing and no Latin word but the spec\'s', async () => {
    for (const kind of KINDS) {
      const t = await draftAll(spec(`rs-${kind}`, kind), join(tmp.path, `out-${kind}`));
      for (const text of [t.pdf, t.docx, t.md]) {
        expect(text, kind).toContain(CLOSING);
        expect(text, kind).toContain('12. априла 2027. године');
        expectNoEnglishWord(text, kind);
        expect(latinLeft(text), kind).toEqual([]);
      }
      // The note quotes only the official text found (art. 19, Сл. лист СФРЈ – МУ 7/71); the rest is unquoted and said to be unofficial.
      if (kind === 'data-request') for (const text of [t.pdf, t.docx, t.md]) {
        expect(text).toContain('(„Службени лист СФРЈ – Међународни уговори”, бр. 7/71), члан 19. тачка 2: право на слободу изражавања „подразумева слободу изналажења, примања и ширења информација и идеја свих врста”');
        expect(text).toContain('члан 10. став 1: слобода изражавања обухвата слободу примања и саопштавања информација и идеја без мешања јавне власти;');
        expect(text).toContain('Текст под наводницима преузет је из службеног превода објављеног у наведеном службеном гласилу; остало је сажетак у незваничном преводу.');
      }
    }
  });

  it('addresses the appeal to the Commissioner, who is asked to order the RIK to give access', async () => {
    const t = await draftAll(spec('rs-appeal', 'appeal'), join(tmp.path, 'out-appeal'));
    for (const text of [t.pdf, t.docx, t.md]) {
      expect(text).toContain(`12. априла 2027. године ${COMMISSIONER}`);
      expect(text).toContain('Поштовани,');
      expect(text).toContain(`Жалба — ${LAW}`);
      expect(text).toContain('поводом нашег захтева од 1. фебруара 2027. године (наш број REF/2027/001), упућеног органу власти (Републичка изборна комисија): примили смо решење о одбијању захтева.');
      expect(text).toContain(`Предлажемо да ${COMMISSIONER} наложи органу власти (Републичка изборна комисија) да нам омогући приступ`);
    }
  });

  it('under art. 22(2), an appeal against the Government is no appeal to the Commissioner: the letter is the notice before an administrative dispute', async () => {
    const file = spec('rs-gov', 'appeal');
    writeFileSync(file, readFileSync(file, 'utf8').replace('institution: Републичка изборна комисија', 'institution: Влада Републике Србије'));
    const t = await draftAll(file, join(tmp.path, 'out-gov'));
    for (const text of [t.pdf, t.docx, t.md]) {
      expect(text).toContain('Следећи корак који закон предвиђа јесте управни спор (надлежан је Управни суд).');
      expect(text).toContain('орган власти (Влада Републике Србије)');
      expect(text).not.toContain(COMMISSIONER);
      expect(latinLeft(text)).toEqual([]);
    }
  });

  it('writes the check follow-up in the letter\'s language, each difference with what was asked and what came', async () => {
    const t = await checkFollowUp(fixture('letters/rs-rik-sr.yaml'), join(tmp.path, 'rs-rik-sr-delivered.csv'), "bm_sifra;glasova\n001/1;12\n001/2;много\n", join(tmp.path, 'check'));
    const wants = [
      "1. септембра 2027. године",
      "Поштовани господине Nikolić,",
      "утврдили неколико одступања, која вас молимо да исправите",
      "Граничник поља. Тражили смо: поља раздвојена знаком зарез („,”). Поља су раздвојена знаком тачка и зарез („;”).",
      "Називи колона. Тражили смо: ове колоне, тачно овако назване: bm_sifra, glasova, jmbg_clana. Недостају колоне: jmbg_clana.",
      "Вредности. Тражили смо: цео број у сваком реду колоне glasova. Вредности које то нису: 1, на пример ред 3 (\"много\").",
      "С поштовањем,",
    ];
    for (const text of [t.pdf, t.docx, t.md]) {
      for (const want of wants) expect(text).toContain(want);
      expectNoEnglishWord(text, 'check-follow-up');
      // From the salutation on (the subject line is the spec's), no Latin word but the file's name and the spec's.
      expect(latinLeft(text.slice(text.indexOf('Поштовани')).replace('rs-rik-sr-delivered.csv', ''))).toEqual([]);
    }
  });

  it('writes a reading copy in English, marked as a translation of a letter sent in Serbian', async () => {
    const { copy, letter } = await readingCopy(spec('rs-copy', 'foi-request'), join(tmp.path, 'copy'));
    expect(copy.raw.md).toContain("**Translation for the requester's records; the letter sent is in Serbian.**");
    expect(copy.raw.md).toContain('Yours sincerely,');
    expect(letter.raw.md).toContain(CLOSING);
  });

  it('gives the same bytes for the same input', () => expectSameBytes(spec('rs-same', 'appeal'), tmp.path));
});
