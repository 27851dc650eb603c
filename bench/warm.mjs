// Warm rendering in one process: compose + DOCX + PDF for one letter, after the first render has
// parsed fonts and compiled templates. Prints one line for bench/run.mjs.
import { composeLetter } from '../dist/compose/letter.js';
import { loadSpec } from '../dist/spec/load.js';
import { getWriter } from '../dist/writers/index.js';

const file = process.argv[2];
const { spec } = await loadSpec(file);
const docx = await getWriter('docx');
const pdf = await getWriter('pdf');
const once = async () => { const doc = composeLetter(spec); await docx.write(doc); return pdf.write(doc); };
let t = performance.now();
const bytes = await once();
const first = performance.now() - t;
const times = [];
for (let i = 0; i < 50; i++) { t = performance.now(); await once(); times.push(performance.now() - t); }
times.sort((a, b) => a - b);
const rss = process.resourceUsage().maxRSS / 1024;
console.log(`draft one letter, warm   ${times[25].toFixed(1)} ms median to DOCX + PDF (first ${first.toFixed(0)} ms; target < 15 ms); PDF ${Math.round(bytes.length / 1024)} KB; peak RSS ${rss.toFixed(0)} MB`);
