// RequestSpec -> Document: context, templates, Markdown, frame. Pure: no clock, no files written.
// The same function serves the request letters, and with options the follow-up that `oedr check`
// drafts (another body template, extra context) and letters that mention the contract annex.
import type { Block, Document } from '../document.js';
import { resolveLaw } from '../laws/resolve.js';
import type { Timeline } from '../laws/timeline.js';
import type { RequestSpec } from '../spec/schema.js';
import type { AnnexNames } from './annex-files.js';
import { buildContext, word } from './context.js';
import { languageOf } from './language.js';
import { frameBottom, frameTop, referenceLine, type LetterImages } from './frame.js';
import { markdownToBlocks } from './markdown.js';
import { loadTemplates } from './templates.js';
import { contract, wordsForCountry } from './words.js';

export interface ComposeOptions {
  templateDir?: string;
  /** The request's dates under its law (src/laws/timeline.ts), computed by the caller: it reads holiday tables. */
  timeline?: Timeline;
  /** The contract files written beside the letter, which it then mentions. */
  annex?: AnnexNames;
  /** The body template, instead of the one for the letter's kind; the reader's annex is then left out. */
  template?: string;
  /** The kind the document properties name (words.yaml `kinds`), instead of the letter's. */
  kind?: string;
  /** Keys added to the template context (e.g. `deviations`). */
  extra?: Record<string, unknown>;
  /** The subject line, instead of the spec's. */
  subject?: string;
  /** The letter date, instead of the spec's (YYYY-MM-DD). */
  date?: string;
  /** Logo, letterhead and signature images, read and checked by the caller. */
  images?: LetterImages;
  /** false (`draft --no-annex`): no plain-words annex, whatever the spec says. */
  readerAnnex?: boolean;
  /** A reading copy: the letter in `language`, marked on every page as a translation of the one sent. */
  readingCopy?: string;
}

/**
 * Words in a recipient's title or office that name a technical office, whose staff need no primer on
 * CSV files: ICT, IT, data, statistics, systems, digital, informatics, GIS, technology, technical.
 */
const TECHNICAL = /\b(ict|it|data|statistic(s|al)?|systems?|digital|informatics|gis|technolog(y|ies)|technical|database|computing)\b/i;

/**
 * Whether a letter carries the plain-words annex: never in follow-ups and appeals (legal filings),
 * nor with `--no-annex`; else as `letter.annex` says, `auto` leaving it out for a technical office.
 */
export function wantsReaderAnnex(spec: RequestSpec, opts: Pick<ComposeOptions, 'readerAnnex' | 'template'> = {}): boolean {
  if (opts.template || opts.readerAnnex === false) return false;
  if (spec.letter.kind === 'follow-up' || spec.letter.kind === 'appeal') return false;
  const choice = spec.letter.annex ?? 'auto';
  if (choice !== 'auto') return choice === 'always';
  return !TECHNICAL.test([spec.recipient.title, spec.recipient.office].filter(Boolean).join(' '));
}

export function composeLetter(spec: RequestSpec, opts: ComposeOptions = {}): Document {
  const s: RequestSpec = opts.subject || opts.date || opts.readingCopy
    ? { ...spec, letter: { ...spec.letter, subject: opts.subject ?? spec.letter.subject, date: opts.date ?? spec.letter.date, language: opts.readingCopy ?? spec.letter.language } }
    : spec;
  const language = languageOf(s);
  const templates = loadTemplates(language, opts.templateDir);
  // The law's facts for this recipient (its route, fee, standing): pure, from the row the timeline holds.
  const facts = opts.timeline ? resolveLaw(opts.timeline.law, s) : undefined;
  // Words under the law's country: Tunisian month names, Mexico's «P r e s e n t e» (words.yaml by_country).
  const w = wordsForCountry(templates.words, s.law ?? s.recipient.country);
  const context = { ...buildContext(s, w, opts.timeline, opts.annex, facts), ...opts.extra };
  const render = (name: string) => markdownToBlocks(contract(templates.render(name, context), w));
  const body = render(opts.template ?? s.letter.kind);
  const has = (name: string) => !opts.template && templates.files.some((f) => !f.partial && f.name === name);
  const annex = wantsReaderAnnex(s, opts) && has('annex') ? render('annex') : [];
  // Notes (the treaty text the body cites in one sentence) follow the signature, in small type.
  const notes = has('notes') ? render('notes').map(note) : [];
  const kind = opts.kind ?? s.letter.kind;
  return {
    meta: {
      title: s.letter.subject,
      author: s.requester.organisation,
      subject: `${word(w, 'kinds', kind)}: ${s.recipient.institution}`,
      language,
      date: s.letter.date,
      keywords: ['oedr', kind, ...new Set(s.datasets.flatMap((d) => (d.category ? [d.category] : [])))],
      footer: readingCopyMark(w, opts.readingCopy ? languageOf(spec) : undefined,
        s.letter.reference ? referenceLine(w, s.letter.reference) : s.requester.organisation),
      pageLabel: word(w, 'phrases', 'page_label'),
      ...(typeof w.digits === 'string' ? { digits: w.digits } : {}),
      ...(opts.images?.docxReference ? { docxReference: opts.images.docxReference } : {}),
    },
    // A reading copy says what it is on its first line too: Markdown has no page footer.
    blocks: [...(opts.readingCopy ? [readingCopyNote(w, languageOf(spec))] : []), ...frameTop(context, opts.images), ...body, ...frameBottom(context, opts.images), ...notes, ...annex],
  };
}

const note = (b: Block): Block => (b.type === 'paragraph' ? { ...b, style: 'note' } : b);

/**
 * The footer of a reading copy says, on every page, that it is a translation for the requester's
 * records of the letter sent in `sent` (named in the copy's own words, words.yaml `languages`).
 */
function readingCopyMark(w: Record<string, unknown>, sent: string | undefined, footer: string): string {
  if (sent === undefined) return footer;
  return `${readingCopyText(w, sent)} ${footer}`;
}

const readingCopyText = (w: Record<string, unknown>, sent: string) =>
  word(w, 'phrases', 'reading_copy').replace('{language}', word(w, 'languages', sent.split('-')[0]!));

const readingCopyNote = (w: Record<string, unknown>, sent: string): Block =>
  ({ type: 'paragraph', style: 'small', children: [{ type: 'strong', children: [{ type: 'text', value: readingCopyText(w, sent) }] }] });
