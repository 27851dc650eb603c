// Arabic letters against English ones, in one process and one run: the campaign-finance example
// under KE (English) and under TN (Arabic: shaped, right to left, two fonts), each letter numbered,
// composed and written as DOCX + PDF, in alternating rounds so the machine's load hits both alike.
// Prints one line for bench/run.mjs (target: Arabic <= 3x English).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeLetter } from '../dist/compose/letter.js';
import { applyLaw } from '../dist/laws/for-spec.js';
import { loadSpec } from '../dist/spec/load.js';
import { getWriter } from '../dist/writers/index.js';

const n = Number(process.env.BENCH_LANG_LETTERS ?? 1000);
const tmp = mkdtempSync(join(tmpdir(), 'oedr-bench-lang-'));
const source = readFileSync(new URL('../examples/campaign-finance-foi.yaml', import.meta.url), 'utf8').replace(/\n {2}language: en\n/, '\n');

async function letters(law) {
  const file = join(tmp, `${law}.yaml`);
  writeFileSync(file, source.replace(/\nlaw: KE[^\n]*\n/, `\nlaw: ${law}\n`).replace(/\nlegal_basis: .*\n/, '\n'));
  const loaded = await loadSpec(file);
  const { timeline } = await applyLaw(loaded);
  const spec = loaded.spec;
  return (i) => composeLetter({ ...spec, letter: { ...spec.letter, reference: `${spec.letter.reference}-${i}` } }, { timeline });
}

try {
  const docx = await getWriter('docx');
  const pdf = await getWriter('pdf');
  const kinds = { en: await letters('KE'), ar: await letters('TN') };
  const ms = { en: 0, ar: 0 };
  const render = async (lang, i) => {
    const t = performance.now();
    const doc = kinds[lang](i);
    await docx.write(doc);
    await pdf.write(doc);
    ms[lang] += performance.now() - t;
  };
  // One of each first: fonts read, templates compiled, fontkit loaded; not counted.
  await render('en', -1);
  await render('ar', -1);
  ms.en = ms.ar = 0;
  const round = 50;
  for (let i = 0; i < n; i += round) {
    for (const lang of ['en', 'ar']) for (let k = i; k < Math.min(n, i + round); k++) await render(lang, k);
  }
  const rate = (lang) => n / (ms[lang] / 1000);
  console.log(`${n} letters, one process  English ${rate('en').toFixed(0)} letters/s (${(ms.en / n).toFixed(1)} ms each), Arabic ${rate('ar').toFixed(0)} letters/s (${(ms.ar / n).toFixed(1)} ms each): Arabic ${(ms.ar / ms.en).toFixed(2)}x English (target <= 3x)`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
