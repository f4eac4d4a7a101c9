/** Worker thread: lints batches of conversations sent by the transcript pool. */
import { parentPort, workerData } from 'node:worker_threads';
import { createLinterSync, type LinterOptions } from '../linter.js';
import type { TranscriptWorkerRequest, TranscriptWorkerResponse } from './run.js';

const linter = createLinterSync(workerData as LinterOptions);

parentPort!.on('message', (request: TranscriptWorkerRequest) => {
  let response: TranscriptWorkerResponse;
  try {
    response = { id: request.id, results: request.conversations.map((messages) => linter.lintConversation(messages)) };
  } catch (error) {
    response = { id: request.id, error: (error as Error).message };
  }
  parentPort!.postMessage(response);
});
