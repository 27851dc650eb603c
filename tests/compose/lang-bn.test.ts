// Bangla letters under the Right to Information Act 2009 (BD): every kind drafted in Bangla by
// default, read back from the PDF, DOCX and Markdown: the Act's own name, Bangla dates, periods and
// page numbers, বরাবর, বিষয়, জনাব and বিনীত, the appeal to the আপীল কর্তৃপক্ষ under ধারা ২৪, the
// follow-up naming the আপীল কর্তৃপক্ষ (s.24, before the তথ্য কমিশন), `oedr check`'s follow-up, glyphs as HarfBuzz shapes them, the
// same bytes twice, and an English reading copy.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from '../helpers.js';
import { containsRun, glyphsDrawn, shaperLettersAndMarks } from '../pdf-glyphs.js';
import { checkFollowUp, containsInGlyphOrder, draftAll, expectNoEnglish, expectSameBytes, kindSpec, plain, readingCopy, squeeze } from './lang-shared.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const spec = (kind: string, extra = '') => kindSpec(tmp.path, 'languages/bd-results', kind, { extra });

const LAW = 'তথ্য অধিকার আইন, ২০০৯';
const DIGITS = '০১২৩৪৫৬৭৮৯';
const REFUSED = 'earlier_request: { reference: NPP/RTI/2027/009, sent_on: 2027-03-01, response: refused, response_date: 2027-03-25, refusal: { ground: personal-data, provision: "ধারা ৭", reason: "ভোটারদের ব্যক্তিগত তথ্য রয়েছে" } }';
const UNANSWERED = 'earlier_request: { reference: NPP/RTI/2027/009, sent_on: 2027-02-01, response: none }';

