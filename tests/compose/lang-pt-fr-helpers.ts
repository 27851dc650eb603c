// Shared by lang-pt-BR.test.ts and lang-fr.test.ts: draft a fixture spec (its kind changed, lines
// added) or a check follow-up in every format, and read each back as text: PDF (unpdf), DOCX (mammoth), Markdown.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { expect } from 'vitest';
import { fixture, root, runCli } from '../helpers.js';

/** Words only an English template writes (languages.test.ts's list, and more); none may be left. */
export const ENGLISH = ['Dear ', 'Yours sincerely', 'Our reference', 'Page 1 of', 'on behalf of', 'Request for information under',
  'Please quote', 'Appeal under', 'We have received', 'The data we asked for', ' the ', 'Please ', 'Thank you', ' under ', 'records'];

/** Whitespace as one plain space: PDF text has line breaks, and French puts no-break spaces before colons. */
export const flat = (s: string) => s.replace(/\s+/gu, ' ');

export interface Drafted { pages: string[]; pdf: string; docx: string; md: string; files: { pdf: string; docx: string; md: string } }

/** The fixture `name` (tests/fixtures/languages/) as `kind`, with `extra` YAML lines appended and `edit` applied, drafted into `dir`. */
export async function draft(dir: string, name: string, kind: string, extra = '', args: string[] = [], edit = (s: string) => s): Promise<Drafted & { err: string }> {
  const base = edit(readFileSync(fixture(`languages/${name}.yaml`), 'utf8').replace(/\n {2}kind: foi-request\n/, `\n  kind: ${kind}\n`));
  const stem = `${name}-${kind}${edit('') ? '-edited' : ''}`;
  const file = join(dir, `${stem}.yaml`);
  writeFileSync(file, `${base}${extra ? `\n${extra}\n` : ''}`);
  const r = await runCli('draft', file, '--format', 'pdf,docx,md', '--out', join(dir, stem), '--no-annex', ...args);
  expect(r.code, r.err).toBe(0);
  return { ...(await readBack(join(dir, stem, stem))), err: r.err };
}

/** The three formats of one drafted letter (path without extension), as text. */
export async function readBack(path: string): Promise<Drafted> {
  const files = { pdf: `${path}.pdf`, docx: `${path}.docx`, md: `${path}.md` };
  const pages = (await extractText(await getDocumentProxy(new Uint8Array(readFileSync(files.pdf))), { mergePages: false })).text;
  const docx = (await mammoth.extractRawText({ path: files.docx })).value;
  // The Markdown without its escapes and bold marks, as a reader sees it.
  const md = readFileSync(files.md, 'utf8').replace(/(?<!\\)\*\*/g, '').replace(/\\([\s\S])/g, '$1');
  return { pages, pdf: flat(pages.join('\n')), docx: flat(docx), md: flat(md), files };
}

/** Without any whitespace: a DOCX's line breaks inside the address block come out as nothing. */
const squeeze = (s: string) => s.replace(/\s+/gu, '');

/** Each phrase in every format, and no English template word in any. */
export function expectIn(d: Drafted, want: string[]): void {
  for (const [format, text] of [['pdf', d.pdf], ['docx', d.docx], ['md', d.md]] as const) {
    for (const w of want) expect(squeeze(text), `${format}: ${w}`).toContain(squeeze(w));
    for (const english of ENGLISH) expect(text, `${format} has English "${english}"`).not.toContain(english);
  }
}

/** Every page of the PDF carries the page label, numbered. */
export function expectPageLabels(d: Drafted, label: (page: number, pages: number) => string): void {
  expect(d.pages.length).toBeGreaterThan(0);
  d.pages.forEach((page, i) => expect(flat(page)).toContain(label(i + 1, d.pages.length)));
}

/** The key paths of a words.yaml (lists and strings are leaves). */
export function keyPaths(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? keyPaths(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** The template and partial files of a language folder, sorted. */
export const templateFiles = (language: string): string[] =>
  readdirSync(join(root, 'templates', language), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.hbs')).sort();

/** A delivery with four differences (separator, a column name, 1,204 empty values, a word for a number), checked against a spec in `language`: the follow-up letter's three formats. */
export async function checkFollowUp(dir: string, language: string, person: string): Promise<Drafted> {
  const rows = Array.from({ length: 1204 }, (_, i) => `${String(i + 3).padStart(4, '0')};;${i}`);
  const delivered = join(dir, 'entregue.csv');
  writeFileSync(delivered, ['Secao;candidato;votos', '0001;Ana;12', '0002;Beto;muitos', ...rows].join('\n') + '\n');
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
  const out = join(dir, `check-${language}`);
  const r = await runCli('check', delivered, '--against', spec, '--follow-up', '--format', 'pdf,docx,md', '--out', out, '--date', '2027-09-01');
  expect(r.code, r.err).toBe(1);
  return readBack(join(out, `check-${language}-check-follow-up`));
}
