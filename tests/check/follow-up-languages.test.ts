// `oedr check --follow-up` in the letter's language: each difference is named, what was requested
// is said and what was received is described in the language's own words (words.yaml
// `deviations`), with numbers written its way; no English sentence of the check report is left.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
// U+00A0 (the thousands space) is kept: only breaking white space is folded.
const flat = (s: string) => s.replace(/[ \t\r\n]+/g, ' ');

function spec(name: string, language: string): string {
  const file = join(tmp.path, `${name}.yaml`);
  writeFileSync(file, `letter: { date: 2027-03-01, reference: EW/2027/1, subject: Resultados, language: ${language} }
requester: { organisation: Observatorio Electoral, email: datos@example.test, signatory: { name: A. N. Tester } }
recipient: { institution: Instituto Electoral, person: Lic. Ana Pérez, salutation: Lic. Pérez }
datasets:
  - title: Resultados por casilla
    description: Votos por candidatura en cada casilla.
    fields:
      - { name: casilla, description: Clave de la casilla, required: true }
      - { name: candidatura, description: La candidatura, required: true }
      - { name: votos, description: Votos, type: integer, required: true }
`);
  return file;
}

// A semicolon-separated file, a renamed column, two values that are not whole numbers and 1,204 rows missing a value.
const rows = Array.from({ length: 1204 }, (_, i) => `${String(i + 3).padStart(4, '0')};;${i}`);
const delivered = join(tmp.path, 'entregado.csv');
writeFileSync(delivered, ['Casilla;candidatura;votos', '0001;Ana;12', '0002;Beto;muchos', '0003;Ceci;varios', ...rows].join('\n') + '\n');

const read = async (out: string, stem: string) => {
  const md = readFileSync(join(out, `${stem}-check-follow-up.md`), 'utf8');
  const docx = (await mammoth.extractRawText({ path: join(out, `${stem}-check-follow-up.docx`) })).value;
  const pdf = (await extractText(await getDocumentProxy(new Uint8Array(readFileSync(join(out, `${stem}-check-follow-up.pdf`)))), { mergePages: true })).text as string;
  return [flat(md.replace(/(?<!\\)\*\*/g, '').replace(/\\([\s\S])/g, '$1')), flat(docx), flat(pdf)];
};

/** Sentences of the English check report and letter; none may be left in a letter in another language. */
const ENGLISH = ['We asked for', 'Fields are separated', 'named differently', 'values are not', 'rows have none', 'line 3', 'in all'];

describe('check --follow-up in the letter\'s language', () => {
  test('Spanish: the differences in Spanish words, the count with the RAE\'s thousands space', async () => {
    const out = join(tmp.path, 'es');
    const r = await runCli('check', delivered, '--against', spec('es', 'es'), '--follow-up', '--format', 'md,docx,pdf', '--out', out, '--date', '2027-09-01');
    expect(r.code, r.err).toBe(1);
    const texts = await read(out, 'es');
    // Text extracted from the PDF gives the no-break space as a plain one; the Markdown and DOCX keep it.
    texts[2] = texts[2]!.replace(/\b1 204\b/g, '1\u00A0204');
    expect(texts[2]).not.toContain('1204');
    for (const text of texts) {
      expect(text).toContain('Separador de campos. Solicitamos campos separados por comas (","). Los campos están separados por puntos y comas (";").');
      expect(text).toContain('Nombres de las columnas. Solicitamos estas columnas, con estos nombres exactos: casilla, candidatura, votos. Columnas con otro nombre: "Casilla" en lugar de "casilla".');
      expect(text).toContain('Valores. Solicitamos un número entero en todas las filas de votos. Valores que no cumplen esa condición: 2; por ejemplo, línea 3 ("muchos") y línea 4 ("varios").');
      expect(text).toContain('Valores obligatorios. Solicitamos un valor en todas las filas de candidatura. Filas sin valor: 1\u00A0204 (líneas 5, 6, 7, 8, 9, … (1\u00A0204 en total)).');
      for (const english of ENGLISH) expect(text).not.toContain(english);
    }
  });

  test('Arabic: the differences in Arabic words, right to left, with the Latin names kept as written', async () => {
    const out = join(tmp.path, 'ar');
    const r = await runCli('check', delivered, '--against', spec('ar', 'ar'), '--follow-up', '--format', 'md,docx,pdf', '--out', out, '--date', '2027-09-01');
    expect(r.code, r.err).toBe(1);
    const [md, docx] = await read(out, 'ar');
    for (const text of [md!, docx!]) {
      expect(text).toContain('الفاصل بين الحقول. ');
      expect(text).toContain('يفصل بين الحقول بالفاصلة المنقوطة («;»).');
      expect(text).toContain('القيم التي لا تستوفي ذلك: 2، ومنها السطر 3 ("muchos") والسطر 4 ("varios").');
      expect(text).toContain('الأسطر الخالية من أي قيمة: 1,204');
      for (const english of ENGLISH) expect(text).not.toContain(english);
    }
  });
});
