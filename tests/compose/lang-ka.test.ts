// Georgian letters: under GE (the General Administrative Code of Georgia) with no letter.language,
// `oedr draft` writes every kind in Georgian, read back from the PDF (unpdf), the DOCX (mammoth and
// its styles.xml) and the Markdown: the Code by its Georgian name in the genitive, dates in the
// Georgian form and case, digits and Latin drawn beside Georgian, no English and no Mtavruli.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { checkFollowUp, draftAll, expectNoEnglish, expectSameBytes, kindSpec, readingCopy, unmark, wordKeys } from './lang-shared.js';

const tmp = tempDir();
afterAll(() => tmp.done());

const REFUSED = `earlier_request:
  reference: ღამ/2027/014
  sent_on: 2027-04-12
  response: refused
  response_date: 2027-04-20
  response_reference: 01-12/345
  refusal: { ground: personal-data, provision: "საქართველოს ზოგადი ადმინისტრაციული კოდექსის 44-ე მუხლი" }
`;
const UNANSWERED = 'earlier_request: { reference: ღამ/2027/014, sent_on: 2027-04-12, response: none }\n';

/** The Georgian fixture as `kind`, dated `date`, with `extra` appended; returns the file. */
const spec = (name: string, kind: string, extra = '', date = '2027-04-12') =>
  kindSpec(tmp.path, 'ka/cec-foi', kind, { stem: name, extra, edit: (s) => s.replace('date: 2027-04-12', `date: ${date}`) });

// U+00A0 (the thousands space) is kept: only breaking white space is folded.
const foldBreaking = (s: string) => s.replace(/[ \t\r\n]+/g, ' ');

/** Besides the template phrases (ENGLISH), the English a careless Georgian letter would keep from the registry. */
const REGISTRY_ENGLISH = ['under ', 'Please', 'administrative complaint', 'superior administrative body', 'General Administrative Code', 'calendar days', 'the law allows'];
/** Georgian capitals (Mtavruli), which JavaScript's toUpperCase would make of a first letter; Georgian never opens a sentence with one. */
const MTAVRULI = /[\u1c90-\u1cbf]/u;

function expectGeorgianOnly(text: string, what: string): void {
  expectNoEnglish(text, what, REGISTRY_ENGLISH);
  expect(text, `${what}: Mtavruli`).not.toMatch(MTAVRULI);
}

