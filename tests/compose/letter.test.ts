import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/compose/context.js';
import { composeLetter } from '../../src/compose/letter.js';
import { escapeMarkdown, markdownToBlocks } from '../../src/compose/markdown.js';
import { loadTemplates } from '../../src/compose/templates.js';
import { contextVariables } from '../../src/compose/variables.js';
import { allText, plainText, type Block } from '../../src/document.js';
import { OedrError } from '../../src/errors.js';
import { fixture, specFrom, tempDir } from '../helpers.js';

const hostile = ['{{constructor}}', '*bold*', '[x](http://example.test)', '# heading', '<b>html</b>', '1. not a list', '`code`'];
const textOf = (blocks: Block[]) => [...allText(blocks)].join('\n');

describe('spec values are data, never markup', () => {
  it.each(hostile)('%s survives escaping and the Markdown reader literally', (value) => {
    const blocks = markdownToBlocks(`Before ${escapeMarkdown(value)} after`);
    expect(blocks).toHaveLength(1);
    expect(textOf(blocks)).toBe(`Before ${value} after`);
  });

  it('a value alone on a line is not read as a heading or list', () => {
    for (const value of ['# heading', '1. not a list', '- item', '> quote', '    code']) {
      const blocks = markdownToBlocks(escapeMarkdown(value));
      expect(blocks.map((b) => b.type)).toEqual(['paragraph']);
      expect(textOf(blocks)).toBe(value.trim());
    }
  });

  it('the full fixture letter shows every hostile value as written', async () => {
    const doc = composeLetter(await specFrom(fixture('valid/full.yaml')));
    const text = textOf(doc.blocks);
    expect(text).toContain('*bold* [x](http://example.test) # heading {{constructor}} <b>html</b>');
    expect(text).toContain('Results with *bold* and [x](http://example.test) and {{constructor}}.');
    expect(text).toContain('REF/2027/{{constructor}}');
    expect(text).toContain('1. # heading');
    expect(doc.blocks.some((b) => b.type === 'heading' && plainText(b.children) === '1. # heading')).toBe(true);
  });
});

describe('the data-request letter', () => {
  it('states what the guide asks a request to be specific about', async () => {
    const doc = composeLetter(await specFrom(fixture('valid/full.yaml')));
    const text = textOf(doc.blocks);
    for (const expected of [
      'kod_obwodu', '`code`', 'voter_id', 'birth_date', 'national_id', // every field name
      'a semicolon (";") between fields', "double quotes ('\"') around text that contains one", 'a comma (",") as the decimal separator',
      'CSV (delimited text) in Windows-1250', 'TSV (tab-separated values) in UTF-8', 'a tab ("\\t") between fields',
      'from 1 January 2027 to 28 February 2027', 'as the data stands on 15 February 2027',
      'Detail: figures for each polling station, from 1 January 2027', 'Needed by: 15 April 2027', 'Totals per gmina', 'Esri File Geodatabase',
      'Maria Nowak', 'National Electoral Office', 'Department of IT', 'Jan Kowalski', 'President',
      'Ένωση Παρατηρητών Αθήνα', 'Γιώργος Παπαδόπουλος', 'Громадська мережа Київ', 'Łódź',
      'public affairs: articles 19 and 25 of the International Covenant on Civil and Political Rights.¹', '¹ International Covenant on Civil and Political Rights, article 19(2)',
      'Open Government Partnership', 'PL0001 Open data on elections', 'Act on Access to Public Information',
      'Results for each polling station let anyone check the tally', 'Independent checks of the register', 'Open boundary data',
      'You may leave out the field national_id, and mask or pseudonymise the field birth_date.', 'You may leave out voters whom the law protects',
      'If you release national_id and birth_date in full, we undertake to store them securely', 'delete them by 31 December 2027',
      'welcome a meeting', 'Zofia Wójcik', 'zofia@example.test',
    ]) expect(text).toContain(expected);
    // addressed to a Department of IT: no primer on CSV files (letter.annex: auto)
    expect(text).not.toContain('Annex: the file format in plain words');
    expect(doc.meta).toMatchObject({ title: expect.stringContaining('Łódź'), author: 'Fundacja Obserwatorów Wyborów "Łódź"', language: 'en', date: '2027-03-01', pageLabel: 'Page {page} of {pages}' });
  });

  it('puts the requested fields in a table with a header row', async () => {
    const doc = composeLetter(await specFrom(fixture('valid/full.yaml')));
    const table = doc.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.header.map(plainText)).toEqual(['Field', 'What it holds', 'Required']);
    expect(table?.type === 'table' && table.rows.map((r) => plainText(r[2]!))).toEqual(['yes', '–']);
    expect(table?.type === 'table' && table.rows.map((r) => plainText(r[0]!))).toEqual(['kod_obwodu', '`code`']);
  });

  it('leaves out the privacy section and annex when they do not apply', async () => {
    const spec = await specFrom(join(fixture('..'), '../templates/starter.yaml'));
    const text = textOf(composeLetter(spec).blocks);
    expect(text).not.toContain('Personal data');
    // the starter writes to a Director of Information Technology: auto leaves the annex out
    expect(text).not.toContain('Annex');
    expect(textOf(composeLetter({ ...spec, letter: { ...spec.letter, annex: 'always' } }).blocks)).toContain('Annex: the file format in plain words');
  });
});

