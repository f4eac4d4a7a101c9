/**
 * A worker thread of the pool: runs the jobs it is sent — a batch of replies to
 * segment or to lint, a slice of a JSON Lines transcript, or a list of
 * conversations — and answers each. Given a token line, its transcript jobs ask
 * there for their tokens; told to serve one, it tokenizes for a rule thread.
 */
import { parentPort } from 'node:worker_threads';
import { linterForSpec, type LinterSpec } from './config/resolve.js';
import type { LintContext } from './engine/conversation.js';
import type { Finding } from './engine/finding.js';
import { packedBuffers, unpackTokens, type PackedTokens } from './engine/packed.js';
import { runTranscriptJob, type JobResult, type TranscriptJob } from './transcripts/jobs.js';
import { toJobError, type JobMessage, type JobResponse, type ControlMessage } from './workers/pool.js';
import { segmentTexts, serveTokens, TokenLine } from './workers/segmenting.js';

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
 * Replies linted per step within a batch: each step's token objects die young,
 * collected in the young generation (a whole batch's would be promoted and
 * collected as old garbage). Measured on the bench corpus.
 */
const LINT_STEP = 256;

/** This thread's line to a thread with jieba (see JobPool.tokenLines), if it was given one. */
let tokenLine: TokenLine | undefined;

export function runJob(job: WorkerJob): WorkerResult | Promise<WorkerResult> {
  if (job.type === 'segment') return segmentTexts(job.spec, job.texts);
  if (job.type === 'replies') {
    // A few hundred replies at a time: one step's tokens and layouts die young.
    const linter = linterForSpec(job.spec, true);
    const findings: Finding[][] = [];
    unpackTokens(job.texts, job.tokens, LINT_STEP, (first, lists) => {
      for (const list of linter.lintTokenized(job.texts.slice(first, first + lists.length), lists, job.context)) findings.push(list);
    });
    return findings;
  }
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
