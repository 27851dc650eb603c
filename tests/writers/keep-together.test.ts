// Page breaks a reader notices: room to sign, the closing kept with the signature and the last
// paragraph, a paragraph kept with the table it introduces, and ordered lists that start at N.
// Read back from the real PDF (pdf.js text and positions) and the real DOCX (XML, and LibreOffice
// pages when it is installed).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, Document, Inline } from '../../src/document.js';
import { createDocxWriter, type DocxWriter } from '../../src/writers/docx.js';
import { createPdfWriter, type PdfWriter } from '../../src/writers/pdf.js';
import { hasSoffice } from '../helpers.js';

const t = (value: string): Inline => ({ type: 'text', value });
const p = (value: string): Block => ({ type: 'paragraph', children: [t(value)] });
const filler = (n: number): Block[] => Array.from({ length: n }, (_, i) => p(`Filler paragraph ${i + 1}, one line.`));
const doc = (blocks: Block[]): Document => ({
  meta: { title: 'T', author: 'A', subject: 'S', language: 'en', date: '2027-03-01', keywords: [], pageLabel: 'Page {page} of {pages}' },
  blocks,
});
const ending: Block[] = [
  p('Thank you for considering this request.'),
  { type: 'paragraph', style: 'closing', children: [t('Yours sincerely,')] },
  { type: 'paragraph', style: 'signature', children: [t('Jan Kowalski'), { type: 'break' }, t('Director'), { type: 'break' }, t('Open Polls Watch')] },
];
const table: Block[] = [
  p('We ask for these fields (columns), with these names:'),
  {
    type: 'table',
    header: [[t('Name')], [t('Description')]],
    rows: Array.from({ length: 6 }, (_, i) => [[t(`field_${i}`)], [t(`What field ${i} holds, in a sentence that takes a line or so.`)]]),
  },
];
const numbered: Block = { type: 'list', ordered: true, start: 3, items: [[p('third item')], [p('fourth item')]] };

/** The 0-based page each piece of text first appears on. */
async function pageOf(bytes: Uint8Array, pieces: string[]): Promise<number[]> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: false });
  return pieces.map((s) => text.findIndex((page) => page.includes(s)));
}

let pdf: PdfWriter;
let docx: DocxWriter;
beforeAll(async () => {
  [pdf, docx] = await Promise.all([createPdfWriter(), createDocxWriter()]);
});