describe('Bangla letters (BD)', () => {
  it('writes the filing in Bangla: the Act by its name, the date, period and page numbers in Bangla digits, তারিখ, বরাবর, বিষয়, জনাব and বিনীত', async () => {
    const d = await draftAll(spec('foi-request'), join(tmp.path, 'foi'));
    const wants = [`বিনীত নিবেদন এই যে, ${LAW} অনুযায়ী`, 'তারিখ: ১২ এপ্রিল ২০২৭', 'বরাবর', 'দায়িত্বপ্রাপ্ত কর্মকর্তা', 'বিষয়: কেন্দ্রভিত্তিক নির্বাচনী ফলাফল প্রাপ্তির আবেদন',
      'জনাব,', 'বিনীত', 'স্মারক নং: NPP/RTI/2027/021', 'নির্ধারিত ২০ কার্যদিবসের মধ্যে (পত্রটি এই তারিখেই পৌঁছালে ১১ মে ২০২৭ তারিখের মধ্যে)'];
    for (const want of wants) {
      for (const text of [d.docx, d.raw.md]) expect(squeeze(text), want).toContain(squeeze(want));
      expect(containsInGlyphOrder(d.pdf, want), `PDF: ${want}`).toBe(true);
    }
    for (const word of ['নিবেদন', 'কর্মকর্তা', 'নির্বাচন']) expect(squeeze(d.pdf), word).toContain(word);
    for (const text of [d.pdf, d.docx, d.md]) expectNoEnglish(text, 'foi-request');
    expect(d.pages.length).toBeGreaterThan(1);
    d.pages.forEach((page, i) => expect(containsInGlyphOrder(page, `পৃষ্ঠা ${DIGITS[i + 1]}/${DIGITS[d.pages.length]}`), `page ${i + 1}`).toBe(true));
  });

  it('joins the genitive and locative to a name as Bangla writes them (পরিষদের, কমিটির, সচিবালয়ে), with a hyphen after Latin letters', async () => {
    const d = await draftAll(spec('foi-request'), join(tmp.path, 'cases'));
    expect(squeeze(d.raw.md)).toContain(squeeze('নির্বাচন পর্যবেক্ষণ পরিষদের পক্ষে দাখিল করছেন বাংলাদেশের নাগরিক'));
    // The telephone number never breaks across lines (the Dhaka reader found «+880 2» / «5566 7788»).
    expect(d.raw.md).toContain('+880\u00a02\u00a05566\u00a07788');
    const dir = join(tmp.path, 'case-templates');
    mkdirSync(dir);
    writeFileSync(join(dir, 'foi-request.md.hbs'), '{{inflect requester.organisation "genitive"}}; {{inflect requester.organisation "locative"}}; {{inflect recipient.institution "genitive"}}; {{inflect recipient.institution "locative"}}; {{inflect requester.contact.email "genitive"}}; {{inflect requester.contact.email "locative"}}\n');
    const file = spec('foi-request');
    writeFileSync(file, readFileSync(file, 'utf8').replace('organisation: নির্বাচন পর্যবেক্ষণ পরিষদ', 'organisation: নির্বাচন পর্যবেক্ষণ কমিটি'));
    const out = join(tmp.path, 'out-cases');
    const r = await runCli('draft', file, '--format', 'md', '--out', out, '--no-annex', '--template-dir', dir);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(out, 'bd-results-foi-request.md'), 'utf8')).toContain('নির্বাচন পর্যবেক্ষণ কমিটির; নির্বাচন পর্যবেক্ষণ কমিটিতে; নির্বাচন কমিশন সচিবালয়ের; নির্বাচন কমিশন সচিবালয়ে; tothyo@nirbachon-porishod.example-এর; tothyo@nirbachon-porishod.example-এ');
  });

  it('draws letter words with the glyphs HarfBuzz shapes them into: conjuncts and the reordered vowel signs', async () => {
    const d = await draftAll(spec('foi-request'), join(tmp.path, 'glyphs'));
    const drawn = glyphsDrawn(readFileSync(d.files.pdf), 'NotoSansBengali-Regular');
    // বি: the vowel sign drawn first; ত্ব, প্র, প্ত: conjuncts; র্ম: reph; পৌঁ: the two-part vowel sign.
    for (const word of ['বিনীত', 'দায়িত্বপ্রাপ্ত', 'সরবরাহের', 'নিবেদন', 'কর্মকর্তা', 'পৌঁছালে']) {
      const { letters, marks } = shaperLettersAndMarks('NotoSansBengali-Regular.ttf', word, false);
      expect(containsRun(drawn, letters), word).toBe(true);
      for (const mark of marks) expect(drawn, `${word}: mark ${mark}`).toContain(mark);
    }
  });

  it('writes every kind in Bangla, with no English template words left', async () => {
    const marks: Record<string, [string, string[]]> = {
      'data-request': ['', ['নির্বাচন কমিশন সচিবালয় কর্তৃক সংরক্ষিত', '১৫ জুন ২০২৭', '## উপাত্তের গুরুত্ব', 'নাগরিক ও রাজনৈতিক অধিকার বিষয়ক আন্তর্জাতিক চুক্তি, অনুচ্ছেদ ১৯(২)', 'উদ্ধৃতিগুলো ইংরেজি পাঠ থেকে বেসরকারি (অনানুষ্ঠানিক) বাংলা অনুবাদ।']],
      'follow-up': [UNANSWERED, ['১ ফেব্রুয়ারি ২০২৭ তারিখে', '২০ কার্যদিবসের মধ্যে', 'এরপরও কোনো জবাব না পেলে আমাদের হয়তো তথ্য অধিকার আইন, ২০০৯-এর ধারা ২৪ অনুযায়ী আপীল কর্তৃপক্ষের নিকট আপীল দাখিল করতে হবে', '১. কেন্দ্রভিত্তিক নির্বাচনী ফলাফল']],
      appeal: [REFUSED, ['বরাবর\\\nআপীল কর্তৃপক্ষ', `**${LAW}, ধারা ২৪ অনুযায়ী আপীল**`, 'আপীল কর্তৃপক্ষ (নির্বাচন কমিশন সচিবালয়) বরাবর এই আপীল', '৩০ দিন সময় দেয়', '২৫ এপ্রিল ২০২৭', 'আপনার সদয় মর্জি হয়।']],
    };
    for (const [kind, [extra, wants]] of Object.entries(marks)) {
      const name = kind;
      const d = await draftAll(spec(name, extra), join(tmp.path, name), '--no-annex');
      for (const want of wants) expect(d.raw.md, `${kind}: ${want}`).toContain(want);
      for (const want of wants.map(plain).filter((w) => !w.includes('\\'))) expect(containsInGlyphOrder(d.pdf, want), `${kind} PDF: ${want}`).toBe(true);
      for (const text of [d.md, d.docx, d.pdf]) {
        expect(containsInGlyphOrder(text, 'বিনীত'), kind).toBe(true);
        expectNoEnglish(text, kind);
      }
    }
  });

  it('writes the follow-up to a delivery that does not match in Bangla (oedr check --follow-up)', async () => {
    const c = await checkFollowUp(fixture('languages/bd-results.yaml'), join(tmp.path, 'delivered.csv'), 'polling_centre_code;candidate_name;votes\n1207-045;ক;12\n1207-046;খ;many\n', join(tmp.path, 'check'));
    for (const want of ['তারিখ: ১ সেপ্টেম্বর ২০২৭', 'জনাব,', '১২ এপ্রিল ২০২৭ তারিখের আমাদের অনুরোধের', 'delivered.csv', 'আপনার সহযোগিতার জন্য আবারও ধন্যবাদ।', 'বিনীত',
      'ক্ষেত্রের বিভাজক। আমরা চেয়েছিলাম: কমা (",") দিয়ে পৃথক করা ক্ষেত্র। ক্ষেত্রগুলো সেমিকোলন (";") দিয়ে পৃথক করা।',
      'মান। আমরা চেয়েছিলাম: votes এর প্রতিটি সারিতে পূর্ণসংখ্যা। শর্ত পূরণ করে না এমন মান: ১টি, যেমন লাইন ৩ ("many")।']) {
      expect(c.md, want).toContain(want);
      expect(containsInGlyphOrder(c.pdf, want), `PDF: ${want}`).toBe(true);
    }
    for (const english of ['Dear ', 'Thank you', 'Yours sincerely', 'We asked for', 'Fields are separated', 'line 3', 'values are not']) expect(c.md).not.toContain(english);
  });

  it('gives the same bytes for the same input', async () => {
    await expectSameBytes(spec('appeal', REFUSED), tmp.path);
  });

  it('writes a reading copy in English on request, marked as a translation of the Bangla letter', async () => {
    const { letter, copy } = await readingCopy(spec('foi-request'), join(tmp.path, 'copy'));
    expect(letter.raw.md).toContain('জনাব,');
    expect(copy.raw.md).toContain("**Translation for the requester's records; the letter sent is in Bangla.**");
    expect(copy.raw.md).toContain('Yours sincerely,');
    expect(copy.raw.md).toContain('11 May 2027');
  });
});
