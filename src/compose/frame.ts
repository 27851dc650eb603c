// The letter frame, built in code: letterhead, date, recipient block, subject, signature.
// Templates hold the prose between; the look of each part is in writers/style.ts.
import type { Block, Image, Inline, ParagraphStyle, Signer } from '../document.js';
import { word, wordOr, type LetterContext } from './context.js';
import { capitalise } from './context-law.js';

/** The pictures (and reference DOCX) a letter carries, read and checked by the caller (cli/images.ts): compose reads no files. */
export interface LetterImages {
  logo?: Image;
  letterhead?: Image;
  /** The signatory's scanned signature, then each co-signer's (by index; missing ones undefined). */
  signatures?: (Image | undefined)[];
  /** A reference DOCX (requester.reference_docx), for the DOCX writer. */
  docxReference?: Uint8Array;
}

/** A logo is at most this high and wide (points); a letterhead spans the text width. */
const LOGO = { height: 56, width: 160 };
/** Wider than any page: writers clamp an image to the text width, so this is "the full width". */
const FULL_WIDTH = 10_000;

const lines = (style: ParagraphStyle, parts: (string | null | undefined)[]): Block | undefined => {
  const present = parts.flatMap((p) => (p ? p.split('\n').map((l) => l.trim()).filter(Boolean) : []));
  if (!present.length) return undefined;
  const children: Inline[] = [];
  present.forEach((l, i) => {
    if (i) children.push({ type: 'break' });
    children.push({ type: 'text', value: l });
  });
  return { type: 'paragraph', style, children };
};

export function frameTop(c: LetterContext, images: LetterImages = {}): Block[] {
  const w = c.words;
  const rq = c.requester;
  const rc = c.recipient;
  const contact = [rq.email, rq.phone, rq.website].filter(Boolean).join('  ·  ');
  const { logo, letterhead } = images;
  const blocks: (Block | undefined)[] = [
    letterhead ? { type: 'image', image: letterhead, width: FULL_WIDTH, align: 'left' } : undefined,
    logo ? { type: 'image', image: logo, width: Math.min(LOGO.width, (LOGO.height * logo.width) / logo.height), align: 'left' } : undefined,
    // A letterhead image carries the organisation's name; the contact lines stay as text.
    letterhead ? undefined : lines('organisation', [rq.organisation]),
    lines('letterhead', [rq.address?.split('\n').map((s) => s.trim()).filter(Boolean).join(', '), contact]),
    // Optional words: "Le {date}" (French), "Assunto: {subject}" (Portuguese); English uses neither.
    lines('date', [(wordOr(w, 'phrases', 'date_line') ?? '{date}').replace('{date}', c.letter.date_text)]),
    appealAddress(c) ?? lines('address', [addressee(rc.person, w), rc.title, rc.office, rc.institution, rc.address, rc.email]),
    c.letter.reference ? lines('small', [`${word(w, 'phrases', 'our_reference')}: ${c.letter.reference}`]) : undefined,
    lines('subject', [(wordOr(w, 'phrases', 'subject_line') ?? '{subject}').replace('{subject}', c.letter.subject)]),
  ];
  return blocks.filter((b): b is Block => b !== undefined);
}

/**
 * The person as the address block names them: as written, or in the form words.yaml `address_forms`
 * gives for their honorific ("Sr. João Silva" -> "Ao Senhor" above "João Silva"; "M. Jean Roy" -> "Monsieur Jean Roy").
 */
function addressee(person: string | null, words: LetterContext['words']): string | null {
  const [first, ...rest] = person?.trim().split(/\s+/) ?? [];
  const forms = words.address_forms;
  const form = first && rest.length && forms && typeof forms === 'object' ? (forms as Record<string, unknown>)[first.replace(/\.$/, '').toLowerCase()] : undefined;
  return typeof form === 'string' ? form.replace('{name}', rest.join(' ')) : person;
}

/**
 * An appeal goes to the step's addressee by role: another body (a commission) by its name alone;
 * an internal step (the First Appellate Authority, the atasan PPID) at the institution. Before a
 * court, the letter is a notice to the official who was asked, so it keeps the usual address.
 */
function appealAddress(c: LetterContext): Block | undefined {
  const a = c.law.appeal;
  if (c.letter.kind !== 'appeal' || !a.addressee || a.court) return undefined;
  const rc = c.recipient;
  return a.external ? lines('address', [capitalise(a.addressee)]) : lines('address', [capitalise(a.addressee), rc.institution, rc.address, rc.email]);
}

/**
 * The closing, then one signature block for the signatory and every co-signer: each gets room to
 * sign (or the scanned signature), a line, and name, title and organisation under it.
 */
export function frameBottom(c: LetterContext, images: LetterImages = {}): Block[] {
  const rq = c.requester;
  const sig = images.signatures ?? [];
  const signers: Signer[] = [
    signer(rq.signatory.name, rq.signatory.title, rq.organisation, sig[0]),
    ...rq.co_signers.map((s, i) => signer(s.signatory?.name, s.signatory?.title, s.organisation, sig[i + 1])),
  ];
  const closing = lines('closing', [word(c.words, 'phrases', 'closing')]);
  return [...(closing ? [closing] : []), { type: 'signatures', signers }];
}

function signer(name: string | undefined, title: string | null | undefined, organisation: string, signature: Image | undefined): Signer {
  return { organisation, ...(name ? { name } : {}), ...(title ? { title } : {}), ...(signature ? { signature } : {}) };
}
