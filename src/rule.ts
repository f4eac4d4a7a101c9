/**
 * The rule model. A rule is an id, metadata, a zod schema for its options and a
 * `create` function that builds its check once per linter; the check then runs on
 * every reply with the shared tokens, tree and phrase matches.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Root } from 'nlcst';
import type * as z from 'zod';
import type { PhraseDictionary, PhraseEntry } from './dictionary.js';
import type { PhraseMatch } from './matcher.js';
import type { Token } from './tokenizer.js';
import { PACKAGE_ROOT } from './paths.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';

/** A mechanical edit that cannot change the meaning; `range` is in UTF-16 offsets. */
export interface Edit {
  range: [number, number];
  text: string;
}

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

/** One turn before the reply being linted, for chat tools that know the context. */
export interface Turn {
  role: 'agent' | 'customer';
  text: string;
  /** Epoch milliseconds. */
  time?: number;
}

export interface LintContext {
  /** The turns before this reply, oldest first. */
  history?: readonly Turn[];
  /** True for a canned reply that stands alone (always checked in full). */
  standalone?: boolean;
  /** When this reply is sent, epoch milliseconds (conversation rules compare it with `history`). */
  time?: number;
  /** True when this reply closes the conversation (the agent's last reply). */
  closing?: boolean;
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
}

export interface ReplyContext {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly tree: Root;
  readonly context: LintContext;
  /** Phrase matches of one dictionary (computed once per reply for all rules). */
  matches(dictionary: string): readonly PhraseMatch[];
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

/** The rule's documentation page shipped with the package. */
export function docsUrl(id: string): string {
  return pathToFileURL(join(PACKAGE_ROOT, 'rules', `${id}.md`)).href;
}

/** Report every match with its entry's reason and rewrites. */
export function reportMatches(reply: ReplyContext, matches: readonly PhraseMatch[], fallbackReason: string): void {
  for (const match of matches) {
    reply.report({
      start: match.start,
      end: match.end,
      reason: reasonOf(match.entry, fallbackReason),
      expected: match.entry.rewrites,
    });
  }
}

export function reasonOf(entry: PhraseEntry, fallback: string): string {
  return entry.reason ?? fallback;
}
