// Warm time per writer for one letter: PDF and DOCX separately, medians of many runs after a
// warm-up, so a change to one writer can be measured on this noisy shared machine. Pass a second
// argument (a dist/ directory, e.g. a copy of an earlier build) to measure that build instead.
//   node bench/writers.mjs [spec.yaml] [dist-dir] [runs]
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const file = process.argv[2] ?? 'examples/polling-station-results.yaml';
const dist = pathToFileURL(resolve(process.argv[3] ?? new URL('../dist', import.meta.url).pathname) + '/').href;
const runs = Number(process.argv[4] ?? 200);
const { composeLetter } = await import(`${dist}compose/letter.js`);
const { loadSpec } = await import(`${dist}spec/load.js`);
const { getWriter } = await import(`${dist}writers/index.js`);

const { spec } = await loadSpec(file);
const doc = composeLetter(spec);
const writers = { pdf: await getWriter('pdf'), docx: await getWriter('docx') };
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const out = {};
for (const [name, w] of Object.entries(writers)) {
  const bytes = await w.write(doc);
  for (let i = 0; i < 30; i++) await w.write(doc);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await w.write(doc);
    times.push(performance.now() - t);
  }
  out[name] = { median: +median(times).toFixed(2), kb: Math.round(bytes.length / 1024), sha: createHash('sha256').update(bytes).digest('hex').slice(0, 12) };
}
console.log(JSON.stringify(out));