describe('the FoI filing', () => {
  it('is formal and short: statute, records, format, fees, identity', async () => {
    const spec = await specFrom(fixture('valid/full.yaml'));
    const doc = composeLetter({ ...spec, letter: { ...spec.letter, kind: 'foi-request' } });
    const text = textOf(doc.blocks);
    expect(text).toContain('asks, under Act on Access to Public Information of 6 September 2001, for access to the records listed below, held by the National Electoral Office.');
    expect(text).not.toContain('Request for information under');
    expect(text).toContain('Item 1: # heading');
    expect(text).toContain('We ask that any charges be waived. The data is for non-commercial public-interest use.');
    expect(text).toContain('up to PLN 100');
    expect(text).toContain('please release the rest');
    expect(text).not.toContain('Requester:');
    expect(text).not.toContain('Annex');
    expect(text).not.toContain('International Covenant');
  });
});

describe('templates', () => {
  it('documents exactly the variables the context has', async () => {
    const spec = await specFrom(fixture('valid/full.yaml'));
    const followUp = { ...spec, letter: { ...spec.letter, kind: 'follow-up' as const }, earlier_request: { sent_on: '2027-01-10', response: 'none' as const } };
    // An appeal with every optional key a letter reads: standing, identification, the refusal.
    const appeal = {
      ...spec, letter: { ...spec.letter, kind: 'appeal' as const },
      requester: { ...spec.requester, standing: { basis: 'citizen' as const }, identification: { document: 'ID card', number: '1' } },
      earlier_request: { sent_on: '2027-01-10', response: 'refused' as const, refusal: { ground: 'cost' as const, provision: 's.1', reason: 'r', withheld: 'w', answer: 'a' } },
    };
    const words = loadTemplates('en').words;
    const context = [buildContext(spec, words), buildContext(followUp, words), buildContext(appeal, words)];
    const paths = new Set<string>();
    const walk = (v: unknown, path: string) => {
      if (path === 'words') return void paths.add(path);
      if (Array.isArray(v)) {
        if (v.length && typeof v[0] === 'object') for (const item of v) walk(item, `${path}[]`);
        else paths.add(path);
        return;
      }
      if (v && typeof v === 'object') {
        if (path) paths.add(path);
        for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
      } else paths.add(path);
    };
    for (const c of context) walk(c, '');
    const documented = new Set(Object.keys(contextVariables));
    // Objects are documented when the template can test them (`{{#if ogp}}`); their keys always are.
    const undocumented = [...paths].filter((p) => !documented.has(p) && !Object.keys(contextVariables).some((d) => d.startsWith(`${p}.`) || d.startsWith(`${p}[]`)));
    expect(undocumented).toEqual([]);
    expect([...documented].filter((d) => !paths.has(d))).toEqual([]);
  });

  it('a --template-dir partial overrides the built-in one by name', async () => {
    const tmp = tempDir();
    try {
      mkdirSync(join(tmp.path, 'partials'));
      writeFileSync(join(tmp.path, 'partials', 'rights.md.hbs'), 'Our house wording for {{recipient.institution}}.\n');
      const doc = composeLetter(await specFrom(fixture('valid/full.yaml')), { templateDir: tmp.path });
      const text = textOf(doc.blocks);
      expect(text).toContain('Our house wording for National Electoral Office.');
      expect(text).not.toContain('public affairs: articles 19 and 25');
    } finally { tmp.done(); }
  });

  it('a --template-dir words.yaml replaces single words and keeps the rest', async () => {
    const tmp = tempDir();
    try {
      writeFileSync(join(tmp.path, 'words.yaml'), 'phrases:\n  closing: With kind regards,\n  page_label: "Strona {page} z {pages}"\n');
      const doc = composeLetter(await specFrom(fixture('valid/full.yaml')), { templateDir: tmp.path });
      const text = textOf(doc.blocks);
      expect(text).toContain('With kind regards,');
      expect(text).not.toContain('Yours sincerely');
      expect(text).toContain('Our reference: REF/2027/{{constructor}}');
      expect(doc.meta.pageLabel).toBe('Strona {page} z {pages}');
    } finally { tmp.done(); }
  });

  it.each([
    ['a missing variable', 'line one\n\nDear {{recipient.nmae}},\n', 3, 8, 'the template uses `recipient.nmae`, which the letter context does not have (see `oedr templates`)'],
    // Strict mode alone lets these through (they would render as nothing).
    ['a missing list given to #each', 'Hi\n\n{{#each nope}}x{{/each}}\n', 3, 9, 'the template uses `nope`, which the letter context does not have (see `oedr templates`)'],
    ['a missing value given to #if', 'Hi {{#if letter.nosuch}}y{{/if}}\n', 1, 10, 'the template uses `letter.nosuch`, which the letter context does not have (see `oedr templates`)'],
    ['a built-in block helper alone, without its argument', 'Hi {{each}}\n', 1, 6, 'the template uses `each`, which the letter context does not have (see `oedr templates`)'],
    ['an unknown helper', 'Hi\n{{shout recipient.institution}}\n', 2, 1, 'unknown helper `shout`; templates may use: digits, inflect, join, sentence'],
    ['a syntax error', 'a\n{{#each datasets}}\n{{/eahc}}\n', 2, 4, "each doesn't match eahc"],
  ])('%s is an error naming the template file, line and column', async (_what, source, line, col, message) => {
    const tmp = tempDir();
    try {
      writeFileSync(join(tmp.path, 'data-request.md.hbs'), source);
      const spec = await specFrom(fixture('valid/full.yaml'));
      let error: unknown;
      try { composeLetter(spec, { templateDir: tmp.path }); } catch (e) { error = e; }
      expect(error).toBeInstanceOf(OedrError);
      expect((error as OedrError).diagnostics).toEqual([{
        severity: 'error', rule: 'template', message, file: join(tmp.path, 'data-request.md.hbs'), line, col,
      }]);
    } finally { tmp.done(); }
  });

  it('a language without templates is a clear error', async () => {
    const spec = await specFrom(fixture('valid/full.yaml'));
    expect(() => composeLetter({ ...spec, letter: { ...spec.letter, language: 'sw' } })).toThrow(/no letter templates for language "sw" \(available: (?:[A-Za-z-]+, )*en(?:, [A-Za-z-]+)*\)/); // every built-in folder, en among them
    expect(composeLetter({ ...spec, letter: { ...spec.letter, language: 'en-KE' } }).meta.language).toBe('en-KE');
  });
});

