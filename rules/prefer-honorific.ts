/**
 * prefer-honorific: 你 / 你们 addressed to the customer becomes 您 / 您们; a
 * mechanical edit that `--fix` applies. 你的订单已经发货了 → 您的订单已经发货了
 */
import * as z from 'zod';
import { defineRule, reasonOf } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';
import { quotedAt } from '../src/engine/context.js';

export default defineRule({
  id: 'prefer-honorific',
  meta: {
    title: '称呼用“您”',
    description: '对顾客称「你 / 你们」，建议改用「您 / 您们」。',
    scope: 'reply',
    severity: 'warning',
    strictSeverity: 'error',
    fixable: true,
    hasSuggestions: true,
    docs: docsUrl('prefer-honorific'),
  },
  options: z.strictObject({
    /** Leave 你 inside quotation marks alone: it is someone else's wording. */
    skipQuoted: z.boolean().default(true),
  }),
  // forbidden-words is read so that an insult is never polished into 您-form by --fix:
  // 关你什么事 must be deleted, not turned into 关您什么事.
  dictionaries: ['honorific', 'forbidden-words'],
  create(options) {
    return (reply) => {
      const matches = reply.matches('honorific');
      if (matches.length === 0) return;
      const forbidden = reply.matches('forbidden-words');
      for (const match of matches) {
        if (forbidden.some((f) => f.start < match.end && match.start < f.end)) continue;
        if (options.skipQuoted && quotedAt(reply.layout, match.start, match.end)) continue;
        // 帮你您: the agent already corrected herself; 您您 would be wrong.
        if (reply.text[match.end] === '您' || reply.text[match.start - 1] === '您') continue;
        const polite = reply.text.slice(match.start, match.end).replaceAll('你', '您');
        reply.report({
          start: match.start,
          end: match.end,
          reason: reasonOf(match.entry, '对顾客称「您」更礼貌。'),
          expected: [polite],
          fix: { range: [match.start, match.end], text: polite },
        });
      }
    };
  },
});
