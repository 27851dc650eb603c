// Worker thread entry: checkPart (part.ts) on the job it is started with, the hashes posted as
// they come (moved, not copied), then the result. Blocks the main thread is done with come back
// to be filled again.
import { parentPort, workerData } from 'node:worker_threads';
import { checkPart, type PartJob } from './part.js';

const port = parentPort!;
const pool: Uint32Array[] = [];
const back = (b: ArrayBuffer) => pool.push(new Uint32Array(b));
port.on('message', back);
const result = await checkPart(workerData as PartJob, {
  rows: (hashes, jumps) => port.postMessage({ rows: hashes, jumps }, [hashes.buffer as ArrayBuffer, jumps.buffer as ArrayBuffer]),
  units: (hashes) => port.postMessage({ units: hashes }, [hashes.buffer as ArrayBuffer]),
  reuse: () => pool.pop(),
});
port.postMessage({ done: result });
port.off('message', back);