describe('PDF: keeping things together', () => {
  it('leaves about three lines of room to sign between the closing and the name', async () => {
    const page = await (await getDocumentProxy(await pdf.write(doc([p('Body.'), ...ending])))).getPage(1);
    const items = (await page.getTextContent()).items as { str: string; transform: number[] }[];
    const y = (s: string) => items.find((i) => i.str.includes(s))!.transform[5]!;
    // baselines, in points: the closing's own line (about 17) plus three lines of space
    expect(y('Yours sincerely,') - y('Jan Kowalski')).toBeGreaterThan(60);
    expect(y('Jan Kowalski') - y('Director')).toBeLessThan(20);
  });

  it('never ends a page with the closing: it stays with the last paragraph and the signature', async () => {
    const pages = new Set<number>();
    for (let n = 24; n <= 40; n++) {
      const [last, closing, name, org, fill] = await pageOf(await pdf.write(doc([...filler(n), ...ending])), ['considering', 'Yours sincerely,', 'Jan Kowalski', 'Open Polls Watch', `Filler paragraph ${n},`]);
      expect([closing, name, org], `n=${n}`).toEqual([last, last, last]);
      if (fill !== last) pages.add(n);
    }
    // the sweep did cross the page boundary: some letters moved their ending to a new page
    expect(pages.size).toBeGreaterThan(0);
  });

  it('keeps a paragraph that introduces a table with its header row and first row', async () => {
    let moved = 0;
    for (let n = 24; n <= 40; n++) {
      const [intro, head, first, fill] = await pageOf(await pdf.write(doc([...filler(n), ...table])), ['We ask for these fields', 'Description', 'field_0', `Filler paragraph ${n},`]);
      expect([head, first], `n=${n}`).toEqual([intro, intro]);
      if (fill !== intro) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('numbers an ordered list from its start', async () => {
    const { text } = await extractText(await getDocumentProxy(await pdf.write(doc([numbered]))), { mergePages: true });
    expect(text).toMatch(/3\.\s*third item\s*4\.\s*fourth item/);
    expect(text).not.toMatch(/1\.\s*third/);
  });
});

const xmlOf = async (d: Document): Promise<Record<string, string>> =>
  Object.fromEntries(Object.entries(unzipSync(await docx.write(d))).map(([k, v]) => [k, strFromU8(v)]));
/** The w:p elements of document.xml holding `text`. */
const paragraphWith = (xml: string, text: string): string => xml.split('<w:p>').concat(xml.split('<w:p ')).find((s) => s.includes(text) && s.includes('</w:p>'))!.split('</w:p>')[0]!;

describe('DOCX: keeping things together', () => {
  it('has Closing and Signature styles that keep together, with room to sign above the name', async () => {
    const styles = (await xmlOf(doc(ending)))['word/styles.xml']!;
    const style = (id: string) => /<w:style [^>]*w:styleId="([^"]+)"[^]*?<\/w:style>/g.exec(styles.slice(styles.indexOf(`w:styleId="${id}"`) - 40))![0];
    expect(style('Closing')).toMatch(/<w:keepNext\/>[^]*<w:keepLines\/>/);
    expect(style('Signature')).toContain('<w:keepLines/>');
    expect(style('Signature')).not.toContain('<w:keepNext/>');
    // 47 pt = 940 twips: three lines of body text
    expect(style('Signature')).toMatch(/<w:spacing w:after="200" w:before="940"\/>/);
  });

  it('keeps the last paragraph with the closing, and a paragraph with the table it introduces', async () => {
    const xml = (await xmlOf(doc([p('Before.'), ...table, ...ending])))['word/document.xml']!;
    expect(paragraphWith(xml, 'considering')).toContain('<w:keepNext/>');
    expect(paragraphWith(xml, 'We ask for these fields')).toContain('<w:keepNext/>');
    expect(paragraphWith(xml, '>Before.<')).not.toContain('<w:keepNext/>');
    // the header row keeps with the first data row
    expect(paragraphWith(xml, '>Description<')).toContain('<w:keepNext/>');
    expect(paragraphWith(xml, '>field_0<')).not.toContain('<w:keepNext/>');
  });

  it('starts an ordered list at its start number, and the next list at 1 again', async () => {
    const x = await xmlOf(doc([numbered, { type: 'list', ordered: true, items: [[p('again one')]] }]));
    const numId = (text: string) => /<w:numId w:val="(\d+)"\/>/.exec(paragraphWith(x['word/document.xml']!, text))![1];
    const num = (id: string | undefined) => new RegExp(`<w:num w:numId="${id}"[^]*?</w:num>`).exec(x['word/numbering.xml']!)![0];
    expect(numId('third item')).toBe(numId('fourth item'));
    expect(num(numId('third item'))).toContain('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/>');
    expect(num(numId('again one'))).toContain('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>');
  });

  it('keeps a list in a quote indented as far as the quote', async () => {
    const xml = (await xmlOf(doc([{ type: 'quote', children: [{ type: 'list', ordered: false, items: [[p('quoted item')]] }] }])))['word/document.xml']!;
    // list indent 16 pt + quote indent 18 pt = 680 twips, hanging 16 pt
    expect(paragraphWith(xml, 'quoted item')).toMatch(/<w:ind w:left="680" w:hanging="320"\/>/);
  });
});

// LibreOffice lays the DOCX out as Word would; slow (a few seconds), so only where it is installed.
const soffice = hasSoffice();

describe.skipIf(!soffice)('DOCX in LibreOffice', () => {
  it('puts the last paragraph, the closing and the signature on one page, and the list at 3', { timeout: 120000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oedr-keep-'));
    try {
      const sizes = Array.from({ length: 12 }, (_, i) => 26 + i * 2);
      for (const n of sizes) writeFileSync(join(dir, `n${n}.docx`), await docx.write(doc([numbered, ...filler(n), ...ending])));
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, ...sizes.map((n) => join(dir, `n${n}.docx`))], { stdio: 'ignore', timeout: 110000 });
      let moved = 0;
      for (const n of sizes) {
        const bytes = new Uint8Array(readFileSync(join(dir, `n${n}.pdf`)));
        const [last, closing, name, org, fill] = await pageOf(bytes, ['considering', 'Yours sincerely,', 'Jan Kowalski', 'Open Polls Watch', `Filler paragraph ${n},`]);
        expect([closing, name, org], `n=${n}`).toEqual([last, last, last]);
        const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
        expect(text).toMatch(/3\.\s*third item\s*4\.\s*fourth item/);
        if (fill !== last) moved++;
      }
      expect(moved).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
