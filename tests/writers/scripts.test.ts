// The PDF writer with the script fonts: glyphs drawn as HarfBuzz shapes them (read back from the
// content stream), Arabic right to left and read back in logical order (unpdf), one font per
// character run, the same bytes twice, and a character no font has still refused. DOCX: the
// right-to-left and complex-script properties Word needs.
import { readFileSync } from 'node:fs';
// @ts-expect-error fontkit ships no type declarations; the test reads glyph names and the cmap with it, and shows what its shaping got wrong.
import { create as openFont } from 'fontkit';
import { unzipSync, strFromU8 } from 'fflate';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, Document } from '../../src/document.js';
import { OedrError } from '../../src/errors.js';
import { createDocxWriter } from '../../src/writers/docx.js';
import { createPdfWriter, type PdfWriter } from '../../src/writers/pdf.js';
import { loadFonts } from '../../src/writers/pdf-fonts.js';
import { loadShaper } from '../../src/writers/pdf-scripts.js';
import { glyphsDrawn, objects, shaperGlyphs } from '../pdf-glyphs.js';

const t = (value: string) => ({ type: 'text' as const, value });
const p = (value: string, style?: 'date'): Block => (style ? { type: 'paragraph', style, children: [t(value)] } : { type: 'paragraph', children: [t(value)] });

function doc(language: string, blocks: Block[], pageLabel = 'Page {page} of {pages}'): Document {
  return { meta: { title: 'T', author: 'A', subject: 'S', language, date: '2027-04-12', keywords: [], footer: 'REF-12', pageLabel }, blocks };
}

const ARABIC_LAW = 'القانون الأساسي عدد 22 لسنة 2016 المتعلق بالحق في النفاذ إلى المعلومة';
const arabicLetter = () =>
  doc('ar', [
    p('تونس في 12 أبريل 2027', 'date'),
    p('حضرة السيد المسؤول المحترم،'),
    p(`نطلب طبقا لأحكام ${ARABIC_LAW} نسخة من النتائج بصيغة CSV (الفصل 9).`),
    { type: 'table', header: [[t('الحقل')], [t('النوع')]], rows: [[[t('عدد الأصوات')], [t('عدد صحيح')]]] },
    p('وتفضلوا بقبول فائق عبارات التقدير والاحترام،'),
  ], 'الصفحة {page} من {pages}');

const pdfText = async (b: Uint8Array) => (await extractText(await getDocumentProxy(new Uint8Array(b)), { mergePages: true })).text;

let writer: PdfWriter;
let arabic: Uint8Array;
beforeAll(async () => {
  writer = await createPdfWriter();
  arabic = await writer.write(arabicLetter());
});

