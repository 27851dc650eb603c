// Amharic letters under Proclamation 590/2008 (ET): `oedr draft` writes each kind in Amharic by
// default, in the Ethiopian official frame (ቀን፦, ለ…, ጉዳዩ፦, ከሰላምታ ጋር) with dates in the Ethiopian
// calendar beside the Gregorian, read back from the PDF, the DOCX and Markdown; appeals go to the head
// of the body citing አንቀጽ 31(1); a reading copy in English on request; the same bytes twice.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ethiopianDate } from '../../src/compose/ethiopian.js';
import { tempDir } from '../helpers.js';
import { UNANSWERED, checkFollowUp, draftAll, earlier, expectNoEnglish, expectSameBytes, flat, kindSpec, readingCopy, refusedCiting } from './lang-shared.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const LAW = 'የመገናኛ ብዙሃንና የመረጃ ነፃነት አዋጅ ቁጥር 590/2000';
const DATE = 'ሚያዝያ 4 ቀን 2019 ዓ.ም. (ኤፕሪል 12 ቀን 2027 እ.ኤ.አ.)';
const REGISTRY_ENGLISH = ['article', 'head of the public body', 'Ombudsman', 'appeal', 'calendar days', 'Freedom of the Mass Media'];
/** The fixture as `kind`, in a folder `dir` of its own. */
const spec = (kind: string, dir = kind) => kindSpec(join(tmp.path, dir), 'lang/et-nebe', kind, { stem: kind, extra: earlier(kind, refusedCiting('አንቀጽ 16'), UNANSWERED) });
/** The fixture as `kind`, drafted into `<dir>/out`, with the data contract annex unless `annex` is false. */
const draft = (kind: string, dir = kind, annex = true, ...args: string[]) => draftAll(spec(kind, dir), join(tmp.path, dir, 'out'), ...(annex ? ['--annex'] : []), ...args);

