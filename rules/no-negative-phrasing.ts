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

/**
 * What the customer can do instead, or what the agent does for them: 您可以取消重新下单,
 * 建议您……, 或者……, 帮您申请. A refusal that comes with one is a lesser fault: the
 * reply helps, only its wording leads with the no.
 */
const ALTERNATIVE =
  /(?:您|亲|你)(?:也|还|这边)?可以(?![吗么嘛])|可以(?:帮|给|为|替)(?:您|亲)|建议|或者|要不(?:您|亲|然您)|(?:帮|给|为|替)(?:您|亲)(?:申请|联系|备注|反馈|登记|处理|核实|催|补|重新|安排|退|换|提交|报备|留言|记录)|重新(?:下单|购买|拍|提交|申请)|可以(?:先|再)?(?:取消|拒收|申请|联系|备注|重新)/u;
/** Every alternative above holds one of these characters: a reply with none offers none. */
const ALTERNATIVE_CHARS = /[可建或要帮给为替重]/;
const LESSER_REASON = '回复已经给出了替代办法，只是先说了“不”：把能做的放在前面会更好。';

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
      const found = refusals(reply).filter((match) => !allowed.has(match.phrase) && !allowed.has(match.entry.phrase));
      if (found.length === 0) return;
      const lesser = offersAlternative(reply.text, found);
      for (const match of found) {
        const reason = reasonOf(match.entry, '回复中有生硬的否定或拒绝。');
        reply.report({ start: match.start, end: match.end, reason: lesser ? `${reason}${LESSER_REASON}` : reason, expected: match.entry.rewrites, lesser });
      }
    };
  },
});

/** Does the reply, outside its refusals, offer an alternative? */
function offersAlternative(text: string, found: readonly { start: number; end: number }[]): boolean {
  if (!ALTERNATIVE_CHARS.test(text)) return false;
  let rest = '';
  let at = 0;
  for (const match of found) {
    rest += text.slice(at, match.start) + '，';
    at = match.end;
  }
  return ALTERNATIVE.test(rest + text.slice(at));
}
