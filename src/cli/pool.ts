// Runs jobs on worker threads, one per core, so a batch of specs uses the whole machine. Results
// come back in input order, so output never depends on which worker finished first.
// Loaded only when a batch spreads out: node:worker_threads costs ~0.7 ms of every start otherwise.
import type { Worker } from 'node:worker_threads';
import { threadBudget } from '../threads.js';
import type { AnyResult, Job } from './worker.js';

/**
 * Jobs per thread before another thread pays. A worker loads the bundle and warms it up again
 * (~0.5 s of CPU for validate, ~1.3 s for draft) while a spec takes ~1 ms to validate and a letter
 * ~20 ms to draft. On this 2-core machine, 1,000 specs validated in 1.24 s on one thread against
 * 1.88 s on the main thread plus a worker (7 interleaved runs, machine shared), so validate
 * spreads out only above 1,000 specs; drafting pays off much sooner.
 */
export const PARALLEL_THRESHOLD = 1000;
export const DRAFT_PARALLEL_THRESHOLD = 8;

/**
 * Jobs sent ahead to each worker, so that it never waits for the main thread between two jobs
 * (the main thread may be busy rendering a letter of its own when a result arrives).
 */
export const PREFETCH = 2;

/** OEDR_JOBS=1 keeps everything on the main thread; the default is one thread per core. */
export function jobCount(items: number, threshold = PARALLEL_THRESHOLD): number {
  const cores = threadBudget();
  if (items < threshold || cores < 2 || !workerUrl) return 1;
  return Math.min(cores, Math.ceil(items / threshold));
}

// Source files run under vitest have no compiled worker beside them; there, batches run in-thread.
const workerUrl = import.meta.url.endsWith('.ts') ? undefined : new URL('./worker.js', import.meta.url);

export interface PoolOptions<R> {
  /** The worker script; tests pass one that misbehaves on purpose. */
  url?: URL;
  /**
   * Run jobs on this thread too, taken from the same queue as the workers'. A worker drafting whole
   * letters loads the writers, fonts and templates and warms them up again (1-2 s of CPU) and holds
   * its own heap, so the main thread drafts beside them rather than idling. (On two cores a draft
   * batch is split by stage instead: pdf-thread.ts.)
   */
  local?: (job: Job) => Promise<R>;
  /** V8 heap limits of each worker (node:worker_threads' resourceLimits). */
  resourceLimits?: { maxYoungGenerationSizeMb?: number; maxOldGenerationSizeMb?: number };
  /** Jobs sent ahead to each worker; PREFETCH unless the worker runs several at once (worker.ts). */
  prefetch?: number;
}

/** Workers running now, and whether stopWorkers was called: a signal ends the batch. */
const live = new Set<import('node:worker_threads').Worker>();
let stopping = false;

/**
 * Ends every worker of this process (Ctrl-C): once it resolves, no worker writes another file.
 * The batches they were running end without an error.
 */
export async function stopWorkers(): Promise<void> {
  stopping = true;
  await Promise.all([...live].map((w) => w.terminate()));
}

/** `onResult` sees each result as it arrives (in any order). */
export async function runInWorkers<R extends AnyResult>(
  jobs: Job[], workers: number, onResult?: (index: number, result: R) => void, options: PoolOptions<R> = {},
): Promise<R[]> {
  const { url = workerUrl, local, resourceLimits, prefetch = PREFETCH } = options;
  if (!url) throw new Error('runInWorkers: no compiled worker to run');
  const { Worker } = await import('node:worker_threads');
  const results: R[] = new Array(jobs.length);
  let next = 0;
  let stopped = false;
  const spawned: Worker[] = [];
  const take = () => (!stopped && !stopping && next < jobs.length ? next++ : undefined);
  const settle = (index: number, result: R) => {
    results[index] = result;
    onResult?.(index, result);
  };

  const runWorker = (worker: Worker, inFlight: number[]) => new Promise<void>((resolve, reject) => {
    let finished = false;
    const feed = () => {
      while (inFlight.length < prefetch) {
        const index = take();
        if (index === undefined) break;
        inFlight.push(index);
        worker.postMessage({ index, job: jobs[index] });
      }
      if (!inFlight.length) {
        finished = true;
        void worker.terminate().then(() => resolve());
      }
    };
    worker.on('message', (m: { index: number; result: R }) => {
      inFlight.splice(inFlight.indexOf(m.index), 1);
      settle(m.index, m.result);
      feed();
    });
    worker.on('error', (e) => {
      finished = true;
      reject(e);
    });
    // A worker killed from outside, or one that calls process.exit, ends without an 'error' event;
    // without this the batch would wait for its answer forever.
    worker.on('exit', (exitCode) => {
      live.delete(worker);
      if (finished) return;
      finished = true;
      if (stopping) return resolve();
      const files = inFlight.map((i) => jobs[i]!.file);
      const job = files.length ? ` while working on ${files.length === 1 ? files[0] : `one of ${files.join(', ')}`}` : '';
      reject(new Error(`a worker thread stopped unexpectedly (exit code ${exitCode})${job}`));
    });
    feed();
  });

  const runLocal = async (run: (job: Job) => Promise<R>) => {
    for (let index = take(); index !== undefined; index = take()) {
      settle(index, await run(jobs[index]!));
      // Let the workers' answers in, so that each gets its next job without waiting for this thread.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  try {
    const pool = Array.from({ length: workers }, () => {
      const worker = new Worker(url, resourceLimits ? { resourceLimits } : {});
      spawned.push(worker);
      live.add(worker);
      return { worker, inFlight: [] as number[] };
    });
    // The first jobs go round the workers one at a time, then each gets its jobs sent ahead.
    for (const w of pool) {
      const index = take();
      if (index === undefined) break;
      w.inFlight.push(index);
      w.worker.postMessage({ index, job: jobs[index] });
    }
    await Promise.all([...pool.map((w) => runWorker(w.worker, w.inFlight)), ...(local ? [runLocal(local)] : [])]);
  } catch (e) {
    // One worker failed: stop the others rather than leave them holding the process open.
    stopped = true;
    await Promise.all(spawned.map((w) => w.terminate()));
    throw e;
  }
  return results;
}
