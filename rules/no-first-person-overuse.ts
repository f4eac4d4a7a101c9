/**
 * no-first-person-overuse: replies centred on 我 rather than the customer:
 * 我觉得-style phrases, and more 我 than 您/咱们 in one reply.
 * 我觉得我已经说清楚了 → 您看这样是否清楚
 */
import * as z from 'zod';
import { inSpans, NOT_LANGUAGE, type SpanKind } from '../src/engine/context.js';
import { defineRule, reportMatches } from '../src/engine/rule.js';
import { textMarks, WO } from '../src/engine/marks.js';
import { docsUrl } from './docs.js';

const CUSTOMER_CENTRED = new Set(['咱们', '咱', '亲', '亲亲']);
// Words with 我 that do not put the agent at the centre (我们 counts as the shop).
const NOT_HERS: ReadonlySet<SpanKind> = new Set([...NOT_LANGUAGE, 'quote']);
const NOT_SELF = new Set(['我们', '我们的', '自我', '忘我', '你我', '我国', '我司', '我方', '我店']);

export default defineRule({
  id: 'no-first-person-overuse',
  meta: {
    title: '少用“我”，多用“您/咱们”',
    description: '回复以「我」为中心，建议多从顾客的角度说（您、咱们）。',
    scope: 'reply',
    severity: 'warning',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('no-first-person-overuse'),
  },
  options: z.strictObject({
    /** A reply may use 我 this many times before it counts as overuse. */
    max: z.number().int().min(0).default(2),
  }),
  dictionaries: ['first-person'],
  create(options) {
    return (reply) => {
      const phrases = reply.matches('first-person');
      reportMatches(reply, phrases, '回复以「我」为中心。');
      // Most replies have at most `max` 我 (each self below holds one at least): nothing to count.
      if (!(textMarks(reply.text) & WO) || countOf(reply.text, '我', options.max + 1) <= options.max) return;
      // jieba sometimes glues 我 to the next word (我查, 我看), so count the character.
      // 我的京东, 点击“我的订单”: the app's words or a quotation, not the agent talking about herself.
      let selves = 0;
      let start = 0;
      let end = 0;
      for (const t of reply.tokens) {
        if (t.kind !== 'word' || !t.text.includes('我') || NOT_SELF.has(t.text) || inSpans(reply.layout, t.start, t.end, NOT_HERS)) continue;
        if (selves++ === 0) start = t.start;
        end = t.end;
      }
      if (selves <= options.max) return;
      let customer = 0;
      for (const token of reply.tokens) {
        if (token.text.includes('您') || CUSTOMER_CENTRED.has(token.text)) customer++;
      }
      if (selves <= customer) return;
      if (phrases.some((m) => m.start <= start && m.end >= end)) return;
      reply.report({
        start,
        end,
        reason: `这条回复用了 ${selves} 次「我」，「您 / 咱们」只有 ${customer} 次。建议从顾客的角度说，例如「我帮您查」→「帮您查一下」。`,
      });
    };
  },
});

/** How many times `char` occurs in `text`, counting up to `limit` at most. */
function countOf(text: string, char: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0 && count < limit; at = text.indexOf(char, at + 1)) count++;
  return count;
}
