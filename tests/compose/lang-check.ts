// What the per-language letter tests share: a spec under a law with no letter.language (the law
// chooses), written in the law's language, drafted by the CLI, and read back from the PDF (unpdf), the DOCX (mammoth) and Markdown.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { expect } from 'vitest';
import { root, runCli } from '../helpers.js';

export const KINDS = ['data-request', 'foi-request', 'follow-up', 'appeal'] as const;
const EARLIER = 'earlier_request: { reference: REF/2027/001, sent_on: 2027-02-01, response: refused, response_date: 2027-02-20 }';

/** Words only an English template writes; none may be left in a letter in another language. */
const ENGLISH = ['Dear ', 'Yours sincerely', 'Our reference', 'Page 1 of', 'on behalf of', 'Request for information under', 'Please quote', 'Appeal under', 'We have received', 'The data we asked for'];

/** The fixture `tests/fixtures/letters/<fixture>.yaml` (written in the law's language) as `kind`. */
export function lawSpec(dir: string, name: string, fixture: string, kind: string, extra = ''): string {
  const source = readFileSync(join(root, 'tests/fixtures/letters', `${fixture}.yaml`), 'utf8').replace(/\n {2}kind: foi-request/, `\n  kind: ${kind}`);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `${source}\n${kind === 'follow-up' || kind === 'appeal' ? EARLIER : ''}\n${extra}`);
  return file;
}

/** English words no Romanian or Serbian sentence has: any left is an untranslated template word. */
const ENGLISH_WORD = /\b(the|of|and|to|for|we|our|your|please|request|dear|yours|page|appeal|under|with|from|by|fees|item)\b/i;

/** No English template phrase and no English word in a letter whose spec is written in another language. */
export function expectNoEnglish(text: string, label: string): void {
  for (const english of ENGLISH) expect(text, `${label}: ${english}`).not.toContain(english);
  const hit = ENGLISH_WORD.exec(text);
  expect(hit && text.slice(Math.max(0, hit.index - 40), hit.index + 40), label).toBeNull();
}

export const pdfPages = async (file: string): Promise<string[]> =>
  (await extractText(await getDocumentProxy(new Uint8Array(readFileSync(file))), { mergePages: false })).text;
export const docxText = async (file: string) => (await mammoth.extractRawText({ path: file })).value;
export const flat = (s: string) => s.replace(/\s+/g, ' ');

/** Drafts `spec` as PDF, DOCX and Markdown into `out`; the three texts, read back, whitespace folded. */
export async function draftAll(spec: string, out: string, ...args: string[]) {
  const r = await runCli('draft', spec, '--format', 'pdf,docx,md', '--out', out, '--no-annex', ...args);
  expect(r.code, r.err).toBe(0);
  const base = join(out, spec.split('/').pop()!.replace(/\.yaml$/, ''));
  const pages = await pdfPages(`${base}.pdf`);
  return {
    pages,
    pdf: flat(pages.join('\n')),
    docx: flat(await docxText(`${base}.docx`)),
    md: flat(readFileSync(`${base}.md`, 'utf8').replace(/\\([\s\S])/g, '$1')),
    base,
  };
}

/** `--reading-copy en` beside the letter: the copy's Markdown and the letter's. */
export async function readingCopy(dir: string, spec: string): Promise<{ copy: string; letter: string }> {
  const name = spec.split('/').pop()!.replace(/\.yaml$/, '');
  const out = join(dir, `copy-${name}`);
  const r = await runCli('draft', spec, '--format', 'md', '--out', out, '--no-annex', '--reading-copy', 'en');
  expect(r.code, r.err).toBe(0);
  return { copy: readFileSync(join(out, `${name}.reading-copy-en.md`), 'utf8'), letter: readFileSync(join(out, `${name}.md`), 'utf8') };
}

/** Drafts `spec` twice into separate folders and expects the same PDF, DOCX and Markdown bytes. */
export async function expectSameBytes(dir: string, spec: string): Promise<void> {
  const name = spec.split('/').pop()!.replace(/\.yaml$/, '');
  const [a, b] = [join(dir, `same-a-${name}`), join(dir, `same-b-${name}`)];
  for (const out of [a, b]) expect((await runCli('draft', spec, '--format', 'pdf,docx,md', '--out', out, '--no-annex')).code).toBe(0);
  for (const ext of ['pdf', 'docx', 'md']) expect(readFileSync(join(a, `${name}.${ext}`)).equals(readFileSync(join(b, `${name}.${ext}`))), ext).toBe(true);
}

/**
 * `oedr check --follow-up` of `delivered` (CSV text) against the fixture: the follow-up letter as
 * PDF, DOCX and Markdown, read back, whitespace folded, Markdown's bold and escapes removed.
 */
export async function checkFollowUp(dir: string, fixture: string, delivered: string) {
  const csv = join(dir, `${fixture}-delivered.csv`);
  writeFileSync(csv, delivered);
  const out = join(dir, `check-${fixture}`);
  const r = await runCli('check', csv, '--against', join(root, 'tests/fixtures/letters', `${fixture}.yaml`), '--follow-up', '--format', 'md,pdf,docx', '--out', out, '--date', '2027-09-01');
  expect(r.code, r.err).toBe(1);
  const base = join(out, `${fixture}-check-follow-up`);
  return {
    pdf: flat((await pdfPages(`${base}.pdf`)).join('\n')),
    docx: flat(await docxText(`${base}.docx`)),
    md: flat(readFileSync(`${base}.md`, 'utf8').replace(/(?<!\\)\*\*/g, '').replace(/\\([\s\S])/g, '$1')),
  };
}
