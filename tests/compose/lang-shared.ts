// What the per-language letter tests (lang-*.test.ts) share: a fixture spec made into each kind of
// letter, drafted or checked by the CLI in-process, read back from the PDF (unpdf), the DOCX
// (mammoth) and the Markdown; the English a letter in another language must not keep.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { fixture, root, runCli } from '../helpers.js';
import { pageLines } from '../pdf-pages.js';

export const KINDS = ['data-request', 'foi-request', 'follow-up', 'appeal'] as const;

/** Whitespace as one plain space: PDF text breaks lines anywhere, and French puts no-break spaces before colons. */
export const flat = (s: string) => s.replace(/\s+/g, ' ');
/** Without any whitespace: a DOCX's line breaks in the address block read as nothing, and pdf.js may drop a space between scripts. */
export const squeeze = (s: string) => s.replace(/\s+/g, '');
/** Markdown as a reader sees it: without its bold marks and escapes. */
export const unmark = (md: string) => md.replace(/(?<!\\)\*\*/g, '').replace(/\\([\s\S])/g, '$1');
/** A Markdown phrase (a heading, bold) as the PDF and DOCX show it. */
export const plain = (s: string) => s.replace(/^#+ /, '').replace(/\*\*/g, '');

export const pdfPages = async (file: string): Promise<string[]> =>
  (await extractText(await getDocumentProxy(new Uint8Array(readFileSync(file))), { mergePages: false })).text;
export const docxText = async (file: string): Promise<string> => (await mammoth.extractRawText({ path: file })).value;

/** The PDF's text without its page footers, folded: a sentence running over a page break reads whole. */
export const bodyText = async (file: string): Promise<string> => flat((await pageLines(new Uint8Array(readFileSync(file)))).flat().join(' '));

/** One letter read back from its three files. */
export interface Drafted {
  /** As a reader sees them: whitespace folded (flat), the Markdown unmarked. */
  pdf: string;
  docx: string;
  md: string;
  /** The PDF's pages, each folded. */
  pages: string[];
  /** As extracted (the PDF's pages joined by line breaks) and, for the Markdown, as written. */
  raw: { pdf: string; docx: string; md: string };
  files: { pdf: string; docx: string; md: string };
  /** What the command wrote to stderr (warnings). */
  err: string;
}

/** The letter at `base` (its path without extension) as PDF, DOCX and Markdown, read back. */
export async function readBack(base: string, err = ''): Promise<Drafted> {
  const files = { pdf: `${base}.pdf`, docx: `${base}.docx`, md: `${base}.md` };
  const pages = await pdfPages(files.pdf);
  const raw = { pdf: pages.join('\n'), docx: await docxText(files.docx), md: readFileSync(files.md, 'utf8') };
  return { pdf: flat(raw.pdf), docx: flat(raw.docx), md: flat(unmark(raw.md)), pages: pages.map(flat), raw, files, err };
}

/** The file name of a spec without folder and `.yaml`: the name `draft` and `check` give their output. */
const stemOf = (spec: string) => basename(spec, '.yaml');

/**
 * `oedr draft` of `spec` as PDF, DOCX and Markdown into `out`, read back; `args` go after the spec.
 * Without the data contract annex unless `args` ask for it with `--annex`.
 */
export async function draftAll(spec: string, out: string, ...args: string[]): Promise<Drafted> {
  const annex = args.includes('--annex') ? [] : ['--no-annex'];
  const r = await runCli('draft', spec, '--format', 'pdf,docx,md', '--out', out, ...annex, ...args);
  expect(r.code, r.err).toBe(0);
  return readBack(join(out, stemOf(spec)), r.err);
}

export interface KindOptions {
  /** YAML appended to the spec (an earlier_request, say). */
  extra?: string;
  /** A change to the spec's YAML (another recipient, date or law). */
  edit?: (yaml: string) => string;
  /** The spec's file name without `.yaml`; `<fixture name>-<kind>` if not given. */
  stem?: string;
}

/** The fixture `tests/fixtures/<name>.yaml` (a foi-request) as a letter of `kind`, written into `dir`. */
export function kindSpec(dir: string, name: string, kind: string, o: KindOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  const source = readFileSync(fixture(`${name}.yaml`), 'utf8').replace(/\n {2}kind: foi-request[^\n]*/, `\n  kind: ${kind}`);
  const file = join(dir, `${o.stem ?? `${basename(name)}-${kind}`}.yaml`);
  writeFileSync(file, `${(o.edit ?? ((s) => s))(source)}\n${o.extra ?? ''}\n`);
  return file;
}

/** kindSpec drafted by draftAll into `<dir>/<stem>`. */
export async function draftKind(dir: string, name: string, kind: string, o: KindOptions = {}, ...args: string[]): Promise<Drafted> {
  const spec = kindSpec(dir, name, kind, o);
  return draftAll(spec, join(dir, stemOf(spec)), ...args);
}

/** The earlier request of the Romanian and Serbian fixtures: answered with a refusal. */
export const REFUSED_EARLIER = 'earlier_request: { reference: REF/2027/001, sent_on: 2027-02-01, response: refused, response_date: 2027-02-20 }';

/** The earlier request of the Amharic and Indonesian fixtures (tests/fixtures/lang): unanswered, or refused citing `provision`. */
export const UNANSWERED = 'earlier_request: { reference: 012/2027, sent_on: 2027-02-01, response: none }';
export const refusedCiting = (provision: string) =>
  `earlier_request: { reference: 012/2027, sent_on: 2027-03-01, response: refused, response_date: 2027-04-01, refusal: { ground: personal-data, provision: "${provision}" } }`;

/** The earlier request a follow-up (`followUp`) or an appeal (`appeal`) refers to; nothing for the other kinds. */
export const earlier = (kind: string, appeal: string, followUp = appeal) => (kind === 'appeal' ? appeal : kind === 'follow-up' ? followUp : '');

/** The letter drafted with `--reading-copy <language>` into `out`, and its reading copy, read back. */
export async function readingCopy(spec: string, out: string, language = 'en'): Promise<{ letter: Drafted; copy: Drafted }> {
  const letter = await draftAll(spec, out, '--reading-copy', language);
  return { letter, copy: await readBack(join(out, `${stemOf(spec)}.reading-copy-${language}`)) };
}

/** Drafts `spec` twice into separate folders under `dir` and expects the same PDF, DOCX and Markdown bytes. */
export async function expectSameBytes(spec: string, dir: string, ...args: string[]): Promise<void> {
  const [a, b] = [await draftAll(spec, join(dir, `same-a-${stemOf(spec)}`), ...args), await draftAll(spec, join(dir, `same-b-${stemOf(spec)}`), ...args)];
  for (const ext of ['pdf', 'docx', 'md'] as const) expect(readFileSync(a.files[ext]).equals(readFileSync(b.files[ext])), ext).toBe(true);
}

/**
 * `oedr check --follow-up` of a delivery (`csv`, its text, written to `delivered`) against `spec`,
 * dated 1 September 2027, into `out`: the follow-up letter, which a delivery that breaks the request must give.
 */
export async function checkFollowUp(spec: string, delivered: string, csv: string, out: string): Promise<Drafted> {
  writeFileSync(delivered, csv);
  const r = await runCli('check', delivered, '--against', spec, '--follow-up', '--format', 'pdf,docx,md', '--out', out, '--date', '2027-09-01');
  expect(r.code, r.err).toBe(1);
  return readBack(join(out, `${stemOf(spec)}-check-follow-up`), r.err);
}

/**
 * A delivery with four differences (separator, a column name, 1,204 empty values, a word for a
 * number) checked against a request in `language` to a Brazilian court, addressed to `person`.
 */
export async function checkTseDelivery(dir: string, language: string, person: string): Promise<Drafted> {
  const rows = Array.from({ length: 1204 }, (_, i) => `${String(i + 3).padStart(4, '0')};;${i}`);
  const spec = join(dir, `check-${language}.yaml`);
  writeFileSync(spec, `letter: { date: 2027-03-01, reference: OTE/2027/1, subject: Resultados, language: ${language} }
requester: { organisation: Observatório Eleitoral, email: dados@example.test, signatory: { name: Ana Souza } }
recipient: { institution: Tribunal Regional Eleitoral de Minas Gerais, person: ${person} }
datasets:
  - title: Resultados por seção
    description: Votos por candidato em cada seção.
    fields:
      - { name: secao, description: Número da seção, required: true }
      - { name: candidato, description: O candidato, required: true }
      - { name: votos, description: Votos, type: integer, required: true }
`);
  const csv = ['Secao;candidato;votos', '0001;Ana;12', '0002;Beto;muitos', ...rows].join('\n') + '\n';
  return checkFollowUp(spec, join(dir, 'entregue.csv'), csv, join(dir, `check-${language}`));
}

/** Phrases only an English template writes; none may be left in a letter in another language. */
export const TEMPLATE_ENGLISH = ['Dear ', 'Yours sincerely', 'Our reference', 'Page 1 of', 'on behalf of', 'Request for information under', 'Please quote',
  'Appeal under', 'We have received', 'The data we asked for'];
/** Those and the English words and terms a letter whose spec is written in its own language must not carry either. */
export const ENGLISH = [...TEMPLATE_ENGLISH, ' under ', ' the ', ' the law ', 'Please ', 'Thank you', 'records', 'working days',
  'Sir or Madam', 'Right to Information Act', 'section ', 'Translation for', 'as held'];

/** No English template phrase in `text`, nor any of `more` (the registry's English for that law). */
export function expectNoEnglish(text: string, label: string, more: readonly string[] = []): void {
  for (const english of [...ENGLISH, ...more]) expect(text, `${label}: ${english}`).not.toContain(english);
}

/** English words no Romanian or Serbian sentence has: any left is an untranslated template word. */
const ENGLISH_WORD = /\b(the|of|and|to|for|we|our|your|please|request|dear|yours|page|appeal|under|with|from|by|fees|item)\b/i;

/** No English phrase and no English word at all, for a language whose words the list holds none of. */
export function expectNoEnglishWord(text: string, label: string): void {
  expectNoEnglish(text, label);
  const hit = ENGLISH_WORD.exec(text);
  expect(hit && text.slice(Math.max(0, hit.index - 40), hit.index + 40), label).toBeNull();
}

/** Each phrase (whitespace aside) in the PDF, the DOCX and the Markdown, and no English in any. */
export function expectIn(d: Drafted, want: string[]): void {
  for (const [format, text] of [['pdf', d.pdf], ['docx', d.docx], ['md', d.md]] as const) {
    for (const w of want) expect(squeeze(text), `${format}: ${w}`).toContain(squeeze(w));
    expectNoEnglish(text, format);
  }
}

/** Every page of the PDF carries the page label, numbered. */
export function expectPageLabels(d: Drafted, label: (page: number, pages: number) => string): void {
  expect(d.pages.length).toBeGreaterThan(0);
  d.pages.forEach((page, i) => expect(page).toContain(label(i + 1, d.pages.length)));
}

/** Every key path ("phrases.closing") of a language's words.yaml, the groups as well as the words; lists are words. */
export function wordKeys(language: string): string[] {
  const paths = (o: unknown, at = ''): string[] => (o && typeof o === 'object' && !Array.isArray(o)
    ? Object.entries(o).flatMap(([k, v]) => [`${at}${k}`, ...paths(v, `${at}${k}.`)]) : []);
  return paths(parse(readFileSync(join(root, 'templates', language, 'words.yaml'), 'utf8')));
}

/** The template and partial files of a language folder, sorted. */
export const templateFiles = (language: string): string[] =>
  readdirSync(join(root, 'templates', language), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.hbs')).sort();

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
