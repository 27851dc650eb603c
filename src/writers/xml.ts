// One way to write text into XML, for the .docx parts (docx-xml.ts) and the PDF's XMP metadata
// (pdf-doc.ts): the characters a writer escapes become its entities, and what XML 1.0 cannot hold at
// all is dropped: C0 controls other than tab, line feed and carriage return, U+FFFE, U+FFFF, and
// halves of surrogate pairs without their other half.
const NOT_XML = String.raw`[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`;

/**
 * An escaper that writes each key of `entities` (single characters) as its value, drops what XML
 * 1.0 cannot hold (tab, line feed and carriage return stay unless `entities` names them), and leaves
 * everything else as it is.
 */
export function xmlEscaper(entities: Readonly<Record<string, string>>): (s: string) => string {
  const chars = Object.keys(entities)
    .map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('');
  const pattern = new RegExp(`[${chars}]|${NOT_XML}`, 'g');
  const entity = (c: string): string => entities[c] ?? '';
  return (s) => s.replace(pattern, entity);
}
