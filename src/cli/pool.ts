// Runs jobs on worker threads, one per core, so a batch of specs uses the whole machine. Results
// come back in input order, so output never depends on which worker finished first.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnyResult, Job } from './worker.js';

/**
 * Below this many jobs, starting workers costs more than it saves: a validate worker loads yaml
 * and zod again (~2 ms of work per spec), a draft worker also pdfkit, docx and the fonts (~50 ms
 * of work per letter), so drafting pays off much sooner.
 */
export const PARALLEL_THRESHOLD = 64;
export const DRAFT_PARALLEL_THRESHOLD = 8;

/** OEDR_JOBS=1 keeps everything on the main thread; the default is one worker per core. */
export function jobCount(items: number, threshold = PARALLEL_THRESHOLD): number {
  const env = Number(process.env.OEDR_JOBS);
  const cores = Number.isInteger(env) && env > 0 ? env : availableParallelism();
  if (items < threshold || cores < 2 || !workerUrl) return 1;
  return Math.min(cores, Math.ceil(items / threshold));
}

// Source files run under vitest have no compiled worker beside them; there, batches run in-thread.
const workerUrl = import.meta.url.endsWith('.ts') ? undefined : new URL('./worker.js', import.meta.url);

/**
 * `onResult` sees each result as it arrives (in any order); `url` is for tests, which run a worker
 * that misbehaves on purpose.
 */
export async function runInWorkers<R extends AnyResult>(
  jobs: Job[], workers: number, onResult?: (index: number, result: R) => void, url: URL | undefined = workerUrl,
): Promise<R[]> {
  if (!url) throw new Error('runInWorkers: no compiled worker to run');
  const results: R[] = new Array(jobs.length);
  let next = 0;
  const spawned: Worker[] = [];
  try {
    await Promise.all(Array.from({ length: workers }, () => new Promise<void>((resolve, reject) => {
      const worker = new Worker(url);
      spawned.push(worker);
      let finished = false;
      let current: number | undefined;
      const feed = () => {
        if (next < jobs.length) {
          current = next++;
          worker.postMessage({ index: current, job: jobs[current] });
        } else {
          finished = true;
          current = undefined;
          void worker.terminate().then(() => resolve());
        }
      };
      worker.on('message', (m: { index: number; result: R }) => {
        results[m.index] = m.result;
        onResult?.(m.index, m.result);
        feed();
      });
      worker.on('error', (e) => {
        finished = true;
        reject(e);
      });
      // A worker killed from outside, or one that calls process.exit, ends without an 'error' event;
      // without this the batch would wait for its answer forever.
      worker.on('exit', (exitCode) => {
        if (finished) return;
        finished = true;
        const job = current === undefined ? '' : ` while working on ${jobs[current]!.file}`;
        reject(new Error(`a worker thread stopped unexpectedly (exit code ${exitCode})${job}`));
      });
      feed();
    })));
  } catch (e) {
    // One worker failed: stop the others rather than leave them holding the process open.
    await Promise.all(spawned.map((w) => w.terminate()));
    throw e;
  }
  return results;
}