describe('Georgian letters under GE', () => {
  it('writes a filing to the CEC in Georgian: the Code in the genitive, dates in both cases, digits and Latin, salutation, closing and page label', async () => {
    const { pdf, docx, md, pages } = await draftAll(spec('foi', 'foi-request'), join(tmp.path, 'out-foi'));
    for (const [what, text] of [['pdf', pdf], ['docx', docx], ['md', md]] as const) {
      for (const want of [
        'საქართველოს ზოგადი ადმინისტრაციული კოდექსის III თავის საფუძველზე ითხოვს საქართველოს ცენტრალური საარჩევნო კომისიის ხელთ არსებულ',
        '2027 წლის 12 აპრილი', // the date line, in the nominative
        'ვადა 2027 წლის 22 აპრილს იწურება', // the due date in the dative: 10 calendar days (GAC art. 40)
        '10 კალენდარული დღის ვადაში',
        'პერიოდი: 2026 წლის 4 ოქტომბერი – 2026 წლის 2 ნოემბერი; 2027 წლის 31 მარტის მდგომარეობით',
        'პატივცემულო ქალბატონო თამარ,',
        'პატივისცემით,',
        '01.05.0042', // a value with digits, inside Georgian text
        'ღამ/2027/014',
        'data@open-election-data.example',
      ]) expect(text, `${what}: ${want}`).toContain(want);
      expectGeorgianOnly(text, what);
    }
    pages.forEach((page, i) => expect(page).toContain(`გვერდი ${i + 1} / ${pages.length}`));
    expect(pages.length).toBeLessThanOrEqual(2);
  });

  it('draws Georgian with Noto Sans Georgian and digits and Latin with Noto Sans, in the PDF and the DOCX', async () => {
    const { files } = await draftAll(spec('fonts', 'foi-request'), join(tmp.path, 'out-fonts'));
    const fonts = [...readFileSync(files.pdf).toString('latin1').matchAll(/\/BaseFont\s*\/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]);
    expect(new Set(fonts)).toEqual(new Set(['NotoSansGeorgian-Regular', 'NotoSansGeorgian-Bold', 'NotoSans-Regular', 'NotoSans-Bold']));
    const styles = strFromU8(unzipSync(new Uint8Array(readFileSync(files.docx)))['word/styles.xml']!);
    const rFonts = [...styles.matchAll(/<w:rFonts [^>]*>/g)].map((m) => m[0]);
    expect(rFonts.length).toBeGreaterThan(1);
    // Every style that names fonts (the defaults and the headings): Georgian is w:hAnsi text to Word.
    for (const f of rFonts) {
      expect(f).toContain('w:hAnsi="Noto Sans Georgian"');
      expect(f).toContain('w:ascii="Noto Sans"');
    }
    expect(styles).toContain('<w:lang w:val="ka"/>');
  });

  it('writes every kind in Georgian, the appeal addressed and named as the Code names them', async () => {
    const cases: [string, string, string, string[]][] = [
      ['data-request', '', '2027-04-12', ['მოგმართავთ თხოვნით, მოგვაწოდოთ შემდეგი მონაცემები', 'საჭიროების ვადა: 2027 წლის 15 ივნისი']],
      ['follow-up', UNANSWERED, '2027-05-04', ['2027 წლის 12 აპრილს ჩვენ, ასოციაცია „არჩევნების ღია მონაცემები“, მოგმართეთ', 'ეს ვადა 2027 წლის 22 აპრილს ამოიწურა', 'არაუგვიანეს 2027 წლის 15 ივნისის']],
      ['appeal', REFUSED, '2027-05-04', [
        // The registry marks the one-month limit low-confidence: the letter words it as an estimate.
        'ჩვენი ინფორმაციით, კანონი ადმინისტრაციული საჩივრის წარდგენისთვის 1 თვის ვადას ადგენს',
        'ადმინისტრაციული საჩივარი — საქართველოს ზოგადი ადმინისტრაციული კოდექსის III თავი', // term.original, not capitalised to Mtavruli
        'საქართველოს ცენტრალური საარჩევნო კომისიის მიერ ჩვენს 2027 წლის 12 აპრილის განცხადებაზე',
        'უარის სამართლებრივ საფუძვლად მითითებულია: საქართველოს ზოგადი ადმინისტრაციული კოდექსის 44-ე მუხლი',
        'არაუგვიანეს 2027 წლის 20 მაისის', // one month from the refusal (GAC art. 180), in the genitive
        '(№ 01-12/345)',
      ]],
    ];
    for (const [kind, extra, date, wants] of cases) {
      const { md, docx } = await draftAll(spec(kind, kind, extra, date), join(tmp.path, `out-${kind}`));
      for (const [what, text] of [['md', md], ['docx', docx]] as const) {
        expect(text, `${kind} ${what}`).toContain('პატივისცემით,');
        for (const want of wants) expect(text, `${kind} ${what}: ${want}`).toContain(want);
        // The CEC has no superior body: the complaint goes to the CEC itself (registry `bodies`), named once.
        if (kind === 'appeal') {
          expect(text, `${kind} ${what}`).not.toContain('ზემდგომი');
          expect(text.match(/საქართველოს ცენტრალური საარჩევნო კომისია/g), `${kind} ${what}: the CEC named once in the address`).toHaveLength(1);
        }
        expectGeorgianOnly(text, `${kind} ${what}`);
      }
    }
  });

  it('writes a reading copy in English, and names the Georgian letter in an English one\'s Georgian copy', async () => {
    const out = join(tmp.path, 'out-copy');
    const { letter, copy } = await readingCopy(spec('copy', 'foi-request'), out);
    const mark = "Translation for the requester's records; the letter sent is in Georgian.";
    for (const page of copy.pages) expect(page).toContain(mark);
    expect(copy.pdf).toContain('Yours sincerely,');
    expect(letter.raw.md).toContain('პატივისცემით,');

    const en = spec('en', 'foi-request');
    writeFileSync(en, readFileSync(en, 'utf8').replace('letter:\n', 'letter:\n  language: en\n  reading_copy: ka\n'));
    await draftAll(en, out);
    expect(readFileSync(join(out, 'en.reading-copy-ka.md'), 'utf8')).toContain('**თარგმანი განმცხადებლის საქმისთვის; გაგზავნილი წერილი შედგენილია ინგლისურ ენაზე.**');
  });

  it('{{inflect}} replaces the first matching ending (month stems that drop a vowel too), and leaves a value no rule matches as written', async () => {
    const dir = join(tmp.path, 'inflect-templates');
    mkdirSync(dir);
    writeFileSync(join(dir, 'foi-request.md.hbs'), '{{inflect letter.date_text "genitive"}}; {{inflect letter.date_text "dative"}}; {{#each datasets}}{{inflect time_range.from_text "genitive"}}{{/each}}; {{inflect requester.contact.email "genitive"}}; {{inflect letter.date_text "ablative"}}\n');
    const file = spec('inflect', 'foi-request', '', '2027-02-01');
    const out = join(tmp.path, 'out-inflect');
    const r = await runCli('draft', file, '--format', 'md', '--out', out, '--no-annex', '--template-dir', dir);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(out, 'inflect.md'), 'utf8')).toContain('2027 წლის 1 თებერვლის; 2027 წლის 1 თებერვალს; 2026 წლის 4 ოქტომბრის; info@open-election-data.example; 2027 წლის 1 თებერვალი');
    // An English letter has no rules: the value is unchanged.
    writeFileSync(file, readFileSync(file, 'utf8').replace('letter:\n', 'letter:\n  language: en\n'));
    expect((await runCli('draft', file, '--format', 'md', '--out', out, '--no-annex', '--template-dir', dir)).code).toBe(0);
    expect(readFileSync(join(out, 'inflect.md'), 'utf8')).toContain('1 February 2027; 1 February 2027; 4 October 2026');
  });

  it('writes a check follow-up in Georgian: each difference in Georgian words, counts with the no-break thousands space', async () => {
    const rows = Array.from({ length: 1204 }, (_, i) => `01.05.${String(i + 3).padStart(4, '0')};${i};`);
    const csv = ['Precinct Code;registered_voters;party_votes', '01.05.0001;1248;573', '01.05.0002;ბევრი;12', ...rows].join('\n') + '\n';
    const c = await checkFollowUp(spec('check', 'foi-request'), join(tmp.path, 'delivered.csv'), csv, join(tmp.path, 'out-check'));
    const [md, docx] = [foldBreaking(unmark(c.raw.md)), foldBreaking(c.raw.docx)];
    // Text extracted from the PDF gives the no-break space as a plain one; the Markdown and DOCX keep it.
    const pdf = c.pdf.replace(/\b1 204\b/g, '1\u00A0204');
    for (const [what, text] of [['md', md], ['docx', docx], ['pdf', pdf]] as const) {
      for (const want of [
        'პატივცემულო ქალბატონო თამარ,',
        'ჩვენს 2027 წლის 12 აპრილის მოთხოვნაზე (ჩვენი ნომერი ღამ/2027/014) მოწოდებული მონაცემები',
        'ველების გამყოფი. ვითხოვდით: ველები, გამოყოფილი მძიმით (","). ველები გამოყოფილია წერტილ-მძიმით (";").',
        'სვეტები, რომლებსაც სხვა სახელი აქვს: "Precinct Code" (უნდა იყოს "precinct_code").',
        'მნიშვნელობები, რომლებიც ამ მოთხოვნას არ აკმაყოფილებს: 1, მაგალითად: სტრიქონი 3 ("ბევრი").',
        'სტრიქონები მნიშვნელობის გარეშე: 1\u00A0204 (სტრიქონები 4, 5, 6, 7, 8, … (სულ 1\u00A0204)).',
        'პატივისცემით,',
      ]) expect(text, `${what}: ${want}`).toContain(want);
      expectGeorgianOnly(text, what);
      for (const english of ['We asked for', 'Fields are separated', 'named differently', 'in all', 'line 3']) expect(text, `${what}: ${english}`).not.toContain(english);
    }
  });

  it('has every word group and word of the English words.yaml, and no word English has not but the inflection rules', () => {
    const [en, ka] = [new Set(wordKeys('en')), new Set(wordKeys('ka'))];
    expect([...en].filter((k) => !ka.has(k))).toEqual([]);
    expect([...ka].filter((k) => !en.has(k))).toEqual(['inflection', 'inflection.genitive', 'inflection.dative']);
  });

  it('gives the same bytes for the same input', async () => {
    await expectSameBytes(spec('same', 'appeal', REFUSED, '2027-05-04'), tmp.path);
  });
});
