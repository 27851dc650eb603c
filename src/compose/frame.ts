// The letter frame, built in code: letterhead, date, recipient block, subject, signature.
// Templates hold the prose between; the look of each part is in writers/style.ts.
import type { Block, Image, Inline, ParagraphStyle, Signer } from '../document.js';
import { word, type LetterContext } from './context.js';
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
    lines('date', [labelled(w, 'date_label', c.letter.date_text)]),
    appealAddress(c) ?? lines('address', [phrase(w, 'address_label'), ...addressee(w, [rc.person, rc.title]), rc.office, rc.institution, rc.address, rc.email]),
    c.letter.reference ? lines('small', [`${word(w, 'phrases', 'our_reference')}: ${c.letter.reference}`]) : undefined,
    lines('subject', [labelled(w, 'subject_label', c.letter.subject)]),
  ];
  return blocks.filter((b): b is Block => b !== undefined);
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
  const label = phrase(c.words, 'address_label');
  return a.external ? lines('address', [label, capitalise(a.addressee)])
    : lines('address', [label, ...addressee(c.words, [capitalise(a.addressee)]), rc.institution, rc.address, rc.email]);
}

/**
 * Frame words only some languages have (words.yaml phrases): a label before the date or the subject
 * ("मिति:", "বিষয়:"), a line above the address ("বরাবর"), and the form of the addressee's line
 * ("श्रीमान् {name}ज्यू"). Absent in English, Spanish and Arabic, whose frames stay as they were.
 */
const phrase = (w: LetterContext['words'], key: string): string | undefined => {
  const v = (w.phrases as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};
const labelled = (w: LetterContext['words'], key: string, text: string) => (phrase(w, key) ? `${phrase(w, key)} ${text}` : text);
/** The first person or title of an address block, in the form the language writes it (a person or post, never an institution). */
function addressee(w: LetterContext['words'], parts: (string | null | undefined)[]): (string | null | undefined)[] {
  const form = phrase(w, 'addressee');
  const i = parts.findIndex(Boolean);
  return form && i >= 0 ? parts.map((p, j) => (j === i ? form.replace('{name}', p!) : p)) : parts;
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
