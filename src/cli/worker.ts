// A worker thread of the pool: takes one job at a time and answers with plain data. Validate jobs
// run validate-job.ts, as `oedr validate` does on the main thread, so both say the same.
import { parentPort } from 'node:worker_threads';
import type { DraftJob, DraftResult } from './draft-job.js';
import { runJob, type JobResult, type ValidateJob } from './validate-job.js';

export type { JobResult, ValidateJob };
export type Job = ValidateJob | DraftJob;
export type AnyResult = JobResult | DraftResult;

/** Draft jobs load the composer and writers only in threads that draft. */
export async function runAnyJob(job: Job): Promise<AnyResult> {
  if (job.kind === 'validate') return runJob(job);
  return (await import('./draft-job.js')).runDraftJob(job);
}

// The pool sends jobs ahead (see PREFETCH); they are run one after the other, never interleaved,
// so only one letter's documents are alive at a time.
const queue: { index: number; job: Job }[] = [];
let running = false;
parentPort?.on('message', (m: { index: number; job: Job }) => {
  queue.push(m);
  if (!running) void drain();
});

async function drain(): Promise<void> {
  running = true;
  for (let m = queue.shift(); m; m = queue.shift()) parentPort!.postMessage({ index: m.index, result: await runAnyJob(m.job) });
  running = false;
}
