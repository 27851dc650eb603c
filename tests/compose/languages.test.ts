// Letters in the law's language: with a law and no letter.language, `oedr draft` writes Arabic under
// TN and JO and Spanish under MX, CO and AR, every kind, read back from the PDF (unpdf) and the DOCX
// (mammoth) with no English template words left; a reading copy in English on request.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';
import { TEMPLATE_ENGLISH as ENGLISH, docxText, pdfPages, squeeze } from './lang-shared.js';

const tmp = tempDir();
afterAll(() => tmp.done());

const EARLIER = 'earlier_request: { reference: TMF/FOI/2027/001, sent_on: 2027-02-01, response: refused, response_date: 2027-02-20 }';

/** The campaign-finance example under `law`, as `kind`, with no letter.language: the law chooses. */
function spec(name: string, law: string, kind: string, extra = ''): string {
  const source = readFileSync(join(root, 'examples/campaign-finance-foi.yaml'), 'utf8')
    .replace(/\n {2}language: en\n/, '\n')
    .replace(/\n {2}kind: foi-request/, `\n  kind: ${kind}`)
    .replace('registered_in: KE', `registered_in: ${law}`)
    .replace(/\nlaw: KE[^\n]*\n/, `\nlaw: ${law}\n`)
    .replace(/\nlegal_basis: .*\n/, '\n');
  const file = join(tmp.path, `${name}.yaml`);
  writeFileSync(file, `${source}\n${kind === 'foi-request' || kind === 'data-request' ? '' : EARLIER}\n${extra}`);
  return file;
}

