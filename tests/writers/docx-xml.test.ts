// The DOCX parts written as text (docx-xml.ts): escaping, links, list numbering, page breaks and the
// footer, read back from the real package (unzipped XML, and mammoth for what a reader sees).
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { text, type Block, type Document, type Inline } from '../../src/document.js';
import { createDocxWriter, type DocxWriter } from '../../src/writers/docx.js';

const meta = (): Document['meta'] => ({
  title: 'T',
  author: 'A',
  subject: 'S',
  language: 'en-GB',
  date: '2027-03-01',
  keywords: [],
  pageLabel: 'Page {page} of {pages}',
});
const p = (...children: Inline[]): Block => ({ type: 'paragraph', children });
const link = (url: string, ...children: Inline[]): Inline => ({ type: 'link', url, children });

let writer: DocxWriter;
beforeAll(async () => {
  writer = await createDocxWriter();
});
async function write(blocks: Block[], more: Partial<Document['meta']> = {}): Promise<{ bytes: Uint8Array; xml: Record<string, string> }> {
  const bytes = await writer.write({ meta: { ...meta(), ...more }, blocks });
  return { bytes, xml: Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)])) };
}
const readerText = async (bytes: Uint8Array): Promise<string> => (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;

describe('docx text', () => {
  it('escapes markup and drops what XML 1.0 cannot hold, in text, properties and attributes', async () => {
    const hostile = 'a\u0001b\u000bc\uFFFEd\uD800e & <f> "g" \'h\'';
    const { bytes, xml } = await write([p(text(hostile), link('https://x.org/?a=1&b=<2>\u0000', text('l')))], { title: hostile, footer: hostile });
    const clean = 'abcde &amp; &lt;f&gt; &quot;g&quot; &apos;h&apos;';
    expect(xml['word/document.xml']).toContain(`<w:t xml:space="preserve">${clean}</w:t>`);
    expect(xml['docProps/core.xml']).toContain(`<dc:title>${clean}</dc:title>`);
    expect(xml['word/footer1.xml']).toContain(clean);
    expect(xml['word/_rels/document.xml.rels']).toContain('Target="https://x.org/?a=1&amp;b=&lt;2&gt;"');
    for (const [name, part] of Object.entries(xml)) expect(part, name).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/);
    expect(await readerText(bytes)).toContain('abcde & <f> "g" \'h\'');
  });

  it('keeps spaces and tabs as written, and turns newlines into line breaks', async () => {
    const { bytes, xml } = await write([p(text('  two  spaces\tand a tab '), text('one\ntwo\r\nthree'))]);
    expect(xml['word/document.xml']).toContain('<w:t xml:space="preserve">  two  spaces\tand a tab </w:t>');
    expect(xml['word/document.xml']).toContain('<w:r><w:br/><w:t xml:space="preserve">two</w:t></w:r>');
    expect((await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value).toContain('one<br />two<br />three');
  });

  it('writes bold, italic and links as runs with their properties', async () => {
    const { xml } = await write([
      p({ type: 'strong', children: [text('b'), { type: 'emphasis', children: [text('bi')] }] }, link('https://x.org/', { type: 'emphasis', children: [text('li')] })),
    ]);
    const doc = xml['word/document.xml']!;
    expect(doc).toContain('<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">b</w:t></w:r>');
    expect(doc).toContain('<w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">bi</w:t>');
    expect(doc).toMatch(/<w:hyperlink w:history="1" r:id="rId\d+"><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/><w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">li<\/w:t><\/w:r><\/w:hyperlink>/);
  });
});

describe('docx links', () => {
  it('gives every link its own relationship, a fragment as w:anchor, and nested links no hyperlink', async () => {
    const { xml } = await write([
      p(link('https://a.org/x#part', text('a')), link('https://b.org/', text('b'), link('https://inner.org/', text('c'))), link('https://a.org/x#part', text('again'))),
    ]);
    const doc = xml['word/document.xml']!;
    const rels = xml['word/_rels/document.xml.rels']!;
    const links = [...doc.matchAll(/<w:hyperlink ([^>]*)>/g)].map((m) => m[1]!);
    expect(links).toHaveLength(3);
    expect(links[0]).toMatch(/^w:history="1" w:anchor="part" r:id="rId\d+"$/);
    const ids = links.map((l) => /r:id="(rId\d+)"/.exec(l)![1]!);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(rels).toMatch(new RegExp(`Id="${id}" Type="[^"]*/hyperlink" Target="https://[ab]\\.org/x?" TargetMode="External"`));
    expect(rels).not.toContain('inner.org');
    const all = [...rels.matchAll(/\bId="(rId\d+)"/g)].map((m) => m[1]);
    expect(new Set(all).size).toBe(all.length);
    expect(rels).toMatch(/Target="fontTable\.xml"/);
  });
});

describe('docx lists and breaks', () => {
  it('numbers ordered lists from their start, each list on its own, with one definition per start', async () => {
    const list = (start: number | undefined, ...items: string[]): Block => ({ type: 'list', ordered: true, ...(start ? { start } : {}), items: items.map((s) => [p(text(s))]) });
    const { bytes, xml } = await write([list(3, 'c', 'd'), list(3, 'again'), list(undefined, 'one'), { type: 'list', ordered: false, items: [[p(text('dot'))]] }]);
    const doc = xml['word/document.xml']!;
    const numbering = xml['word/numbering.xml']!;
    const numIds = [...doc.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]!);
    expect(numIds).toHaveLength(5);
    expect(numIds[0]).toBe(numIds[1]);
    expect(new Set(numIds).size).toBe(4);
    const abstractOf = (numId: string): string => new RegExp(`<w:num w:numId="${numId}"><w:abstractNumId w:val="(\\d+)"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="(\\d+)"/>`).exec(numbering)!.slice(1).join(' start ');
    const [first, second, third] = [abstractOf(numIds[0]!), abstractOf(numIds[2]!), abstractOf(numIds[3]!)];
    expect(first).toBe(second);
    expect(first).toMatch(/ start 3$/);
    expect(third).toMatch(/ start 1$/);
    const fromThree = first.split(' ')[0];
    expect(numbering).toMatch(new RegExp(`<w:abstractNum w:abstractNumId="${fromThree}"[^>]*><w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0"[^>]*><w:start w:val="3"/><w:numFmt w:val="decimal"/>`));
    expect(await readerText(bytes)).toContain('again');
  });

  it('breaks the page before the next paragraph, before a table, and at the very end', async () => {
    const table: Block = { type: 'table', header: [[text('h')]], rows: [[[text('r')]]] };
    const { xml } = await write([p(text('a')), { type: 'pageBreak' }, p(text('b')), { type: 'pageBreak' }, table, p(text('after')), { type: 'pageBreak' }]);
    const doc = xml['word/document.xml']!;
    expect(doc).toContain('<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t xml:space="preserve">b</w:t></w:r></w:p>');
    expect(doc).toContain('<w:p><w:r><w:br w:type="page"/></w:r></w:p><w:tbl>');
    expect(doc).toMatch(/<w:spacing w:before="\d+"\/><\/w:pPr><w:r><w:t xml:space="preserve">after<\/w:t><\/w:r><\/w:p><w:p><w:r><w:br w:type="page"\/><\/w:r><\/w:p><w:sectPr>/);
    expect(doc.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(doc.match(/<w:cantSplit\/>/g)).toHaveLength(2);
  });
});

describe('docx footer and properties', () => {
  it('writes the page label in the letter\'s language around PAGE and NUMPAGES fields', async () => {
    const { xml } = await write([p(text('x'))], { pageLabel: 'Seite {page} von {pages}.', footer: 'Az. 1' });
    const footer = xml['word/footer1.xml']!;
    expect(footer).toContain('<w:r><w:t xml:space="preserve">Az. 1</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">Seite </w:t></w:r>');
    expect(footer).toMatch(/PAGE<\/w:instrText>[^]*<w:t xml:space="preserve"> von <\/w:t>[^]*NUMPAGES<\/w:instrText>[^]*<w:t xml:space="preserve">\.<\/w:t><\/w:r><\/w:p><\/w:ftr>$/);
    const bare = (await write([p(text('x'))], { pageLabel: '{page}/{pages}' })).xml['word/footer1.xml']!;
    expect(bare).toContain('</w:pPr><w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>');
  });

  it('leaves out empty properties and writes the language into the styles', async () => {
    const { xml } = await write([p(text('x'))], { keywords: [], title: '', language: 'pt-BR' });
    expect(xml['docProps/core.xml']).not.toContain('cp:keywords');
    expect(xml['docProps/core.xml']).not.toContain('dc:title');
    expect(xml['word/styles.xml']).toContain('<w:lang w:val="pt-BR"/>');
  });
});
