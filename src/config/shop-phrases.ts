/**
 * Shop phrases: the sayings a shop's config lists (`phrases`), checked as one more
 * phrase rule, `shop-phrases`, whose dictionary is built from the config. Each
 * phrase may carry its own rewrite, reason and severity.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod';
import type { JiebaWordInput } from '../engine/dictionary.js';
import { JIEBA_WORD } from '../engine/dictionary.js';
import type { LinterOptions } from '../engine/linter.js';
import { defineRule, reasonOf, type Rule } from '../engine/rule.js';
import type { Preset, Severity } from '../engine/severity.js';
import type { RuleSetting } from '../engine/settings.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { ShopPhrase } from './schema.js';

export const SHOP_PHRASES_RULE = 'shop-phrases';
const SHOP_DICTIONARY = 'shop-phrases';

/** What a file's config comes to once merged: plain data, so worker threads can build the same linter. */
export interface ResolvedSettings {
  preset: Preset;
  rules: Record<string, RuleSetting>;
  phrases: ShopPhrase[];
  words: JiebaWordInput[];
}

export function shopPhrasesRule(phrases: readonly ShopPhrase[]): Rule<Record<string, never>> {
  const severities = new Map<string, Severity>();
  for (const phrase of phrases) if (phrase.severity) severities.set(phrase.phrase.toLowerCase(), phrase.severity);
  return defineRule({
    id: SHOP_PHRASES_RULE,
    meta: {
      title: '店铺话术规范',
      description: '回复中用了店铺配置（phrases）里不建议使用的说法。',
      scope: 'reply',
      severity: 'warning',
      fixable: false,
      hasSuggestions: true,
      docs: pathToFileURL(join(PACKAGE_ROOT, 'docs', 'rules.md')).href + `#${SHOP_PHRASES_RULE}`,
    },
    options: z.strictObject({}),
    dictionaries: phrases.length > 0 ? [SHOP_DICTIONARY] : [],
    create() {
      if (phrases.length === 0) return () => {};
      return (reply) => {
        for (const match of reply.matches(SHOP_DICTIONARY)) {
          reply.report({
            start: match.start,
            end: match.end,
            reason: reasonOf(match.entry, '回复中用了店铺不建议使用的说法。'),
            expected: match.entry.rewrites,
            severity: severities.get(match.entry.phrase.toLowerCase()),
          });
        }
      };
    },
  });
}

/** Linter options for resolved settings: shop phrases become the `shop-phrases` rule and its dictionary. */
export function toLinterOptions(settings: ResolvedSettings): LinterOptions {
  const phraseWords = settings.phrases.map((p) => p.phrase).filter((word) => JIEBA_WORD.test(word));
  return {
    preset: settings.preset,
    rules: settings.rules,
    plugins: [shopPhrasesRule(settings.phrases)],
    dictionaries:
      settings.phrases.length > 0
        ? [
            {
              name: SHOP_DICTIONARY,
              entries: settings.phrases.map((p) => ({
                phrase: p.phrase,
                rewrites: p.rewrite === undefined ? [] : Array.isArray(p.rewrite) ? p.rewrite : [p.rewrite],
                ...(p.reason ? { reason: p.reason } : {}),
              })),
            },
          ]
        : [],
    // Shop phrases are words of their own: without this, jieba may cut through them and they never match.
    words: [...settings.words, ...phraseWords],
  };
}
