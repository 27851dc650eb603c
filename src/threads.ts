// How many threads oedr may use: OEDR_JOBS when set to a whole number above 0 (OEDR_JOBS=1 keeps
// everything on the main thread), else one per core. Batches (cli/pool.ts) and the two-thread
// reading of large files (check/split.ts) both ask here.
import { availableParallelism } from 'node:os';

export function threadBudget(): number {
  const env = Number(process.env.OEDR_JOBS);
  return Number.isInteger(env) && env > 0 ? env : availableParallelism();
}
