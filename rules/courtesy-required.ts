/**
 * courtesy-required: a reply with no courtesy marker at all (您, 请, 谢谢, 亲 …).
 * Short acknowledgements mid-conversation (好的, 收到) are exempt.
 * 发票开好了。 → 您好，发票开好了。
 */
import * as z from 'zod';
import { defineRule } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

const SOFTENER = /^[哦噢呢啦呀哈嘛吧啊哒滴]+$/u;

export default defineRule({
  id: 'courtesy-required',
  meta: {
    title: '缺少礼貌用语',
    description: '回复中没有任何礼貌用语（您、请、谢谢、抱歉、亲……），显得生硬。',
    scope: 'reply',
    severity: 'warning',
    strictSeverity: 'error',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('courtesy-required'),
  },
  options: z.strictObject({
    /** Exempt short acknowledgements (好的, 收到 …) when the reply is mid-conversation. */
    exemptAcknowledgements: z.boolean().default(true),
  }),
  dictionaries: ['courtesy'],
  create(options) {
    return (reply) => {
      // Most replies have a courtesy marker: check that first, before looking at words.
      const matches = reply.matches('courtesy');
      for (const match of matches) if (match.entry.kind !== 'acknowledgement') return;
      const words = reply.tokens.filter((t) => t.kind === 'word' && !SOFTENER.test(t.text));
      if (words.length === 0) return;
      const midConversation = !reply.context.standalone && (reply.context.history?.length ?? 0) > 0;
      if (options.exemptAcknowledgements && midConversation) {
        const acknowledged = words.every((word) => matches.some((m) => m.start <= word.start && m.end >= word.end));
        if (acknowledged) return;
      }
      const first = reply.tokens.find((t) => t.kind !== 'whitespace')!;
      const last = reply.tokens.findLast((t) => t.kind !== 'whitespace')!;
      const core = reply.text.slice(first.start, last.end);
      reply.report({
        start: first.start,
        end: last.end,
        reason: '这条回复没有礼貌用语（您、请、谢谢、抱歉、亲……），读起来生硬。建议加上称呼或礼貌用语。',
        expected: [`您好，${core}`, `亲，${core}`],
      });
    };
  },
});
