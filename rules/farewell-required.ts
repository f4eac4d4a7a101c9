/**
 * farewell-required: the agent's last reply ends the conversation without thanks or a polite close.
 * 已经给您退款了。 → 已经给您退款了。感谢您的支持，祝您生活愉快！
 */
import * as z from 'zod';
import { inConversation } from '../src/engine/conversation.js';
import { defineRule, replySpan } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

export default defineRule({
  id: 'farewell-required',
  meta: {
    title: '礼貌告别',
    description: '客服在会话中的最后一条回复没有致谢或礼貌的结束语。',
    scope: 'conversation',
    severity: 'warning',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('farewell-required'),
  },
  options: z.strictObject({}),
  dictionaries: ['farewell'],
  create() {
    return (reply) => {
      if (!reply.context.closing || !inConversation(reply.context)) return;
      if (reply.matches('farewell').length > 0) return;
      const span = replySpan(reply);
      if (!span) return;
      const body = /[。！!.～~]$/u.test(span.core) ? span.core : `${span.core}。`;
      reply.report({
        ...span,
        reason: '这是客服在本会话中的最后一条回复，但没有致谢或礼貌的结束语。结束前道谢并邀请顾客随时联系。',
        expected: [`${body}感谢您的支持，祝您生活愉快！`, `${body}还有什么可以帮您的，请随时联系我们。`],
      });
    };
  },
});
