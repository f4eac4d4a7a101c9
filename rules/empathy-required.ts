/**
 * empathy-required: the customer is upset (emotion score at or above the
 * threshold) and the agent's next reply shows no empathy.
 * 顾客：我要投诉！！！ 客服：请提供订单号。 → 非常理解您的心情，请提供订单号，我马上为您处理。
 */
import * as z from 'zod';
import { inConversation } from '../src/engine/conversation.js';
import { defineRule, replySpan } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

export default defineRule({
  id: 'empathy-required',
  meta: {
    title: '情绪安抚',
    description: '顾客情绪激动（投诉、差评、退款、连串！？），客服的下一条回复却没有安抚或致歉。',
    scope: 'conversation',
    severity: 'warning',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('empathy-required'),
  },
  options: z.strictObject({
    /** Emotion score (0–100) from which a customer counts as upset. */
    threshold: z.number().min(1).max(100).default(40),
  }),
  dictionaries: ['empathy'],
  create(options) {
    return (reply) => {
      const { context } = reply;
      if (!inConversation(context)) return;
      const history = context.history!;
      const lastAgent = history.findLastIndex((turn) => turn.role === 'agent');
      if (lastAgent === history.length - 1) return;
      const curve = reply.emotion();
      let upset: { score: number; words: string[] } | undefined;
      for (let i = lastAgent + 1; i < history.length; i++) {
        const emotion = curve[i];
        // A calm message after an outburst keeps some carried-over score; only a
        // message that itself expresses emotion asks for empathy now.
        if (emotion && emotion.own > 0 && emotion.score >= options.threshold && (!upset || emotion.score > upset.score)) upset = emotion;
      }
      if (!upset || reply.matches('empathy').length > 0) return;
      const span = replySpan(reply);
      if (!span) return;
      const cause = upset.words.length > 0 ? `（「${upset.words.join('」「')}」）` : '（连串的！或？）';
      reply.report({
        ...span,
        reason: `顾客情绪激动${cause}，情绪温度 ${upset.score}，这条回复却没有安抚。先表达理解或致歉，再说处理办法。`,
        expected: [`非常理解您的心情，${span.core}`, `非常抱歉给您带来不便，${span.core}`],
      });
    };
  },
});
