/**
 * no-unfulfillable-promise: promises about outcomes the agent cannot control
 * (一定/保证 + 送到/到账 …, 百分之百, 永远不会). The agent's own actions are fine.
 * 明天一定能送到 → 预计明天送达，我们会帮您持续关注物流
 */
import * as z from 'zod';
import { hypotheticalAt, negatedAt } from '../src/engine/context.js';
import type { PhraseMatch } from '../src/engine/matcher.js';
import { breakFinder, firstFrom } from '../src/engine/scan.js';
import { defineRule, reasonOf } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';

const CLAUSE_BREAK = /[，。！？!?,;；\n~～]/u;
/** 一定很着急, 肯定很难过: fellow feeling, not a promise. */
const FEELING = /^(?:也|都)?(?:很|非常|特别|挺|会)?(?:着急|急|生气|难过|失望|理解|心疼|担心|郁闷|不开心|不舒服|烦|迫不及待|期待|开心|高兴|激动)/u;

const promises = (match: PhraseMatch): boolean => match.entry.kind === 'marker' || match.entry.kind === 'absolute';

export default defineRule({
  id: 'no-unfulfillable-promise',
  meta: {
    title: '避免无法兑现的承诺',
    description: '回复对物流、退款或使用效果做了客服无法保证的承诺。',
    scope: 'reply',
    severity: 'warning',
    strictSeverity: 'error',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('no-unfulfillable-promise'),
  },
  options: z.strictObject({
    /** How many characters after 一定/保证 an outcome word may stand. */
    window: z.number().int().min(1).max(30).default(8),
  }),
  // Efficacy claims (保证有效, 百分之百能根治) belong to no-absolute-claims: a promise
  // that covers one is left to that rule, so one span never gets two findings.
  dictionaries: ['promises', 'absolute-claims'],
  create(options) {
    return (reply) => {
      const matches = reply.matches('promises');
      // Only a marker (一定, 保证) or an absolute (百分之百) promises: outcome words alone (送达) are most matches.
      if (!matches.some(promises)) return;
      const outcomes = matches.filter((m) => m.entry.kind === 'outcome');
      const claims = reply.matches('absolute-claims');
      // Claims of one list never overlap, so in order of start they are also in order of end.
      const isClaim = (start: number, end: number) => {
        let low = 0;
        let high = claims.length;
        while (low < high) {
          const mid = (low + high) >> 1;
          if (claims[mid].end <= start) low = mid + 1;
          else high = mid;
        }
        return low < claims.length && claims[low].start < end;
      };
      const nextBreak = breakFinder(reply.text, CLAUSE_BREAK);
      let coveredUntil = -1;
      for (const match of matches) {
        if (match.start < coveredUntil) continue;
        // An outcome word (送达, 到账) promises nothing by itself: only a marker or an absolute does.
        const kind = match.entry.kind;
        if (kind !== 'marker' && kind !== 'absolute') continue;
        // 无法保证……, 为了保证……, 如果一定要……, 我也一定很着急: no promise is made.
        if (negatedAt(reply.layout, match.start) || hypotheticalAt(reply.layout, match.start) || FEELING.test(reply.text.slice(match.end, match.end + 4))) continue;
        if (kind === 'absolute') {
          const end = nextBreak(match.end);
          if (!isClaim(match.start, end)) {
            reply.report({ start: match.start, end, reason: reasonOf(match.entry, ''), expected: match.entry.rewrites });
          }
          coveredUntil = match.end;
          continue;
        }
        let outcome: PhraseMatch | undefined;
        for (let k = firstFrom(outcomes, match.end); k < outcomes.length && outcomes[k].start - match.end <= options.window; k++) {
          if (!CLAUSE_BREAK.test(reply.text.slice(match.end, outcomes[k].start))) {
            outcome = outcomes[k];
            break;
          }
        }
        if (!outcome) continue;
        if (isClaim(match.start, outcome.end)) {
          coveredUntil = outcome.end;
          continue;
        }
        const clause = reply.text.slice(match.start, outcome.end);
        const rest = reply.text.slice(match.end, outcome.end);
        reply.report({
          start: match.start,
          end: outcome.end,
          reason: reasonOf(match.entry, ''),
          expected: [`预计${rest}，我们会帮您持续关注`, `我们会尽力帮您跟进${clause.includes('到') ? '，争取尽快送达' : ''}`],
        });
        coveredUntil = outcome.end;
      }
    };
  },
});

