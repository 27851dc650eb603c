// Worker thread entry: checkPart (part.ts) on the job it is started with, the result posted back.
import { parentPort, workerData } from 'node:worker_threads';
import { checkPart, transferList, type PartJob } from './part.js';

const result = await checkPart(workerData as PartJob);
parentPort!.postMessage(result, transferList(result));
