// Shared by the per-language letter tests (lang-*.test.ts): draft a fixture spec as one kind of
// letter, and read the result back from the PDF (unpdf, per page), the DOCX (mammoth) and Markdown.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { runCli } from '../helpers.js';

/** Words only an English template writes; none may be left in a letter in another language. */
export const ENGLISH = ['Dear ', 'Yours sincerely', 'Our reference', 'Page 1 of', 'on behalf of', 'Request for information under', 'Please quote', 'Appeal under', 'We have received', 'The data we asked for', ' under ', ' the law ', 'working days', 'Sir or Madam'];

export const pdfPages = async (file: string) => (await extractText(await getDocumentProxy(new Uint8Array(readFileSync(file))), { mergePages: false })).text;
export const docxText = async (file: string) => (await mammoth.extractRawText({ path: file })).value;
export const squeeze = (s: string) => s.replace(/\s+/g, ' ');

/** An earlier request for follow-ups and appeals: unanswered, or refused citing `provision`. */
const earlier = (kind: string, provision: string) => (kind === 'follow-up'
  ? 'earlier_request: { reference: 012/2027, sent_on: 2027-02-01, response: none }'
  : `earlier_request: { reference: 012/2027, sent_on: 2027-03-01, response: refused, response_date: 2027-04-01, refusal: { ground: personal-data, provision: "${provision}" } }`);

/**
 * `fixture` as a letter of `kind` (with an earlier request for a follow-up or appeal), drafted by
 * `oedr draft` into `dir` in PDF, DOCX and Markdown; extra arguments go to the command line.
 */
export async function draftKind(fixture: string, kind: string, dir: string, provision: string, ...args: string[]) {
  const source = readFileSync(fixture, 'utf8').replace(/\n {2}kind: foi-request[^\n]*/, `\n  kind: ${kind}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${kind}.yaml`);
  writeFileSync(file, kind === 'follow-up' || kind === 'appeal' ? `${source}${earlier(kind, provision)}\n` : source);
  const out = join(dir, `out-${kind}`);
  const r = await runCli('draft', file, '--format', 'pdf,docx,md', '--out', out, ...args);
  if (r.code !== 0) throw new Error(`${kind}: ${r.err}`);
  const at = (ext: string) => join(out, `${kind}.${ext}`);
  return { out, pages: await pdfPages(at('pdf')), docx: await docxText(at('docx')), md: readFileSync(at('md'), 'utf8'), pdfBytes: readFileSync(at('pdf')), docxBytes: readFileSync(at('docx')) };
}

/**
 * `oedr check --follow-up` of a delivery (`csv`, its text) against the data request drafted in `dir`
 * (by draftKind), dated 1 September 2027: the follow-up letter's PDF text, white space folded.
 */
export async function checkFollowUp(dir: string, out: string, csv: string): Promise<string> {
  const delivered = join(dir, 'delivered.csv');
  writeFileSync(delivered, csv);
  const r = await runCli('check', delivered, '--against', join(dir, 'data-request.yaml'), '--follow-up', '--format', 'md,pdf', '--out', out, '--date', '2027-09-01');
  if (r.code !== 1) throw new Error(`check exited ${r.code}: ${r.err}`);
  return squeeze((await pdfPages(join(out, 'data-request-check-follow-up.pdf'))).join('\n'));
}
