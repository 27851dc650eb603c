// examples/ci as a new repository gets it: the workflow copied as it is into a fresh git
// repository, its `run` steps executed in order by bash with GitHub's environment (the `if:`
// conditions evaluated, $GITHUB_OUTPUT read back), oedr installed by the workflow's own command on
// a clean HOME and npm prefix (from this checkout instead of the release URL: the suite has no
// network). From the first push with no specs to a stale letter and the command that mends it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, expect, test } from 'vitest';
import { root, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const repo = join(tmp.path, 'repo');
const workflowFile = join(root, 'examples/ci/.github/workflows/oedr-letters.yml');
const workflow = parse(readFileSync(workflowFile, 'utf8')) as {
  env: Record<string, string>;
  jobs: { letters: { steps: { id?: string; if?: string; run?: string; uses?: string }[] } };
};

interface Run { ok: boolean; log: string; ran: string[] }

/** The job's steps on `ref`, as GitHub would run them; stops at the first that fails. */
function runWorkflow(ref: string): Run {
  const outputs: Record<string, Record<string, string>> = {};
  const home = join(tmp.path, 'home');
  mkdirSync(home, { recursive: true });
  const env = {
    ...workflow.env,
    OEDR: root, // the one change: this checkout instead of the release tarball's URL
    HOME: home,
    PATH: `${join(home, 'prefix/bin')}:${dirname(process.execPath)}:/usr/bin:/bin`,
    npm_config_prefix: join(home, 'prefix'),
    npm_config_cache: join(home, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_ignore_scripts: 'true', // dist/ is built by the suite's setup
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
    GITHUB_REF: ref,
  };
  let log = '';
  const ran: string[] = [];
  for (const step of workflow.jobs.letters.steps) {
    if (!step.run || (step.if && !condition(step.if, ref, outputs))) continue;
    const outputFile = join(tmp.path, 'github-output');
    writeFileSync(outputFile, '');
    const r = spawnSync('bash', ['-e', '-c', step.run], { cwd: repo, env: { ...env, GITHUB_OUTPUT: outputFile }, encoding: 'utf8' });
    ran.push(step.run.split('\n')[0]!);
    log += r.stdout + r.stderr;
    if (step.id) outputs[step.id] = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split('=', 2) as [string, string]));
    if (r.status !== 0) return { ok: false, log, ran };
  }
  return { ok: true, log, ran };
}

/** The workflow's `if:` expressions: `a == 'b'` joined by `&&`, over github.ref and step outputs. */
function condition(expr: string, ref: string, outputs: Record<string, Record<string, string>>): boolean {
  return expr.split('&&').every((part) => {
    const [left, right] = part.split('==').map((s) => s.trim());
    const value = left === 'github.ref' ? ref : /^steps\.(\w+)\.outputs\.(\w+)$/.exec(left!)?.slice(1);
    const actual = typeof value === 'string' ? value : value ? outputs[value[0]!]?.[value[1]!] ?? '' : undefined;
    if (actual === undefined || !/^'.*'$/.test(right!)) throw new Error(`the test cannot evaluate \`${part}\` in ${workflowFile}`);
    return actual === right!.slice(1, -1);
  });
}

const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.test', ...args], { cwd: repo, encoding: 'utf8' });
const main = 'refs/heads/main';
const regenerate = 'oedr draft requests/ --format docx,pdf,md --out letters/';

test('examples/ci in a new repository: first push, pull request, committed letters, a stale letter and its fix', () => {
  mkdirSync(repo);
  git('init', '-q', '-b', 'main');
  cpSync(join(root, 'examples/ci/.github'), join(repo, '.github'), { recursive: true });
  git('add', '-A');
  git('commit', '-qm', 'the workflow');

  // The first push: the workflow alone. It passes and says where the specs go.
  const first = runWorkflow(main);
  expect(first.ok, first.log).toBe(true);
  expect(first.log).toContain('::notice::No specs at requests/ yet. Write one with: oedr init requests/first-request.yaml');

  // A pull request with the specs, one under a law the registry marks low-confidence: --strict passes.
  mkdirSync(join(repo, 'requests'));
  for (const f of readdirSync(join(root, 'examples')).filter((n) => n.endsWith('.yaml'))) cpSync(join(root, 'examples', f), join(repo, 'requests', f));
  const foi = readFileSync(join(repo, 'requests/campaign-finance-foi.yaml'), 'utf8');
  writeFileSync(join(repo, 'requests/malawi-foi.yaml'), foi.replace(/^law: KE.*$/m, 'law: MW'));
  git('add', '-A');
  git('commit', '-qm', 'specs');
  const pr = runWorkflow('refs/pull/1/merge');
  expect(pr.ok, pr.log).toBe(true);
  expect(pr.log).toMatch(/malawi-foi\.yaml:\d+:\d+ law: warning: the MW row of the law registry has low confidence/);
  expect(pr.ran).not.toContain('if [ ! -f "${LETTERS%/}/oedr-manifest.json" ]; then'); // main only
  expect(JSON.parse(readFileSync(join(repo, 'build/summary.json'), 'utf8'))).toMatchObject({ ok: true, specs: 4, failed: 0 });
  expect(readdirSync(join(repo, 'build/letters')).filter((f) => f.endsWith('.pdf'))).toHaveLength(4);

  // Merged to main without committed letters: nothing to compare, and it says how to commit them.
  const merged = runWorkflow(main);
  expect(merged.ok, merged.log).toBe(true);
  expect(merged.log).toContain(`No letters committed in letters/: nothing to compare. To commit them: ${regenerate}`);

  // The team commits the letters with that command: main checks them, and they are current.
  expect(spawnSync('bash', ['-c', regenerate], { cwd: repo, env: { ...process.env, PATH: `${join(tmp.path, 'home/prefix/bin')}:${process.env.PATH}` } }).status).toBe(0);
  git('add', '-A');
  git('commit', '-qm', 'letters');
  const current = runWorkflow(main);
  expect(current.ok, current.log).toBe(true);
  expect(current.log).toContain('16 files up to date, 0 out of date or missing for 4 specs');

  // A spec changed without its letter: main fails, naming the letter and the command that mends it.
  writeFileSync(join(repo, 'requests/polling-station-results.yaml'), readFileSync(join(repo, 'requests/polling-station-results.yaml'), 'utf8').replace('Citizens\' Election Watch deployed', 'Citizens\' Election Watch sent'));
  const stale = runWorkflow(main);
  expect(stale.ok).toBe(false);
  expect(stale.log).toContain('polling-station-results.pdf: out of date');
  expect(stale.log).toContain(`::error::The letters in letters/ are not the ones the specs give. Regenerate them with: ${regenerate}`);
  spawnSync('bash', ['-c', regenerate], { cwd: repo, env: { ...process.env, PATH: `${join(tmp.path, 'home/prefix/bin')}:${process.env.PATH}` } });
  expect(runWorkflow(main).ok).toBe(true);
  expect(existsSync(join(repo, 'letters/oedr-manifest.json'))).toBe(true);
}, 120_000);
