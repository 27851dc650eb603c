// A reference document for the DOCX writer, as pandoc's --reference-doc: the letter takes the
// reference's styles (ours are added only where it lacks a style id the letter uses), its theme, and
// its default header and footer with the pictures they show. Read with fflate (loaded only here).
import { strFromU8, unzipSync } from 'fflate';

/** The package parts to write, by name, over the letter's own. */
export type Parts = Map<string, string | Uint8Array>;

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEADER_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml';
const IMAGE_TYPES: Record<string, string> = { emf: 'image/x-emf', wmf: 'image/x-wmf', tif: 'image/tiff', tiff: 'image/tiff', webp: 'image/webp' };

/** Why the bytes are not a usable reference document, or undefined. Checked by `draft` before any letter is made. */
export function referenceProblem(bytes: Uint8Array): string | undefined {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    return `not a DOCX file (not a readable ZIP package: ${(e as Error).message})`;
  }
  for (const part of ['word/document.xml', 'word/styles.xml']) if (!files[part]) return `not a DOCX file: it has no ${part}`;
  return undefined;
}

/** The letter's parts (`parts`, changed in place) after taking the reference's styles, theme, header and footer. */
export function applyReference(parts: Parts, reference: Uint8Array): void {
  const files = unzipSync(reference);
  const text = (name: string) => (files[name] ? strFromU8(files[name]!) : undefined);
  parts.set('word/styles.xml', mergeStyles(text('word/styles.xml')!, parts.get('word/styles.xml') as string));
  const theme = files['word/theme/theme1.xml'];
  if (theme) parts.set('word/theme/theme1.xml', strFromU8(theme));
  const targets = relTargets(text('word/_rels/document.xml.rels') ?? '');
  const sect = /<w:sectPr[^]*<\/w:sectPr>/.exec(text('word/document.xml')!)?.[0] ?? '';
  const partOf = (kind: 'header' | 'footer') => {
    const id = new RegExp(`<w:${kind}Reference [^>]*?w:type="default"[^>]*?r:id="([^"]+)"|<w:${kind}Reference [^>]*?r:id="([^"]+)"[^>]*?w:type="default"`).exec(sect);
    const target = id && targets.get(id[1] ?? id[2]!);
    return target && text(`word/${target}`) !== undefined ? target : undefined;
  };
  const footer = partOf('footer');
  if (footer) copyPart(files, footer, 'footer1.xml', parts);
  const header = partOf('header');
  if (header) {
    copyPart(files, header, 'header1.xml', parts);
    const doc = parts.get('word/document.xml') as string;
    parts.set('word/document.xml', doc.replace('<w:sectPr><w:footerReference', '<w:sectPr><w:headerReference w:type="default" r:id="rIdOedrHeader"/><w:footerReference'));
    const rels = parts.get('word/_rels/document.xml.rels') as string;
    parts.set('word/_rels/document.xml.rels', rels.replace('</Relationships>', `<Relationship Id="rIdOedrHeader" Type="${REL}/header" Target="header1.xml"/></Relationships>`));
    const types = parts.get('[Content_Types].xml') as string;
    parts.set('[Content_Types].xml', types.replace('</Types>', `<Override ContentType="${HEADER_TYPE}" PartName="/word/header1.xml"/></Types>`));
  }
}

/** The reference's styles, with each of ours whose id it lacks added at the end. */
function mergeStyles(theirs: string, ours: string): string {
  const have = new Set([...theirs.matchAll(/<w:style\b[^>]*?w:styleId="([^"]+)"/g)].map((m) => m[1]));
  const missing = [...ours.matchAll(/<w:style\b[^>]*?w:styleId="([^"]+)"[^]*?<\/w:style>/g)].filter((m) => !have.has(m[1])).map((m) => m[0]);
  return theirs.replace(/<\/w:styles>\s*$/, `${missing.join('')}</w:styles>`);
}

function relTargets(rels: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) out.set(id, target.replace(/^\/?word\//, ''));
  }
  return out;
}

/** Copies a header or footer as word/`name`, with its relationships and the pictures they point to (renamed ref-*). */
function copyPart(files: Record<string, Uint8Array>, from: string, name: string, parts: Parts): void {
  parts.set(`word/${name}`, strFromU8(files[`word/${from}`]!));
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  const relsFile = files[`word/${dir}_rels/${from.slice(dir.length)}.rels`];
  let rels = relsFile ? strFromU8(relsFile) : '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';
  rels = rels.replace(/<Relationship\b[^>]*>/g, (tag) => {
    if (/TargetMode="External"/.test(tag)) return tag;
    return tag.replace(/\bTarget="([^"]+)"/, (_, target: string) => {
      const source = target.startsWith('/') ? target.slice(1) : `word/${dir}${target}`;
      const bytes = files[source];
      if (!bytes) return `Target="${target}"`;
      const copy = `media/ref-${source.split('/').pop()}`;
      parts.set(`word/${copy}`, bytes);
      const ext = copy.split('.').pop()!.toLowerCase();
      const types = parts.get('[Content_Types].xml') as string;
      if (IMAGE_TYPES[ext] && !types.includes(`Extension="${ext}"`)) {
        parts.set('[Content_Types].xml', types.replace('<Default ', `<Default ContentType="${IMAGE_TYPES[ext]}" Extension="${ext}"/><Default `));
      }
      return `Target="${copy}"`;
    });
  });
  parts.set(`word/_rels/${name}.rels`, rels);
}
