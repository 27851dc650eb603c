// A worker thread of the pool: takes one job at a time and answers with plain data.
import { parentPort } from 'node:worker_threads';
import { ExitCode, OedrError, type Diagnostic } from '../errors.js';
import { loadSpec } from '../spec/load.js';

export type Job = { kind: 'validate'; file: string };
export type JobResult = { diagnostics: Diagnostic[]; code: number };

/** The same work on any thread; errors in the input become diagnostics, bugs stay errors. */
export async function runJob(job: Job): Promise<JobResult> {
  try {
    return { diagnostics: (await loadSpec(job.file)).diagnostics, code: ExitCode.ok };
  } catch (e) {
    if (e instanceof OedrError) return { diagnostics: e.diagnostics, code: e.code };
    throw e;
  }
}

parentPort?.on('message', async (m: { index: number; job: Job }) => {
  parentPort!.postMessage({ index: m.index, result: await runJob(m.job) });
});
