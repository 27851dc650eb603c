// Nepali letters under the Right to Information Act 2064 (NP): every kind drafted in Nepali by
// default, read back from the PDF, DOCX and Markdown: the Act's own name, Devanagari dates and page
// numbers, the salutation and closing, the appeal to the प्रमुख by the statute's term and section,
// `oedr check`'s follow-up, glyphs as HarfBuzz shapes them, the same bytes twice, and an English reading copy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, tempDir } from '../helpers.js';
import { containsRun, glyphsDrawn, shaperLettersAndMarks } from '../pdf-glyphs.js';
import { checkFollowUp, containsInGlyphOrder, draftAll, expectNoEnglish, expectSameBytes, kindSpec, plain, readingCopy, squeeze } from './lang-shared.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const spec = (kind: string, extra = '') => kindSpec(tmp.path, 'languages/np-results', kind, { extra });

const LAW = 'सूचनाको हकसम्बन्धी ऐन, २०६४';
const REFUSED = 'earlier_request: { reference: NNM/RTI/2027/009, sent_on: 2027-02-01, response: refused, response_date: 2027-02-20, refusal: { ground: personal-data, provision: "दफा ३", reason: "मतदाताको व्यक्तिगत विवरण समावेश भएको" } }';

describe('Nepali letters (NP)', () => {
  it('writes the filing in Nepali: the Act by its name, the date and page numbers in Devanagari digits, मिति, विषय, महोदय and भवदीय', async () => {
    const d = await draftAll(spec('foi-request'), join(tmp.path, 'foi'));
    // The Act asks for the reason for the request (s.7(1)): the purpose is given under that name.
    const wants = [`${LAW} बमोजिम`, 'मिति: सन् २०२७ अप्रिल १२', 'श्रीमान् सूचना अधिकारीज्यू', 'विषय: मतदान स्थलगत', 'महोदय,', 'भवदीय,', 'हाम्रो चलानी नं.: NNM/RTI/2027/014', 'सूचना माग गर्नुको कारण:'];
    for (const want of wants) {
      for (const text of [d.docx, d.raw.md]) expect(squeeze(text), want).toContain(squeeze(want));
      expect(containsInGlyphOrder(d.pdf, want), `PDF: ${want}`).toBe(true);
    }
    // The logical order is in the PDF's ActualText, which pdftotext and screen readers read.
    for (const word of ['निर्वाचन', 'अधिकारीज्यू', 'निवेदन']) expect(squeeze(d.pdf), word).toContain(word);
    for (const text of [d.pdf, d.docx, d.md]) expectNoEnglish(text, 'foi-request');
    expect(d.pages.length).toBeGreaterThan(1);
    d.pages.forEach((page, i) => expect(squeeze(page)).toContain(squeeze(`पृष्ठ ${'०१२३४५६७८९'[i + 1]}/${'०१२३४५६७८९'[d.pages.length]}`)));
  });

  it('draws letter words with the glyphs HarfBuzz shapes them into: reph, conjuncts and the reordered vowel sign', async () => {
    const d = await draftAll(spec('foi-request'), join(tmp.path, 'glyphs'));
    const drawn = glyphsDrawn(readFileSync(d.files.pdf), 'NotoSansDevanagari-Regular');
    for (const word of ['निर्वाचन', 'निवेदन', 'गराइदिनुहुन', 'श्रीमान्', 'अधिकारीज्यू']) {
      const { letters, marks } = shaperLettersAndMarks('NotoSansDevanagari-Regular.ttf', word, false);
      expect(containsRun(drawn, letters), word).toBe(true);
      for (const mark of marks) expect(drawn, `${word}: mark ${mark}`).toContain(mark);
    }
  });

  it('writes every kind in Nepali, with no English template words left', async () => {
    const marks: Record<string, string[]> = {
      'data-request': ['निर्वाचन निगरानी मञ्च निर्वाचन आयोगसँग', 'सन् २०२७ जुन १५', '## यो तथ्याङ्क किन आवश्यक छ', 'नागरिक तथा राजनीतिक अधिकारसम्बन्धी अन्तर्राष्ट्रिय प्रतिज्ञापत्र, धारा १९(२)', 'उद्धरणहरू अङ्ग्रेजी पाठबाट गरिएको अनौपचारिक नेपाली अनुवाद हुन्।'],
      'follow-up': ['मिति सन् २०२७ फेब्रुअरी १ मा', 'अस्वीकार गरिएको छ', 'हामीले माग गरेको तथ्याङ्क:', '१. मतदान स्थलगत निर्वाचन परिणाम'],
      appeal: ['श्रीमान् प्रमुखज्यू', `**${LAW} को दफा ९ बमोजिम उजुरी**`, 'निर्वाचन आयोगका प्रमुखसमक्ष यो उजुरी', '## उजुरीका आधार', 'दफा ३ को आधार', 'आदेश गरिपाऊँ।'],
    };
    for (const [kind, wants] of Object.entries(marks)) {
      const d = await draftAll(spec(kind, kind === 'data-request' ? '' : REFUSED), join(tmp.path, kind));
      for (const want of wants) expect(d.raw.md, `${kind}: ${want}`).toContain(want);
      for (const want of wants.map(plain)) expect(containsInGlyphOrder(d.pdf, want), `${kind} PDF: ${want}`).toBe(true);
      for (const text of [d.md, d.docx, d.pdf]) {
        expect(squeeze(text), kind).toContain(squeeze('भवदीय,'));
        expectNoEnglish(text, kind);
      }
    }
  });

  it('writes the follow-up to a delivery that does not match in Nepali (oedr check --follow-up)', async () => {
    const c = await checkFollowUp(fixture('languages/np-results.yaml'), join(tmp.path, 'delivered.csv'), 'polling_station_code;candidate_name;votes\n27-03-1-004;क;12\n27-03-1-005;ख;many\n', join(tmp.path, 'check'));
    for (const want of ['मिति: सन् २०२७ सेप्टेम्बर १', 'महोदय,', 'मिति सन् २०२७ अप्रिल १२ को हाम्रो निवेदन', 'भवदीय,',
      'क्षेत्र छुट्याउने चिह्न। हामीले अल्पविराम (",") ले छुट्याइएका क्षेत्र माग गरेका थियौँ। क्षेत्रहरू अर्धविराम (";") ले छुट्याइएका छन्।',
      'मानहरू। हामीले votes को प्रत्येक पङ्क्तिमा पूर्णाङ्क माग गरेका थियौँ। त्यस्तो नभएका मान: १ वटा, जस्तै पङ्क्ति ३ ("many")।']) {
      expect(c.md, want).toContain(want);
      expect(containsInGlyphOrder(c.pdf, want), `PDF: ${want}`).toBe(true);
    }
    for (const english of ['Dear ', 'Thank you', 'Yours sincerely', 'We asked for', 'Fields are separated', 'line 3']) expect(c.md).not.toContain(english);
  });

  it('gives the same bytes for the same input', async () => {
    await expectSameBytes(spec('appeal', REFUSED), tmp.path);
  });

  it('writes a reading copy in English on request, marked as a translation of the Nepali letter', async () => {
    const { letter, copy } = await readingCopy(spec('foi-request'), join(tmp.path, 'copy'));
    expect(letter.raw.md).toContain('भवदीय,');
    expect(copy.raw.md).toContain("**Translation for the requester's records; the letter sent is in Nepali.**");
    expect(copy.raw.md).toContain('Yours sincerely,');
    expect(copy.raw.md).toContain('12 April 2027');
  });
});
