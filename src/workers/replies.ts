/**
 * Replies of one file with their tokens, made by a segmenting thread, linted by
 * rules only: wherever this runs (a rule thread, or the main thread on two
 * threads), it loads no jieba.
 */
import { linterForSpec, type LinterSpec } from '../config/resolve.js';
import type { LintContext } from '../engine/conversation.js';
import type { Finding } from '../engine/finding.js';
import type { PackedTokens } from '../engine/packed.js';

export interface RepliesJob {
  type: 'replies';
  spec: LinterSpec;
  texts: string[];
  tokens: PackedTokens;
  context: LintContext;
}

export function lintReplies(job: RepliesJob): Finding[][] {
  // The packed tokens as they came: token objects are made only where a rule asks.
  return linterForSpec(job.spec, true).lintTokenized(job.texts, job.tokens, job.context);
}
