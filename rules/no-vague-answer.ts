/**
 * no-vague-answer: guesses instead of answers: 应该/大概/可能 … 吧 in one clause,
 * and 好像, 不太确定, 说不准, 不清楚. A plain 可能 that states a fact (可能会有色差)
 * is fine. 应该可以吧 → 我帮您核实后尽快回复您
 */
import * as z from 'zod';
import { breakFinder } from '../src/engine/scan.js';
import { defineRule, reasonOf } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

const CLAUSE_BREAK = /[，。！？!?,;；\n~～…]/u;

export default defineRule({
  id: 'no-vague-answer',
  meta: {
    title: '避免含糊猜测',
    description: '回复含糊其辞、像在猜测（应该吧、好像、说不准……），顾客得不到确切答复。',
    scope: 'reply',
    severity: 'warning',
    strictSeverity: 'error',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('no-vague-answer'),
  },
  options: z.strictObject({
    /** How many characters may stand between 应该/大概 and the clause-final 吧. */
    window: z.number().int().min(0).max(30).default(12),
  }),
  dictionaries: ['vague-answers'],
  create(options, env) {
    // jieba glues a final particle to the word before it (到吧), so the tail is
    // found by the clause's last characters rather than by a token match.
    const tails = env
      .dictionary('vague-answers')
      .entries.filter((entry) => entry.kind === 'tail')
      .flatMap((entry) => [entry.phrase, ...entry.variants]);
    return (reply) => {
      const matches = reply.matches('vague-answers');
      if (matches.length === 0) return;
      const { text } = reply;
      const nextBreak = breakFinder(text, CLAUSE_BREAK);
      let coveredUntil = -1;
      for (const match of matches) {
        if (match.start < coveredUntil || match.entry.kind === 'tail') continue;
        let end = match.end;
        if (match.entry.kind === 'hedge') {
          const clauseEnd = endOfClause(text, match.end, nextBreak(match.end));
          const tail = tails.find((t) => text.endsWith(t, clauseEnd));
          if (!tail || clauseEnd - tail.length - match.end > options.window) continue;
          end = clauseEnd;
        }
        reply.report({
          start: match.start,
          end,
          reason: reasonOf(match.entry, '回复含糊其辞，像在猜测。'),
          expected: match.entry.rewrites,
        });
        coveredUntil = end;
      }
    };
  },
});

/** Where the clause holding `from` ends (its break at `breakAt`), trailing spaces left out. */
function endOfClause(text: string, from: number, breakAt: number): number {
  let end = breakAt;
  while (end > from && /\s/u.test(text[end - 1])) end--;
  return end;
}
