// Romanian letters under Moldova's law (MD): with no letter.language, `oedr draft` writes every kind
// in Romanian, read back from the PDF, the DOCX and Markdown, with no English template words left;
// a reading copy in English on request; the same bytes on a second run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, tempDir } from '../helpers.js';
import { countText } from '../../src/compose/context-law.js';
import { KINDS, REFUSED_EARLIER, checkFollowUp, draftAll, earlier, expectNoEnglishWord, expectSameBytes, kindSpec, readingCopy } from './lang-shared.js';

const tmp = tempDir();
afterAll(() => tmp.done());

const LAW = 'Legea nr. 148/2023 privind accesul la informațiile de interes public';
const CLOSING = 'Cu stimă,';
const spec = (name: string, kind: string) => kindSpec(tmp.path, 'letters/md-cec-ro', kind, { stem: name, extra: earlier(kind, REFUSED_EARLIER) });

describe('Romanian letters under MD', () => {
  it('writes the request in Romanian: the law by its own name, the date, salutation, closing, page label', async () => {
    const t = await draftAll(spec('md-foi', 'foi-request'), join(tmp.path, 'out-foi'));
    for (const text of [t.pdf, t.docx, t.md]) {
      for (const want of [`solicită, în conformitate cu ${LAW}, accesul la`, '12 aprilie 2027', 'Stimate domnule Popescu,', CLOSING, 'Nr. de referință: PL/CEC/2027/014']) expect(text).toContain(want);
      // The registry's 10 days are low-confidence: the letter words the date as an estimate.
      expect(text).toContain('legea prevede un termen de aproximativ 10 zile calendaristice de la înregistrarea cererii, care ar expira în jurul datei de 22 aprilie 2027');
      expect(text).toContain('Numărul de voturi valabil exprimate (număr întreg, de ex. 1250)');
      expect(text).toContain('Puteți omite câmpul idnp_membru.');
      expectNoEnglishWord(text, 'foi-request');
    }
    t.pages.forEach((page, i) => expect(page).toContain(`Pagina ${i + 1} din ${t.pages.length}`));
  });

  it('writes every kind in Romanian, each with the closing and none with English words', async () => {
    for (const kind of KINDS) {
      const t = await draftAll(spec(`md-${kind}`, kind), join(tmp.path, `out-${kind}`));
      for (const text of [t.pdf, t.docx, t.md]) {
        expect(text, kind).toContain(CLOSING);
        expect(text, kind).toContain('12 aprilie 2027');
        expectNoEnglishWord(text, kind);
      }
      // The note quotes only the official text found (the ECHR, MO nr. 135/1994); the Covenant, not found, is unquoted and said to be unofficial.
      if (kind === 'data-request') for (const text of [t.pdf, t.docx, t.md]) {
        expect(text).toContain('(traducerea oficială publicată în Monitorul Oficial al României nr. 135 din 31 mai 1994), art. 10 alin. (1): libertatea „de a primi sau de a comunica informații ori idei fără amestecul autorităților publice”');
        expect(text).toContain('art. 25 lit. a): orice cetățean are dreptul de a lua parte la conducerea treburilor publice.');
        expect(text).toContain('Textul dintre ghilimele este cel oficial; restul este redat rezumativ, în traducere neoficială.');
      }
    }
  });

  it('words the appeal as a cerere prealabilă to the head of the authority, with the facts and the refusal', async () => {
    const t = await draftAll(spec('md-appeal', 'appeal'), join(tmp.path, 'out-appeal'));
    for (const text of [t.pdf, t.docx, t.md]) {
      expect(text).toMatch(/12 aprilie 2027 Conducătorul autorității publice ?Comisia Electorală Centrală/);
      expect(text).toContain('Stimată doamnă / Stimate domnule,');
      expect(text).toContain(`Cerere prealabilă, în conformitate cu ${LAW}`);
      expect(text).toContain('vă solicită să examinați refuzul de a comunica informațiile solicitate prin cererea noastră din 1 februarie 2027 (nr. de referință REF/2027/001), depusă la Comisia Electorală Centrală');
      expect(text).toContain('La 20 februarie 2027 am primit refuzul');
      expect(text).toContain('Anexe: cererea noastră din 1 februarie 2027 și răspunsul primit.');
    }
  });

  // The preliminary application to the head of the authority comes first (the People's Advocate is an optional petition).
  it('names the cerere prealabilă as the next step in a follow-up after the period has passed, not the People\'s Advocate', async () => {
    const file = spec('md-late', 'follow-up');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/response: refused, response_date: 2027-02-20/, 'response: none'));
    const t = await draftAll(file, join(tmp.path, 'out-late'));
    for (const text of [t.pdf, t.docx, t.md]) {
      expect(text).toContain('Până în prezent nu am primit un răspuns');
      // The estimated date is in the past on the letter's date: the conditional perfect, not „ar expira”.
      expect(text).toContain('ar fi expirat în jurul datei de 11 februarie 2027');
      // The first step is the cerere prealabilă, heard by the CEC itself: named by its term, not as another body (a Chișinău reader).
      expect(text).toContain('În lipsa unui răspuns, vom putea contesta inacțiunea printr-o cerere prealabilă, ceea ce am dori să evităm.');
      expect(text).not.toContain('vom putea sesiza conducătorul autorității publice');
      expect(text).not.toContain('Avocatul Poporului');
      expectNoEnglishWord(text, 'follow-up');
    }
  });

  it('writes the check follow-up in the letter\'s language, each difference with what was asked and what came', async () => {
    const t = await checkFollowUp(fixture('letters/md-cec-ro.yaml'), join(tmp.path, 'md-cec-ro-delivered.csv'), "sectie_cod;voturi_valabile\n01/1;12\n01/2;multe\n", join(tmp.path, 'check'));
    const wants = [
      "1 septembrie 2027",
      "Stimate domnule Popescu,",
      "Am verificat fișierul în raport cu cele solicitate și am constatat câteva neconcordanțe",
      "Separatorul de câmpuri. Am solicitat câmpuri separate prin virgule („,”). Câmpurile sunt separate prin punct și virgulă („;”).",
      "Denumirile coloanelor. Am solicitat aceste coloane, denumite exact astfel: sectie_cod, voturi_valabile, idnp_membru. Coloane lipsă: idnp_membru.",
      "Valorile. Am solicitat un număr întreg în fiecare rând al coloanei voturi_valabile. Numărul valorilor care nu corespund: 1; de exemplu, rândul 3 (\"multe\").",
      "Cu stimă,",
    ];
    for (const text of [t.pdf, t.docx, t.md]) {
      for (const want of wants) expect(text).toContain(want);
      expectNoEnglishWord(text, 'check-follow-up');
    }
  });

  it('writes a reading copy in English, marked as a translation of a letter sent in Romanian', async () => {
    const { copy, letter } = await readingCopy(spec('md-copy', 'foi-request'), join(tmp.path, 'copy'));
    expect(copy.raw.md).toContain("**Translation for the requester's records; the letter sent is in Romanian.**");
    expect(copy.raw.md).toContain('Yours sincerely,');
    expect(letter.raw.md).toContain(CLOSING);
  });

  it('gives the same bytes for the same input', () => expectSameBytes(spec('md-same', 'appeal'), tmp.path));

  it('joins 20 and more to the unit with „de”, but not 1-19 nor 101-119', () => {
    const words = { units: { 'calendar-days': 'zile calendaristice' }, phrases: { count_20_up: '{n} de {unit}' } };
    const said = [7, 10, 19, 20, 30, 101, 119, 120, 200].map((n) => countText(words, n, 'calendar-days', 'ro'));
    expect(said).toEqual(['7 zile calendaristice', '10 zile calendaristice', '19 zile calendaristice', '20 de zile calendaristice',
      '30 de zile calendaristice', '101 zile calendaristice', '119 zile calendaristice', '120 de zile calendaristice', '200 de zile calendaristice']);
    expect(countText({ units: { 'calendar-days': 'calendar days' } }, 30, 'calendar-days', 'en')).toBe('30 calendar days');
  });
});
