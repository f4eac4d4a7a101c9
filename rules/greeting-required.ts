/**
 * greeting-required: the agent's first reply in a conversation has no greeting — no
 * greeting word or form of address (您好, 亲, 客官, 在的) and no opening offer of help
 * (请问有什么可以帮您). Only a conversation that visibly starts at its start is
 * checked (the customer opens with 在吗, 你好, 有人吗 …): an exported transcript often
 * starts mid-session, and docking an agent for a greeting she gave before the
 * export began would be unfair.
 * 订单已经发货了。 → 您好，订单已经发货了。
 */
import * as z from 'zod';
import { inConversation } from '../src/engine/conversation.js';
import { PhraseMatcher } from '../src/engine/matcher.js';
import { defineRule, replySpan } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

const OPENING = 'opening';

export default defineRule({
  id: 'greeting-required',
  meta: {
    title: '开场问候',
    description: '客服在会话中的第一条回复没有问候、称呼或开场的帮助询问（您好、亲、请问有什么可以帮您……）。',
    scope: 'conversation',
    severity: 'warning',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('greeting-required'),
  },
  options: z.strictObject({}),
  dictionaries: ['greeting'],
  create(_options, env) {
    const openings = new PhraseMatcher(env.dictionary('greeting').entries.filter((entry) => entry.kind === OPENING));
    /** The customer's first message opens the conversation: 在吗, 你好, 有人吗 …. */
    const opens = (text: string) => openings.matchAnywhere(text).length > 0;
    return (reply) => {
      const { context } = reply;
      if (!inConversation(context) || context.history!.some((turn) => turn.role === 'agent')) return;
      const opening = context.history!.find((turn) => turn.role === 'customer');
      if (!opening || !opens(opening.text)) return;
      if (reply.matches('greeting').some((match) => match.entry.kind !== OPENING)) return;
      const span = replySpan(reply);
      if (!span) return;
      reply.report({
        start: span.start,
        end: span.end,
        reason: '这是客服在本会话中的第一条回复，但没有问候语。开场先问候（您好、亲），顾客会感到被重视。',
        expected: [`您好，${span.core}`, `亲，您好，${span.core}`],
      });
    };
  },
});
