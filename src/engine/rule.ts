/**
 * The rule model. A rule is an id, metadata, a zod schema for its options and a
 * `create` function that builds its check once per linter; the check then runs on
 * every reply with the shared tokens, tree and phrase matches.
 */
import type { Root } from 'nlcst';
import * as z from 'zod';
import type { ReplyLayout } from './context.js';
import type { LintContext } from './conversation.js';
import type { PhraseDictionary, PhraseEntry } from './dictionary.js';
import type { EmotionScore } from './emotion.js';
import type { Edit } from './finding.js';
import type { PhraseMatch } from './matcher.js';
import type { Severity, SeverityOrOff } from './severity.js';
import type { Token, TokenEdges } from './tokens.js';

export interface RuleMeta {
  /** Short Chinese title, e.g. 避免生硬否定. */
  title: string;
  /** One Chinese sentence: what the rule catches. */
  description: string;
  /** `reply`: one reply is enough; `conversation`: needs roles, order or times. */
  scope: 'reply' | 'conversation';
  /** Severity in the recommended preset. */
  severity: SeverityOrOff;
  /** Severity in the strict preset (defaults to `severity`, info raised to warning). */
  strictSeverity?: SeverityOrOff;
  /** Whether the rule offers fixes that `--fix` may apply. */
  fixable: boolean;
  /** Whether the rule offers rewrites for a person to choose. */
  hasSuggestions: boolean;
  /** Link to the rule's documentation. */
  docs: string;
}

export interface RuleReport {
  start: number;
  end: number;
  /** Chinese explanation; defaults to the rule's description. */
  reason?: string;
  /** Rewrites a person may choose; never applied automatically. */
  expected?: string[];
  /** A safe mechanical edit `--fix` may apply. */
  fix?: Edit;
  /** This finding's own severity, when the rule's data sets one (a shop phrase's level). */
  severity?: Severity;
  /** A lesser case of the rule's fault: one level below the rule's severity (error → warning → info). */
  lesser?: boolean;
}

export interface ReplyContext {
  readonly text: string;
  readonly tokens: readonly Token[];
  /** Where the tokens end and their kinds, read without making the token objects (most replies never need them). */
  readonly edges: TokenEdges;
  readonly tree: Root;
  /** The reply's clauses and non-language spans (URLs, emoticons, quotes, menus …). */
  readonly layout: ReplyLayout;
  readonly context: LintContext;
  /**
   * Phrase matches of one dictionary (computed once per reply for all rules); a
   * match in a URL, emoticon code, placeholder, number or app menu path is left out.
   */
  matches(dictionary: string): readonly PhraseMatch[];
  /** The customer's emotion at each turn of `context.history` (undefined for agent turns). */
  emotion(): readonly (EmotionScore | undefined)[];
  report(report: RuleReport): void;
}

export type RuleCheck = (reply: ReplyContext) => void;

export interface RuleEnv {
  /** A loaded phrase dictionary by name (the rule must list it in `dictionaries`). */
  dictionary(name: string): PhraseDictionary;
}

export interface Rule<Options = unknown> {
  id: string;
  meta: RuleMeta;
  /** Options schema with defaults; a typo in a config is an error, never a no-op. */
  options: z.ZodType<Options, any>;
  /** Phrase dictionaries the rule reads (file names in dictionaries/, without .yaml). */
  dictionaries?: readonly string[];
  create(options: Options, env: RuleEnv): RuleCheck;
}

export function defineRule<Options>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

/** Report every match with its entry's reason and rewrites. */
export function reportMatches(reply: ReplyContext, matches: readonly PhraseMatch[], fallbackReason: string): void {
  for (const match of matches) reportMatch(reply, match, fallbackReason);
}

function reportMatch(reply: ReplyContext, match: PhraseMatch, fallbackReason: string): void {
  reply.report({ start: match.start, end: match.end, reason: reasonOf(match.entry, fallbackReason), expected: match.entry.rewrites });
}

export function reasonOf(entry: PhraseEntry, fallback: string): string {
  return entry.reason ?? fallback;
}

/** The reply without surrounding whitespace: what a whole-reply finding points at. */
export function replySpan(reply: ReplyContext): { start: number; end: number; core: string } | undefined {
  const text = reply.text;
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  if (end <= start) return undefined;
  return { start, end, core: text.slice(start, end) };
}

/** A regular expression source that matches `text` literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface PhraseRuleSpec {
  id: string;
  dictionary: string;
  meta: Omit<RuleMeta, 'scope' | 'fixable' | 'hasSuggestions'> & Partial<Pick<RuleMeta, 'scope'>>;
  /** A match the rule lets pass in its context (a quotation, the agent acting for the customer …). */
  unless?: (reply: ReplyContext, match: PhraseMatch) => boolean;
}

const PhraseRuleOptions = z.strictObject({
  /** Phrases this shop allows even though the dictionary lists them. */
  allow: z.array(z.string().min(1)).default([]),
});

/**
 * The commonest kind of rule: report every match of one phrase dictionary with
 * the entry's reason and rewrites; a shop may `allow` some of the phrases.
 */
export function phraseRule(spec: PhraseRuleSpec): Rule<z.output<typeof PhraseRuleOptions>> {
  return defineRule({
    id: spec.id,
    meta: { scope: 'reply', fixable: false, hasSuggestions: true, ...spec.meta },
    options: PhraseRuleOptions,
    dictionaries: [spec.dictionary],
    create(options) {
      const allowed = new Set(options.allow);
      return (reply) => {
        // Most replies have no match: no list is made for them.
        for (const match of reply.matches(spec.dictionary)) {
          if (allowed.has(match.phrase) || allowed.has(match.entry.phrase) || spec.unless?.(reply, match)) continue;
          reportMatch(reply, match, spec.meta.description);
        }
      };
    },
  });
}
