/**
 * A worker thread of the pool: runs the jobs it is sent — a batch of replies, a
 * slice of a JSON Lines transcript, or a list of conversations — and answers each.
 */
import { parentPort } from 'node:worker_threads';
import { linterForSpec, type LinterSpec } from './config/resolve.js';
import type { LintContext } from './engine/conversation.js';
import type { Finding } from './engine/finding.js';
import { packedBuffers, packInSteps, unpackTokens, type PackedTokens } from './engine/packed.js';
import { runTranscriptJob, type JobResult, type TranscriptJob } from './transcripts/jobs.js';
import { toJobError, type JobMessage, type JobResponse } from './workers/pool.js';

/** Replies of one file to segment (by this spec's linter, its own words included). */
export interface SegmentJob {
  type: 'segment';
  spec: LinterSpec;
  texts: string[];
}

/**
 * Replies of one file with their tokens, made by a segmenting thread: this thread
 * runs the rules only and loads no jieba.
 */
export interface RepliesJob {
  type: 'replies';
  spec: LinterSpec;
  texts: string[];
  tokens: PackedTokens;
  context: LintContext;
}

export type WorkerJob = SegmentJob | RepliesJob | TranscriptJob;

export type WorkerResult = PackedTokens | Finding[][] | JobResult;

/**
 * Replies tokenized, and linted, per step within a batch: each step's token
 * objects die young, collected in the young generation (a whole batch's would be
 * promoted and collected as old garbage). Measured on the bench corpus.
 */
const SEGMENT_STEP = 64;
const LINT_STEP = 256;

export function runJob(job: WorkerJob): WorkerResult {
  if (job.type === 'segment') {
    const linter = linterForSpec(job.spec);
    return packInSteps(job.texts, (texts) => linter.tokenizePacked(texts), SEGMENT_STEP);
  }
  if (job.type === 'replies') {
    // A few hundred replies at a time: one step's tokens and layouts die young.
    const linter = linterForSpec(job.spec, true);
    const findings: Finding[][] = [];
    unpackTokens(job.texts, job.tokens, LINT_STEP, (first, lists) => {
      for (const list of linter.lintTokenized(job.texts.slice(first, first + lists.length), lists, job.context)) findings.push(list);
    });
    return findings;
  }
  return runTranscriptJob(job);
}

parentPort?.on('message', ({ id, job }: JobMessage<WorkerJob>) => {
  let response: JobResponse<WorkerResult>;
  let transfer: ArrayBuffer[] = [];
  try {
    const result = runJob(job);
    // Tokens are moved, not copied.
    if (job.type === 'segment') transfer = packedBuffers(result as PackedTokens);
    response = { id, result };
  } catch (error) {
    response = { id, error: toJobError(error) };
  }
  parentPort!.postMessage(response, transfer);
});
