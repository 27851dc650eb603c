// A batch above the threshold runs on worker threads; its output must be exactly the serial one.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DRAFT_PARALLEL_THRESHOLD, PARALLEL_THRESHOLD } from '../../src/cli/pool.js';
import { root, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());

it('validate on worker threads reports the same, in input order, as on one thread', () => {
  if (!existsSync(join(root, 'dist/bundle/worker.js'))) throw new Error('dist/bundle is missing: run `npm run build` (npm ci does it through prepare)');
  const files: string[] = [];
  const example = join(root, 'examples/polling-station-results.yaml');
  for (let i = 0; i < PARALLEL_THRESHOLD + 6; i++) {
    const file = join(tmp.path, `spec-${String(i).padStart(3, '0')}.yaml`);
    copyFileSync(example, file);
    files.push(file);
  }
  for (const i of [3, 40, 69]) {
    writeFileSync(files[i]!, readFileSync(example, 'utf8').replace(/^ {2}date: .*$/m, '  date: 2027-13-01'));
  }
  const run = (jobs: string) => spawnSync(process.execPath, [join(root, 'bin/oedr.js'), 'validate', ...files],
    { env: { ...process.env, OEDR_JOBS: jobs, NO_COLOR: '1' }, encoding: 'utf8' });
  const parallel = run('2');
  const serial = run('1');
  expect(parallel.status).toBe(1);
  expect(parallel.stderr).toBe(serial.stderr);
  expect(parallel.stdout).toBe(serial.stdout);
  expect(parallel.stderr.split('\n').filter(Boolean).map((l) => l.slice(tmp.path.length + 1, tmp.path.length + 13))).toEqual(['spec-003.yam', 'spec-040.yam', 'spec-069.yam']);
  expect(parallel.stdout).toContain(`3 specs of ${files.length} failed`);
}, 120_000); // each spec is read by yaml itself since issue 14: a loaded machine takes over 30 s

// Two threads split a batch by stage (a worker drafts, its own worker typesets the PDFs: pdf-thread.ts);
// more threads draft whole letters each (pool.ts). Both must give exactly the one-thread output.
it('draft on worker threads writes the same bytes and reports the same lines as on one thread', () => {
  const dir = join(tmp.path, 'draft-specs');
  mkdirSync(dir);
  const examples = ['polling-station-results', 'voter-registration-statistics', 'campaign-finance-foi'];
  for (let i = 0; i < DRAFT_PARALLEL_THRESHOLD + 2; i++) {
    copyFileSync(join(root, 'examples', `${examples[i % 3]}.yaml`), join(dir, `letter-${String(i).padStart(2, '0')}.yaml`));
  }
  writeFileSync(join(dir, 'letter-05.yaml'), 'letter: {}\n');
  // And one spec with a recipient list, whose 4 letters go to the PDF thread one after the other.
  for (const f of ['results-2027.yaml', '_profile.yaml', '_regional-offices.csv']) copyFileSync(join(root, 'examples/batch', f), join(dir, f));
  const run = (jobs: string, out: string) => spawnSync(process.execPath, [join(root, 'bin/oedr.js'), 'draft', dir, '--format', 'docx,pdf', '--out', join(tmp.path, out)],
    { env: { ...process.env, OEDR_JOBS: jobs, NO_COLOR: '1' }, encoding: 'utf8' });
  const serial = run('1', 'ser');
  const files = readdirSync(join(tmp.path, 'ser')).sort();
  // Each valid spec: DOCX, PDF, and the data contract annex (datapackage.json and a CSV template) for
  // the examples that ask for CSV; plus the manifest.
  expect(files.filter((f) => /\.(docx|pdf)$/.test(f))).toHaveLength((DRAFT_PARALLEL_THRESHOLD + 1 + 4) * 2);
  expect(files).toContain('oedr-manifest.json');
  for (const jobs of ['2', '3']) {
    const parallel = run(jobs, `par${jobs}`);
    expect(parallel.status).toBe(1);
    expect(parallel.stdout.replaceAll(`/par${jobs}/`, '/x/')).toBe(serial.stdout.replaceAll('/ser/', '/x/'));
    expect(parallel.stderr).toBe(serial.stderr);
    expect(readdirSync(join(tmp.path, `par${jobs}`)).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(tmp.path, `par${jobs}`, f)).equals(readFileSync(join(tmp.path, 'ser', f))), `${jobs} threads: ${f}`).toBe(true);
  }
}, 120_000);

it('a batch of recipient lists is drafted whole on each thread, and gives the one-thread bytes', () => {
  // 8 specs of 4 letters: more than SPLIT_MAX_LETTERS_PER_SPEC, so two threads draft whole letters.
  const dir = join(tmp.path, 'recipient-specs');
  mkdirSync(dir);
  for (const f of ['_profile.yaml', '_regional-offices.csv']) copyFileSync(join(root, 'examples/batch', f), join(dir, f));
  for (let i = 0; i < DRAFT_PARALLEL_THRESHOLD; i++) copyFileSync(join(root, 'examples/batch/results-2027.yaml'), join(dir, `results-${i}.yaml`));
  const run = (jobs: string, out: string) => spawnSync(process.execPath, [join(root, 'bin/oedr.js'), 'draft', dir, '--format', 'pdf', '--out', join(tmp.path, out)],
    { env: { ...process.env, OEDR_JOBS: jobs, NO_COLOR: '1' }, encoding: 'utf8' });
  const serial = run('1', 'rser');
  const parallel = run('2', 'rpar');
  expect(parallel.status).toBe(0);
  expect(parallel.stdout.replaceAll('/rpar/', '/x/')).toBe(serial.stdout.replaceAll('/rser/', '/x/'));
  const files = readdirSync(join(tmp.path, 'rser')).sort();
  expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(DRAFT_PARALLEL_THRESHOLD * 4);
  expect(readdirSync(join(tmp.path, 'rpar')).sort()).toEqual(files);
  for (const f of files) expect(readFileSync(join(tmp.path, 'rpar', f)).equals(readFileSync(join(tmp.path, 'rser', f))), f).toBe(true);
});
