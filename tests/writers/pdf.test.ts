// The PDF writer, read back the way a reader (or a screen reader) would: text extracted by pdf.js
// (unpdf), tags, metadata, links; plus byte-for-byte reproducibility and the font-coverage error.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
// @ts-expect-error fontkit ships no type declarations; the test only reads glyph outlines with it.
import { create as openFont } from 'fontkit';
import fc from 'fast-check';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, Document, Inline } from '../../src/document.js';
import { ExitCode, OedrError } from '../../src/errors.js';
import { graphemes } from '../../src/writers/pdf-inline.js';
import { createPdfWriter, type PdfWriter } from '../../src/writers/pdf.js';

const t = (value: string): Inline => ({ type: 'text', value });
const p = (...children: Inline[]): Block => ({ type: 'paragraph', children });
const HOSTILE = '{{constructor}} *bold* [x](http://example.test) # heading';
const LONG_WORD = 'https://example.test/' + 'a1b2c3d4e5'.repeat(16);

/** A letter with every block and inline type; `filler` paragraphs and table rows make it long. */
function letter(filler = 0, date = '2025-03-03'): Document {
  const blocks: Block[] = [
    { type: 'paragraph', style: 'organisation', children: [t('Open Election Data Initiative')] },
    { type: 'paragraph', style: 'letterhead', children: [t('ul. Piotrkowska 1, 90-001 Łódź'), { type: 'break' }, t('data@example.test')] },
    { type: 'paragraph', style: 'date', children: [t('3 March 2025')] },
    { type: 'paragraph', style: 'address', children: [t('Central Election Commission'), { type: 'break' }, t('Αθήνα'), { type: 'break' }, t('Київ')] },
    { type: 'paragraph', style: 'subject', children: [t('Request for election results data')] },
    { type: 'heading', level: 1, children: [t('Request for election data')] },
    p(t(HOSTILE)),
    p(
      t('We ask for '),
      { type: 'strong', children: [t('strong words'), t(' and '), { type: 'emphasis', children: [t('bold italic')] }] },
      t(', '),
      { type: 'emphasis', children: [t('leaning words')] },
      t('. See '),
      { type: 'link', url: 'https://example.test/data?x=1', children: [t('the portal')] },
      t(' for the office address.'),
    ),
    { type: 'heading', level: 2, children: [t('Datasets')] },
    {
      type: 'list',
      ordered: true,
      items: [
        [p(t('Polling station results'))],
        [p(t('Candidate lists')), { type: 'list', ordered: false, items: [[p(t('nested bullet one'))], [p(t('nested bullet two'))]] }],
      ],
    },
    { type: 'heading', level: 3, children: [t('Fields')] },
    {
      type: 'table',
      header: [[t('Name')], [t('Description')], [t('Type')]],
      rows: [
        [[t('station_id')], [t('Identifier of the polling station, stable across elections where the station did not move.')], [t('string')]],
        [[t('turnout')], [t('Share of voters, a '), { type: 'strong', children: [t('decimal')] }, t(' number.')], [t('number')]],
      ],
    },
    { type: 'quote', children: [p(t('Article 19: everyone has the right to seek information.'))] },
  ];
  for (let i = 1; i <= filler; i++) {
    blocks.push(p(t(`Filler ${i}. `), t('We ask that the data be released under an open licence in an open format. '.repeat(4))));
  }
  if (filler > 0) {
    blocks.push(p(t(LONG_WORD)));
    const rows = Array.from({ length: filler * 3 }, (_, i) => [[t(`field_${i}`)], [t(`What field ${i} means and how it was collected.`)], [t('string')]]);
    blocks.push({ type: 'table', header: [[t('Name')], [t('Description')], [t('Type')]], rows });
  }
  blocks.push({ type: 'pageBreak' });
  blocks.push({ type: 'paragraph', style: 'signature', children: [t('Jan Kowalski')] });
  blocks.push({ type: 'paragraph', style: 'small', children: [t('Annex: field schema.')] });
  return {
    meta: { title: 'Request for election data', author: 'Jan Kowalski', subject: 'Access to information', language: 'pl-PL', date, keywords: ['elections', 'open data'], footer: 'Ref. OEDR/2025/001', pageLabel: 'Page {page} of {pages}' },
    blocks,
  };
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
// pdf.js may detach the buffer it is given, so it always gets a copy.
const open = (b: Uint8Array) => getDocumentProxy(new Uint8Array(b));
async function pagesText(b: Uint8Array): Promise<string[]> {
  const { text } = await extractText(await open(b), { mergePages: false });
  return text;
}

let writer: PdfWriter;
let short: Uint8Array;
let long: Uint8Array;
beforeAll(async () => {
  writer = await createPdfWriter();
  short = await writer.write(letter());
  long = await writer.write(letter(14));
});

describe('PDF writer: content', () => {
  it('starts with a PDF header and reports its extension', () => {
    expect(writer.extension).toBe('pdf');
    expect(Buffer.from(short.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
  });

  it('contains every piece of text, scripts and hostile values literally', async () => {
    const text = (await pagesText(short)).join('\n');
    for (const piece of [
      'Open Election Data Initiative',
      'Łódź',
      'Αθήνα',
      'Київ',
      HOSTILE,
      'strong words',
      'bold italic',
      'leaning words',
      'the portal',
      'office address',
      'Request for election data',
      'Datasets',
      'Polling station results',
      'nested bullet two',
      'station_id',
      'Description',
      'decimal',
      'Article 19',
      'Jan Kowalski',
      'Annex: field schema.',
      'Ref. OEDR/2025/001',
    ]) {
      expect(text).toContain(piece);
    }
  });

  it('draws glyphs whose ids hold the bytes a PDF string must escape: ( ) \\ and line ends', async () => {
    // Glyph ids go into literal strings two bytes each; find characters whose ids contain each byte.
    const regular = openFont(readFileSync(new URL('../../fonts/NotoSans-Regular.ttf', import.meta.url)));
    const wanted = new Map<number, string>();
    for (let cp = 0x21; cp < 0x2000 && wanted.size < 5; cp++) {
      const ch = String.fromCodePoint(cp);
      if (!writer.covers(cp) || /\p{M}|\s/u.test(ch)) continue;
      const id = regular.glyphForCodePoint(cp).id as number;
      for (const b of [id >> 8, id & 0xff]) if ([0x0a, 0x0d, 0x28, 0x29, 0x5c].includes(b) && !wanted.has(b)) wanted.set(b, ch);
    }
    expect([...wanted.keys()].sort((a, b) => a - b)).toEqual([0x0a, 0x0d, 0x28, 0x29, 0x5c]);
    const line = [...wanted.values()].join('');
    const pdf = await writer.write({ ...letter(), blocks: [p(t(`Escaped: ${line} (end)`))] });
    expect((await pagesText(pdf)).join('')).toContain(`Escaped: ${line} (end)`);
  });

  it('numbers ordered lists and bullets unordered ones', async () => {
    const text = (await pagesText(short)).join('\n');
    expect(text).toMatch(/1\.\s*Polling station results/);
    expect(text).toMatch(/2\.\s*Candidate lists/);
    expect(text).toMatch(/–\s*nested bullet one/);
  });

  it('breaks a long document into pages with "Page X of Y" footers and repeats table headers', async () => {
    const pages = await pagesText(long);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(text).toContain('Ref. OEDR/2025/001');
    });
    const tablePages = pages.filter((text) => /field_\d+/.test(text));
    expect(tablePages.length).toBeGreaterThan(1);
    for (const text of tablePages) expect(text).toMatch(/Name\s*Description\s*Type/);
    // A word wider than the line is cut, not dropped.
    expect(pages.join('').replace(/\s/g, '')).toContain(LONG_WORD);
  });

  it('the pageBreak block starts a new page', async () => {
    const pages = await pagesText(short);
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain('Jan Kowalski');
    expect(pages[0]).not.toContain('Jan Kowalski');
  });

  it('makes links clickable', async () => {
    const page = await (await open(short)).getPage(1);
    const links = (await page.getAnnotations()).filter((a: { subtype: string }) => a.subtype === 'Link');
    expect(links.map((a: { url?: string }) => a.url)).toEqual(['https://example.test/data?x=1']);
  });

  it('embeds only subsets of the bundled Noto Sans faces, never a standard font', () => {
    const raw = Buffer.from(long).toString('latin1');
    const names = [...raw.matchAll(/\/BaseFont \/([A-Z]{6}\+[\w-]+)/g)].map((m) => m[1]!.slice(7));
    expect(new Set(names)).toEqual(new Set(['NotoSans-Regular', 'NotoSans-Bold', 'NotoSans-Italic', 'NotoSans-BoldItalic']));
    expect(raw).not.toMatch(/Helvetica|Times-Roman|Courier/);
  });
  it('embeds every glyph it draws with the outline and width of the bundled font, at its glyph id', () => {
    type Glyph = { path: { toSVG(): string }; advanceWidth: number };
    type Font = { postscriptName: string; unitsPerEm: number; getGlyph(id: number): Glyph };
    const raw = Buffer.from(long).toString('latin1');
    const objects = new Map([...raw.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)].map((m) => [m[1]!, m[2]!]));
    const streamOf = (num: string) => {
      const body = objects.get(num)!;
      const start = raw.indexOf(body) + body.indexOf('stream\n') + 7;
      return inflateSync(Buffer.from(raw.slice(start, start + Number(/\/Length (\d+)/.exec(body)![1])), 'latin1'));
    };
    let checked = 0;
    for (const body of objects.values()) {
      const cid = /\/Subtype \/CIDFontType2 \/BaseFont \/[A-Z]{6}\+([\w-]+).*\/FontDescriptor (\d+) 0 R \/W \[(.*?)\] \/CIDToGIDMap \/Identity/.exec(body);
      if (!cid) continue;
      const original = openFont(readFileSync(new URL(`../../fonts/${cid[1]}.ttf`, import.meta.url))) as Font;
      const embedded = openFont(streamOf(/\/FontFile2 (\d+) 0 R/.exec(objects.get(cid[2]!)!)![1]!)) as Font;
      // /W is [first [w1 w2 …] …]: every glyph id drawn, with its width in thousandths of an em.
      for (const [, first, widths] of cid[3]!.matchAll(/(\d+) \[([^\]]*)\]/g)) {
        widths!.split(' ').forEach((w, i) => {
          const id = Number(first) + i;
          expect(embedded.getGlyph(id).path.toSVG(), `${cid[1]} glyph ${id}`).toBe(original.getGlyph(id).path.toSVG());
          expect(Number(w)).toBeCloseTo((original.getGlyph(id).advanceWidth * 1000) / original.unitsPerEm, 5);
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('PDF writer: tags and metadata', () => {
  it('is a tagged PDF with language, title and document info from meta', async () => {
    const pdf = await open(short);
    expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
    const info = (await pdf.getMetadata()).info as Record<string, unknown>;
    expect(info).toMatchObject({ Title: 'Request for election data', Author: 'Jan Kowalski', Subject: 'Access to information', Keywords: 'elections, open data', Language: 'pl-PL' });
    expect(info.CreationDate).toBe("D:20250303000000Z");
  });

  it('writes well-formed XMP for a title XML cannot hold as it is (unpaired surrogate, U+FFFF, a control)', async () => {
    const title = 'a\uD800b\uFFFFc\u0001d\uDC00e & <f> "g"';
    const bytes = Buffer.from(await writer.write({ ...letter(), meta: { ...letter().meta, title } }));
    const raw = bytes.toString('latin1');
    const start = raw.indexOf('<?xpacket begin=');
    const end = raw.indexOf('<?xpacket end="w"?>', start) + '<?xpacket end="w"?>'.length;
    expect(start).toBeGreaterThan(0);
    // Valid UTF-8 (a lone surrogate written as-is would have become U+FFFD), and only characters XML 1.0 allows.
    const xmp = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, end));
    expect(xmp).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd\ufffe\uffff]|[\ud800-\udfff]/u);
    expect(xmp).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">abcde &#38; &#60;f&#62; &#34;g&#34;</rdf:li></rdf:Alt></dc:title>');
  });

  it('has a structure tree with headings, paragraphs, lists, a table, a quote and a link', async () => {
    const pdf = await open(short);
    const roles = new Set<string>();
    const walk = (node: { role?: string; children?: unknown[] } | null) => {
      if (!node) return;
      if (node.role) roles.add(node.role);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    for (let i = 1; i <= pdf.numPages; i++) walk((await (await pdf.getPage(i)).getStructTree()) as never);
    for (const role of ['Document', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'BlockQuote', 'Link']) {
      expect(roles).toContain(role);
    }
  });
});

describe('PDF writer: reproducibility', () => {
  it('gives the same bytes for the same document, from the same writer or a new one', async () => {
    expect(sha(await writer.write(letter()))).toBe(sha(short));
    expect(sha(await (await createPdfWriter()).write(letter()))).toBe(sha(short));
    expect(sha(await writer.write(letter(14)))).toBe(sha(long));
  });

  it('does not let earlier documents of a writer change a later one (shared font caches)', async () => {
    // "ﬃ" (U+FB03) and the shaped f+f+i ligature of "office" are the same glyph; fontkit remembers
    // the code points a glyph was first reached from, which must not leak between letters.
    const office = { ...letter(), blocks: [p(t('The office of the official.'))] };
    const ligature = { ...letter(), blocks: [p(t('Precomposed ﬃ and ﬁ.'))] };
    const fresh = await (await createPdfWriter()).write(office);
    const warmed = await createPdfWriter();
    await warmed.write(ligature);
    const after = await warmed.write(office);
    expect(sha(after)).toBe(sha(fresh));
    expect((await pagesText(after)).join('')).toContain('The office of the official.');
  });

  it('does not depend on the time zone (in this process)', async () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Auckland';
      const auckland = await writer.write(letter());
      process.env.TZ = 'UTC';
      expect(sha(await writer.write(letter()))).toBe(sha(auckland));
      expect(sha(auckland)).toBe(sha(short));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  // Child processes run the built writer (dist/ is built by `npm ci` through `prepare`).
  const built = fileURLToPath(new URL('../../dist/writers/pdf.js', import.meta.url));
  it('does not depend on the time zone or the process (built writer in child processes)', () => {
    // Fail loudly rather than skip: tests/global-setup.ts builds dist/ before the suite.
    expect(existsSync(built), `missing ${built}: run \`npm run build\` first`).toBe(true);
    const script = `
      import { createHash } from 'node:crypto';
      const { createPdfWriter } = await import(${JSON.stringify(new URL('../../dist/writers/pdf.js', import.meta.url).href)});
      let input = '';
      for await (const chunk of process.stdin) input += chunk;
      const bytes = await (await createPdfWriter()).write(JSON.parse(input));
      process.stdout.write(createHash('sha256').update(bytes).digest('hex'));`;
    const run = (TZ: string) => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { input: JSON.stringify(letter(3)), env: { ...process.env, TZ }, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    const auckland = run('Pacific/Auckland');
    expect(auckland).toMatch(/^[0-9a-f]{64}$/);
    expect(run('UTC')).toBe(auckland);
  });
});

const FONTS = 'Noto Sans: Latin, Greek, Cyrillic; Noto Sans Arabic, Devanagari, Bangla, Ethiopic, Georgian';

describe('PDF writer: font coverage', () => {
  it('answers covers() for the bundled fonts', () => {
    for (const ch of 'ŁłĄąŻżΑαΩωЇїЖж€•–“”') expect(writer.covers(ch.codePointAt(0)!), ch).toBe(true);
    // The script fonts: Arabic, Devanagari, Bangla, Ethiopic, Georgian.
    for (const ch of 'اनকሰა') expect(writer.covers(ch.codePointAt(0)!), ch).toBe(true);
    expect(writer.covers(0x4e2d)).toBe(false); // CJK 中
    expect(writer.covers(0x0e01)).toBe(false); // Thai ก
  });

  it('refuses uncovered characters with one font-coverage diagnostic per distinct character', async () => {
    const doc = { ...letter(), blocks: [p(t('Thai ก and ก again, CJK 中'))] };
    const error = await writer.write(doc).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OedrError);
    const e = error as OedrError;
    expect(e.code).toBe(ExitCode.render);
    expect(e.diagnostics).toEqual([
      { severity: 'error', rule: 'font-coverage', message: `the character "ก" (U+0E01) is not covered by the bundled fonts (${FONTS})` },
      { severity: 'error', rule: 'font-coverage', message: `the character "中" (U+4E2D) is not covered by the bundled fonts (${FONTS})` },
    ]);
  });

  it('checks the footer too, and the writer still works after a refusal', async () => {
    const doc = letter();
    doc.meta.footer = 'ref 中';
    await expect(writer.write(doc)).rejects.toThrow(/U\+4E2D/);
    expect(sha(await writer.write(letter()))).toBe(sha(short));
  });
});

describe('PDF writer: one long word (issue 14, defect 4)', () => {
  it('cuts a word between graphemes exactly as one Segmenter pass over the whole text would', () => {
    const whole = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const unit = fc.constantFrom('a', 'é', 'e\u0301', '👩‍👩‍👧', '🇵🇱', 'ก\u0e31\u0e49', '\r\n', 'x\u0308\u0301', '한', '\ud800');
    fc.assert(fc.property(fc.array(unit, { maxLength: 1200 }), (units) => {
      const text = units.join('');
      expect([...graphemes(text)]).toEqual([...whole.segment(text)].map((s) => s.segment));
    }), { seed: 14, numRuns: 60 });
  });

  it('takes time linear in the word: a word 4x longer takes well under 16x as long', async () => {
    const time = async (n: number) => {
      const doc = { ...letter(), blocks: [p(t('a1b2'.repeat(n / 4)))] };
      const start = performance.now();
      const pdf = await writer.write(doc);
      expect(pdf.length).toBeGreaterThan(n / 10);
      return performance.now() - start;
    };
    await time(4000);
    const small = Math.min(await time(10_000), await time(10_000));
    const large = Math.min(await time(40_000), await time(40_000));
    expect(large / small).toBeLessThan(10);
  }, 60_000);
});
