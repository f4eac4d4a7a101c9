/**
 * no-rapid-fire-questions: more than two questions in one reply read like an
 * interrogation and get half-answered. Counts ？ and clauses that ask without one
 * (……吗, 是不是……, ……多少). 订单号是多少？地址是哪里？要开发票吗？ → 请问您的订单号是多少？
 */
import * as z from 'zod';
import type { PhraseMatch } from '../src/engine/matcher.js';
import { defineRule, escapeRegExp } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';
import { inSpans, quotedAt, type Clause, type SpanKind } from '../src/engine/context.js';
import { CODE_MARKS, PARTICLE, QUESTION, textMarks } from '../src/engine/marks.js';

const QUESTION_MARK = /[?？]/u;

const LOST: ReadonlySet<SpanKind> = new Set(['lost']);
/**
 * A clause that only tags the one before (对吗, 可以吗, 好不好, 在吗): after a statement
 * or a request it is a check, not one more question; after a question it is one more.
 */
const TAG = /^(?:这样|那|那么|您看|亲)?(?:(?:对|可以|好|行|是|在|方便|没问题|明白)(?:吗|么|嘛|不)|对不对|好不好|行不行|可不可以|是吧|对吧|好吧)[呢哈呀~～]*$/u;

export default defineRule({
  id: 'no-rapid-fire-questions',
  meta: {
    title: '避免连环追问',
    description: '一条回复里连着问了好几个问题，顾客容易漏答，也像在盘问。',
    scope: 'reply',
    severity: 'info',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('no-rapid-fire-questions'),
  },
  options: z.strictObject({
    /** Questions one reply may ask. */
    max: z.number().int().min(1).default(2),
  }),
  dictionaries: ['questions'],
  create(options, env) {
    // jieba glues a final particle to the word before it (能到吗, 对吗), so 吗 and 呢
    // are found by the clause's last characters rather than by token matches.
    const entries = env.dictionary('questions').entries;
    const endings = (kind: string) =>
      entries
        .filter((entry) => entry.kind === kind)
        .map((entry) => ({ phrases: [entry.phrase, ...entry.variants], allows: entry.allows }));
    const particles = endings('particle');
    const tails = endings('tail');
    const anyParticle = new RegExp(particles.flatMap((e) => e.phrases).map(escapeRegExp).join('|') || '(?!)', 'gu');
    // Particles the reply's marks know (吗, 么): a reply without one, and without a ？, has none to count.
    const marked = particles.every((e) => e.phrases.every((p) => p.length === 1 && (CODE_MARKS[p.charCodeAt(0)] & PARTICLE) !== 0));
    const endsWith = (list: typeof particles, text: string, end: number) =>
      list.some((e) => e.phrases.some((p) => text.endsWith(p, end)) && !e.allows.some((a) => text.endsWith(a, end)));

    return (reply) => {
      const { text } = reply;
      const matches = reply.matches('questions');
      // Each question needs a ？, a question word or a particle: too few of them, nothing to count.
      const bare = marked && (textMarks(text) & (QUESTION | PARTICLE)) === 0;
      if ((bare ? matches.length : questionMarks(text) + matches.length + occurrences(anyParticle, text)) <= options.max) return;
      const { layout } = reply;
      // `words`: the question phrases inside the clause.
      const asks = (clause: Clause, words: readonly PhraseMatch[]): boolean => {
        // 请问还有其他可以帮到您的吗: a polite close, not one more question for the customer to answer.
        if (words.some((m) => m.entry.kind === 'pre-close')) return false;
        const marks = text.slice(clause.end, clause.after);
        // A ? standing for a lost character (放?心, ??) asks nothing.
        const mark = marks.search(QUESTION_MARK);
        if (mark >= 0) return !quotedAt(layout, clause.end, clause.after) && !inSpans(layout, clause.end + mark, clause.end + mark + 1, LOST);
        if (quotedAt(layout, clause.start, clause.end)) return false;
        return (
          endsWith(particles, text, clause.end) ||
          words.some((m) => m.entry.kind === 'choice') ||
          words.some((m) => m.entry.kind === 'wh' && (m.end === clause.end || endsWith(tails, text, clause.end)))
        );
      };
      const questions: Clause[] = [];
      let previousAsked = true;
      // Clauses and matches are both in order: each clause's phrases are found by moving on, not by searching all.
      let next = 0;
      for (const clause of layout.clauses) {
        while (next < matches.length && matches[next].start < clause.start) next++;
        const words: PhraseMatch[] = [];
        for (let j = next; j < matches.length && matches[j].start < clause.end; j++) if (matches[j].end <= clause.end) words.push(matches[j]);
        const asked: boolean = asks(clause, words) && (previousAsked || !TAG.test(text.slice(clause.start, clause.end)));
        if (asked) questions.push(clause);
        previousAsked = asked;
      }
      const asked = questions.length;
      if (asked <= options.max) return;
      const first = questions[0];
      const last = questions[questions.length - 1];
      const firstMark = text.slice(first.end, first.after).match(QUESTION_MARK)?.[0] ?? '？';
      reply.report({
        start: first.start,
        end: last.after,
        reason: `一条回复里问了 ${asked} 个问题，顾客容易漏答，也像在被盘问。建议一次只问一个最关键的问题，或者给出选项让顾客选（例如「您是需要换货还是退款呢？」）。`,
        expected: [text.slice(first.start, first.end) + firstMark],
      });
    };
  },
});

function questionMarks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3f || code === 0xff1f) count++;
  }
  return count;
}

function occurrences(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text)) count++;
  return count;
}
