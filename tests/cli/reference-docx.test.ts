// requester.reference_docx: the DOCX letter takes the reference's styles, header (with its picture)
// and footer, as pandoc's --reference-doc; styles the letter needs and the reference lacks are kept;
// a file that is not a DOCX is refused at the value naming it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { root, runCli, tempDir } from '../helpers.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const rels = (items: string) => `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`;
const logo = readFileSync(join(root, 'tests/fixtures/images/letterhead.png'));

/** A small reference document as Word would save one: Georgia body text, a header with a picture, a footer. */
function reference(): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="png" ContentType="image/png"/><Default Extension="xml" ContentType="application/xml"/></Types>'),
    'word/document.xml': strToU8(`<w:document ${W}><w:body><w:p/><w:sectPr><w:headerReference w:type="default" r:id="rId8"/><w:footerReference w:type="default" r:id="rId9"/></w:sectPr></w:body></w:document>`),
    'word/_rels/document.xml.rels': strToU8(rels(`<Relationship Id="rId8" Type="${RELS}/header" Target="header2.xml"/><Relationship Id="rId9" Type="${RELS}/footer" Target="footer3.xml"/>`)),
    'word/styles.xml': strToU8(`<w:styles ${W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`),
    'word/header2.xml': strToU8(`<w:hdr ${W}><w:p><w:r><w:t>REFERENCE HEADER</w:t></w:r><w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" r:embed="rId1"/></w:drawing></w:r></w:p></w:hdr>`),
    'word/_rels/header2.xml.rels': strToU8(rels(`<Relationship Id="rId1" Type="${RELS}/image" Target="media/brand.png"/>`)),
    'word/footer3.xml': strToU8(`<w:ftr ${W}><w:p><w:r><w:t>REFERENCE FOOTER</w:t></w:r></w:p></w:ftr>`),
    'word/media/brand.png': new Uint8Array(logo),
  });
}

let dir: { path: string; done: () => void };
beforeEach(() => { dir = tempDir(); });
afterEach(() => dir.done());

async function draft(refName: string, refBytes: Uint8Array) {
  writeFileSync(join(dir.path, refName), refBytes);
  const s = parse(readFileSync(join(root, 'examples/polling-station-results.yaml'), 'utf8'));
  s.requester.reference_docx = refName;
  const file = join(dir.path, 'letter.yaml');
  writeFileSync(file, stringify(s));
  return runCli('draft', file, '--format', 'docx', '--out', join(dir.path, 'out'));
}

describe('a reference DOCX', () => {
  it('gives the letter its styles, header with picture and footer; the letter keeps the styles it needs', async () => {
    const r = await draft('brand.docx', reference());
    expect(r.err).toBe('');
    const x = unzipSync(new Uint8Array(readFileSync(join(dir.path, 'out/letter.docx'))));
    const text = (n: string) => strFromU8(x[n]!);
    expect(text('word/styles.xml')).toContain('w:ascii="Georgia"');
    for (const id of ['Closing', 'Signature', 'Organisation', 'Heading1', 'ListParagraph']) expect(text('word/styles.xml')).toContain(`w:styleId="${id}"`);
    expect(text('word/header1.xml')).toContain('REFERENCE HEADER');
    expect(text('word/_rels/header1.xml.rels')).toContain('Target="media/ref-brand.png"');
    expect(Buffer.compare(x['word/media/ref-brand.png']!, logo)).toBe(0);
    expect(text('word/footer1.xml')).toContain('REFERENCE FOOTER');
    expect(text('word/document.xml')).toContain('<w:headerReference w:type="default" r:id="rIdOedrHeader"/>');
    expect(text('word/_rels/document.xml.rels')).toMatch(/Id="rIdOedrHeader" Type="[^"]+\/header" Target="header1.xml"/);
    expect(text('[Content_Types].xml')).toContain('PartName="/word/header1.xml"');
    const manifest = readFileSync(join(dir.path, 'out/oedr-manifest.json'), 'utf8');
    expect(manifest).toContain('../brand.docx');
  });

  it('refuses a file that is not a DOCX, naming the value', async () => {
    const r = await draft('brand.docx', new TextEncoder().encode('just text'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/letter\.yaml:\d+:\d+ requester\.reference_docx: the reference document "brand\.docx" cannot be used: not a DOCX file/);
  });
});
