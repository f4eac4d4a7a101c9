/**
 * max-reply-length: a reply too long to read at a glance in a chat window.
 * Counts what a reader reads (an emoji is one character; spaces, line breaks,
 * URLs, emoticon codes, placeholders and app menu paths are not counted) and marks
 * the part past the limit.
 * 您好，关于退货的问题是这样的……（共 200 字） → 您好，可以退货。步骤：1. …… 2. ……
 */
import * as z from 'zod';
import { countReadable } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

export default defineRule({
  id: 'max-reply-length',
  meta: {
    title: '回复过长',
    description: '回复太长，顾客难以一眼读完。',
    scope: 'reply',
    severity: 'info',
    strictSeverity: 'warning',
    fixable: false,
    hasSuggestions: false,
    docs: docsUrl('max-reply-length'),
  },
  options: z.strictObject({
    /** Characters a reply may have (emoji count as one; whitespace is not counted). */
    max: z.number().int().min(1).default(150),
  }),
  create(options) {
    return (reply) => {
      // Every character takes at least one UTF-16 unit: short replies need no counting.
      if (reply.text.length <= options.max) return;
      // URLs, emoticon codes, placeholders and app menu paths are not read as text.
      const { count, overflowAt } = countReadable(reply.text, reply.tokens, reply.layout, options.max);
      if (overflowAt === undefined) return;
      const last = reply.tokens.findLast((t) => t.kind !== 'whitespace')!;
      reply.report({
        start: overflowAt,
        end: Math.max(last.end, overflowAt + 1),
        reason: `回复共 ${count} 个字，超过了 ${options.max} 字的上限，顾客难以一眼读完。建议先说结论，再分点简要说明，或者拆成几条发送。`,
      });
    };
  },
});
