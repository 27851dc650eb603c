// The worker pool must never hang: a worker that dies without an 'error' event fails the batch.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { runInWorkers } from '../../src/cli/pool.js';
import { tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());

function worker(name: string, body: string): URL {
  const file = join(tmp.path, name);
  writeFileSync(file, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
  return pathToFileURL(file);
}

const jobs = Array.from({ length: 4 }, (_, i) => ({ kind: 'validate' as const, file: `spec-${i}.yaml` }));

test('a worker that exits mid-batch rejects the batch instead of hanging', async () => {
  const url = worker('exits.mjs', "parentPort.on('message', () => process.exit(3));");
  await expect(runInWorkers(jobs, 2, undefined, url)).rejects.toThrow(/a worker thread stopped unexpectedly \(exit code 3\) while working on spec-[01]\.yaml/);
}, 10_000);

test('a worker that answers every job gives the results in input order', async () => {
  const url = worker('echo.mjs', "parentPort.on('message', (m) => parentPort.postMessage({ index: m.index, result: { diagnostics: [], code: m.index } }));");
  expect((await runInWorkers(jobs, 2, undefined, url)).map((r) => r.code)).toEqual([0, 1, 2, 3]);
});
