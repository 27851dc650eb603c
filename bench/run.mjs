// `npm run bench`: speed figures measured in one run on this machine, as ratios where a baseline
// exists. Not a test: machines are shared and noisy, so nothing here fails the build.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/oedr.js');
const example = join(root, 'examples/polling-station-results.yaml');
const runs = Number(process.env.BENCH_RUNS ?? 15);
/** BENCH_ONLY=validate (or draft, batch, check; comma-separated) runs only those parts, e.g. while tuning one. */
const only = new Set((process.env.BENCH_ONLY ?? 'validate,draft,batch,check').split(','));

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
/** Wall time of one run: node with `args`, or another program as { cmd, args }. */
const wall = (run) => {
  const [cmd, args] = Array.isArray(run) ? [process.execPath, run] : [run.cmd, run.args];
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  if (r.status) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
};
/** Interleaves the commands so that load on the machine hits them alike. */
function compare(commands) {
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((args, k) => times[k].push(wall(args)));
  return times.map(median);
}
const ms = (x) => `${x.toFixed(1)} ms`;
const tmp = mkdtempSync(join(tmpdir(), 'oedr-bench-'));
try {
  console.log(`oedr bench: Node ${process.version}, ${runs} runs each, medians\n`);

  const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.yaml'));
  if (only.has('validate')) {
    const [bare, validate] = compare([['-e', '0'], [bin, 'validate', example]]);
    console.log(`validate one spec        ${ms(validate)}  vs node -e 0 ${ms(bare)}: ${(validate / bare).toFixed(2)}x bare node (target <= 2.5x)`);

    const many = join(tmp, 'many');
    mkdirSync(many);
    for (let i = 0; i < 1000; i++) copyFileSync(join(root, 'examples', examples[i % examples.length]), join(many, `spec-${i}.yaml`));
    const files = readdirSync(many).map((f) => join(many, f));
    const [thousand] = compare([[bin, 'validate', ...files]]);
    console.log(`validate 1,000 specs     ${ms(thousand)} in one call (target < 5 s; it was < 1.5 s before one YAML reader read every spec, issue 14)`);
  }

  const out = join(tmp, 'out');
  // With bare node beside it: this shared machine's speed varies from hour to hour (node -e 0 took
  // 57 ms when the targets were set, 80-120 ms on other days), and the ratio travels better.
  // And pandoc making one DOCX from the same letter, when installed: the issue's own yardstick (53 ms
  // when the 300 ms target was set, so the target is 5.7x pandoc).
  const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
  const letterMd = join(tmp, 'letter.md');
  if (hasPandoc && (only.has('draft') || only.has('batch'))) {
    execFileSync(process.execPath, [bin, 'draft', example, '--format', 'md', '--out', tmp]);
    copyFileSync(join(tmp, 'polling-station-results.md'), letterMd);
  }
  if (only.has('draft')) {
    const pandocOne = { cmd: 'pandoc', args: [letterMd, '-o', join(tmp, 'pandoc-one.docx')] };
    const [bare2, draftCold, pandocCold] = compare([['-e', '0'], [bin, 'draft', example, '--format', 'docx,pdf', '--out', out], ...(hasPandoc ? [pandocOne] : [])]);
    const vsPandoc = hasPandoc ? `, ${(draftCold / pandocCold).toFixed(2)}x pandoc's one DOCX (${ms(pandocCold)}; target <= 5.7x)` : '';
    console.log(`draft one spec, cold     ${ms(draftCold)} to DOCX + PDF, ${(draftCold / bare2).toFixed(2)}x node -e 0 (${ms(bare2)})${vsPandoc} (target <= 300 ms)`);

    const warm = execFileSync(process.execPath, [join(root, 'bench/warm.mjs'), example], { encoding: 'utf8' });
    console.log(warm.trim());
    console.log(execFileSync(process.execPath, [join(root, 'bench/languages.mjs')], { encoding: 'utf8' }).trim());
  }
  if (only.has('batch')) {
    // The mail-merge baseline users compare with: pandoc, one process per letter, Markdown to DOCX
    // (20 letters/s when the 200 letters/s target was set: the target is 10x pandoc).
    let pandocRate;
    if (hasPandoc) {
      const n = 20;
      const t = process.hrtime.bigint();
      for (let i = 0; i < n; i++) execFileSync('pandoc', [letterMd, '-o', join(tmp, `p${i}.docx`)]);
      pandocRate = n / (Number(process.hrtime.bigint() - t) / 1e9);
      console.log(`pandoc, one process per letter: ${pandocRate.toFixed(1)} letters/s to DOCX only (oedr's rates below are DOCX + PDF)`);
    } else console.log('pandoc is not installed: no mail-merge baseline in this run');

    // Batches of generated specs (the examples with their references numbered), DOCX and PDF. Each
    // size runs BATCH_RUNS times, alternating with the other sizes, and the medians are printed: one
    // run of this shared machine can be a third slower than the next.
    const sizes = (process.env.BENCH_BATCHES ?? '100,1000').split(',').map(Number);
    const BATCH_RUNS = 3;
    const peaks = {};
    const runsBySize = Object.fromEntries(sizes.map((n) => [n, []]));
    for (const n of sizes) {
      const dir = join(tmp, `batch-${n}`);
      mkdirSync(dir);
      for (let i = 0; i < n; i++) {
        const source = readFileSync(join(root, 'examples', examples[i % examples.length]), 'utf8');
        writeFileSync(join(dir, `spec-${String(i).padStart(4, '0')}.yaml`), source.replace(/^( {2}reference: .*)$/m, `$1-${i}`));
      }
    }
    for (let k = 0; k < BATCH_RUNS; k++) {
      for (const n of sizes) {
        const out = join(tmp, `letters-${n}-${k}`);
        runsBySize[n].push(JSON.parse(execFileSync(process.execPath, [join(root, 'bench/batch.mjs'), join(tmp, `batch-${n}`), out], { encoding: 'utf8' })));
        rmSync(out, { recursive: true, force: true });
      }
    }
    for (const n of sizes) {
      const runs = runsBySize[n];
      const ms = median(runs.map((r) => r.ms));
      const rate = n / (ms / 1000);
      peaks[n] = median(runs.map((r) => r.peakMB));
      // The speed target is for 1,000 specs (200 letters/s, 10x pandoc when it was set); memory's for any size.
      const speedTarget = n >= 1000;
      const vsPandoc = pandocRate ? `, ${(rate / pandocRate).toFixed(1)}x pandoc${speedTarget ? ' (target >= 10x)' : ''}` : '';
      const rates = runs.map((r) => (n / (r.ms / 1000)).toFixed(0)).join(', ');
      console.log(`draft ${String(n).padStart(5)} specs       ${rate.toFixed(1)} letters/s to DOCX + PDF (${(ms / 1000).toFixed(1)} s, CPU ${(median(runs.map((r) => r.cpuMs)) / n).toFixed(1)} ms a letter; runs ${rates}), peak ${peaks[n].toFixed(0)} MB${vsPandoc} (target ${speedTarget ? '>= 200 letters/s, ' : ''}< 300 MB)`);
    }
    if (sizes.length > 1) console.log(`peak memory ${sizes.at(-1)} vs ${sizes[0]} specs: ${(peaks[sizes.at(-1)] / peaks[sizes[0]]).toFixed(2)}x (target <= 1.25x)`);
  }
  if (only.has('check')) {
    // `oedr check` on a generated 1 GB file (BENCH_CHECK_MB) against a plain parse of it.
    await (await import('./check.mjs')).benchCheck();
    // The same on a generated 200 MB XLSX workbook (BENCH_XLSX_MB) against a plain read of it.
    await (await import('./check-xlsx.mjs')).benchCheckXlsx();
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
