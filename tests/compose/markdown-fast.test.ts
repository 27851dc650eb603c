// The quick Markdown reader must give marked's answers or none: the same blocks, deep-equal, for
// every letter the built-in templates write, for hostile spec values, for generated documents and
// for randomly edited letters. And it must answer for the examples' letters, or it saves nothing.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { annexNames } from '../../src/compose/annex-files.js';
import { buildContext } from '../../src/compose/context.js';
import { escapeMarkdown, markdownToBlocks } from '../../src/compose/markdown.js';
import { fastMarkdown } from '../../src/compose/markdown-fast.js';
import { loadTemplates } from '../../src/compose/templates.js';
import { applyLaw } from '../../src/laws/for-spec.js';
import { loadSpec, type LoadedLetter } from '../../src/spec/load.js';
import type { RequestSpec } from '../../src/spec/schema.js';
import { root } from '../helpers.js';

/** 'fast' when the quick reader answered (and agreed with marked), 'slow' when it left the text to marked. */
function agree(markdown: string): 'fast' | 'slow' {
  const quick = fastMarkdown(markdown);
  if (!quick) return 'slow';
  expect(quick, JSON.stringify(markdown)).toStrictEqual(markdownToBlocks(markdown, { fast: false }));
  return 'fast';
}

const count = (sources: Iterable<string>) => {
  const seen = { fast: 0, slow: 0 };
  for (const s of sources) seen[agree(s)]++;
  return seen;
};

/** Request specs: not profiles (`_profile.yaml`) nor the CI workflow example. */
const specFiles = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  if (statSync(p).isDirectory()) return f.startsWith('.') ? [] : specFiles(p);
  return /^[^_.].*\.yaml$/.test(f) ? [p] : [];
});

