// The scheduled workflow examples/ci/.github/workflows/oedr-status.yml, its oedr steps run as
// written in a repository of requests: a summary table, then a failure when an answer is overdue.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';
import { foiSpec, requestsFolder } from './fixtures.js';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => { dir = tempDir(); });
afterEach(() => dir.done());

test('the daily status job writes a Markdown summary and fails when something is due', async () => {
  const workflow = parse(readFileSync(join(root, 'examples/ci/.github/workflows/oedr-status.yml'), 'utf8'));
  const commands = (workflow.jobs.status.steps as { run?: string }[]).map((s) => s.run).filter((r): r is string => !!r?.startsWith('oedr '));
  expect(commands).toEqual(['oedr status requests/ --markdown >> "$GITHUB_STEP_SUMMARY"', 'oedr status requests/ --check']);
  expect(workflow.on.schedule[0].cron).toBe('0 6 * * 1-5');

  const folder = requestsFolder(dir.path, { 'results.yaml': foiSpec({ date: '2026-12-03' }) });
  expect((await runCli('record', join(folder, 'results.yaml'), '--sent', '2026-12-03', '--via', 'email')).code).toBe(0);
  const cwd = process.cwd();
  process.chdir(dir.path);
  try {
    const run = (command: string, today: string) => runCli(...command.split(' > ')[0]!.split(' >> ')[0]!.split(' ').slice(1), '--today', today);
    const summary = await run(commands[0]!, '2026-12-10');
    expect(summary.code).toBe(0);
    expect(summary.out).toContain('| results | Independent Electoral and Boundaries Commission | KE | 2026-12-03 | 2026-12-24 | 14 left |  | wait by 2026-12-24 |');
    expect((await run(commands[1]!, '2026-12-10')).code).toBe(0);
    const late = await run(commands[1]!, '2026-12-30');
    expect(late.code).toBe(1);
    expect(late.err).toBe('oedr status: 1 letter needs action: results');
  } finally {
    process.chdir(cwd);
  }
});
