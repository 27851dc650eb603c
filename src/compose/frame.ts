// The letter frame, built in code: letterhead, date, recipient block, subject, signature.
// Templates hold the prose between; the look of each part is in writers/style.ts.
import type { Block, Image, Inline, ParagraphStyle, Signer } from '../document.js';
import { oneLine, word, wordOr, type LetterContext } from './context.js';
import { capitalise } from './context-law.js';
import { contract } from './words.js';

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
    lines('letterhead', [oneLine(rq.address ?? undefined, w), contact]),
  ];
  const parts: Record<string, Block | undefined> = {
    date: lines('date', [dateLine(c)]),
    address: addressed(c, appealAddress(c) ?? [...personForm(w, [addressee(rc.person, w), rc.title]), rc.office, rc.institution, rc.address, rc.email, optional(w, 'after_address')]),
    reference: c.letter.reference ? lines('small', [referenceLine(w, c.letter.reference)]) : undefined,
    subject: lines('subject', [labelled(c, c.letter.subject)]),
  };
  return [...blocks, ...frameOrder(c).map((k) => parts[k])].filter((b): b is Block => b !== undefined);
}

/**
 * "Our reference: X", or the language's own pattern where `our_reference` places it ("Исх. № {reference}":
 * Russian official letters put no colon after №).
 */
export function referenceLine(w: LetterContext['words'], reference: string): string {
  const label = word(w, 'phrases', 'our_reference');
  return label.includes('{reference}') ? label.replace('{reference}', reference) : `${label}: ${reference}`;
}

const FRAME_ORDER = ['date', 'address', 'reference', 'subject'];

/**
 * The order of the frame's parts: words.yaml `phrases.frame_order` where a language has its own
 * ("date reference subject address": an Indonesian surat dinas puts Nomor and Perihal above the
 * address). A part it leaves out or misspells keeps its usual place after the others: none is lost.
 */
function frameOrder(c: LetterContext): string[] {
  const own = wordOr(c.words, 'phrases', 'frame_order')?.split(/\s+/).filter((k) => FRAME_ORDER.includes(k)) ?? [];
  return [...new Set([...own, ...FRAME_ORDER])];
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
function appealAddress(c: LetterContext): (string | null | undefined)[] | undefined {
  const a = c.law.appeal;
  if (c.letter.kind !== 'appeal' || !a.addressee || a.court) return undefined;
  const rc = c.recipient;
  const after = optional(c.words, 'after_address');
  // How the language heads the address to a step's addressee: «C. Titular de …» in Mexico, «السيد رئيس …» in Arabic.
  const pattern = optional(c.words, a.external ? 'appeal_address' : 'appeal_address_internal') || '{name}';
  const to = capitalise(contract(pattern.replace('{name}', a.addressee), c.words));
  // A body with no superior hears the complaint itself (Georgia's CEC, Kyrgyzstan's ЦИК): its name is then said once.
  const at = names(to, rc.institution) ? null : rc.institution;
  return a.external ? [to, after] : [...personForm(c.words, [to]), at, rc.address, rc.email, after];
}

/**
 * Whether an address line already names the institution, in whatever case the language puts it in
 * («Председателю Центральной комиссии …» names «Центральная комиссия …»): the institution's words in
 * order, each known by its first four letters, since Slavic and Georgian case endings change the rest.
 */
function names(line: string, institution: string): boolean {
  const stems = (s: string) => s.toLocaleLowerCase().split(/[\s\u00ab\u00bb"\u201c\u201d\u201e()]+/u).filter(Boolean).map((w) => w.slice(0, 4));
  const [l, i] = [stems(line), stems(institution)];
  return i.length > 0 && l.some((_, k) => i.every((w, j) => l[k + j] === w));
}

/*
 * Optional words for a language's own letter frame (absent in English): `address_first` wraps the
 * first line of the address ("Kepada Yth.\n{line}", Amharic "ለ{line}", which drops a leading
 * `address_first_elides`), `subject_label` opens the subject ("Asunto:", "Perihal:", "ጉዳዩ፦"), and
 * `date_line` frames the date: with the place of writing ("{place}, {date}") or a label ("ቀን፦ {date}").
 */
function addressed(c: LetterContext, parts: (string | null | undefined)[]): Block | undefined {
  const first = wordOr(c.words, 'phrases', 'address_first');
  const i = parts.findIndex(Boolean);
  if (!first || i < 0) return lines('address', parts);
  // Amharic ለ absorbs the genitive የ: "ለ" + "የኢትዮጵያ ብሔራዊ ምርጫ ቦርድ" is "ለኢትዮጵያ ብሔራዊ ምርጫ ቦርድ".
  const elide = wordOr(c.words, 'phrases', 'address_first_elides');
  const line = (p: string) => (elide && p.startsWith(elide) ? p.slice(elide.length) : p);
  return lines('address', parts.map((p, j) => (j === i ? first.replace('{line}', line(p!.trim())) : p)));
}

/**
 * The first person or post of an address block in the form the language writes it (words.yaml
 * `phrases.addressee`, Nepali "श्रीमान् {name}ज्यू"): a person or post, never an institution.
 */
function personForm(w: LetterContext['words'], parts: (string | null | undefined)[]): (string | null | undefined)[] {
  const form = wordOr(w, 'phrases', 'addressee');
  const i = parts.findIndex(Boolean);
  return form && i >= 0 ? parts.map((p, j) => (j === i ? form.replace('{name}', p!) : p)) : parts;
}

function labelled(c: LetterContext, subject: string): string {
  const label = wordOr(c.words, 'phrases', 'subject_label');
  return label ? `${label} ${subject}` : subject;
}

/** A phrase only some languages have (Mexico's «P r e s e n t e»): empty when missing. */
const optional = (w: LetterContext['words'], id: string): string => wordOr(w, 'phrases', id) ?? '';

/**
 * The date line. The place is the spec's `letter.place`, or, where the language's `date_line` has a
 * {place}, the town of the requester's address without its postcode. With `letter.place` the
 * language's `place_date` says how they join ("Ciudad de México, a 12 de abril de 2027").
 */
function dateLine(c: LetterContext): string {
  const own = wordOr(c.words, 'phrases', 'date_line');
  const town = c.requester.address?.split('\n').map((l) => l.replace(/\b\d[\d -]*\b/g, '').replace(/[\s,]+$/, '').trim()).filter(Boolean).at(-1);
  const place = c.letter.place ?? (own?.includes('{place}') ? town : undefined);
  const pattern = c.letter.place ? (wordOr(c.words, 'phrases', 'place_date') ?? own ?? '{place}, {date}') : own;
  if (!pattern || (pattern.includes('{place}') && !place)) return c.letter.date_text;
  return pattern.replace('{place}', place ?? '').replace('{date}', c.letter.date_text);
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
