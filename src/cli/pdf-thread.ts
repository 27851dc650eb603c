// A batch on two cores, split by stage. One pool worker drafts every letter (reads the spec,
// composes, writes the DOCX and the files) and hands each Document to a worker of its own that
// typesets the PDFs; the main thread only hands out specs and collects results. Each drafting
// thread then optimizes only its half of the code: with two threads drafting whole letters, each
// compiled and re-compiled all of it (V8's optimizing compiler was the largest background cost of a
// batch). And the main thread, drafting nothing, keeps a small heap: with the main thread drafting,
// its young generation (which cannot be capped from inside the process) grew through a long batch,
// and 1,000 letters peaked 1.4x as high as 100. Letters are composed ahead (IN_FLIGHT) so the PDF
// thread always has one waiting.
import type { Worker } from 'node:worker_threads';
import type { Document } from '../document.js';
import { OedrError } from '../errors.js';
import { getWriter, type Writer } from '../writers/index.js';
import { bundledFontsCover } from '../compose/coverage.js';
import type { PdfJob, PdfResult } from './worker.js';

/** Letters composed and waiting for their PDF at most: enough to keep the PDF thread busy, few enough to hold little memory. */
export const IN_FLIGHT = 3;

/**
 * The PDF thread's heap limits: a young generation of 16 MB for one letter at a time (~3 MB
 * allocated each), and an old generation limit that keeps its growth between full GCs small, as
 * for the draft workers (draft.ts).
 */
const PDF_THREAD_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 1024 };

export interface PdfThread {
  /** A PDF writer whose documents are typeset on the worker; covers() answers on this thread. */
  writer: Writer;
  close(): Promise<void>;
}

/** The worker's side: one letter's PDF, or its writer's OedrError as plain data. */
export async function renderPdfJob(job: PdfJob): Promise<PdfResult> {
  const writer = await getWriter('pdf');
  try {
    return { bytes: await writer.write(job.doc) };
  } catch (e) {
    if (e instanceof OedrError) return { error: { code: e.code, diagnostics: e.diagnostics } };
    throw e;
  }
}

export async function startPdfThread(url: URL): Promise<PdfThread> {
  const { Worker } = await import('node:worker_threads');
  const worker: Worker = new Worker(url, { resourceLimits: PDF_THREAD_LIMITS });
  const pending = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (e: unknown) => void }>();
  let failed: Error | undefined;
  let closing = false;
  let next = 0;
  const fail = (e: Error) => {
    failed ??= e;
    for (const p of pending.values()) p.reject(failed);
    pending.clear();
  };
  worker.on('message', (m: { index: number; result: PdfResult }) => {
    const p = pending.get(m.index);
    pending.delete(m.index);
    if ('bytes' in m.result) p?.resolve(m.result.bytes);
    else p?.reject(new OedrError(m.result.error.code, m.result.error.diagnostics));
  });
  worker.on('error', fail);
  // A worker killed from outside ends without an 'error' event; the letters waiting on it must not wait forever.
  worker.on('exit', (code) => {
    if (!closing) fail(new Error(`the PDF worker thread stopped unexpectedly (exit code ${code})`));
  });
  const write = (doc: Document) => new Promise<Uint8Array>((resolve, reject) => {
    if (failed) return reject(failed);
    const index = next++;
    pending.set(index, { resolve, reject });
    try {
      worker.postMessage({ index, job: { kind: 'pdf', doc } satisfies PdfJob });
    } catch (e) {
      pending.delete(index);
      reject(e);
    }
  });
  return {
    // covers(): the bundled fonts' coverage table, the one validate uses, without loading the fonts here.
    writer: { extension: 'pdf', covers: bundledFontsCover, write },
    close: async () => {
      closing = true;
      fail(new Error('the PDF thread was closed before this letter was typeset'));
      await worker.terminate();
    },
  };
}
