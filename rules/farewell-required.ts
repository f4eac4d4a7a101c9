/**
 * farewell-required: the conversation is closing (the customer says 没有了, 谢谢,
 * 好的 or 再见, or the agent asked whether there is anything else) and the agent's
 * last reply has no polite close: thanks, good wishes, 再见, 期待再次为您服务, an
 * apology for any slight, an invitation to rate or come back, 不客气, or the
 * pre-close question itself. A transcript that ends on an open question was cut,
 * not closed: it is not checked.
 * 顾客：好的，谢谢 客服：退款三天内到账。 → 退款三天内到账。感谢您的支持，祝您生活愉快！
 */
import * as z from 'zod';
import { inConversation, pendingCustomerTurns } from '../src/engine/conversation.js';
import { PhraseMatcher } from '../src/engine/matcher.js';
import { defineRule, replySpan } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

const CLOSING = 'closing';
const NOISE = /[\s\p{P}\p{S}~～哦噢呢啊呀啦哈嘛吧哒滴]+/gu;
const OPEN_QUESTION = /[?？]\s*$|[吗么][\s\p{P}~～哦呢]*$/u;

export default defineRule({
  id: 'farewell-required',
  meta: {
    title: '礼貌告别',
    description: '会话正在结束（顾客说没有了、谢谢、好的，或客服问过还有没有其他问题），客服的最后一条回复却没有致谢、祝福或礼貌的结束语。',
    scope: 'conversation',
    severity: 'warning',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('farewell-required'),
  },
  options: z.strictObject({}),
  dictionaries: ['farewell'],
  create(_options, env) {
    const entries = env.dictionary('farewell').entries;
    const closers = new PhraseMatcher(entries.filter((entry) => entry.kind === CLOSING));
    const preClose = new PhraseMatcher(entries.filter((entry) => entry.kind === 'pre-close'));
    /** The whole message is the customer winding up: 好的谢谢, 没有了, 嗯嗯好的. */
    const windsUp = (text: string) => {
      const matches = closers.matchAnywhere(text);
      if (matches.length === 0) return false;
      let rest = text;
      for (const match of [...matches].reverse()) rest = rest.slice(0, match.start) + rest.slice(match.end);
      return rest.replace(NOISE, '').length === 0;
    };
    return (reply) => {
      const { context } = reply;
      if (!context.closing || !inConversation(context)) return;
      const history = context.history!;
      const lastCustomer = pendingCustomerTurns(history).at(-1);
      const previousAgent = history.findLast((turn) => turn.role === 'agent');
      const closingNow = (lastCustomer !== undefined && windsUp(lastCustomer.text)) || (previousAgent !== undefined && lastCustomer !== undefined && preClose.matchAnywhere(previousAgent.text).length > 0);
      if (!closingNow) return;
      // The transcript ends on the agent asking something: it was cut, not closed.
      if (OPEN_QUESTION.test(reply.text) || reply.matches('farewell').some((match) => match.entry.kind !== CLOSING)) return;
      const span = replySpan(reply);
      if (!span) return;
      const body = /[。！!.～~]$/u.test(span.core) ? span.core : `${span.core}。`;
      reply.report({
        start: span.start,
        end: span.end,
        reason: '会话正在结束，客服的最后一条回复却没有致谢或礼貌的结束语。结束前道谢、送上祝福，或问一句还有没有其他可以帮忙的。',
        expected: [`${body}感谢您的支持，祝您生活愉快！`, `${body}请问还有其他可以帮到您的吗？`],
      });
    };
  },
});
