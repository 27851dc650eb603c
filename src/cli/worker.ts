// A worker thread of the pool: takes one job at a time and answers with plain data.
import { parentPort } from 'node:worker_threads';
import { ExitCode, OedrError, type Diagnostic } from '../errors.js';
import { loadSpec } from '../spec/load.js';

export type Job = { kind: 'validate'; file: string; laws?: string };
export type JobResult = { diagnostics: Diagnostic[]; code: number };

/** The same work on any thread; errors in the input become diagnostics, bugs stay errors. */
export async function runJob(job: Job): Promise<JobResult> {
  try {
    const loaded = await loadSpec(job.file);
    if (!loaded.spec?.law) return { diagnostics: loaded.diagnostics, code: ExitCode.ok };
    // Only specs that name a law pay for the registry and holiday tables.
    const { applyLaw } = await import('../laws/for-spec.js');
    const law = await applyLaw(loaded, job.laws);
    return { diagnostics: sortByPlace([...loaded.diagnostics, ...law.diagnostics]), code: ExitCode.ok };
  } catch (e) {
    if (e instanceof OedrError) return { diagnostics: e.diagnostics, code: e.code };
    throw e;
  }
}

parentPort?.on('message', async (m: { index: number; job: Job }) => {
  parentPort!.postMessage({ index: m.index, result: await runJob(m.job) });
});

const sortByPlace = (ds: Diagnostic[]) => ds.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
