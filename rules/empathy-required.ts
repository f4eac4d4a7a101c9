/**
 * empathy-required: the customer's latest message is upset (the emotion score: a
 * complaint, a threat, an angry question; not a topic such as 退款) and the
 * agent's reply shows no empathy. An acknowledgement in the agent's previous one or
 * two replies covers the same upset; a new or rising one needs a new one.
 * 顾客：我要投诉！！！ 客服：请提供订单号。 → 非常理解您的心情，请提供订单号，我马上为您处理。
 */
import * as z from 'zod';
import { inConversation, type Turn } from '../src/engine/conversation.js';
import type { EmotionScore } from '../src/engine/emotion.js';
import { PhraseMatcher } from '../src/engine/matcher.js';
import { defineRule, replySpan } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

/** Agent replies before this one whose acknowledgement still counts. */
const COVERING_REPLIES = 2;

export default defineRule({
  id: 'empathy-required',
  meta: {
    title: '情绪安抚',
    description: '顾客正在抱怨、着急或生气（情绪温度达到「不满」），客服的回复却没有安抚或致歉；之前一两条回复已经安抚过、顾客也没有更生气时不提示。',
    scope: 'conversation',
    severity: 'warning',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('empathy-required'),
  },
  options: z.strictObject({
    /** Emotion score (0–100) from which a customer counts as upset. */
    threshold: z.number().min(1).max(100).default(30),
  }),
  dictionaries: ['empathy'],
  create(options, env) {
    const empathy = new PhraseMatcher(env.dictionary('empathy').entries);
    return (reply) => {
      const { context } = reply;
      if (!inConversation(context)) return;
      const history = context.history!;
      const lastAgent = history.findLastIndex((turn) => turn.role === 'agent');
      if (lastAgent === history.length - 1) return;
      const curve = reply.emotion();
      // A calm message after an outburst keeps some carried-over score; only a
      // message that itself expresses emotion asks for empathy now.
      const upset = strongest(curve, lastAgent + 1, history.length, (e) => e.own > 0 && e.score >= options.threshold);
      // Matched anywhere, as in the agent's earlier replies: 你别急 is empathy however jieba cuts it.
      if (!upset || empathy.matchAnywhere(reply.text).length > 0) return;
      if (coveredBefore(history, curve, lastAgent, upset, (text) => empathy.matchAnywhere(text).length > 0)) return;
      const span = replySpan(reply);
      if (!span) return;
      const cause = upset.words.length > 0 ? `（「${upset.words.join('」「')}」）` : '（连串的！或？、反问）';
      reply.report({
        start: span.start,
        end: span.end,
        reason: `顾客情绪激动${cause}，情绪温度 ${upset.score}，这条回复却没有安抚。先表达理解或致歉，再说处理办法。`,
        expected: [`非常理解您的心情，${span.core}`, `非常抱歉给您带来不便，${span.core}`],
      });
    };
  },
});

function strongest(curve: readonly (EmotionScore | undefined)[], from: number, to: number, counts: (e: EmotionScore) => boolean): EmotionScore | undefined {
  let best: EmotionScore | undefined;
  for (let i = from; i < to; i++) {
    const emotion = curve[i];
    if (emotion && counts(emotion) && (!best || emotion.score > best.score)) best = emotion;
  }
  return best;
}

/**
 * One of the agent's previous replies (at most two back) already acknowledged the
 * customer's feeling, and the customer is no more upset now than before it.
 */
function coveredBefore(history: readonly Turn[], curve: readonly (EmotionScore | undefined)[], lastAgent: number, upset: EmotionScore, acknowledges: (text: string) => boolean): boolean {
  let agent = lastAgent;
  for (let seen = 0; seen < COVERING_REPLIES && agent >= 0; seen++) {
    if (acknowledges(history[agent].text)) {
      const before = strongest(curve, 0, agent, (e) => e.own > 0);
      return before !== undefined && upset.own <= before.own;
    }
    agent = history.findLastIndex((turn, i) => i < agent && turn.role === 'agent');
  }
  return false;
}
