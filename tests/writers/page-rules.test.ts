// The page-break rules, checked on many generated letters by reading each page's lines back from
// the PDF (pdf.js positions): no paragraph leaves one line alone at the foot or top of a page, no
// list its first or last item, a heading shares its page with what follows, and the page of the
// signatures holds them all, with at least five lines of the letter before the closing and the note after them whole.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, Document, Inline } from '../../src/document.js';
import { createDocxWriter } from '../../src/writers/docx.js';
import { createPdfWriter, type PdfWriter } from '../../src/writers/pdf.js';
import { hasSoffice } from '../helpers.js';
import { pageLines } from '../pdf-pages.js';

const t = (value: string): Inline => ({ type: 'text', value });
const words = (id: string, n: number) => Array.from({ length: n }, (_, j) => `${id}w${j}`).join(' ');

interface Shape {
  sections: { heading: boolean; paragraphs: number[]; list: number[] | null }[];
  signers: number;
  /** Lines of the note after the signatures (0: none), at about 19 words a line. */
  note: number;
}

const shape: fc.Arbitrary<Shape> = fc.record({
  sections: fc.array(fc.record({
    heading: fc.boolean(),
    // words per paragraph: about 11 a line, so 1 to 9 lines
    paragraphs: fc.array(fc.integer({ min: 3, max: 100 }), { minLength: 1, maxLength: 5 }),
    list: fc.option(fc.array(fc.integer({ min: 3, max: 30 }), { minLength: 2, maxLength: 6 }), { nil: null }),
  }), { minLength: 2, maxLength: 9 }),
  signers: fc.integer({ min: 1, max: 4 }),
  note: fc.integer({ min: 0, max: 8 }),
});

function letter(s: Shape): Document {
  const blocks: Block[] = [];
  let p = 0;
  s.sections.forEach((sec, i) => {
    if (sec.heading) blocks.push({ type: 'heading', level: 2, children: [t(`h${i}head`)] });
    for (const n of sec.paragraphs) blocks.push({ type: 'paragraph', children: [t(words(`p${p++}`, n))] });
    if (sec.list) blocks.push({ type: 'list', ordered: false, items: sec.list.map((n, k) => [{ type: 'paragraph', children: [t(words(`l${i}i${k}`, n))] }]) });
  });
  blocks.push({ type: 'paragraph', style: 'closing', children: [t('Yours sincerely,')] });
  blocks.push({ type: 'signatures', signers: Array.from({ length: s.signers }, (_, k) => ({ name: `Signer${k}`, title: `Title${k}`, organisation: `Org${k}` })) });
  if (s.note) blocks.push({ type: 'paragraph', style: 'note', children: [t(`¹ ${words('note', 19 * s.note - 4)} noteend`)] });
  return { meta: { title: 'T', author: 'A', subject: 'S', language: 'en', date: '2027-03-01', keywords: [], pageLabel: 'Page {page} of {pages}' }, blocks };
}

/** The block a line belongs to: p3, l2i1, h4 (from its first word), or the line itself. */
const owner = (line: string) => /^[^a-z0-9]*(p\d+|l\d+i\d+|h\d+)/.exec(line)?.[1] ?? line;

let pdf: PdfWriter;
beforeAll(async () => {
  pdf = await createPdfWriter();
});

describe('page-break rules on generated letters (PDF read back)', () => {
  it('holds for every letter', { timeout: 300_000 }, async () => {
    await fc.assert(fc.asyncProperty(shape, async (s) => {
      const pages = await pageLines(await pdf.write(letter(s)));
      const where = new Map<string, number[]>(); // owner -> page of each of its lines
      pages.forEach((lines, i) => lines.forEach((l) => where.set(owner(l), [...(where.get(owner(l)) ?? []), i])));
      // a paragraph split over pages has at least two lines on each
      for (const [id, at] of where) {
        if (!/^p\d+$/.test(id)) continue;
        for (const page of new Set(at)) expect(at.filter((x) => x === page).length, `${id} on page ${page + 1}`).toBeGreaterThanOrEqual(2 - (at.length === 1 ? 1 : 0));
      }
      s.sections.forEach((sec, i) => {
        if (sec.list) {
          const n = sec.list.length;
          const first = (k: number) => where.get(`l${i}i${k}`)![0]!;
          const last = (k: number) => where.get(`l${i}i${k}`)!.at(-1)!;
          expect(first(1), `list ${i}: the first item is not alone at the foot`).toBe(last(0));
          expect(first(n - 1), `list ${i}: the last item is not alone at the top`).toBe(last(n - 2));
        }
        if (sec.heading) {
          const next = sec.paragraphs.length ? `p${s.sections.slice(0, i).reduce((a, x) => a + x.paragraphs.length, 0)}` : `l${i}i0`;
          expect(where.get(next)![0], `heading ${i} keeps with its text`).toBe(where.get(`h${i}`)![0]);
        }
      });
      const closing = pages.findIndex((l) => l.includes('Yours sincerely,'));
      const sigPage = pages[closing]!;
      for (let k = 0; k < s.signers; k++) expect(sigPage.join(' '), `signer ${k} on the closing's page`).toContain(`Signer${k}`);
      if (closing > 0) expect(sigPage.indexOf('Yours sincerely,'), 'lines before the closing').toBeGreaterThanOrEqual(5);
      if (s.note) expect(sigPage.at(-1), 'the note whole on the page of the signatures').toMatch(/noteend$/);
      expect(closing, 'nothing after the signatures and the note').toBe(pages.length - 1);
    }), { numRuns: 40, seed: 20270301 });
  });
});

// LibreOffice lays out the DOCX much as Word does (with a fallback for Noto Sans); slow, so only
// where it is installed, and on a few letters.
const soffice = hasSoffice();

describe.skipIf(!soffice)('the signature rule in DOCX, laid out by LibreOffice', () => {
  it('keeps every signer with the closing and five lines before it', { timeout: 180_000 }, async () => {
    const docx = await createDocxWriter();
    const dir = mkdtempSync(join(tmpdir(), 'oedr-rules-'));
    try {
      const shapes = fc.sample(shape, { numRuns: 8, seed: 20270301 });
      for (const [i, s] of shapes.entries()) writeFileSync(join(dir, `l${i}.docx`), await docx.write(letter(s)));
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, ...shapes.map((_, i) => join(dir, `l${i}.docx`))], { stdio: 'ignore', timeout: 170_000 });
      let beyondFirst = 0;
      for (const [i, s] of shapes.entries()) {
        const pages = await pageLines(new Uint8Array(readFileSync(join(dir, `l${i}.pdf`))));
        const closing = pages.findIndex((l) => l.includes('Yours sincerely,'));
        for (let k = 0; k < s.signers; k++) expect(pages[closing]!.join(' '), `letter ${i}: signer ${k}`).toContain(`Signer${k}`);
        if (closing > 0) expect(pages[closing]!.indexOf('Yours sincerely,'), `letter ${i}: lines before the closing`).toBeGreaterThanOrEqual(5);
        if (s.note) expect(pages[closing]!.at(-1), `letter ${i}: the note whole with the signatures`).toMatch(/noteend$/);
        if (closing > 0) beyondFirst++;
      }
      // the sample does test the rule: most of its letters end beyond the first page
      expect(beyondFirst).toBeGreaterThan(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
