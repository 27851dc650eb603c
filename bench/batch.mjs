// One batch draft in this process (worker threads included), then its wall time and peak memory as
// JSON, for bench/run.mjs: `node bench/batch.mjs <spec folder> <out folder>`.
import { main } from '../dist/bundle/main.js';

const [dir, out] = process.argv.slice(2);
const quiet = { out() {}, err() {}, color: (await import('chalk')).default, interactive: false };
const t = performance.now();
const code = await main(['draft', dir, '--format', 'docx,pdf', '--out', out, '--quiet'], quiet);
const ms = performance.now() - t;
console.log(JSON.stringify({ code, ms, peakMB: process.resourceUsage().maxRSS / 1024 }));
