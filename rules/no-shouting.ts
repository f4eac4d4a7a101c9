/**
 * no-shouting: runs of ！！ / ？？ / ?! read as shouting, and a row of emoji as
 * noise. A punctuation run collapses to one mark (a safe fix); an emoji run gets a
 * suggestion only. 已经发货了！！！ → 已经发货了！
 */
import * as z from 'zod';
import { defineRule } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';
import { inSpans, quotedAt, type SpanKind } from '../src/engine/context.js';
import { CODE_MARKS, EMOJI_LEAD, MARK_RUN, textMarks } from '../src/engine/marks.js';

const MARK_RUNS = /[!！?？]{2,}/g;
const LOST: ReadonlySet<SpanKind> = new Set(['lost']);
const QUESTION_MARK = /[?？]/;
const MAX_SEGMENTED = 256;
const SPACE = /^\s+$/u;

export default defineRule({
  id: 'no-shouting',
  meta: {
    title: '标点与表情适度',
    description: '连续的感叹号、问号或一串表情，读起来像在吼叫或刷屏。',
    scope: 'reply',
    severity: 'warning',
    fixable: true,
    hasSuggestions: true,
    docs: docsUrl('no-shouting'),
  },
  options: z.strictObject({
    /** Emoji allowed in a row; one more is reported. */
    maxEmoji: z.number().int().min(1).default(2),
    /** Leave quotations alone: they are someone else's wording. */
    skipQuoted: z.boolean().default(true),
    /** A run of this many ！/？ is shouting; a shorter run of two is only `info` (exports often show a lost emoji as ??). */
    marks: z.number().int().min(2).default(3),
  }),
  create(options) {
    const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });
    return (reply) => {
      const { text } = reply;
      const isQuoted = (start: number, end: number) => options.skipQuoted && quotedAt(reply.layout, start, end);
      const marks = textMarks(text);

      for (const run of marks & MARK_RUN ? text.matchAll(MARK_RUNS) : []) {
        const start = run.index;
        const end = start + run[0].length;
        if (isQuoted(start, end) || inSpans(reply.layout, start, end, LOST)) continue;
        // A run with a question mark still asks something: keep the question mark.
        const mark = run[0].match(QUESTION_MARK)?.[0] ?? run[0][0];
        reply.report({
          start,
          end,
          reason: `连用 ${run[0].length} 个标点「${run[0]}」像在吼叫，容易让顾客觉得被质问或不耐烦。一个「${mark}」就够了。`,
          expected: [mark],
          fix: { range: [start, end], text: mark },
          severity: run[0].length < options.marks ? 'info' : undefined,
        });
      }

      // Rows of emoji tokens, spaces between them allowed (a reply with no emoji needs no tokens read).
      if (!(marks & EMOJI_LEAD)) return;
      const { edges } = reply;
      const { ends } = edges;
      let first = -1;
      let last = -1;
      for (let i = 0; i <= edges.count; i++) {
        // Outside a row only an emoji matters, and a token with no emoji code unit is none.
        if (first < 0 && i < edges.count && !holdsEmojiLead(text, i === 0 ? 0 : ends[i - 1], ends[i])) continue;
        const kind = i < edges.count ? edges.kindOf(i) : undefined;
        if (kind === 'emoji') {
          if (first < 0) first = i;
          last = i;
          continue;
        }
        if (kind === 'whitespace' && !hasLineBreak(text, i === 0 ? 0 : ends[i - 1], ends[i])) continue;
        if (first < 0) continue;
        const from = first;
        const start = first === 0 ? 0 : ends[first - 1];
        const end = ends[last];
        first = -1;
        // Every emoji takes at least one UTF-16 unit, so a short row cannot be too long.
        if (end - start <= options.maxEmoji || isQuoted(start, end)) continue;
        const row = text.slice(start, end);
        // A flag or a family can span several tokens: count what a reader sees. The
        // segmenter copies its whole input for every segment, so a very long row is
        // counted by tokens instead (a host process must not run out of memory).
        const seen =
          row.length <= MAX_SEGMENTED
            ? [...graphemes.segment(row)].filter((g) => !SPACE.test(g.segment)).map((g) => g.segment)
            : reply.tokens.slice(from, last + 1).filter((t) => t.kind === 'emoji').map((t) => t.text);
        if (seen.length <= options.maxEmoji) continue;
        reply.report({
          start,
          end,
          reason: `连续 ${seen.length} 个表情像在刷屏，冲淡了回复内容。留一个表情就够了。`,
          expected: [seen[0]],
        });
      }
    };
  },
});

function holdsEmojiLead(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (CODE_MARKS[text.charCodeAt(i)] & EMOJI_LEAD) return true;
  return false;
}

function hasLineBreak(text: string, start: number, end: number): boolean {
  const at = text.indexOf('\n', start);
  return at >= 0 && at < end;
}
