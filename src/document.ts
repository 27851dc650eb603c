// The document model every writer renders: a closed set of plain-object nodes, like pandoc's AST.
// Writers switch on `type` with a `never` default, so a new node kind fails the build until each
// writer handles it.

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'link'; url: string; children: Inline[] }
  | { type: 'break' };

/**
 * Paragraph roles in a letter. The look of each lives in writers/style.ts.
 * body: running text; organisation: the sender's name at the top; letterhead: sender's address and
 * contact lines; date: the letter date (right-aligned); address: recipient lines; subject: the
 * subject line; closing: the complimentary close ("Yours sincerely,"), kept on one page with the
 * signature block and the paragraph before it; signature: the signature block, with room above it
 * to sign by hand; small: notes and annex text.
 */
export type ParagraphStyle = 'body' | 'organisation' | 'letterhead' | 'date' | 'address' | 'subject' | 'closing' | 'signature' | 'small' | 'note';

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; children: Inline[] }
  | { type: 'paragraph'; style?: ParagraphStyle; children: Inline[] }
  /** `start` is the number of an ordered list's first item (default 1), as in "3. … 4. …". */
  | { type: 'list'; ordered: boolean; start?: number; items: Block[][] }
  /** A table with one header row; each cell holds inline content. */
  | { type: 'table'; header: Inline[][]; rows: Inline[][][] }
  /** A quoted passage, e.g. a treaty article. */
  | { type: 'quote'; children: Block[] }
  | { type: 'pageBreak' }
  /** A picture on its own line (a logo, a letterhead), `width` in points (at most the text width), its height in proportion. */
  | { type: 'image'; image: Image; width: number; align: 'left' | 'center' | 'right' }
  /**
   * The signatories, each with room to sign (or the signature image), a line, name, title and
   * organisation. Writers keep it whole, on one page with the closing before it.
   */
  | { type: 'signatures'; signers: Signer[] };

/** A checked PNG or JPEG (src/images.ts): its bytes as read, its size in pixels and its alt text. */
export interface Image {
  format: 'png' | 'jpeg';
  bytes: Uint8Array;
  width: number;
  height: number;
  alt: string;
}

export interface Signer {
  name?: string;
  title?: string;
  organisation: string;
  /** The scanned signature drawn above the line. */
  signature?: Image;
}

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  /** BCP 47 tag, e.g. `en` or `pl-PL`. */
  language: string;
  /** YYYY-MM-DD; the document's creation date. Writers use it instead of the clock. */
  date: string;
  keywords: string[];
  /** Short text for the page footer beside "Page X of Y", e.g. the letter reference. */
  footer?: string;
  /** The footer's page label in the letter's language, with {page} and {pages}: "Page {page} of {pages}". */
  pageLabel: string;
  /** The ten digits 0-9 of the letter's script ("०१२३४५६७८९"), for the page numbers the PDF writes; absent: 0-9. */
  digits?: string;
  /** A DOCX whose styles, theme, header and footer the DOCX letter takes (as pandoc's --reference-doc); other writers ignore it. */
  docxReference?: Uint8Array;
}

export interface Document {
  meta: DocumentMeta;
  blocks: Block[];
}

/** Languages written right to left (by their BCP 47 primary subtag): Arabic, Hebrew, Persian, Urdu, … */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** Whether a letter in this language (BCP 47) is laid out right to left. */
export function isRightToLeft(language: string): boolean {
  return RTL_LANGUAGES.has(language.split('-')[0]!);
}

export const text = (value: string): Inline => ({ type: 'text', value });

/** The plain text of inline content, e.g. for checks and metadata. */
export function plainText(inlines: readonly Inline[]): string {
  return inlines.map((n) => (n.type === 'text' ? n.value : n.type === 'break' ? '\n' : plainText(n.children))).join('');
}

/**
 * Every piece of text in a document, in reading order. An array filled by a plain recursion, not a
 * generator: the PDF writer checks every letter's text with it, and V8 recompiled the generator
 * with its nested yield* several times in each batch.
 */
export function allText(blocks: readonly Block[], out: string[] = []): string[] {
  for (const b of blocks) {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        out.push(plainText(b.children));
        break;
      case 'list':
        for (const item of b.items) allText(item, out);
        break;
      case 'table':
        for (const cell of b.header) out.push(plainText(cell));
        for (const row of b.rows) for (const cell of row) out.push(plainText(cell));
        break;
      case 'quote':
        allText(b.children, out);
        break;
      case 'image':
        break; // its alt text is never drawn
      case 'signatures':
        for (const s of b.signers) out.push(s.name ?? '', s.title ?? '', s.organisation);
        break;
      case 'pageBreak':
        break;
      default: {
        const never: never = b;
        throw new Error(`unknown block ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

/**
 * Whether a link may be live in a letter: http, https and mailto only. Every writer draws any other
 * link (`javascript:`, `file:`, `data:`, a relative path) as its text alone; a template override
 * that passes a value through unescaped (`{{{letter.subject}}}`) must not make a live link of it.
 */
export const linkAllowed = (url: string): boolean => /^(https?:\/\/|mailto:)[^\s]/i.test(url);

/**
 * `text` with 0-9 written in a script's own ten digits ("२०२७"), as words.yaml `digits` and
 * DocumentMeta.digits give them; as it is when they are not ten. One converter for the letter's
 * words, the check follow-up's counts and the PDF's page numbers.
 */
export function inDigits(text: string, digits: string | undefined): string {
  const ds = [...(digits ?? '')];
  return ds.length === 10 ? text.replace(/[0-9]/g, (d) => ds[Number(d)]!) : text;
}