describe('the Ethiopian calendar', () => {
  // Enkutatash (1 Meskerem) is 11 September, or 12 September in the year before a Gregorian leap
  // year; Genna is 7 January (29 Tahsas, or 28 after a 6th Pagume). (The ET holiday table from
  // date-holidays 3.37.0 has both a day off in some years, so it is not the reference here.)
  it('puts New Year, Pagume 6 and Genna where the calendar has them', () => {
    expect(ethiopianDate(2023, 9, 11)).toEqual({ year: 2015, month: 13, day: 6 });
    expect(ethiopianDate(2023, 9, 12)).toEqual({ year: 2016, month: 1, day: 1 });
    expect(ethiopianDate(2024, 9, 11)).toEqual({ year: 2017, month: 1, day: 1 });
    expect(ethiopianDate(2026, 9, 11)).toEqual({ year: 2019, month: 1, day: 1 });
    expect(ethiopianDate(2027, 9, 12)).toEqual({ year: 2020, month: 1, day: 1 });
    expect(ethiopianDate(2025, 1, 7)).toEqual({ year: 2017, month: 4, day: 29 });
    expect(ethiopianDate(2024, 1, 7)).toEqual({ year: 2016, month: 4, day: 28 });
  });

  it('counts every day from 2020 to 2035 one after another: twelve months of 30 days, then Pagume of 5 or 6', () => {
    let prev = ethiopianDate(2020, 1, 1);
    for (let t = Date.UTC(2020, 0, 2); t <= Date.UTC(2035, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      const e = ethiopianDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      const last = prev.month < 13 ? 30 : prev.year % 4 === 3 ? 6 : 5;
      expect(e, d.toISOString().slice(0, 10)).toEqual(prev.day < last ? { ...prev, day: prev.day + 1 }
        : prev.month < 13 ? { year: prev.year, month: prev.month + 1, day: 1 } : { year: prev.year + 1, month: 1, day: 1 });
      prev = e;
    }
  });
});

describe('Amharic letters (ET)', () => {
  it('writes a request for information in the Ethiopian official frame, read back from PDF, DOCX and Markdown', async () => {
    const { pdf, docx, md, pages, raw } = await draft('foi-request');
    for (const text of [pdf, docx, md]) {
      for (const want of [LAW, `ቀን፦ ${DATE}`, 'ለአቶ አበበ ከበደ', 'በይዞታው ሥር የሚገኘውን', 'ቁጥር: ኢምታ/መጥ/012/2019', 'ጉዳዩ፦ የ2018 ዓ.ም. ጠቅላላ ምርጫ', 'ክቡር አቶ አበበ ከበደ፣', 'ከሰላምታ ጋር',
        // The statutory period (an estimate: the registry's ET row is low-confidence) and its last day in both calendars.
        'ወደ 30 የሥራ ቀናት ገደማ', 'ግንቦት 17 ቀን 2019 ዓ.ም. (ሜይ 25 ቀን 2027 እ.ኤ.አ.) ገደማ', 'ለምሳሌ 1250', '+251 11 555 0123']) expect(text).toContain(want);
      expectNoEnglish(text, 'foi-request', REGISTRY_ENGLISH);
    }
    expect(raw.md).not.toContain('dir="rtl"');
    pages.forEach((page, i) => expect(page).toContain(`ገጽ ${i + 1} ከ${pages.length}`));
  });

  it('writes every kind in Amharic, with the closing and no English template words', async () => {
    for (const kind of ['data-request', 'foi-request', 'follow-up', 'appeal']) {
      const { md, docx } = await draft(kind, `every-${kind}`, false);
      for (const text of [md, docx]) {
        expect(text, kind).toContain('ከሰላምታ ጋር');
        expectNoEnglish(text, kind, REGISTRY_ENGLISH);
      }
    }
  });

  it('addresses the appeal to the head of the body, citing አንቀጽ 31(1), the lodging date in both calendars', async () => {
    const { pdf } = await draft('appeal');
    for (const want of ['ለመሥሪያ ቤቱ የበላይ ኃላፊ የኢትዮጵያ ብሔራዊ ምርጫ ቦርድ', `${LAW}፣ አንቀጽ 31(1)፣ በሚፈቅደው መሠረት የቀረበ ይግባኝ`,
      'ምላሹ የተመሠረተው አንቀጽ 16 ላይ ነው', 'እንዲሰጠን ጥያቄ አቅርበናል', 'አንቀጽ 16 በእያንዳንዱ የተከለከለ መረጃ ላይ', 'ሕጉ ወደ 30 ቀናት ገደማ እንደሚፈቅድ እንረዳለን፤ በዚህ መሠረት እስከ ሚያዝያ 25 ቀን 2019 ዓ.ም. (ሜይ 3 ቀን 2027 እ.ኤ.አ.) ገደማ ድረስ ሊቀርብ ይችላል']) expect(pdf).toContain(want);
  });

  // Art. 31(1): the appeal lies first to the head of the body; the Ombudsman (art. 31(4)) only hears
  // an appeal from the head's decision, so a follow-up names both in that order.
  it('names the head of the body, then the Ombudsman, in a follow-up once the period has passed', async () => {
    const { raw } = await draft('follow-up');
    expect(flat(raw.md)).toContain('ምላሽ ካልደረሰን በአንቀጽ 31(1) መሠረት ለመሥሪያ ቤቱ የበላይ ኃላፊ ይግባኝ ልናቀርብ እንችላለን፤ በኃላፊው ውሳኔ ካልረካንም በአንቀጽ 31(4) መሠረት ጉዳዩን የኢትዮጵያ ሕዝብ ዕንባ ጠባቂ ተቋም እንዲመለከተው');
  });

  it('writes a reading copy in English marked as a translation of an Amharic letter', async () => {
    const { copy } = await readingCopy(spec('foi-request', 'copy'), join(tmp.path, 'copy', 'out'));
    const mark = "Translation for the requester's records; the letter sent is in Amharic.";
    for (const page of copy.pages) expect(page).toContain(mark);
    expect(copy.docx).toContain('Yours sincerely,');
  });

  it('writes the same bytes for the same input', async () => {
    await expectSameBytes(spec('appeal', 'same'), tmp.path, '--annex');
  });

  it('writes the check follow-up in Amharic, each difference in Amharic, counts with comma thousands', async () => {
    await draft('data-request', 'check');
    // Semicolons for commas, and 1,204 rows whose count is no whole number.
    const { pdf } = await checkFollowUp(join(tmp.path, 'check', 'data-request.yaml'), join(tmp.path, 'check', 'delivered.csv'), ['polling_station_code;registered_voters', ...Array.from({ length: 1204 }, (_, i) => `${i};ብዙ`)].join('\n') + '\n', join(tmp.path, 'check', 'follow-up'));
    for (const want of ['ቀን፦ ነሐሴ 26 ቀን 2019 ዓ.ም. (ሴፕቴምበር 1 ቀን 2027 እ.ኤ.አ.)', 'ጉዳዩ፦ የ2018 ዓ.ም. ጠቅላላ ምርጫ በየምርጫ ጣቢያው የተመዘገቡ ውጤቶች መረጃ ጥያቄን በተመለከተ', 'ለጥያቄያችን ምላሽ ስለላኩልን መረጃ', 'ከሰላምታ ጋር',
      'የዓምዶች መለያ። የጠየቅነው፦ በኮማ (",") የተለያዩ ዓምዶች። ዓምዶቹ የተለያዩት በሴሚኮሎን (";") ነው።',
      'እሴቶች። የጠየቅነው፦ በregistered_voters እያንዳንዱ ረድፍ ውስጥ ሙሉ ቁጥር። ይህን የማያሟሉ እሴቶች፦ 1,204፤ ለምሳሌ']) expect(pdf).toContain(want);
    for (const english of ['Re:', 'We asked for', 'Separator between fields', 'Values that are not']) expect(pdf).not.toContain(english);
  });
});
