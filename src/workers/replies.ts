/**
 * Replies of one file with their tokens, made by a segmenting thread, linted by
 * rules only: wherever this runs (a rule thread, or the main thread on two
 * threads), it loads no jieba.
 */
import { linterForSpec, type LinterSpec } from '../config/resolve.js';
import type { LintContext } from '../engine/conversation.js';
import type { Finding } from '../engine/finding.js';
import { unpackTokens, type PackedTokens } from '../engine/packed.js';

export interface RepliesJob {
  type: 'replies';
  spec: LinterSpec;
  texts: string[];
  tokens: PackedTokens;
  context: LintContext;
}

/**
 * Replies linted per step within a batch: each step's token objects die young,
 * collected in the young generation (a whole batch's would be promoted and
 * collected as old garbage). Measured on the bench corpus.
 */
const LINT_STEP = 256;

export function lintReplies(job: RepliesJob): Finding[][] {
  // A few hundred replies at a time: one step's tokens and layouts die young.
  const linter = linterForSpec(job.spec, true);
  const findings: Finding[][] = [];
  unpackTokens(job.texts, job.tokens, LINT_STEP, (first, lists) => {
    for (const list of linter.lintTokenized(job.texts.slice(first, first + lists.length), lists, job.context)) findings.push(list);
  });
  return findings;
}
