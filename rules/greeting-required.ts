/**
 * greeting-required: the agent's first reply in a conversation opens without a greeting.
 * 订单已经发货了。 → 您好，订单已经发货了。
 */
import * as z from 'zod';
import { inConversation } from '../src/engine/conversation.js';
import { defineRule, replySpan } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

export default defineRule({
  id: 'greeting-required',
  meta: {
    title: '开场问候',
    description: '客服在会话中的第一条回复没有问候语（您好、亲、欢迎光临……）。',
    scope: 'conversation',
    severity: 'warning',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('greeting-required'),
  },
  options: z.strictObject({}),
  dictionaries: ['greeting'],
  create() {
    return (reply) => {
      const { context } = reply;
      if (!inConversation(context) || context.history!.some((turn) => turn.role === 'agent')) return;
      if (reply.matches('greeting').length > 0) return;
      const span = replySpan(reply);
      if (!span) return;
      reply.report({
        ...span,
        reason: '这是客服在本会话中的第一条回复，但没有问候语。开场先问候（您好、亲），顾客会感到被重视。',
        expected: [`您好，${span.core}`, `亲，您好，${span.core}`],
      });
    };
  },
});
