// The DOCX says the page-break rules in Word's own properties: widow control for every paragraph,
// keep-with-next and keep-lines on the lines pulled over to the signatures, on a list's first item
// and the one before its last, and signature rows that never split.
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, Document, Inline } from '../../src/document.js';
import { createDocxWriter, type DocxWriter } from '../../src/writers/docx.js';

const t = (value: string): Inline => ({ type: 'text', value });
const p = (value: string): Block => ({ type: 'paragraph', children: [t(value)] });
const doc = (blocks: Block[]): Document => ({
  meta: { title: 'T', author: 'A', subject: 'S', language: 'en', date: '2027-03-01', keywords: [], pageLabel: 'Page {page} of {pages}' },
  blocks,
});
const list: Block = { type: 'list', ordered: false, items: ['one', 'two', 'three', 'four', 'five', 'six'].map((s) => [p(`item ${s}`)]) };
const ending: Block[] = [
  { type: 'paragraph', style: 'closing', children: [t('Yours sincerely,')] },
  { type: 'signatures', signers: [{ name: 'Jan Kowalski', title: 'Director', organisation: 'Open Polls Watch' }, { name: 'Ana Lima', organisation: 'Dados Abertos' }, { organisation: 'Third Org' }] },
];

let docx: DocxWriter;
beforeAll(async () => { docx = await createDocxWriter(); });
const parts = async (d: Document) => Object.fromEntries(Object.entries(unzipSync(await docx.write(d))).map(([k, v]) => [k, strFromU8(v)]));
const pPr = (xml: string, text: string) => /<w:pPr>(.*?)<\/w:pPr>/.exec(xml.split('<w:p>').find((s) => s.includes(`>${text}<`))!)?.[1] ?? '';

describe('DOCX page-break properties', () => {
  it('turns on widow control for every paragraph and names a sans-serif fallback for Noto Sans', async () => {
    const x = await parts(doc([p('Body.')]));
    expect(x['word/styles.xml']).toContain('<w:pPrDefault><w:pPr><w:widowControl/>');
    expect(x['word/fontTable.xml']).toMatch(/<w:font w:name="Noto Sans"><w:altName w:val="Arial"\/>.*<w:family w:val="swiss"\/>/);
  });

  it('pulls the last lines over with the signatures, keeps list edges with their neighbours, never splits a signature row', async () => {
    const x = (await parts(doc([p('Far before.'), list, p('Second to last.'), p('Last.'), ...ending])))['word/document.xml']!;
    for (const s of ['Last.', 'Second to last.', 'item six', 'item five', 'item four']) expect(pPr(x, s), s).toContain('<w:keepNext/><w:keepLines/>');
    expect(pPr(x, 'Far before.')).not.toContain('keepNext');
    expect(pPr(x, 'item one')).toContain('<w:keepNext/>');
    expect(pPr(x, 'item two')).not.toContain('<w:keepNext/>');
    const table = x.slice(x.indexOf('<w:tbl>'));
    expect(table.match(/<w:tr><w:trPr><w:cantSplit\/><\/w:trPr>/g)).toHaveLength(2);
    // a line (bottom border) per signer, the last row's text kept whole but not with what follows
    expect(table.match(/<w:pBdr><w:bottom w:val="single"/g)).toHaveLength(3);
    expect(pPr(table, 'Third Org')).toBe('<w:keepLines/><w:spacing w:before="0" w:after="120"/>');
  });
});

describe('DOCX: the notes after the signatures', () => {
  it('keep the last signature row with the first note, and each note with the next, each whole', async () => {
    const note = (value: string): Block => ({ type: 'paragraph', style: 'note', children: [t(value)] });
    const x = await parts(doc([p('Last.'), ...ending, note('¹ First note.'), note('² Second note.')]));
    const body = x['word/document.xml']!;
    const table = body.slice(body.indexOf('<w:tbl>'), body.indexOf('</w:tbl>'));
    expect(pPr(table, 'Third Org')).toBe('<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="120"/>');
    expect(table).toContain('<w:p><w:pPr><w:keepNext/></w:pPr></w:p>'); // the empty cell beside Third Org
    expect(pPr(body, '¹ First note.')).toContain('<w:pStyle w:val="LetterNote"/><w:keepNext/>');
    expect(pPr(body, '² Second note.')).not.toContain('keepNext');
    const style = /<w:style [^>]*w:styleId="LetterNote"[^]*?<\/w:style>/.exec(x['word/styles.xml']!)![0];
    expect(style).toContain('<w:keepLines/>');
    expect(style).toContain('<w:sz w:val="17"/>');
  });
});
