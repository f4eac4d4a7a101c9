/**
 * Rule kinds with parameters: the data says what, these say how. `phraseRule`
 * reports every match of a phrase dictionary with the entry's reason and rewrites.
 */
import * as z from 'zod';
import { defineRule, docsUrl, reportMatches, type Rule, type RuleMeta } from './rule.js';

export interface PhraseRuleSpec {
  id: string;
  dictionary: string;
  meta: Omit<RuleMeta, 'docs' | 'scope' | 'fixable' | 'hasSuggestions'> & Partial<Pick<RuleMeta, 'scope'>>;
}

const PhraseRuleOptions = z.strictObject({
  /** Phrases this shop allows even though the dictionary lists them. */
  allow: z.array(z.string().min(1)).default([]),
});

export function phraseRule(spec: PhraseRuleSpec): Rule<z.output<typeof PhraseRuleOptions>> {
  return defineRule({
    id: spec.id,
    meta: { scope: 'reply', fixable: false, hasSuggestions: true, docs: docsUrl(spec.id), ...spec.meta },
    options: PhraseRuleOptions,
    dictionaries: [spec.dictionary],
    create(options) {
      const allowed = new Set(options.allow);
      return (reply) => {
        const matches = reply.matches(spec.dictionary);
        reportMatches(
          reply,
          allowed.size > 0 ? matches.filter((m) => !allowed.has(m.phrase) && !allowed.has(m.entry.phrase)) : matches,
          spec.meta.description,
        );
      };
    },
  });
}
