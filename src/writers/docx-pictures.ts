// Pictures and the signature block for the DOCX writer. A picture is an inline DrawingML picture
// (ECMA-376 §20.4) whose docPr and cNvPr carry the alt text; its bytes go in word/media/. The
// signatures are a borderless table, two signers a row, each cell room to sign (or the scanned
// signature) over a bottom-bordered paragraph (the line), then name, title and organisation; rows
// never split (cantSplit) and every paragraph keeps with the next, so the block stays whole.
import type { Image, Signer } from '../document.js';
import { twip, textWidth } from './docx-styles.js';
import * as look from './style.js';
import { escapeAttr, escapeText } from './docx-xml.js';

/** English Metric Units per point. */
const EMU = 12700;

/** The pictures of one letter, each embedded once, numbered in order of first use. */
export class Media {
  readonly parts: { name: string; image: Image }[] = [];
  private readonly ids = new Map<Image, number>();

  /** The picture's index (1-based) in word/media/, added on first use. */
  index(img: Image): number {
    let i = this.ids.get(img);
    if (i === undefined) {
      this.parts.push({ name: `word/media/image${this.parts.length + 1}.${img.format === 'png' ? 'png' : 'jpeg'}`, image: img });
      this.ids.set(img, (i = this.parts.length));
    }
    return i;
  }
}

/** The relationship id placeholder of picture `i`; letterParts replaces it once the link count is known. */
export const mediaRel = (i: number) => `\u0000media${i}\u0000`;

/** A run holding the picture at `width` x `height` points; `id` is unique in the document (docPr). */
export function pictureRun(media: Media, img: Image, width: number, height: number, id: number): string {
  const i = media.index(img);
  const cx = Math.round(width * EMU);
  const cy = Math.round(height * EMU);
  const alt = escapeAttr(img.alt);
  const a = 'http://schemas.openxmlformats.org/drawingml/2006/main';
  const pic = 'http://schemas.openxmlformats.org/drawingml/2006/picture';
  return '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">' +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    `<wp:docPr id="${id}" name="Picture ${id}" descr="${alt}"/>` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${a}" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic xmlns:a="${a}"><a:graphicData uri="${pic}"><pic:pic xmlns:pic="${pic}">` +
    `<pic:nvPicPr><pic:cNvPr id="${id}" name="image${i}" descr="${alt}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${mediaRel(i)}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>';
}

/**
 * The signature block as a w:tbl; `nextId` gives each picture its docPr id. With `keepWithNext`
 * (a note follows), its last row keeps with the next paragraph too.
 */
export function signatureTable(signers: readonly Signer[], media: Media, nextId: () => number, keepWithNext = false): string {
  const s = look.signatures;
  const half = Math.floor(textWidth / 2);
  const line = twip(Math.min(s.lineWidth, textWidth / 20 / 2 - s.gap));
  const none = '<w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>';
  let xml = `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${half * 2}"/><w:tblBorders>${none}</w:tblBorders><w:tblLayout w:type="fixed"/>` +
    '<w:tblLook w:firstRow="false" w:lastRow="false" w:firstColumn="false" w:lastColumn="false" w:noHBand="true" w:noVBand="true"/></w:tblPr>' +
    `<w:tblGrid><w:gridCol w:w="${half}"/><w:gridCol w:w="${half}"/></w:tblGrid>`;
  for (let r = 0; r < signers.length; r += 2) {
    // The row that ends the kept run: its paragraphs keep their lines only.
    const last = r + 2 >= signers.length && !keepWithNext;
    xml += '<w:tr><w:trPr><w:cantSplit/></w:trPr>';
    for (const signer of [signers[r], signers[r + 1]]) {
      xml += `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${half}"/></w:tcPr>${signer ? cell(signer, media, nextId, line, last) : last ? '<w:p/>' : '<w:p><w:pPr><w:keepNext/></w:pPr></w:p>'}</w:tc>`;
    }
    xml += '</w:tr>';
  }
  return `${xml}</w:tbl>`;
}

/** Room to sign and the line (one paragraph with a bottom border), then the signer's lines. */
function cell(signer: Signer, media: Media, nextId: () => number, line: number, lastRow: boolean): string {
  const s = look.signatures;
  const sig = signer.signature;
  let room = '';
  // The empty paragraph is one line high, so the line sits where it does under a signature picture.
  let before = twip(s.room - (look.font.size * look.font.lineHeightEm + look.font.lineGap));
  if (sig) {
    const h = Math.min(s.room - 4, (s.lineWidth * sig.height) / sig.width);
    room = pictureRun(media, sig, (h * sig.width) / sig.height, h, nextId());
    before = Math.max(0, twip(s.room - h));
  }
  const keep = '<w:keepNext/><w:keepLines/>';
  const rule = `<w:pBdr><w:bottom w:val="single" w:sz="5" w:space="1" w:color="000000"/></w:pBdr>`;
  const lines = [signer.name, signer.title, signer.organisation].filter((x): x is string => !!x);
  const runs = lines.map((l, i) => `<w:r>${i ? '<w:br/>' : ''}<w:t xml:space="preserve">${escapeText(l)}</w:t></w:r>`).join('');
  return `<w:p><w:pPr>${keep}${rule}<w:spacing w:before="${before}" w:after="${twip(s.ruleGap)}"/><w:ind w:right="${Math.max(0, Math.floor(textWidth / 2) - line)}"/></w:pPr>${room}</w:p>` +
    `<w:p><w:pPr>${lastRow ? '<w:keepLines/>' : keep}<w:spacing w:before="0" w:after="${twip(s.rowGap)}"/></w:pPr>${runs}</w:p>`;
}
