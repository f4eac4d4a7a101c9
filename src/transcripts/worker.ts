/** Worker thread: runs transcript jobs (slices of a JSON Lines file, or conversations) sent by the pool. */
import { parentPort, workerData } from 'node:worker_threads';
import { JobRunner, toJobError, type JobResponse, type JobSettings, type TranscriptJob } from './jobs.js';

const runner = new JobRunner(workerData as JobSettings);

parentPort!.on('message', (job: TranscriptJob) => {
  let response: JobResponse;
  try {
    response = runner.run(job);
  } catch (error) {
    response = { id: job.id, error: toJobError(error) };
  }
  parentPort!.postMessage(response);
});
