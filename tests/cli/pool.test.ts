// The worker pool must never hang: a worker that dies without an 'error' event fails the batch.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { PREFETCH, runInWorkers } from '../../src/cli/pool.js';
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
  await expect(runInWorkers(jobs, 2, undefined, { url })).rejects.toThrow(/a worker thread stopped unexpectedly \(exit code 3\) while working on one of spec-[01]\.yaml, spec-[23]\.yaml$/);
}, 10_000);

test('a worker that answers every job gives the results in input order', async () => {
  const url = worker('echo.mjs', "parentPort.on('message', (m) => parentPort.postMessage({ index: m.index, result: { diagnostics: [], code: m.index } }));");
  expect((await runInWorkers(jobs, 2, undefined, { url })).map((r) => r.code)).toEqual([0, 1, 2, 3]);
});

test('the main thread takes jobs from the same queue as the workers, and each job runs once', async () => {
  const url = worker('echo-local.mjs', "parentPort.on('message', (m) => parentPort.postMessage({ index: m.index, result: { diagnostics: [], code: 100 + m.index } }));");
  const many = Array.from({ length: 12 }, (_, i) => ({ kind: 'validate' as const, file: `spec-${i}.yaml` }));
  const local: string[] = [];
  const seen: number[] = [];
  const results = await runInWorkers(many, 1, (i) => seen.push(i), {
    url, local: async (job) => (local.push(job.file), { diagnostics: [], code: 100 + Number(job.file.replace(/\D/g, '')) }),
  });
  expect(results.map((r) => r.code)).toEqual(many.map((_, i) => 100 + i));
  expect(seen.sort((a, b) => a - b)).toEqual(many.map((_, i) => i));
  expect(local.length).toBeGreaterThan(0);
  expect(local.length).toBeLessThan(many.length);
});

test(`each worker is sent ${PREFETCH} jobs ahead, so it never waits for the main thread between jobs`, async () => {
  // This worker answers only once it holds PREFETCH jobs (or the last one): without jobs sent
  // ahead it would wait forever.
  const url = worker('ahead.mjs', `const held = []; parentPort.on('message', (m) => { held.push(m);
    if (held.length === ${PREFETCH} || m.index === ${jobs.length - 1}) for (const h of held.splice(0)) parentPort.postMessage({ index: h.index, result: { diagnostics: [], code: h.index } }); });`);
  expect((await runInWorkers(jobs, 1, undefined, { url })).map((r) => r.code)).toEqual([0, 1, 2, 3]);
}, 10_000);
