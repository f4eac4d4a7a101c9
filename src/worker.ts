/**
 * A worker thread of the pool: runs the jobs it is sent — a batch of replies to
 * segment or to lint, a slice of a JSON Lines transcript, or a list of
 * conversations — and answers each. Given a token line, its transcript jobs ask
 * there for their tokens; told to serve one, it tokenizes for a rule thread.
 */
import { parentPort } from 'node:worker_threads';
import type { LinterSpec } from './config/resolve.js';
import type { Finding } from './engine/finding.js';
import { packedBuffers, type PackedTokens } from './engine/packed.js';
import { runTranscriptJob, type JobResult, type TranscriptJob } from './transcripts/jobs.js';
import { toJobError, type JobMessage, type JobResponse, type ControlMessage } from './workers/pool.js';
import { lintReplies, type RepliesJob } from './workers/replies.js';
import { segmentTexts, serveTokens, TokenLine } from './workers/segmenting.js';

export type { RepliesJob } from './workers/replies.js';

/** Replies of one file to segment (by this spec's linter, its own words included). */
export interface SegmentJob {
  type: 'segment';
  spec: LinterSpec;
  texts: string[];
}

export type WorkerJob = SegmentJob | RepliesJob | TranscriptJob;

export type WorkerResult = PackedTokens | Finding[][] | JobResult;

/** This thread's line to a thread with jieba (see JobPool.tokenLines), if it was given one. */
let tokenLine: TokenLine | undefined;

export function runJob(job: WorkerJob): WorkerResult | Promise<WorkerResult> {
  if (job.type === 'segment') return segmentTexts(job.spec, job.texts);
  if (job.type === 'replies') return lintReplies(job);
  const line = tokenLine;
  return runTranscriptJob(job, line && ((texts) => line.tokenize(job.spec, texts)));
}

function answer(id: number, job: WorkerJob, result: WorkerResult): void {
  // Tokens are moved, not copied.
  parentPort!.postMessage({ id, result } satisfies JobResponse<WorkerResult>, job.type === 'segment' ? packedBuffers(result as PackedTokens) : []);
}

function fail(id: number, error: unknown): void {
  parentPort!.postMessage({ id, error: toJobError(error) } satisfies JobResponse<WorkerResult>);
}

parentPort?.on('message', (message: JobMessage<WorkerJob> | ControlMessage) => {
  if ('tokenLine' in message) {
    tokenLine = new TokenLine(message.tokenLine);
    return;
  }
  if ('serveTokens' in message) {
    serveTokens(message.serveTokens);
    return;
  }
  const { id, job } = message;
  let result: WorkerResult | Promise<WorkerResult>;
  try {
    result = runJob(job);
  } catch (error) {
    fail(id, error);
    return;
  }
  if (result instanceof Promise) result.then((value) => answer(id, job, value), (error) => fail(id, error));
  else answer(id, job, result);
});
