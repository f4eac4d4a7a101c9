/**
 * no-buck-passing: pushing the customer elsewhere: 不归我们管, 跟我们没关系, and
 * 您去找 / 请您联系 + 快递, 厂家, 平台 … in one clause. The agent doing it for the
 * customer (帮您联系快递) is fine. 你去问快递 → 我这边帮您联系快递核实
 */
import * as z from 'zod';
import { defineRule, reasonOf } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

const CLAUSE_BREAK = /[，。！？!?,;；\n~～…]/u;

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
    /** How many characters after 您去找/请您联系 the party (快递, 厂家 …) may stand. */
    window: z.number().int().min(0).max(30).default(8),
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
      for (const match of matches) {
        const kind = match.entry.kind;
        if (kind === 'party' || kind === 'helper' || allowed.has(match.phrase) || allowed.has(match.entry.phrase)) continue;
        let end = match.end;
        let expected = match.entry.rewrites;
        if (kind === 'push') {
          const party = parties.find(
            (p) => p.start >= match.end && p.start - match.end <= options.window && !CLAUSE_BREAK.test(reply.text.slice(match.end, p.start)),
          );
          if (!party) continue;
          end = party.end;
          expected = [`我这边帮您联系${reply.text.slice(party.start, party.end)}核实`, ...expected];
        }
        reply.report({
          start: match.start,
          end,
          reason: reasonOf(match.entry, '回复把顾客推给了别人。'),
          expected,
        });
      }
    };
  },
});