describe('PDF: shaped scripts', () => {
  it('draws an Arabic word with the glyphs HarfBuzz shapes it into, right to left', async () => {
    const pdf = await writer.write(doc('ar', [p('التالية')]));
    const drawn = glyphsDrawn(pdf, 'NotoSansArabic-Regular');
    expect(drawn).toEqual(shaperGlyphs('NotoSansArabic-Regular.ttf', 'التالية', true));
    // Joined forms, not the isolated letters of the cmap.
    const font = openFont(readFileSync(new URL('../../fonts/NotoSansArabic-Regular.ttf', import.meta.url)));
    const isolated = [...'التالية'].map((ch) => font.glyphForCodePoint(ch.codePointAt(0)!).id);
    expect(drawn).not.toEqual(isolated.reverse());
  });

  it('draws Devanagari and Bangla with reordered vowel signs and conjuncts, as HarfBuzz shapes them', async () => {
    const pdf = await writer.write(doc('ne', [p('किताब नेपाल संविधान'), p('ক্ষমতা বাংলা')]));
    // The spaces between the words are drawn from the script font too, as HarfBuzz lays them out.
    expect(glyphsDrawn(pdf, 'NotoSansDevanagari-Regular')).toEqual(shaperGlyphs('NotoSansDevanagari-Regular.ttf', 'किताब नेपाल संविधान', false));
    expect(glyphsDrawn(pdf, 'NotoSansBengali-Regular')).toEqual(shaperGlyphs('NotoSansBengali-Regular.ttf', 'ক্ষমতা বাংলা', false));
    // The vowel sign ि is drawn before the consonant it follows in the text.
    const font = openFont(readFileSync(new URL('../../fonts/NotoSansDevanagari-Regular.ttf', import.meta.url)));
    expect(font.getGlyph(glyphsDrawn(pdf, 'NotoSansDevanagari-Regular')[0]!).name).toMatch(/^uni093F/);
  });

  it('draws the Bangla র-ফলা and the marks after ক্ত inside their cluster, where fontkit put them after it', async () => {
    // A Dhaka reader found «ভোটকেন্দ্রে» drawn with the র-ফলা in the space after the word, and the
    // marks after «ক্ত» run together: fontkit's shaping. The marks of zero advance must be pulled
    // back over the letters they belong to (a negative x offset), not left at the pen.
    const words = 'ভোটকেন্দ্রে সংযুক্ত';
    const pdf = await writer.write(doc('bn', [p(words)]));
    expect(glyphsDrawn(pdf, 'NotoSansBengali-Regular')).toEqual(shaperGlyphs('NotoSansBengali-Regular.ttf', words, false));
    // pdf.js reads the glyphs' own texts in drawing order: the words come back in logical order
    // (ো as its two halves, which NFC joins; pdf.js drops the space between the words).
    expect((await pdfText(pdf)).normalize('NFC').replace(/[\s\u200b]+/g, '')).toContain(words.replace(' ', ''));
    await loadShaper();
    const fonts = await loadFonts();
    for (const word of words.split(' ')) {
      const [run] = fonts.pieces('regular', word, false);
      const placement = run!.positioned!.placement;
      const marks = run!.glyphs.map((_, i) => i).filter((i) => placement[i * 3] === 0);
      expect(marks.length, word).toBeGreaterThan(0);
      for (const i of marks) expect(placement[i * 3 + 1], `${word}: glyph ${run!.glyphs[i]}`).toBeLessThan(0);
      // fontkit left at least one of them at the pen: the defect this test keeps away.
      const fk = openFont(readFileSync(new URL('../../fonts/NotoSansBengali-Regular.ttf', import.meta.url))).layout(word);
      expect(fk.positions.some((q: { xAdvance: number; xOffset: number }) => q.xAdvance === 0 && q.xOffset === 0), word).toBe(true);
    }
  });

  it('draws brackets in left-to-right Ethiopic text as written, not mirrored', async () => {
    // Mirroring is for right-to-left runs; an Ethiopic run once drew "(ጽሑፍ)" as "(ጽሑፍ(".
    const text = 'ዓይነት (ጽሑፍ)';
    const pdf = await writer.write(doc('am', [p(text)]));
    const font = openFont(readFileSync(new URL('../../fonts/NotoSansEthiopic-Regular.ttf', import.meta.url)));
    const cmap = (s: string) => [...s].map((ch) => font.glyphForCodePoint(ch.codePointAt(0)!).id);
    // The "(" that opens a word is drawn from Noto Sans; the ")" stays in the Ethiopic run, as itself.
    expect(glyphsDrawn(pdf, 'NotoSansEthiopic-Regular')).toEqual(cmap('ዓይነት ጽሑፍ)'));
  });

  it('reads Arabic back in logical order: the law, the date and a number inside right-to-left text', async () => {
    const text = (await pdfText(arabic)).replace(/\s+/g, ' ');
    // pdf.js drops the space where Arabic meets digits or Latin; the words and their order stay.
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    expect(squeeze(text)).toContain(squeeze(ARABIC_LAW));
    expect(squeeze(text)).toContain(squeeze('تونس في 12 أبريل 2027'));
    expect(text).toContain('حضرة السيد المسؤول المحترم،');
    expect(text).toContain('وتفضلوا بقبول فائق عبارات التقدير والاحترام،');
    expect(squeeze(text)).toContain(squeeze('الصفحة 1 من 1'));
    expect(text.indexOf('نطلب')).toBeLessThan(text.indexOf('CSV'));
  });

  it('takes digits, Latin words and punctuation inside Arabic and Georgian text from Noto Sans', async () => {
    const pdf = await writer.write(doc('ka', [p('საქართველოს 2026 წლის CSV ფაილი.')]));
    const fonts = [...objects(pdf).values()].map((o) => /\/BaseFont \/\w+\+([\w-]+) /.exec(o.dict)?.[1]).filter((n) => n && !n.endsWith('_'));
    expect(new Set(fonts)).toEqual(new Set(['NotoSans-Regular', 'NotoSansGeorgian-Regular']));
    expect(await pdfText(pdf)).toContain('საქართველოს 2026 წლის CSV ფაილი.');
    expect(new Set([...objects(arabic).values()].map((o) => /\/BaseFont \/\w+\+([\w-]+) /.exec(o.dict)?.[1]).filter(Boolean)))
      .toEqual(new Set(['NotoSans-Regular', 'NotoSansArabic-Regular', 'NotoSansArabic-Bold']));
  });

  it('tags the document with its language and writes the same bytes twice, from another writer too', async () => {
    expect(Buffer.from(arabic).toString('latin1')).toContain('/Lang (ar)');
    expect(Buffer.compare(await writer.write(arabicLetter()), arabic)).toBe(0);
    expect(Buffer.compare(await (await createPdfWriter()).write(arabicLetter()), arabic)).toBe(0);
  });

  it('still refuses a character no bundled font has, naming it', async () => {
    const error = await writer.write(doc('ar', [p('نص فيه ก')])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OedrError);
    expect((error as OedrError).diagnostics.map((d) => d.message)).toEqual([
      'the character "ก" (U+0E01) is not covered by the bundled fonts (Noto Sans: Latin, Greek, Cyrillic; Noto Sans Arabic, Devanagari, Bangla, Ethiopic, Georgian)',
    ]);
  });
});

describe('DOCX: right to left and complex scripts', () => {
  it('marks an Arabic letter right to left, with the Arabic font and language, and reads back', async () => {
    const bytes = await (await createDocxWriter()).write(arabicLetter());
    const files = unzipSync(bytes);
    const body = strFromU8(files['word/document.xml']!);
    const styles = strFromU8(files['word/styles.xml']!);
    expect(body).toContain('<w:pPr><w:pStyle w:val="LetterDate"/><w:bidi/>');
    expect(body).toMatch(/<w:rPr><w:rtl\/><\/w:rPr><w:t xml:space="preserve">حضرة/);
    expect(body).toContain('<w:bidiVisual/>');
    expect(styles).toContain('w:cs="Noto Sans Arabic"');
    expect(styles).toContain('<w:lang w:val="ar" w:bidi="ar"/>');
    expect(strFromU8(files['word/footer1.xml']!)).toContain('<w:bidi/>');
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    expect(value).toContain(ARABIC_LAW);
    expect(value).toContain('تونس في 12 أبريل 2027');
  });
});
