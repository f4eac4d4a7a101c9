/**
 * A worker thread of the pool: runs the jobs it is sent — a batch of replies, a
 * slice of a JSON Lines transcript, or a list of conversations — and answers each.
 */
import { parentPort } from 'node:worker_threads';
import { linterForSpec, type LinterSpec } from './config/resolve.js';
import type { LintContext } from './engine/conversation.js';
import type { Finding } from './engine/finding.js';
import { runTranscriptJob, type JobResult, type TranscriptJob } from './transcripts/jobs.js';
import { toJobError, type JobMessage, type JobResponse } from './workers/pool.js';

/** Replies of one file, linted with one linter and context. */
export interface RepliesJob {
  type: 'replies';
  spec: LinterSpec;
  texts: string[];
  context: LintContext;
}

export type WorkerJob = RepliesJob | TranscriptJob;
export type WorkerResult = Finding[][] | JobResult;

export function runJob(job: WorkerJob): WorkerResult {
  if (job.type === 'replies') return linterForSpec(job.spec).lintMany(job.texts, job.context);
  return runTranscriptJob(job);
}

parentPort?.on('message', ({ id, job }: JobMessage<WorkerJob>) => {
  let response: JobResponse<WorkerResult>;
  try {
    response = { id, result: runJob(job) };
  } catch (error) {
    response = { id, error: toJobError(error) };
  }
  parentPort!.postMessage(response);
});
