// The checks every language with its own script and digits gets (tests/compose/lang-<code>.test.ts):
// a fixture spec written in the language, drafted as each kind with no letter.language, read back
// from the PDF (unpdf, page by page), the DOCX (mammoth) and the Markdown.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { root, runCli } from '../helpers.js';

/** Words only an English template writes; none may be left in a letter in another language. */
export const ENGLISH = ['Dear ', 'Yours sincerely', 'Our reference', 'Page 1 of', 'on behalf of', 'Request for information under',
  'Please quote', 'Appeal under', 'We have received', 'The data we asked for', 'Right to Information Act', 'section ', ' under ',
  'Translation for', 'Sir or Madam', 'as held'];

export const pdfPages = async (file: string): Promise<string[]> =>
  (await extractText(await getDocumentProxy(new Uint8Array(readFileSync(file))), { mergePages: false })).text;
export const docxText = async (file: string): Promise<string> => (await mammoth.extractRawText({ path: file })).value;
/** Text without whitespace: a PDF breaks lines anywhere, and pdf.js may drop a space between scripts. */
export const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Markdown's heading and bold markers taken off, for finding the words in a PDF or DOCX. */
export const plain = (s: string) => s.replace(/^#+ /, '').replace(/\*\*/g, '');

/** The fixture `name` (tests/fixtures/languages) as `kind`, written to `dir`, with `extra` YAML appended. */
export function kindSpec(dir: string, name: string, kind: string, extra = ''): string {
  const source = readFileSync(join(root, 'tests/fixtures/languages', `${name}.yaml`), 'utf8').replace(/\n {2}kind: foi-request\n/, `\n  kind: ${kind}\n`);
  const file = join(dir, `${name}-${kind}.yaml`);
  writeFileSync(file, `${source}\n${extra}\n`);
  return file;
}

export interface Drafted { pages: string[]; pdf: string; docx: string; md: string; err: string; pdfBytes: Buffer }

/** `oedr draft` of a spec as PDF, DOCX and Markdown, read back; `args` go after the spec. */
export async function draftAll(file: string, out: string, ...args: string[]): Promise<Drafted> {
  const r = await runCli('draft', file, '--format', 'pdf,docx,md', '--out', out, '--no-annex', ...args);
  if (r.code !== 0) throw new Error(`draft ${file} exited ${r.code}: ${r.err}`);
  const base = join(out, file.replace(/^.*\//, '').replace(/\.yaml$/, ''));
  const pages = await pdfPages(`${base}.pdf`);
  return { pages, pdf: pages.join('\n'), docx: await docxText(`${base}.docx`), md: readFileSync(`${base}.md`, 'utf8'), err: r.err, pdfBytes: readFileSync(`${base}.pdf`) };
}

/** Whether `inner` occurs in `outer` as a contiguous run (a word's glyphs inside a letter's). */
export function containsRun(outer: number[], inner: number[]): boolean {
  if (!inner.length) return false;
  for (let i = 0; i + inner.length <= outer.length; i++) if (inner.every((g, j) => outer[i + j] === g)) return true;
  return false;
}

/**
 * Whether the PDF text `pdf` holds `want`, read as pdf.js reads Devanagari and Bangla: in glyph
 * order (ि drawn before its consonant, reph after the cluster), since it ignores the ActualText
 * that gives the logical order. Reordering stays inside a syllable, so some stretch of the same
 * length holds exactly the same characters; whitespace is left out on both sides.
 */
export function containsInGlyphOrder(pdf: string, want: string): boolean {
  // Two-part vowel signs (ো, ৌ) are drawn as their two halves and read back as such: NFD on both sides.
  const norm = (s: string) => squeeze(s).normalize('NFD');
  const [text, w] = [norm(pdf), norm(want)];
  const key = (s: string) => [...s].sort().join('');
  const target = key(w);
  const n = [...w].length;
  const chars = [...text];
  for (let i = 0; i + n <= chars.length; i++) if (key(chars.slice(i, i + n).join('')) === target) return true;
  return false;
}

/** `file` drafted into two folders: for each format, whether the two have the same bytes. */
export async function draftTwice(file: string, dir: string): Promise<[string, boolean][]> {
  const [a, b] = [join(dir, 'same-a'), join(dir, 'same-b')];
  await draftAll(file, a);
  await draftAll(file, b);
  const stem = file.replace(/^.*\//, '').replace(/\.yaml$/, '');
  return ['pdf', 'docx', 'md'].map((ext) => [ext, readFileSync(join(a, `${stem}.${ext}`)).equals(readFileSync(join(b, `${stem}.${ext}`)))]);
}

/** The letter's Markdown and its English reading copy's (`--reading-copy en`). */
export async function readingCopy(file: string, out: string): Promise<{ letter: string; copy: string }> {
  const d = await draftAll(file, out, '--reading-copy', 'en');
  const stem = file.replace(/^.*\//, '').replace(/\.yaml$/, '');
  return { letter: d.md, copy: readFileSync(join(out, `${stem}.reading-copy-en.md`), 'utf8') };
}

/**
 * `oedr check --follow-up` of `csv` (its text) against the fixture `name`: the exit code, and the
 * letter's Markdown (without bold markers and escapes) and PDF text.
 */
export async function checkFollowUp(dir: string, name: string, csv: string): Promise<{ code: number; err: string; md: string; pdf: string }> {
  const spec = join(dir, `${name}.yaml`);
  writeFileSync(spec, readFileSync(join(root, 'tests/fixtures/languages', `${name}.yaml`), 'utf8'));
  const data = join(dir, 'delivered.csv');
  writeFileSync(data, csv);
  const out = join(dir, 'check');
  const r = await runCli('check', data, '--against', spec, '--follow-up', '--format', 'md,pdf', '--out', out, '--date', '2027-09-01');
  if (r.code === 2) return { code: r.code, err: r.err, md: '', pdf: '' };
  const md = readFileSync(join(out, `${name}-check-follow-up.md`), 'utf8').replace(/(?<!\\)\*\*/g, '').replace(/\\([\s\S])/g, '$1');
  return { code: r.code, err: r.err, md, pdf: (await pdfPages(join(out, `${name}-check-follow-up.pdf`))).join('\n') };
}
