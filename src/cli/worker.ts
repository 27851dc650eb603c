// A worker thread of the pool: takes one job at a time and answers with plain data. Validate jobs
// run validate-job.ts, as `oedr validate` does on the main thread, so both say the same.
import { parentPort } from 'node:worker_threads';
import type { Document } from '../document.js';
import type { Diagnostic, ExitCode } from '../errors.js';
import type { DraftJob, DraftResult } from './draft-job.js';
import { runJob, type JobResult, type ValidateJob } from './validate-job.js';

export type { JobResult, ValidateJob };
/** One letter's PDF, for the main thread's drafting (pdf-thread.ts). */
export interface PdfJob {
  kind: 'pdf';
  doc: Document;
}
/** The PDF, or the OedrError the writer threw (a font-coverage error), as plain data. */
export type PdfResult = { bytes: Uint8Array } | { error: { code: ExitCode; diagnostics: Diagnostic[] } };
/** The pool's jobs (pool.ts). */
export type Job = ValidateJob | DraftJob;
export type AnyResult = JobResult | DraftResult;

/** Draft jobs load the composer and writers only in threads that draft; PDF jobs only the PDF writer. */
export async function runAnyJob(job: Job | PdfJob): Promise<AnyResult | PdfResult> {
  if (job.kind === 'validate') return runJob(job);
  if (job.kind === 'pdf') return (await import('./pdf-thread.js')).renderPdfJob(job);
  return (await import('./draft-job.js')).runDraftJob(job);
}

// The pool sends jobs ahead (see PREFETCH); they are run one after the other, never interleaved,
// so only one letter's documents are alive at a time.
const queue: { index: number; job: Job | PdfJob }[] = [];
let running = false;
parentPort?.on('message', (m: { index: number; job: Job | PdfJob }) => {
  queue.push(m);
  if (!running) void drain();
});

async function drain(): Promise<void> {
  running = true;
  for (let m = queue.shift(); m; m = queue.shift()) parentPort!.postMessage({ index: m.index, result: await runAnyJob(m.job) });
  running = false;
}