const sentOn = (spec: RequestSpec) => {
  const d = new Date(`${spec.letter.date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 40);
  return d.toISOString().slice(0, 10);
};

/** Each letter, and each as a follow-up and an appeal after each kind of answer, so every template branch runs. */
function variants(spec: RequestSpec): RequestSpec[] {
  const responses = ['none', 'refused', 'partial', 'incomplete-data'] as const;
  return [spec, ...(['follow-up', 'appeal'] as const).flatMap((kind) => responses.map((response, i) => ({
    ...spec,
    letter: { ...spec.letter, kind },
    earlier_request: spec.earlier_request ?? {
      sent_on: sentOn(spec), response,
      ...(i % 2 ? { reference: 'X/1', response_date: spec.letter.date, response_reference: 'Y\\2 *z*' } : {}),
    },
  })))];
}

const deviations = [
  { file: 'results_2027.csv', dataset: 'Results', items: [{ what: 'Delimiter', requested: 'a semicolon (";")', received: 'The file uses commas.' }] },
  { file: 'voters*.tsv', dataset: 'Voters', items: [{ what: 'Encoding', requested: 'UTF-8', received: 'Windows-1250 (see "notes")' }, { what: 'Totals', requested: 'totals', received: 'They do not add up: 12 vs 13.' }] },
];

interface Letter { file: string; kind: string; template: string; markdown: string }

/** Every built-in template's output for every example and valid fixture spec, as drafting renders them. */
async function renderAll(): Promise<Letter[]> {
  const out: Letter[] = [];
  for (const file of [...specFiles(join(root, 'examples')), ...specFiles(join(root, 'tests/fixtures/valid'))]) {
    const loaded = await loadSpec(file);
    if (!loaded.letters?.length) throw new Error(`${file} did not load: ${JSON.stringify(loaded.diagnostics)}`);
    for (const letter of loaded.letters) {
      for (const [v, spec] of variants(letter.spec).entries()) {
        const { timeline } = await applyLaw({ ...letter, spec } as LoadedLetter);
        const templates = loadTemplates(spec.letter.language);
        const context = {
          ...buildContext(spec, templates.words, timeline, annexNames(spec, 'letter')),
          deviations: deviations.slice(0, 1 + (v % 2)), several_files: v % 2 === 1, several_deviations: v % 2 === 1,
          request: { date_text: '1 March 2027', reference: v % 2 ? 'REF/1' : null },
        };
        for (const t of templates.files.filter((f) => !f.partial)) {
          // Follow-ups and appeals need the earlier request (the variants add it).
          if ((t.name === 'follow-up' || t.name === 'appeal') && !spec.earlier_request) continue;
          out.push({ file, kind: spec.letter.kind, template: t.name, markdown: templates.render(t.name, context) });
        }
      }
    }
  }
  return out;
}

let letters: Letter[] = [];
beforeAll(async () => { letters = await renderAll(); }, 60_000);

/** The letters `oedr draft` writes for the examples: the body for the letter's kind and the annex. */
const drafted = () => letters.filter((l) => l.file.startsWith(join(root, 'examples')) && (l.template === l.kind || l.template === 'annex'));

describe('quick Markdown reader', () => {
  it('reads every letter the examples draft (or drafting would not be quicker)', () => {
    expect(drafted().length).toBeGreaterThanOrEqual(8);
    for (const l of drafted()) {
      expect(fastMarkdown(l.markdown), `${l.file}: ${l.template}`).toBeDefined();
      agree(l.markdown);
    }
  });

  it('agrees with marked on every built-in template for every spec, or leaves it to marked', () => {
    const templates = new Set(letters.map((l) => l.template));
    expect([...templates].sort()).toEqual(['annex', 'appeal', 'check-follow-up', 'data-request', 'foi-request', 'follow-up']);
    const seen = count(letters.map((l) => l.markdown));
    expect(seen.fast).toBeGreaterThan(letters.length * 0.8);
  });

  it.each([
    ['headings', '# One\n## Two *em*\n### Three\n#### Four\n###### Six\n####### seven\n#\n# closed #\n# x\\#\n#no'],
    ['paragraphs and breaks', 'a\nb\\\nc\\\\\nd \\\ne', 'last\\', 'a  \nb', 'a \nb', ' a', 'a\n  b', 'x\\y \\é'],
    ['lists', '- a\n- b\n\n- c\n\n1. d\n2. e\n\n3) f\n\n07. g\n\n- h\n1. i', '- a\nlazy', '* a\n* b', '+ a', '- [ ] task\n- [x] done', '- # h\n- > q\n- - n\n- 1. n', '1. a\n\n   indented', '-a', '- ', '1.a'],
    ['tables', '| a | b |\n|---|:-:|\n| 1 | 2 |\n| \\| | x\\\\|', '| a |\n|---|---|\n| 1 |', '| a | b |\n|---|---|\n| 1 |', '| a | b |\n|---|---|\n| 1 | 2 | 3 |', '| a |\n|---|\nlazy', '| a |\n|---|\n|  |', 'p\n| a |\n|---|', '| a |',
      '| a\\\\| b |\n|---|---|\n| c\\\\\\| | **d** *e* [f](g) |', '| a |\n|:--|\n| b |\n\n| c |\n| --- |'],
    ['quotes', '> a\n> b\n>\n> - c\n\n> > d', '> a\nlazy', '>\n>', '>a'],
    ['rules and setext', '---\n\n----\n***\n___\n- - -', 'para\n---', 'para\n===', '---\npara', '# H\n---\n# I\n1. a\n\n# J\n| a |\n|---|\n\n# K\n> q'],
    ['emphasis', '**a** *b* **c:** d *e*. (**f**) **g**h x**y** **\\#z** **w\\*** * a * **a*** ***b*** *a **b** c* **a\nb**', '**a **', '** a**', '*a', 'a*', '**a*', '*a**',
      '**a\\***', '*a\\**', '**\\#x\\.**', '**a\\)**b', '**a**) c', '**a**b', 'x *a*\\.', '**a\\\nb** *c\nd*', '(**a**)', '**a**\n**b**'],
    ['links and html', '[a](http://x.org/a?b=1#c) [a b](y) [a](<y>) [a](y "t") [*a*](y) ![i](y) [a] [a][b] [a]: y', '<b>x</b>', '<http://x.org>', 'a &amp; b &#33; &', 'http://x.org www.x.org a@b.org'],
    ['code, strike and underscores', '`c` ~~s~~ ~t~ _u_ a_b', '```\nc\n```', '    code', '~~~\nc\n~~~'],
    ['whitespace', 'a\tb', 'a\r\nb', 'a\u00a0b', '\ufeffa', 'a\u2028b', 'a\0b'],
  ])('agrees on %s', (_name, ...sources) => {
    count(sources);
  });

  // Spec values go through escapeMarkdown; templates put them in sentences, labels, cells, items and headings.
  const places = [
    (v: string) => `Before ${v} after.`, (v: string) => v, (v: string) => `**Label:** ${v}.`, (v: string) => `## 1. ${v}`,
    (v: string) => `Intro:\n\n- **${v}:** text\n- ${v}\n\n1. ${v}`, (v: string) => `| Field | Note |\n|---|---|\n| ${v} | ${v}. |\n| x | – |`,
    (v: string) => `> "${v}"`, (v: string) => `Line\\\n${v}\\\nend`,
  ];
  const special = fc.constantFrom(...'\\`*_{}[]()#+-.!|<>~&;:="\'/ \n\t1aé'.split(''), '**', '\\\n', '&amp;', 'http://x.org', '\u00a0');
  const values = fc.oneof(
    fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: special, maxLength: 20 }),
    fc.constantFrom('*bold*', '[x](http://example.test)', '# heading', '<b>html</b>', '1. not a list', '`code`', '- item', '> quote', '    code', '| a |', 'a\nb', '---'),
  );

  it('leaves a last line of nothing but spaces to marked (found in review: marked keeps a space)', () => {
    for (const md of ['bar\n ', 'bar\n\n ', '> a\n>\n> b\n>  ', 'bar\n \n', 'bar\n  \nbaz', '*a*\n ']) {
      const quick = fastMarkdown(md);
      if (quick !== undefined) expect(quick, JSON.stringify(md)).toEqual(markdownToBlocks(md, { fast: false }));
    }
    expect(fastMarkdown('bar\n ')).toBeUndefined();
  });

  it('agrees on hostile spec values, escaped as templates escape them', () => {
    const seen = { fast: 0, slow: 0 };
    fc.assert(fc.property(values, fc.nat(places.length - 1), (value, place) => {
      seen[agree(places[place]!(escapeMarkdown(value)))]++;
    }), { numRuns: 500, seed: 1 });
    expect(seen.fast).toBeGreaterThan(400);
  });

  it('agrees on the same values unescaped (the reader must spot markup, not just escapes)', () => {
    const seen = { fast: 0, slow: 0 };
    fc.assert(fc.property(values, fc.nat(places.length - 1), (value, place) => {
      seen[agree(places[place]!(value))]++;
    }), { numRuns: 500, seed: 2 });
    expect(seen.fast).toBeGreaterThan(100);
    expect(seen.slow).toBeGreaterThan(100);
  });

  // Documents mixing the subset's constructs, joined by one or two line breaks.
  const printable = fc.constantFrom(...'\\`*_{}[]()#+-.!|<>~&;:="\'/1aé'.split(''));
  const word = fc.oneof(
    { arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9,.:;()'"/?!-]{0,8}$/), weight: 3 },
    fc.string({ unit: printable, minLength: 1, maxLength: 4 }).map(escapeMarkdown),
  );
  const inline = fc.array(fc.oneof(
    { arbitrary: word, weight: 6 }, word.map((w) => `**${w}**`), word.map((w) => `*${w}*`), word.map((w) => `**${w}:**`),
    word.map((w) => `[${w}](http://x.org/${w.length})`), fc.constantFrom('\\*', '\\_', '\\|', '&', '!', '\\\\', '.', ':'),
  ), { minLength: 1, maxLength: 6 }).chain((ws) => fc.array(fc.oneof({ arbitrary: fc.constant(' '), weight: 9 }, fc.constant('')), { minLength: ws.length - 1, maxLength: ws.length - 1 })
    .map((seps) => ws.reduce((s, w, i) => s + (i ? seps[i - 1] : '') + w, '')));
  const block = fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: 6 }), inline).map(([n, t]) => `${'#'.repeat(n)} ${t}`),
    fc.array(inline, { minLength: 1, maxLength: 3 }).chain((ls) => fc.constantFrom('\n', '\\\n').map((sep) => ls.join(sep))),
    fc.tuple(fc.constantFrom('-', '1.', '3.', '1)', '0.'), fc.array(inline, { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([b, items, loose]) => items.map((t, i) => `${b === '-' ? '-' : `${parseInt(b, 10) + i}${b.at(-1)}`} ${t}`).join(loose ? '\n\n' : '\n')),
    fc.tuple(fc.integer({ min: 1, max: 3 }), fc.array(inline, { maxLength: 9 })).map(([n, cells]) => {
      const row = (cs: string[]) => `| ${cs.join(' | ')} |`;
      const rows = [];
      for (let i = 0; i + n <= cells.length; i += n) rows.push(row(cells.slice(i, i + n)));
      return [row(Array.from({ length: n }, (_, i) => `H${i}`)), `|${'---|'.repeat(n)}`, ...rows].join('\n');
    }),
    inline.map((t) => `> ${t}`), fc.constant('---'),
  );

  it('agrees on generated documents of the subset', () => {
    const seen = { fast: 0, slow: 0 };
    fc.assert(fc.property(fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n\n', '\n\n', '\n')), { minLength: 1, maxLength: 6 }), (blocks) => {
      seen[agree(blocks.map(([b, sep]) => b + sep).join(''))]++;
    }), { numRuns: 500, seed: 3 });
    expect(seen.fast).toBeGreaterThan(150);
  });

  it('agrees on the letters after random edits', () => {
    const sources = drafted().map((l) => l.markdown);
    const snippets = [...'*_\\`[]()#-+.!|<>~&;:= \n1)\t'.split(''), '**', '\n\n', '> ', '- ', '1. ', '---', '&amp;', '<b>', '    ', '\\\n', '| x |', '***'];
    const seen = { fast: 0, slow: 0 };
    fc.assert(fc.property(fc.nat(sources.length - 1), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(snippets.length - 1), fc.nat(3), fc.nat(2)), { minLength: 1, maxLength: 3 }), (which, edits) => {
      let text = sources[which]!;
      for (const [where, what, cut, how] of edits) {
        const at = Math.floor(where * text.length);
        // insert a snippet, delete a few characters, or duplicate them
        text = how === 0 ? text.slice(0, at) + snippets[what]! + text.slice(at + cut)
          : how === 1 ? text.slice(0, at) + text.slice(at + 1 + cut)
            : text.slice(0, at + 1 + cut) + text.slice(at, at + 1 + cut) + text.slice(at + 1 + cut);
      }
      seen[agree(text)]++;
    }), { numRuns: 600, seed: 4 });
    expect(seen.fast).toBeGreaterThan(150);
    expect(seen.slow).toBeGreaterThan(50);
  });
});
