// The DOCX writer: the parts that are the same in every letter come from the docx library once per
// process (docx-template.ts); each letter's own parts are written from the Document as text
// (docx-xml.ts) and zipped with fixed timestamps (docx-zip.ts), so the same Document always gives the
// same bytes.
import { isRightToLeft, type Document } from '../document.js';
import { complexScriptFonts, font as fontStyle, highAnsiFonts } from './style.js';
import { FOOTER_PART, docxTemplate, type Template } from './docx-template.js';
import { corePart, escapeAttr, footerPart, letterParts, w3cdtfFromDate } from './docx-xml.js';
import { createZipper } from './docx-zip.js';

export interface DocxWriter {
  extension: 'docx';
  write(doc: Document): Promise<Uint8Array>;
}

/** `template` is for tests; by default the one the build saved, or made with docx (docx-template.ts). */
export async function createDocxWriter(template?: Template): Promise<DocxWriter> {
  template ??= await docxTemplate();
  const { fixed, deflated = {} } = template;
  const zip = createZipper(Object.entries(deflated).map(([name, d]) => [name, fixed[name]!, d] as const));
  return {
    extension: 'docx',
    async write(doc) {
      const parts = docxParts(doc, template);
      // fflate (to read the reference document) loads only for a letter that has one.
      if (doc.meta.docxReference) (await import('./docx-reference.js')).applyReference(parts, doc.meta.docxReference);
      return zip(parts);
    },
  };
}

/**
 * styles.xml with the letter's language as the default (w:lang), and for a complex script (Arabic,
 * Devanagari, Bangla, Ethiopic) that language and its Noto family as the complex-script ones
 * (w:lang w:bidi, w:rFonts w:cs), so Word shapes and spell-checks the text as that language; for
 * Georgian, which Word draws with the w:hAnsi font, Noto Sans Georgian there.
 */
function stylesXml(template: Template, language: string): string {
  const lang = escapeAttr(language);
  const primary = language.split('-')[0]!;
  const cs = complexScriptFonts[primary];
  const hAnsi = highAnsiFonts[primary];
  const xml = `${template.stylesHead}w:val="${lang}"${cs === undefined ? '' : ` w:bidi="${lang}"`}${template.stylesTail}`;
  // Every style that names the fonts (the defaults, the headings), so a heading keeps the script's font too.
  const withCs = cs === undefined ? xml : xml.replaceAll(`w:cs="${fontStyle.family}"`, `w:cs="${cs}"`);
  return hAnsi === undefined ? withCs : withCs.replaceAll(`w:hAnsi="${fontStyle.family}"`, `w:hAnsi="${hAnsi}"`);
}

/** The package's parts, by name, in the order they are zipped. */
function docxParts(doc: Document, template: Template): Map<string, string | Uint8Array> {
  const { meta } = doc;
  const date = w3cdtfFromDate(meta.date);
  const rtl = isRightToLeft(meta.language);
  const letter = letterParts(doc.blocks, template, rtl);
  const own: Record<string, string> = {
    'word/document.xml': letter.document,
    'word/numbering.xml': letter.numbering,
    'word/_rels/document.xml.rels': letter.relationships,
    'word/styles.xml': stylesXml(template, meta.language),
    [FOOTER_PART]: footerPart(meta.footer, meta.pageLabel, template, rtl),
    'docProps/core.xml': corePart(meta, date),
  };
  const parts = template.order.map((name) => [name, own[name] ?? template.fixed[name]!] as const);
  // Pictures go before [Content_Types].xml, the last part, which already lists png and jpeg.
  return new Map<string, string | Uint8Array>([...parts.slice(0, -1), ...letter.media.map((m) => [m.name, m.bytes] as const), ...parts.slice(-1)]);
}