describe('letters in the law\'s language', () => {
  it('writes a Tunisian filing in Arabic: the law by its Arabic name, the date, the salutation and closing, a reference with digits', async () => {
    const file = spec('tn-foi', 'TN', 'foi-request');
    const out = join(tmp.path, 'out-tn');
    const r = await runCli('draft', file, '--format', 'pdf,docx,md', '--out', out, '--no-annex');
    expect(r.code, r.err).toBe(0);
    const law = 'القانون الأساسي عدد 22 لسنة 2016 المؤرخ في 24 مارس 2016 المتعلق بالحق في النفاذ إلى المعلومة';
    const pages = await pdfPages(join(out, 'tn-foi.pdf'));
    const pdf = pages.join('\n');
    for (const want of [law, '12 أفريل 2027', 'مرجعنا: TMF/FOI/2027/007', 'الموضوع:']) expect(squeeze(pdf)).toContain(squeeze(want));
    expect(pdf).toContain('تحية طيبة وبعد،');
    expect(pdf).toContain('وتفضلوا بقبول فائق عبارات التقدير والاحترام.');
    pages.forEach((page, i) => expect(squeeze(page)).toContain(squeeze(`الصفحة ${i + 1} من ${pages.length}`)));
    const docx = await docxText(join(out, 'tn-foi.docx'));
    for (const want of [law, '12 أفريل 2027', 'تحية طيبة وبعد،', 'وتفضلوا بقبول فائق عبارات التقدير والاحترام.', 'TMF/FOI/2027/007']) expect(docx).toContain(want);
    const md = readFileSync(join(out, 'tn-foi.md'), 'utf8');
    expect(md.startsWith('<div dir="rtl" lang="ar">\n\n')).toBe(true);
    for (const text of [pdf, docx, md]) for (const english of ENGLISH) expect(text).not.toContain(english);
  });

  it('writes a Mexican filing in Spanish, with the law by its Spanish name', async () => {
    const file = spec('mx-foi', 'MX', 'foi-request');
    const out = join(tmp.path, 'out-mx');
    expect((await runCli('draft', file, '--format', 'pdf,docx', '--out', out, '--no-annex')).code).toBe(0);
    const pdf = (await pdfPages(join(out, 'mx-foi.pdf'))).join('\n').replace(/\s+/g, ' ');
    const docx = await docxText(join(out, 'mx-foi.docx'));
    for (const text of [pdf, docx.replace(/\s+/g, ' ')]) {
      for (const want of ['solicita, con fundamento en la Ley General de Transparencia y Acceso a la Información Pública, el acceso', '12 de abril de 2027', 'Dr Owino:', 'P r e s e n t e', 'Asunto: Request', 'Atentamente', 'Nuestra referencia: TMF/FOI/2027/007']) expect(text).toContain(want);
      // Mexican letters close without a comma.
      expect(text).not.toContain('Atentamente,');
      for (const english of ENGLISH) expect(text).not.toContain(english);
    }
    expect(pdf).toContain('Página 1 de');
  });

  it('writes every kind in the law\'s language under TN, JO, MX, CO and AR', async () => {
    const kinds = ['data-request', 'foi-request', 'follow-up', 'appeal'];
    const marks: Record<string, [string, string]> = { TN: ['ar', 'تحية طيبة وبعد،'], JO: ['ar', 'تحية طيبة وبعد،'], MX: ['es', 'P r e s e n t e'], CO: ['es', 'Atentamente,'], AR: ['es', 'Atentamente,'] };
    for (const [law, [language, closing]] of Object.entries(marks)) {
      for (const kind of kinds) {
        const name = `${law}-${kind}`.toLowerCase();
        const out = join(tmp.path, `out-${name}`);
        const r = await runCli('draft', spec(name, law, kind), '--format', 'md,docx', '--out', out, '--no-annex');
        expect(r.code, `${name}: ${r.err}`).toBe(0);
        const md = readFileSync(join(out, `${name}.md`), 'utf8');
        expect(md, name).toContain(closing);
        for (const english of ENGLISH) expect(md, `${name}: ${english}`).not.toContain(english);
        expect(md.includes('dir="rtl"'), name).toBe(language === 'ar');
      }
    }
  });

  it('addresses a Spanish appeal against INE to the step\'s addressee as the statute names it, by the statute\'s term', async () => {
    const file = spec('mx-ine', 'MX', 'appeal');
    writeFileSync(file, readFileSync(file, 'utf8').replace('institution: Office of the Registrar of Political Parties', 'institution: Instituto Nacional Electoral'));
    const out = join(tmp.path, 'out-mx-ine');
    const r = await runCli('draft', file, '--format', 'md', '--out', out);
    expect(r.code, r.err).toBe(0);
    const md = readFileSync(join(out, 'mx-ine.md'), 'utf8');
    expect(md).toContain('el Órgano Interno de Control del Instituto Nacional Electoral');
    expect(md).not.toContain('as the Institute\'s autoridad garante');
    // The English letter keeps the registry's English name for the same step.
    writeFileSync(file, readFileSync(file, 'utf8').replace('letter:\n', 'letter:\n  language: en\n'));
    expect((await runCli('draft', file, '--format', 'md', '--out', join(tmp.path, 'out-mx-ine-en'))).code).toBe(0);
    const en = readFileSync(join(tmp.path, 'out-mx-ine-en', 'mx-ine.md'), 'utf8');
    expect(en).toContain('Órgano Interno de Control of the Instituto Nacional Electoral');
    expect(en).toContain('(recurso de revisión)');
  });

  it('writes a reading copy in English beside the letter, marked on every page as a translation', async () => {
    const file = spec('tn-copy', 'TN', 'foi-request');
    const out = join(tmp.path, 'out-copy');
    const r = await runCli('draft', file, '--format', 'pdf,docx,md', '--out', out, '--no-annex', '--reading-copy', 'EN');
    expect(r.code, r.err).toBe(0);
    const mark = "Translation for the requester's records; the letter sent is in Arabic.";
    const pages = await pdfPages(join(out, 'tn-copy.reading-copy-en.pdf'));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain(mark);
    expect(pages.join('\n')).toContain('Yours sincerely,');
    expect(await docxText(join(out, 'tn-copy.reading-copy-en.docx'))).toContain(mark);
    expect(readFileSync(join(out, 'tn-copy.reading-copy-en.md'), 'utf8')).toContain(`**${mark}**`);
    // The letter itself is unchanged by the copy beside it.
    expect(readFileSync(join(out, 'tn-copy.md'), 'utf8')).not.toContain('Translation');
  });

  it('takes the reading copy from the spec, and the letter.language over the law', async () => {
    const file = spec('mx-en', 'MX', 'foi-request', '').replace(/$/, '');
    writeFileSync(file, readFileSync(file, 'utf8').replace('letter:\n', 'letter:\n  language: en\n  reading_copy: es\n'));
    const out = join(tmp.path, 'out-mx-en');
    expect((await runCli('draft', file, '--format', 'md', '--out', out, '--no-annex')).code).toBe(0);
    expect(readFileSync(join(out, 'mx-en.md'), 'utf8')).toContain('Yours sincerely,');
    expect(readFileSync(join(out, 'mx-en.reading-copy-es.md'), 'utf8')).toContain('**Traducción para el archivo del solicitante; la carta enviada está redactada en inglés.**');
  });

  it('drafts in English with a warning when the law\'s language has no templates yet', async () => {
    // Every registered law may get its templates; a --laws row that takes filings in German only will not.
    const row = JSON.parse((await runCli('laws', 'BR', '--json')).out) as Record<string, unknown>;
    delete row.original_name;
    delete row.origin; // what `oedr laws --json` adds: where the row came from
    const laws = join(tmp.path, 'de-laws.json');
    writeFileSync(laws, JSON.stringify({ laws: [{ ...row, languages: { accepted: ['de'], source: 'test', confidence: 'high' } }] }));
    const r = await runCli('draft', spec('br', 'BR', 'foi-request'), '--laws', laws, '--format', 'md', '--out', join(tmp.path, 'out-br'), '--no-annex');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('BR takes filings in de, but oedr has no letter templates for "de" yet, so the letter is in "en"');
    expect(readFileSync(join(tmp.path, 'out-br', 'br.md'), 'utf8')).toContain('Yours sincerely,');
  });

  it('refuses a --reading-copy that is no language tag', async () => {
    const r = await runCli('draft', spec('bad', 'TN', 'foi-request'), '--out', join(tmp.path, 'out-bad'), '--reading-copy', 'not a tag');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--reading-copy: expected a BCP 47 language tag such as en, es or ar, got "not a tag"');
  });
});
