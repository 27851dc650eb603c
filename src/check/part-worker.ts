// Worker thread entry: checkPart (part.ts) on the job it is started with, the hashes posted as
// they come (moved, not copied), then the result. Blocks the main thread is done with come back
// on their own port, taken when a new block is needed (the thread never waits for messages).
import { receiveMessageOnPort, workerData, parentPort, type MessagePort } from 'node:worker_threads';
import { checkPart, type PartJob } from './part.js';

const { job, blocks } = workerData as { job: PartJob; blocks: MessagePort };
const port = parentPort!;
const result = await checkPart(job, {
  rows: (hashes, jumps) => port.postMessage({ rows: hashes, jumps }, [hashes.buffer as ArrayBuffer, jumps.buffer as ArrayBuffer]),
  units: (hashes) => port.postMessage({ units: hashes }, [hashes.buffer as ArrayBuffer]),
  reuse: () => {
    const m = receiveMessageOnPort(blocks);
    return m && new Uint32Array(m.message as ArrayBuffer);
  },
});
port.postMessage({ done: result });
blocks.close();
