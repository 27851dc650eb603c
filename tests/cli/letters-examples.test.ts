// The examples as the official reads them (review sections 1 and 5, issue 16): drafted to PDF, DOCX
// and Markdown, read back, checked for each quoted defect, the greeting, the privacy undertaking
// and the length (pages counted in the PDF, up to the annex).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo, root, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const flat = (s: string) => s.replace(/\s+/g, ' ');
const letters = ['polling-station-results', 'voter-registration-statistics', 'campaign-finance-foi', 'results-2027-nairobi', 'results-2027-coast'];
const text: Record<string, string[]> = {};
const pages: Record<string, string[]> = {};

beforeAll(async () => {
  for (const s of ['polling-station-results.yaml', 'voter-registration-statistics.yaml', 'campaign-finance-foi.yaml', 'batch']) {
    expect(await main(['draft', join(root, 'examples', s), '--format', 'md,pdf,docx', '--out', tmp.path], captureIo())).toBe(0);
  }
  for (const l of letters) {
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(join(tmp.path, `${l}.pdf`))));
    pages[l] = (await extractText(pdf, { mergePages: false })).text as string[];
    const md = readFileSync(join(tmp.path, `${l}.md`), 'utf8').replace(/(?<!\\)\*\*/g, '').replace(/\\([\s\S])/g, '$1');
    const docx = (await mammoth.extractRawText({ buffer: readFileSync(join(tmp.path, `${l}.docx`)) })).value;
    text[l] = [flat(md), flat(pages[l].join('\n')), flat(docx)];
  }
}, 60_000);

/** Review section 5, quote by quote: none occurs in any format of any example letter. */
const quotes: [string, string][] = [
  ['1', 'responsibly and accurately'],
  ['2', 'data that arrives in a format that computers can read'],
  ['3', 'Please provide the data by email. office@openpollswatch.example.'],
  ['3', 'A link to the file sent to'],
  ['4', '(Data category:'],
  ['5', 'For example: Požarevac.'],
  ['6', 'Required in every row.'],
  ['7', 'we also request these totals'],
  ['7', 'we also request any record that describes these records'],
  ['8', 'we agree that these fields may be left out'],
  ['8', 'For item 1, we agree'],
  ['10', 'Under the Access to Information Act, 2016, a response is due'],
  ['lecturing', 'which binds every State party'],
  ['generic benefits', 'Public confidence:'],
  ['format said twice', 'In technical terms:'],
  ['requester block', 'Requester:'],
  ['contradiction', 'CSV (comma-separated values), UTF-8, column names in the first row, a semicolon'],
];

describe('the examples, read back', () => {
  it.each(quotes)('review §5 quote %s no longer occurs: %s', (_n, quote) => {
    for (const l of letters) for (const t of text[l]!) expect(t, `${l}`).not.toContain(quote);
  });

  it('greets by honorific and surname, and asks the institution with its article', () => {
    for (const t of text['polling-station-results']!) expect(t).toContain('Dear Ms Kamau, Citizens\' Election Watch, with the organisations that co-sign this letter, asks the National Electoral Commission for one dataset');
    for (const t of text['campaign-finance-foi']!) expect(t).toContain('Dear Dr Owino,');
  });

  it('the FoI filing does not repeat its subject as a heading, and the subject line appears once', () => {
    for (const t of text['campaign-finance-foi']!) {
      expect(t).not.toContain('Request for information under');
      expect(t.split('Request under the Access to Information Act for campaign donations').length - 1).toBe(1);
    }
  });

  it('the campaign-finance undertaking never covers donor names, which stay public', () => {
    for (const t of text['campaign-finance-foi']!) {
      expect(t).toContain('If you release donor_national_id and donor_address in full, we undertake to store them securely, use them only for this purpose and not publish them');
      expect(t).toContain('The field donor_name holds information meant to be public, which the undertaking does not cover.');
    }
  });

  it('a Required column, not a sentence in every row', () => {
    for (const t of text['polling-station-results']!) expect(t).toMatch(/Field\W+What it holds\W+Required/);
  });

  it('benefits are tied to the data asked for, and the treaties come from the country', () => {
    for (const t of text['polling-station-results']!) {
      expect(t).toContain('Results for each polling station let anyone check the tally');
      expect(t).toContain("article 9 of the African Charter on Human and Peoples' Rights");
    }
    for (const t of text['voter-registration-statistics']!) {
      expect(t).toContain('Registration figures by area show where registration lags');
      expect(t).toContain('article 10 of the European Convention on Human Rights');
      expect(t).toContain('CSV (delimited text) in UTF-8');
    }
  });

  /** Pages up to the annex ("Annex: the file format in plain words" starts a page). */
  const beforeAnnex = (l: string) => pages[l]!.findIndex((p) => p.includes('Annex: the file format')) === -1 ? pages[l]!.length : pages[l]!.findIndex((p) => p.includes('Annex: the file format'));

  it('the FoI filing fits on two pages, and every one-dataset data request on two before the annex', () => {
    expect(pages['campaign-finance-foi']!.length).toBeLessThanOrEqual(2);
    // the 12-field polling-station request and the voter-registration request, each with two co-signers and a treaty note
    for (const l of ['polling-station-results', 'voter-registration-statistics', 'results-2027-nairobi', 'results-2027-coast']) expect(beforeAnnex(l), l).toBeLessThanOrEqual(2);
    const last = flat(pages['polling-station-results']![1]!);
    for (const s of ['Totals, to check the detail against:', 'Documentation:', 'Why it matters', 'Yours sincerely,', 'Kevin Kiprono', '¹ International Covenant']) expect(last).toContain(s);
  });
});
