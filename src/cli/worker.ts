// A worker thread of the pool: takes jobs and answers with plain data. Validate jobs run
// validate-job.ts, as `oedr validate` does on the main thread, so both say the same.
import { parentPort } from 'node:worker_threads';
import type { Document } from '../document.js';
import type { Diagnostic, ExitCode } from '../errors.js';
import type { DraftJob, DraftResult } from './draft-job.js';
import { IN_FLIGHT, renderPdfJob, startPdfThread, type PdfThread } from './pdf-thread.js';
import { runJob, type JobResult, type ValidateJob } from './validate-job.js';

export type { JobResult, ValidateJob };
/** One letter's PDF, sent to the PDF thread by the thread that drafts the letter (pdf-thread.ts). */
export interface PdfJob {
  kind: 'pdf';
  doc: Document;
}
/** The PDF, or the OedrError the writer threw (a font-coverage error), as plain data. */
export type PdfResult = { bytes: Uint8Array } | { error: { code: ExitCode; diagnostics: Diagnostic[] } };
/** The pool's jobs (pool.ts). */
export type Job = ValidateJob | DraftJob;
export type AnyResult = JobResult | DraftResult;

/** This worker's own PDF thread, for draft jobs that ask for one (DraftJob.pdfThread); started on first use. */
let pdfThread: Promise<PdfThread> | undefined;

/** Draft jobs load the composer and writers only in threads that draft; PDF jobs only the PDF writer (pdf-thread.ts loads it on first use). */
export async function runAnyJob(job: Job | PdfJob): Promise<AnyResult | PdfResult> {
  if (job.kind === 'validate') return runJob(job);
  if (job.kind === 'pdf') return renderPdfJob(job);
  const { runDraftJob } = await import('./draft-job.js');
  if (!job.pdfThread) return runDraftJob(job);
  pdfThread ??= startPdfThread(new URL('./worker.js', import.meta.url));
  return runDraftJob(job, { pdf: (await pdfThread).writer });
}

// The pool sends jobs ahead (see PoolOptions.prefetch). They run one at a time, so only one letter's
// documents are alive at a time, except draft jobs with a PDF thread: up to IN_FLIGHT of those run
// at once, so that the PDF thread always has a letter waiting while this one composes the next.
const queue: { index: number; job: Job | PdfJob }[] = [];
let running = 0;
parentPort?.on('message', (m: { index: number; job: Job | PdfJob }) => {
  queue.push(m);
  pump();
});

function pump(): void {
  while (queue.length && running < (queue[0]!.job.kind === 'draft' && queue[0]!.job.pdfThread ? IN_FLIGHT : 1)) {
    const m = queue.shift()!;
    running++;
    // No catch, on purpose: a job that throws (a bug, or its PDF thread gone) ends this worker with
    // an 'error' event, and the pool fails the batch with it (pool.ts).
    void runAnyJob(m.job).then((result) => {
      parentPort!.postMessage({ index: m.index, result });
      running--;
      pump();
    });
  }
}
