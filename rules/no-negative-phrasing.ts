/**
 * no-negative-phrasing: blunt refusals (做不到, 不行, 不能改价, 改不了, 无法修改 …),
 * with rewrites that say what can be done. Not a refusal: a condition about the
 * customer (如果您没办法到店), declining to promise (无法保证明天到), a negative
 * that describes a thing (不支持的快递), or a quotation.
 * 这个我们做不到 → 我们可以尝试为您……
 */
import * as z from 'zod';
import { defineRule, reasonOf } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';
import { REFUSALS, refusals } from './refusals.js';

export default defineRule({
  id: 'no-negative-phrasing',
  meta: {
    title: '避免生硬否定',
    description: '回复中有生硬的否定或拒绝，建议先说能为顾客做什么。',
    scope: 'reply',
    severity: 'warning',
    strictSeverity: 'error',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('no-negative-phrasing'),
  },
  options: z.strictObject({
    /** Phrases this shop allows even though the dictionary lists them. */
    allow: z.array(z.string().min(1)).default([]),
  }),
  dictionaries: [REFUSALS],
  create(options) {
    const allowed = new Set(options.allow);
    return (reply) => {
      for (const match of refusals(reply)) {
        if (allowed.has(match.phrase) || allowed.has(match.entry.phrase)) continue;
        reply.report({ start: match.start, end: match.end, reason: reasonOf(match.entry, '回复中有生硬的否定或拒绝。'), expected: match.entry.rewrites });
      }
    };
  },
});