describe('wording that depends on the spec', () => {
  it('greets with the salutation, and never doubles a full stop after text set inside a sentence', async () => {
    const spec = await specFrom(fixture('valid/full.yaml'));
    const doc = composeLetter({
      ...spec,
      recipient: { ...spec.recipient, salutation: 'Dr Nowak' },
      fees: { waiver_requested: true, reason: 'We are a non-profit.', will_pay_up_to: 'PLN 100' },
      letter: { ...spec.letter, kind: 'foi-request' },
    });
    const text = textOf(doc.blocks);
    expect(text).toContain('Dear Dr Nowak,');
    expect(text).toContain('We ask that any charges be waived. We are a non-profit. We will pay reasonable charges of up to PLN 100;');
    expect(text).not.toMatch(/\.\./);
  });

  it('offers the written undertaking only when the spec says so', async () => {
    const spec = await specFrom(fixture('valid/full.yaml'));
    const withoutPromise = {
      ...spec,
      datasets: spec.datasets.map((d) => (d.privacy ? { ...d, privacy: { ...d.privacy, undertaking: false } } : d)),
    };
    const text = textOf(composeLetter(withoutPromise).blocks);
    expect(text).toContain('mask or pseudonymise the field birth_date. We will delete the personal data by 31 December 2027.');
    expect(text).not.toContain('undertake');
    expect(textOf(composeLetter(spec).blocks)).toContain('We are ready to sign a written undertaking to this effect.');
  });
});

describe('dates', () => {
  it('are written from words.yaml, the same under any ICU data or time zone', async () => {
    const { formatDate } = await import('../../src/compose/context.js');
    const words = loadTemplates('en').words;
    expect(formatDate('2027-03-01', words)).toBe('1 March 2027');
    expect(formatDate('2026-12-31', words)).toBe('31 December 2026');
    expect(formatDate('2028-02-29', { date_format: '{day}.{month}.{year}', months: ['I', 'II', 'III'] })).toBe('29.II.2028');
  });
});
