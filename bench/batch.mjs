// One batch draft in this process (worker threads included), then its wall time, CPU time (user +
// system, every thread of the process) and peak memory as JSON, for bench/run.mjs:
// `node bench/batch.mjs <spec folder> <out folder>`. On a shared machine the CPU time is the
// steadier figure: compare it, not only the wall time, between two builds.
import { main } from '../dist/bundle/main.js';

const [dir, out] = process.argv.slice(2);
const quiet = { out() {}, err() {}, color: (await import('chalk')).default, interactive: false };
const cpu = process.cpuUsage();
const t = performance.now();
const code = await main(['draft', dir, '--format', 'docx,pdf', '--out', out, '--quiet'], quiet);
const ms = performance.now() - t;
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ code, ms, cpuMs: (used.user + used.system) / 1000, peakMB: process.resourceUsage().maxRSS / 1024 }));
