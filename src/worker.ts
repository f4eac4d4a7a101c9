/** Worker thread: lints batches of replies sent by `lintInParallel`. */
import { parentPort, workerData } from 'node:worker_threads';
import { createLinterSync, type LinterOptions } from './linter.js';
import type { WorkerRequest, WorkerResponse } from './parallel.js';

const linter = createLinterSync(workerData as LinterOptions);

parentPort!.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    response = { id: request.id, findings: linter.lintMany(request.texts, request.context) };
  } catch (error) {
    response = { id: request.id, error: (error as Error).message };
  }
  parentPort!.postMessage(response);
});
