// Makes docx's zip a pure function of the Document: docx 9.15.2 stamps the clock into core.xml and
// the zip, gives hyperlinks random relationship ids and numbers bookmarks and drawings from
// module-level counters that keep counting across documents (libraries.md §1, "Determinism").
import type * as Docx from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import type { Zipper } from './docx-zip.js';

/** `2027-03-01` → `2027-03-01T00:00:00Z`, the W3CDTF form core.xml uses. */
export function w3cdtfFromDate(date: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(date)) {
    throw new Error(`docx writer: meta.date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return `${date}T00:00:00Z`;
}

const isXmlPart = (name: string): boolean => name.endsWith('.xml') || name.endsWith('.rels');

/** The package's parts by path, in zip order: XML as text, anything else as bytes. */
export type Parts = Map<string, string | Uint8Array>;

/** The parts of a zip docx packed, for when its compiler (below) is not reachable. */
export function partsOfZip(zip: Uint8Array): Parts {
  const entries = unzipSync(zip); // keeps the central directory's order
  const parts: Parts = new Map();
  for (const [name, data] of Object.entries(entries)) parts.set(name, isXmlPart(name) ? strFromU8(data) : data);
  return parts;
}

/**
 * The package's parts before docx zips them. Packer.pack deflates every part, and normalising means
 * inflating and deflating them all again: about a third of the time per letter. docx's own compiler
 * (private, hence the check; docx is pinned exactly) hands over the parts unzipped. Should a docx
 * upgrade remove it, the slower public route still gives the same bytes (tested).
 */
export function partsCompiler(docx: typeof Docx): (file: Docx.File) => Promise<Parts> {
  const compiler = (docx.Packer as unknown as { compiler?: { compile?: (file: Docx.File) => unknown } }).compiler;
  if (typeof compiler?.compile === 'function') {
    const compile = compiler.compile.bind(compiler);
    return async (file) => compile(file) as Parts;
  }
  return async (file) => partsOfZip(await docx.Packer.pack(file, 'uint8array'));
}

/** Zips the parts so the bytes depend only on the document; `date` is W3CDTF. */
export function normaliseDocx(parts: Parts, date: string, zip: Zipper): Uint8Array {
  const texts = new Map<string, string>();
  for (const [name, data] of parts) if (typeof data === 'string') texts.set(name, data);

  const core = texts.get('docProps/core.xml');
  if (core !== undefined) texts.set('docProps/core.xml', fixCoreDates(core, date));
  renumberRelationshipIds(texts);
  renumberDrawingIds(texts);
  for (const [name, xml] of texts) texts.set(name, renumberBookmarks(xml));

  // In the parts' own order, with the fixed mtime (docx-zip.ts).
  return zip([...parts].map(([name, data]) => [name, texts.get(name) ?? data] as const));
}

function fixCoreDates(xml: string, date: string): string {
  return xml.replace(
    /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
    (_m, open: string, _tag: string, close: string) => `${open}${date}${close}`,
  );
}

/**
 * Relationship ids that are not `rId<digits>` (docx's random nanoid ones) become `rId<n>`, numbered
 * after the largest numeric id in the package, in order of first appearance across the parts in
 * zip order. Each is a 21-character random token, so replacing its quoted form cannot hit anything
 * else.
 */
function renumberRelationshipIds(texts: Map<string, string>): void {
  const declared = /<Relationship\b[^>]*?\bId="([^"]+)"/g;
  const random = new Set<string>();
  let max = 0;
  for (const [name, xml] of texts) {
    if (!name.endsWith('.rels')) continue;
    for (const m of xml.matchAll(declared)) {
      const id = m[1]!;
      const numeric = /^rId(\d+)$/.exec(id);
      if (numeric) max = Math.max(max, Number(numeric[1]));
      else random.add(id);
    }
  }
  if (random.size === 0) return;
  const renamed = new Map<string, string>();
  const quoted = new RegExp(`"(${[...random].map(escapeRegExp).join('|')})"`, 'g');
  for (const [name, xml] of texts) {
    const next = xml.replace(quoted, (_m, id: string) => {
      let to = renamed.get(id);
      if (to === undefined) renamed.set(id, (to = `rId${max + renamed.size + 1}`));
      return `"${to}"`;
    });
    if (next !== xml) texts.set(name, next);
  }
}

/**
 * Drawing ids (`wp:docPr`) come from a counter that never resets. They
 * must be unique in the whole package (Word reports unreadable content otherwise), so they are
 * renumbered from 1 across all parts, not per part.
 */
function renumberDrawingIds(texts: Map<string, string>): void {
  let next = 0;
  for (const [name, xml] of texts) {
    if (!xml.includes('<wp:docPr')) continue;
    texts.set(
      name,
      xml.replace(/(<wp:docPr\b[^>]*?\bid=")(\d+)(")/g, (_m, a: string, _id: string, b: string) => `${a}${++next}${b}`),
    );
  }
}

/** Bookmark ids pair a start with its end; renumber both, per part, in order of first appearance. */
function renumberBookmarks(xml: string): string {
  if (!xml.includes('<w:bookmark')) return xml;
  const ids = new Map<string, number>();
  return xml.replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(-?\d+)(")/g, (_m, a: string, id: string, b: string) => {
    let to = ids.get(id);
    if (to === undefined) ids.set(id, (to = ids.size + 1));
    return `${a}${to}${b}`;
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
