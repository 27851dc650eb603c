// Runs jobs on worker threads, one per core, so a batch of specs uses the whole machine. Results
// come back in input order, so output never depends on which worker finished first.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Job, JobResult } from './worker.js';

/** Below this many jobs, starting workers (yaml and zod load again in each) costs more than it saves. */
export const PARALLEL_THRESHOLD = 64;

/** OEDR_JOBS=1 keeps everything on the main thread; the default is one worker per core. */
export function jobCount(items: number): number {
  const env = Number(process.env.OEDR_JOBS);
  const cores = Number.isInteger(env) && env > 0 ? env : availableParallelism();
  if (items < PARALLEL_THRESHOLD || cores < 2 || !workerUrl) return 1;
  return Math.min(cores, Math.ceil(items / PARALLEL_THRESHOLD));
}

// Source files run under vitest have no compiled worker beside them; there, batches run in-thread.
const workerUrl = import.meta.url.endsWith('.ts') ? undefined : new URL('./worker.js', import.meta.url);

/** `url` is for tests, which run a worker that misbehaves on purpose. */
export async function runInWorkers(jobs: Job[], workers: number, url: URL | undefined = workerUrl): Promise<JobResult[]> {
  if (!url) throw new Error('runInWorkers: no compiled worker to run');
  const results: JobResult[] = new Array(jobs.length);
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
      worker.on('message', (m: { index: number; result: JobResult }) => {
        results[m.index] = m.result;
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
        const job = current === undefined ? '' : ` while checking ${jobs[current]!.file}`;
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
