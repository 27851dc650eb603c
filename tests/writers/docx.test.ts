// The DOCX writer, checked by reading the real output back: the text a reader sees (mammoth), the
// Word structure that makes it restylable (unzipped XML), and byte-for-byte reproducibility.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { allText, text, type Block, type Document } from '../../src/document.js';
import { makeTemplate, templateKey, type SavedTemplate } from '../../src/writers/docx-template.js';
import { deflatePart } from '../../src/writers/docx-zip.js';
import { createDocxWriter, type DocxWriter } from '../../src/writers/docx.js';

const HOSTILE = '{{constructor}} *bold* [x](http://example.test) # heading';

/** A letter with every node type, every paragraph role, and text that escapes nothing by itself. */
function sampleDocument(): Document {
  const blocks: Block[] = [
    { type: 'paragraph', style: 'organisation', children: [text('Open Election Data Initiative')] },
    { type: 'paragraph', style: 'letterhead', children: [text('Rue de la Loi 1, Bruxelles'), { type: 'break' }, text('info@example.test')] },
    { type: 'paragraph', style: 'date', children: [text('1 March 2027')] },
    { type: 'paragraph', style: 'address', children: [text('Państwowa Komisja Wyborcza'), { type: 'break' }, text('Łódź')] },
    { type: 'paragraph', style: 'subject', children: [text('Request for polling-station results')] },
    { type: 'heading', level: 1, children: [text('Request')] },
    {
      type: 'paragraph',
      children: [
        text('We ask for '),
        { type: 'strong', children: [text('machine-readable'), { type: 'emphasis', children: [text(' bold italic')] }] },
        text(' data, see '),
        { type: 'link', url: 'https://example.test/spec?a=1&b=2', children: [text('the specification')] },
        text(' and '),
        { type: 'emphasis', children: [text('Αθήνα')] },
        text('.'),
      ],
    },
    { type: 'paragraph', children: [text(HOSTILE)] },
    { type: 'heading', level: 2, children: [text('Datasets')] },
    {
      type: 'list',
      ordered: true,
      items: [
        [{ type: 'paragraph', children: [text('Results by polling station')] }],
        [
          { type: 'paragraph', children: [text('Turnout by hour')] },
          { type: 'list', ordered: false, items: [[{ type: 'paragraph', children: [text('Nested bullet Київ')] }]] },
          { type: 'paragraph', children: [text('Continuation paragraph')] },
        ],
      ],
    },
    { type: 'list', ordered: true, items: [[{ type: 'paragraph', children: [text('Second list first item')] }]] },
    { type: 'heading', level: 3, children: [text('Fields')] },
    {
      type: 'table',
      header: [[text('Field')], [text('Description')]],
      rows: [
        [[text('station_id')], [text('Identifier of the polling station, stable across elections')]],
        [[text('votes')], [{ type: 'strong', children: [text('Valid votes cast')] }]],
      ],
    },
    { type: 'quote', children: [{ type: 'paragraph', children: [text('Everyone has the right to freedom of expression.')] }] },
    { type: 'pageBreak' },
    { type: 'paragraph', style: 'signature', children: [text('Jane Doe'), { type: 'break' }, text('Director')] },
    { type: 'paragraph', style: 'small', children: [text('Annex: data specification')] },
  ];
  return {
    meta: {
      title: 'Request for election data',
      author: 'Jane Doe',
      pageLabel: 'Page {page} of {pages}',
      subject: 'Polling-station results, 2027 election',
      language: 'pl-PL',
      date: '2027-03-01',
      keywords: ['elections', 'open data'],
      footer: 'Ref. OEDR-2027-001',
    },
    blocks,
  };
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const parts = (b: Uint8Array): Record<string, string> =>
  Object.fromEntries(Object.entries(unzipSync(b)).map(([k, v]) => [k, strFromU8(v)]));

let writer: DocxWriter;
let bytes: Uint8Array;
let xml: Record<string, string>;
beforeAll(async () => {
  writer = await createDocxWriter();
  bytes = await writer.write(sampleDocument());
  xml = parts(bytes);
});

describe('docx writer: what a reader sees', () => {
  it('contains every piece of text exactly, including non-Latin and hostile text', async () => {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    for (const piece of allText(sampleDocument().blocks)) {
      for (const line of piece.split('\n')) expect(value).toContain(line);
    }
    for (const word of ['Łódź', 'Αθήνα', 'Київ', HOSTILE]) expect(value).toContain(word);
  });

  it('keeps hyperlinks as external links with the URL escaped, not as text', () => {
    const rels = xml['word/_rels/document.xml.rels']!;
    expect(rels).toMatch(/Target="https:\/\/example\.test\/spec\?a=1&amp;b=2" TargetMode="External"/);
    expect(xml['word/document.xml']).toMatch(/<w:hyperlink [^>]*r:id="rId\d+"/);
    expect(xml['word/document.xml']).toContain('<w:rStyle w:val="Hyperlink"/>');
  });
});

describe('docx writer: Word structure', () => {
  it('uses built-in heading styles and a named style for each paragraph role', () => {
    const doc = xml['word/document.xml']!;
    for (const id of ['Heading1', 'Heading2', 'Heading3', 'Organisation', 'Letterhead', 'LetterDate', 'Address', 'LetterSubject', 'Signature', 'Small', 'Quote', 'ListParagraph']) {
      expect(doc).toContain(`<w:pStyle w:val="${id}"/>`);
      expect(xml['word/styles.xml']).toContain(`w:styleId="${id}"`);
    }
    expect(xml['word/styles.xml']).toMatch(/<w:style [^>]*w:styleId="LetterDate"[^]*?<w:jc w:val="right"\/>/);
    expect(xml['word/styles.xml']).toMatch(/<w:name w:val="Letter Date"\/>/);
  });

  it('writes tables with a repeating, styled header row', () => {
    const doc = xml['word/document.xml']!;
    expect(doc).toContain('<w:tblStyle w:val="LetterTable"/>');
    expect(doc.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(xml['word/styles.xml']).toMatch(/w:styleId="LetterTable"[^]*<w:tblStylePr w:type="firstRow">[^]*w:fill="E8ECF2"/);
  });

  it('numbers each ordered list from 1 on its own, and nests bullets a level deeper', () => {
    const doc = xml['word/document.xml']!;
    const numIds = [...doc.matchAll(/<w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/>/g)].map((m) => [m[1], m[2]]);
    // list 1: two items; nested bullet at level 1; list 2: one item with a different numId
    expect(numIds).toHaveLength(4);
    const [a, b, bullet, c] = numIds as [string, string][];
    expect(a).toEqual(b);
    expect(bullet![0]).toBe('1');
    expect(c![1]).not.toBe(a![1]);
    const numbering = xml['word/numbering.xml']!;
    expect(numbering).toMatch(new RegExp(`<w:num w:numId="${c![1]}"[^]*?<w:startOverride w:val="1"/>`));
  });

  it('has a footer with the reference and PAGE / NUMPAGES fields', () => {
    const footer = Object.entries(xml).find(([k]) => /^word\/footer\d*\.xml$/.test(k))?.[1] ?? '';
    expect(footer).toContain('Ref. OEDR-2027-001');
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
  });

  it('sets A4 with the style sheet margins, the font and the document language', () => {
    const doc = xml['word/document.xml']!;
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/<w:pgMar w:top="1000" w:right="1140" w:bottom="1120" w:left="1140"/);
    const styles = xml['word/styles.xml']!;
    expect(styles).toMatch(/<w:docDefaults>[^]*<w:rFonts w:ascii="Noto Sans"[^]*<w:lang w:val="pl-PL"\/>[^]*<\/w:docDefaults>/);
  });

  it('fills the document properties from meta, with the fixed date', () => {
    const core = xml['docProps/core.xml']!;
    expect(core).toContain('<dc:title>Request for election data</dc:title>');
    expect(core).toContain('<dc:creator>Jane Doe</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Jane Doe</cp:lastModifiedBy>');
    expect(core).toContain('<dc:subject>Polling-station results, 2027 election</dc:subject>');
    expect(core).toContain('<cp:keywords>elections, open data</cp:keywords>');
    expect(core).toContain('<cp:revision>1</cp:revision>');
    expect(core).toMatch(/<dcterms:created [^>]*>2027-03-01T00:00:00Z<\/dcterms:created>/);
    expect(core).toMatch(/<dcterms:modified [^>]*>2027-03-01T00:00:00Z<\/dcterms:modified>/);
    expect(core).not.toContain('Un-named');
  });

  it('leaves no random relationship ids and no duplicate ids', () => {
    for (const [name, part] of Object.entries(xml)) {
      for (const m of part.matchAll(/\b(?:Id|r:id)="([^"]+)"/g)) expect(m[1], name).toMatch(/^rId\d+$/);
    }
    const rels = [...xml['word/_rels/document.xml.rels']!.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(rels).size).toBe(rels.length);
  });
});

describe('docx writer: reproducible bytes', () => {
  it('gives the same bytes for the same document, also after writing a different one', async () => {
    const again = await writer.write(sampleDocument());
    expect(sha256(again)).toBe(sha256(bytes));
    const other = sampleDocument();
    other.blocks.push({ type: 'paragraph', children: [{ type: 'link', url: 'https://example.com/x', children: [text('another link')] }] });
    other.meta.date = '2030-12-31';
    const otherBytes = await writer.write(other);
    expect(sha256(otherBytes)).not.toBe(sha256(bytes));
    expect(strFromU8(unzipSync(otherBytes)['docProps/core.xml']!)).toContain('2030-12-31T00:00:00Z');
    expect(sha256(await writer.write(sampleDocument()))).toBe(sha256(bytes));
    // a second writer in the same process starts from the same place too
    expect(sha256(await (await createDocxWriter()).write(sampleDocument()))).toBe(sha256(bytes));
  });

  it('gives each letter the styles of its own language, whatever came before', async () => {
    const german = sampleDocument();
    german.meta.language = 'de-DE';
    const germanBytes = await writer.write(german);
    expect(strFromU8(unzipSync(germanBytes)['word/styles.xml']!)).toContain('<w:lang w:val="de-DE"/>');
    expect(sha256(await writer.write(sampleDocument()))).toBe(sha256(bytes));
    expect(sha256(await (await createDocxWriter()).write(german))).toBe(sha256(germanBytes));
  });

  it('gives the same bytes in another process, whatever its time zone', () => {
    const dist = fileURLToPath(new URL('../../dist/writers/docx.js', import.meta.url));
    // Fail loudly rather than skip: CI builds dist in `npm ci` (prepare); locally run the build.
    expect(existsSync(dist), `missing ${dist}: run \`npx tsc -p tsconfig.build.json\` first`).toBe(true);
    const script = `
      const { createDocxWriter } = await import(${JSON.stringify(dist)});
      const { createHash } = await import('node:crypto');
      const doc = JSON.parse(process.argv[1]);
      const bytes = await (await createDocxWriter()).write(doc);
      process.stdout.write(createHash('sha256').update(bytes).digest('hex'));`;
    const run = (tz: string): string =>
      execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(sampleDocument())], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
    const auckland = run('Pacific/Auckland');
    expect(auckland).toMatch(/^[0-9a-f]{64}$/);
    expect(run('UTC')).toBe(auckland);
    expect(auckland, 'dist/ differs from src/: rebuild with `npx tsc -p tsconfig.build.json`').toBe(sha256(bytes));
  });

  it('makes the same template through docx\'s public Packer as through its private compiler', async () => {
    const docx = await import('docx');
    const publicOnly = { ...docx, Packer: { pack: docx.Packer.pack.bind(docx.Packer) } } as unknown as typeof docx;
    const viaCompiler = await makeTemplate(docx);
    const viaZip = await makeTemplate(publicOnly);
    expect(JSON.stringify(viaZip)).toBe(JSON.stringify(viaCompiler));
  });

  it('uses the template the build saved: the one docx makes now, its parts deflated as the zipper does', async () => {
    const file = new URL('../../dist/docx-template.json', import.meta.url);
    expect(existsSync(file), 'missing dist/docx-template.json: run `npm run build`').toBe(true);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedTemplate;
    expect(saved.key).toBe(templateKey());
    const made = await makeTemplate(await import('docx'));
    expect(JSON.stringify(saved.template)).toBe(JSON.stringify(made));
    expect(Object.keys(saved.deflated).sort()).toEqual(Object.keys(made.fixed).sort());
    for (const [name, text] of Object.entries(made.fixed)) {
      const d = deflatePart(text);
      expect(saved.deflated[name], name).toEqual({ crc: d.crc, size: d.size, data: Buffer.from(d.data).toString('base64') });
    }
    // A writer with a template made at run time (nothing deflated ahead) writes the same bytes.
    expect(sha256(await (await createDocxWriter(made)).write(sampleDocument()))).toBe(sha256(bytes));
  });

  it('rejects a date that is not YYYY-MM-DD instead of writing a wrong one', async () => {
    const doc = sampleDocument();
    doc.meta.date = '1 March 2027';
    await expect(writer.write(doc)).rejects.toThrow(/meta\.date must be YYYY-MM-DD/);
  });
});
