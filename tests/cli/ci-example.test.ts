// The example CI workflow's oedr commands, run as written against a copy of the examples.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, expect, it } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());

it('every oedr step of examples/ci/.github/workflows/oedr-letters.yml works on a repository of specs', async () => {
  const workflow = parse(readFileSync(join(root, 'examples/ci/.github/workflows/oedr-letters.yml'), 'utf8'));
  const steps: { run?: string }[] = workflow.jobs.letters.steps;
  const commands = steps.map((s) => s.run).filter((r): r is string => !!r && r.startsWith('oedr '));
  expect(commands.map((c) => c.split(' ')[1])).toEqual(['validate', 'draft', 'draft']);

  mkdirSync(join(tmp.path, 'requests'));
  for (const f of readdirSync(join(root, 'examples')).filter((n) => n.endsWith('.yaml'))) copyFileSync(join(root, 'examples', f), join(tmp.path, 'requests', f));
  const cwd = process.cwd();
  process.chdir(tmp.path);
  try {
    for (const command of commands) {
      const [line, redirect] = command.split(' > ');
      const argv = line!.split(' ').slice(1);
      if (argv.includes('--check')) {
        // The repository commits its letters; here they are drafted first, as a team would.
        expect((await runCli(...argv.filter((a) => a !== '--check'))).code).toBe(0);
      }
      const r = await runCli(...argv);
      expect(r.code, `${command}\n${r.err}`).toBe(0);
      if (redirect) writeFileSync(redirect, r.out);
    }
    expect(JSON.parse(readFileSync('build-summary.json', 'utf8'))).toMatchObject({ ok: true, specs: 3, failed: 0 });
    expect(readdirSync('build/letters').filter((f) => f.endsWith('.pdf'))).toHaveLength(3);
  } finally {
    process.chdir(cwd);
  }
});
