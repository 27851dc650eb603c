// The letter frame, built in code: letterhead, date, recipient block, subject, signature.
// Templates hold the prose between; the look of each part is in writers/style.ts.
import type { Block, Inline, ParagraphStyle } from '../document.js';
import { word, type LetterContext } from './context.js';
import { capitalise } from './context-law.js';

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

export function frameTop(c: LetterContext): Block[] {
  const w = c.words;
  const rq = c.requester;
  const rc = c.recipient;
  const contact = [rq.email, rq.phone, rq.website].filter(Boolean).join('  ·  ');
  const blocks: (Block | undefined)[] = [
    lines('organisation', [rq.organisation]),
    lines('letterhead', [rq.address?.split('\n').map((s) => s.trim()).filter(Boolean).join(', '), contact]),
    lines('date', [c.letter.date_text]),
    appealAddress(c) ?? lines('address', [rc.person, rc.title, rc.office, rc.institution, rc.address, rc.email]),
    c.letter.reference ? lines('small', [`${word(w, 'phrases', 'our_reference')}: ${c.letter.reference}`]) : undefined,
    lines('subject', [c.letter.subject]),
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
  return a.external ? lines('address', [capitalise(a.addressee)]) : lines('address', [capitalise(a.addressee), rc.institution, rc.address, rc.email]);
}

export function frameBottom(c: LetterContext): Block[] {
  const w = c.words;
  const rq = c.requester;
  const blocks: (Block | undefined)[] = [
    // The closing keeps with the last paragraph and the signature; the room to sign is the
    // signature style's space above (writers/style.ts), not an empty line.
    lines('closing', [word(w, 'phrases', 'closing')]),
    lines('signature', [rq.signatory.name, rq.signatory.title, rq.organisation]),
  ];
  if (rq.has_co_signers) {
    blocks.push(lines('body', [word(w, 'phrases', 'co_signed_by')]));
    blocks.push({
      type: 'list', ordered: false,
      items: rq.co_signers.map((s) => [{
        type: 'paragraph',
        children: [{ type: 'text', value: [s.organisation, s.signatory && [s.signatory.name, s.signatory.title].filter(Boolean).join(', ')].filter(Boolean).join(': ') }],
      }]),
    });
  }
  return blocks.filter((b): b is Block => b !== undefined);
}
