// The examples as the official receives them, measured by reading the drafted PDFs back: no page
// holds fewer than five lines of text except the last page of an annex, the treaty note stands on
// the page of the signatures, and every signer (the signatory and each co-signer) has a signature
// line on the page of the closing, in PDF and DOCX.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hasSoffice, root, runCli, tempDir } from '../helpers.js';
import { pageLines } from '../pdf-pages.js';

const ANNEX = 'Annex: the file format in plain words';
let dir: { path: string; done: () => void };
beforeAll(async () => {
  dir = tempDir();
  for (const spec of ['campaign-finance-foi', 'polling-station-results', 'voter-registration-statistics', 'batch']) {
    const r = await runCli('draft', join(root, 'examples', spec === 'batch' ? 'batch' : `${spec}.yaml`), '--format', 'pdf,docx', '--out', dir.path);
    expect(r.code, r.err).toBe(0);
  }
}, 120_000);
afterAll(() => dir.done());

const signers = (example: string): string[] => {
  const s = parse(readFileSync(join(root, 'examples', `${example}.yaml`), 'utf8'));
  return [s.requester.signatory.name, ...(s.requester.co_signers ?? []).map((c: { signatory?: { name: string } }) => c.signatory?.name)].filter(Boolean);
};

describe('the examples, read back from their PDFs', () => {
  it('have no page with fewer than five lines of text, except the last page of an annex', async () => {
    const pdfs = readdirSync(dir.path).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBe(7);
    for (const f of pdfs) {
      const pages = await pageLines(new Uint8Array(readFileSync(join(dir.path, f))));
      const annex = pages.findIndex((l) => l.includes(ANNEX));
      pages.forEach((lines, i) => {
        const lastOfAnnex = annex >= 0 && i === pages.length - 1;
        if (!lastOfAnnex) expect(lines.length, `${f} page ${i + 1}: ${lines.join(' / ')}`).toBeGreaterThanOrEqual(5);
      });
    }
  });

  it('keep the treaty note whole on the page of the signatures', async () => {
    for (const f of readdirSync(dir.path).filter((x) => x.endsWith('.pdf'))) {
      const pages = await pageLines(new Uint8Array(readFileSync(join(dir.path, f))));
      const closing = pages.findIndex((l) => l.includes('Yours sincerely,'));
      const notes = pages.flatMap((l, i) => (l.some((s) => s.startsWith('¹ ')) ? [i] : []));
      if (f.startsWith('campaign-finance-foi')) expect(notes, f).toEqual([]); // an FoI filing cites no treaty
      else {
        expect(notes, f).toEqual([closing]);
        // its last words are there too: the note did not run on to the next page
        expect(pages[closing]!.join(' '), f).toMatch(/(principles 26 to 29|no\. 18030\/11, 2016)\.?$/);
      }
    }
  });

  it('put every signer on the page of the closing, each with a signature line (PDF and DOCX)', async () => {
    for (const example of ['campaign-finance-foi', 'polling-station-results', 'voter-registration-statistics']) {
      const names = signers(example);
      const pages = await pageLines(new Uint8Array(readFileSync(join(dir.path, `${example}.pdf`))));
      const closing = pages.findIndex((l) => l.includes('Yours sincerely,'));
      for (const name of names) expect(pages[closing]!.join(' '), `${example}: ${name}`).toContain(name);
      // one stroked line per signer, drawn as a layout artifact on that page
      const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(join(dir.path, `${example}.docx`))))['word/document.xml']!);
      const table = xml.slice(xml.lastIndexOf('<w:tbl>'));
      expect(table.match(/<w:pBdr><w:bottom w:val="single"/g)?.length, example).toBe(names.length);
      expect(table).toContain('<w:cantSplit/>');
      for (const name of names) expect(table).toContain(name.replaceAll("'", '&apos;'));
    }
  });
});

// LibreOffice lays out the DOCX much as Word does; slow, so only where it is installed.
describe.skipIf(!hasSoffice())('the examples\' DOCX, laid out by LibreOffice', () => {
  it('are two pages before the annex, with the note whole on the page of the signatures', { timeout: 180_000 }, async () => {
    const lo = join(dir.path, 'lo');
    mkdirSync(lo);
    const names = ['polling-station-results', 'voter-registration-statistics', 'campaign-finance-foi', 'results-2027-nairobi'];
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', lo, ...names.map((n) => join(dir.path, `${n}.docx`))], { stdio: 'ignore', timeout: 170_000 });
    for (const n of names) {
      const pages = await pageLines(new Uint8Array(readFileSync(join(lo, `${n}.pdf`))));
      const annex = pages.findIndex((l) => l.includes(ANNEX));
      const closing = pages.findIndex((l) => l.includes('Yours sincerely,'));
      expect(annex < 0 ? pages.length : annex, n).toBeLessThanOrEqual(2);
      expect(closing, n).toBe((annex < 0 ? pages.length : annex) - 1);
      if (n !== 'campaign-finance-foi') expect(pages[closing]!.join(' '), n).toMatch(/(principles 26 to 29|no\. 18030\/11, 2016)\.?$/);
    }
  });
});
