/**
 * no-buck-passing: pushing the customer elsewhere: 不归我们管, 跟我们没关系, and
 * 您去找 / 您咨询一下 / 建议联系 + 快递, 厂家, 商家客服, 站点 … in one sentence.
 * The agent doing it for the customer (帮您联系快递) is fine, and so is advice in a
 * condition (如果需要，可以联系……).
 * 你去问快递 → 我这边帮您联系快递核实
 */
import * as z from 'zod';
import { agentActsAt, clauseAt, hypotheticalAt, subjectAt } from '../src/engine/context.js';
import type { PhraseMatch } from '../src/engine/matcher.js';
import { defineRule, reasonOf, type ReplyContext } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

const SENTENCE_END = /[。！？!?\n]/u;
const HELPING = /(?:这边|这面|我们|小妹|妹子|我)[^，。,.!?！？]{0,4}(?:也|会|来|再)[^，。,.!?！？]{0,3}(?:催|跟进|联系|核实|反馈|处理|备注)/u;

export default defineRule({
  id: 'no-buck-passing',
  meta: {
    title: '避免推诿',
    description: '回复把顾客推给快递、平台、厂家或其他同事，像在推卸责任。',
    scope: 'reply',
    severity: 'warning',
    strictSeverity: 'error',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('no-buck-passing'),
  },
  options: z.strictObject({
    /** How many characters between 您去找/咨询一下 and the party (快递, 商家客服 …). */
    window: z.number().int().min(0).max(30).default(12),
    /** Phrases this shop allows even though the dictionary lists them. */
    allow: z.array(z.string().min(1)).default([]),
  }),
  dictionaries: ['buck-passing'],
  create(options) {
    const allowed = new Set(options.allow);
    return (reply) => {
      const matches = reply.matches('buck-passing');
      if (matches.length === 0) return;
      const parties = matches.filter((m) => m.entry.kind === 'party');
      // The agent is acting too (我们这边也催一下站点, 帮您备注了): the customer is not left alone.
      let helping: boolean | undefined;
      const agentHelps = () => (helping ??= reply.layout.clauses.some((clause) => clause.agentActs.length > 0) || HELPING.test(reply.text));
      for (const match of matches) {
        const kind = match.entry.kind;
        if (kind === 'party' || kind === 'helper' || allowed.has(match.phrase) || allowed.has(match.entry.phrase)) continue;
        if (hypotheticalAt(reply.layout, match.start)) continue;
        let start = match.start;
        let end = match.end;
        let expected = match.entry.rewrites;
        if (kind === 'push') {
          if (agentHelps()) continue;
          const party = partyOf(reply, match, parties, options.window);
          if (!party) continue;
          start = Math.min(start, party.start);
          end = Math.max(end, party.end);
          expected = [`我这边帮您联系${reply.text.slice(party.start, party.end)}核实`, ...expected];
        }
        // 帮您联系快递, 我联系一下售后同事: the agent does it herself.
        if (agentActsAt(reply.layout, start, end) || subjectAt(reply.layout, reply.text, match.start) === 'agent') continue;
        reply.report({ start, end, reason: reasonOf(match.entry, '回复把顾客推给了别人。'), expected });
      }
    };
  },
});

/**
 * The party a push sends the customer to: after it in the same clause (您去找快递),
 * or just before it in the same sentence (商家客服，您咨询一下).
 */
function partyOf(reply: ReplyContext, push: PhraseMatch, parties: readonly PhraseMatch[], window: number): PhraseMatch | undefined {
  const clause = clauseAt(reply.layout, push.start);
  const after = parties.find((p) => p.start >= push.end && p.start - push.end <= window && clause !== undefined && p.end <= clause.after);
  if (after) return after;
  return parties.findLast((p) => p.end <= push.start && push.start - p.end <= window && !SENTENCE_END.test(reply.text.slice(p.end, push.start)));
}
