// `npm run bench`: speed figures measured in one run on this machine, as ratios where a baseline
// exists. Not a test: machines are shared and noisy, so nothing here fails the build.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/oedr.js');
const example = join(root, 'examples/polling-station-results.yaml');
const runs = Number(process.env.BENCH_RUNS ?? 15);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const wall = (args) => { const t = process.hrtime.bigint(); const r = spawnSync(process.execPath, args, { stdio: 'ignore' }); if (r.status) throw new Error(`${args.join(' ')} exited ${r.status}`); return Number(process.hrtime.bigint() - t) / 1e6; };
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

  const [bare, validate] = compare([['-e', '0'], [bin, 'validate', example]]);
  console.log(`validate one spec        ${ms(validate)}  vs node -e 0 ${ms(bare)}: ${(validate / bare).toFixed(2)}x bare node (target <= 2.5x)`);

  const many = join(tmp, 'many');
  mkdirSync(many);
  const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.yaml'));
  for (let i = 0; i < 1000; i++) copyFileSync(join(root, 'examples', examples[i % examples.length]), join(many, `spec-${i}.yaml`));
  const files = readdirSync(many).map((f) => join(many, f));
  const [thousand] = compare([[bin, "validate", ...files]]);
  console.log(`validate 1,000 specs     ${ms(thousand)} in one call (target < 1500 ms)`);

  const out = join(tmp, 'out');
  const [draftCold] = compare([[bin, 'draft', example, '--format', 'docx,pdf', '--out', out]]);
  console.log(`draft one spec, cold     ${ms(draftCold)} to DOCX + PDF (target <= 300 ms)`);

  const warm = execFileSync(process.execPath, [join(root, 'bench/warm.mjs'), example], { encoding: 'utf8' });
  console.log(warm.trim());
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
