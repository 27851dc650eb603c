// RequestSpec -> Document: context, templates, Markdown, frame. Pure: no clock, no files written.
import type { Document } from '../document.js';
import type { Timeline } from '../laws/timeline.js';
import type { RequestSpec } from '../spec/schema.js';
import { buildContext, word } from './context.js';
import { frameBottom, frameTop } from './frame.js';
import { markdownToBlocks } from './markdown.js';
import { loadTemplates } from './templates.js';

export interface ComposeOptions {
  templateDir?: string;
  /** The request's dates under its law (src/laws/timeline.ts), computed by the caller: it reads holiday tables. */
  timeline?: Timeline;
}

export function composeLetter(spec: RequestSpec, opts: ComposeOptions = {}): Document {
  const templates = loadTemplates(spec.letter.language, opts.templateDir);
  const context = buildContext(spec, templates.words, opts.timeline);
  const body = markdownToBlocks(templates.render(spec.letter.kind, context));
  const annex = templates.files.some((f) => !f.partial && f.name === 'annex')
    ? markdownToBlocks(templates.render('annex', context)) : [];
  const w = templates.words;
  return {
    meta: {
      title: spec.letter.subject,
      author: spec.requester.organisation,
      subject: `${word(w, 'kinds', spec.letter.kind)}: ${spec.recipient.institution}`,
      language: spec.letter.language,
      date: spec.letter.date,
      keywords: ['oedr', spec.letter.kind, ...new Set(spec.datasets.flatMap((d) => (d.category ? [d.category] : [])))],
      footer: spec.letter.reference ? `${word(w, 'phrases', 'our_reference')}: ${spec.letter.reference}` : spec.requester.organisation,
      pageLabel: word(w, 'phrases', 'page_label'),
    },
    blocks: [...frameTop(context), ...body, ...frameBottom(context), ...annex],
  };
}
