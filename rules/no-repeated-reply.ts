/**
 * no-repeated-reply: the same reply sent twice or more in one conversation.
 * 亲，请耐心等待哦。（第二次） → 回应顾客这次的具体问题，给出新的进展
 */
import * as z from 'zod';
import { inConversation } from '../src/engine/conversation.js';
import { defineRule, replySpan } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

/** Whitespace and punctuation do not make two canned replies different. */
const NOISE = /[\s\p{P}~～]+/gu;

function normalize(text: string): string {
  return text.replace(NOISE, '');
}

export default defineRule({
  id: 'no-repeated-reply',
  meta: {
    title: '避免机械重复',
    description: '同一条回复在一次会话中发送了两次或更多，像机器人在敷衍。',
    scope: 'conversation',
    severity: 'warning',
    fixable: false,
    hasSuggestions: false,
    docs: docsUrl('no-repeated-reply'),
  },
  options: z.strictObject({
    /** Replies shorter than this (好的, 收到) may repeat: that is ordinary chat. */
    minLength: z.number().int().min(1).default(6),
  }),
  create(options) {
    return (reply) => {
      const { context } = reply;
      if (!inConversation(context)) return;
      const own = normalize(reply.text);
      if (own.length < options.minLength) return;
      const earlier = context.history!.findIndex((turn) => turn.role === 'agent' && normalize(turn.text) === own);
      if (earlier < 0) return;
      const span = replySpan(reply);
      if (!span) return;
      reply.report({
        ...span,
        reason: `这条回复与本会话第 ${earlier + 1} 条消息完全相同，像在机械重复。请针对顾客这次说的内容回复，或给出新的进展。`,
      });
    };
  },
});
