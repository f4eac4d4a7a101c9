/**
 * A linter: rules, dictionaries and a tokenizer put together once; its `lint` is
 * synchronous and keeps no state between calls. The engine is handed everything
 * it runs (the built-in rules and word lists come from the caller), so it knows
 * nothing of files, transcripts or output formats.
 */
import type { Root } from 'nlcst';
import * as z from 'zod';
import { lintConversationWith, type ConversationResult, type ConversationTurn, type LintContext } from './conversation.js';
import { formatPath, JiebaWordSchema, toJiebaWord, zodChinese, type PhraseDictionary } from './dictionary.js';
import { EmotionScorer, type EmotionScore } from './emotion.js';
import { KefuLintError } from './errors.js';
import type { Finding } from './finding.js';
import { composeSuggestions } from './compose.js';
import { asEdges } from './edges.js';
import { fixUntilStable } from './fix.js';
import { GivenReader, type GivenTokens } from './given.js';
import type { Rule } from './rule.js';
import { RuleRunner } from './runner.js';
import { activateRules, buildMatchers, collectRules, mergeDictionaries } from './parts.js';
import { resolveRules, RuleSettingSchema } from './settings.js';
import { PRESETS, type Preset, type SeverityOrOff } from './severity.js';
import { checkContext, checkText, checkTurns, MAX_REPLY_CHARS, tooLong } from './guard.js';
import { packTokens } from './packed.js';
import type { PackedTokens, Token, TokenEdges, Tokenizer } from './tokens.js';
import { checkedTokenizer, withWords } from './words.js';

const isRule = (value: unknown): value is Rule =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Rule).id === 'string' &&
  typeof (value as Rule).create === 'function' &&
  typeof (value as Rule).meta === 'object' &&
  typeof (value as Rule).options?.parse === 'function';

const isTokenizer = (value: unknown): value is Tokenizer =>
  typeof value === 'object' && value !== null && typeof (value as Tokenizer).tokenize === 'function';

const LinterOptionsSchema = z.strictObject({
  preset: z.enum(PRESETS).default('recommended'),
  rules: z.record(z.string(), RuleSettingSchema).default({}),
  /** Extra rules (same shape as the built-in ones). */
  plugins: z.array(z.custom<Rule>(isRule, { message: '不是有效的规则对象（需要 id、meta、options 与 create）' })).default([]),
  /** Extra phrase dictionaries, as data (see dictionaries/README.md). */
  dictionaries: z.array(z.unknown()).default([]),
  /** Extra words for the tokenizer. */
  words: z.array(JiebaWordSchema).default([]),
  /** A tokenizer to use instead of jieba. */
  tokenizer: z.custom<Tokenizer>(isTokenizer, { message: '不是有效的分词器（需要 tokenize 方法）' }).optional(),
  /** Count the time spent in each rule (for benchmarks); see `Linter.timings`. */
  profile: z.boolean().default(false),
});
export type LinterOptions = z.input<typeof LinterOptionsSchema>;

export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  scope: 'reply' | 'conversation';
  severity: SeverityOrOff;
  fixable: boolean;
  hasSuggestions: boolean;
  docs: string;
}

export interface Linter {
  /** Every known rule with the severity it has in this linter. */
  readonly rules: readonly RuleInfo[];
  /** Lint one reply. Synchronous; safe to call on every keystroke. */
  lint(text: string, context?: LintContext): Finding[];
  /** Lint many replies with the same context: the same findings as `lint` one by one, tokenized in batches. */
  lintMany(texts: readonly string[], context?: LintContext): Finding[][];
  /** Lint a tree built by `kefuParse` (for unified pipelines). */
  lintTree(text: string, tree: Root, context?: LintContext): Finding[];
  /** The text with every safe fix applied; applying it again changes nothing. */
  fix(text: string, context?: LintContext): string;
  /** The tokens the rules see. */
  tokenize(text: string): Token[];
  /**
   * The tokens of many texts, as `tokenize` gives them one by one, segmented in
   * batches. A text too long to lint (see `lint`) gets no tokens.
   */
  tokenizeMany(texts: readonly string[]): Token[][];
  /** The tokens `tokenizeMany` gives, packed into flat arrays to hand to another thread (see `lintTokenized`). */
  tokenizePacked(texts: readonly string[]): PackedTokens;
  /**
   * Lint replies already tokenized by this linter's `tokenize` or `tokenizeMany`
   * (in another thread, say), or all of them packed by `tokenizePacked` (read as
   * they are, without making token objects): the same findings as `lintMany`.
   * Tokens that do not cover their text exactly are a KefuLintError.
   */
  lintTokenized(texts: readonly string[], tokens: GivenTokens, context?: LintContext): Finding[][];
  /**
   * Lint a whole conversation: findings per agent message plus the conversation-level
   * ones. `agentTokens`, when the agent messages were tokenized elsewhere (by this
   * linter's `tokenizeMany` or `tokenizePacked`): one list per agent message, in order,
   * or the agent messages' tokens as `tokenizePacked` gave them.
   */
  lintConversation(messages: readonly ConversationTurn[], agentTokens?: GivenTokens): ConversationResult;
  /** The customer's emotion at each turn (undefined for agent turns). */
  emotionCurve(turns: readonly Pick<ConversationTurn, 'role' | 'text'>[]): (EmotionScore | undefined)[];
  /** Milliseconds spent per rule so far, when created with `profile: true`. */
  timings(): Record<string, number>;
}

/** What the engine is handed: the rules and word lists it knows, and how to make a tokenizer. */
export interface EngineBase {
  rules: readonly Rule<any>[];
  dictionaries: ReadonlyMap<string, PhraseDictionary>;
  /** The default tokenizer (shared, never changed by a linter). */
  tokenizer(): Tokenizer;
}

/** The dictionary the emotion score reads. */
export const EMOTION_DICTIONARY = 'emotion';
/** Texts tokenized per native call by lintMany. */
const TOKENIZE_BATCH = 32;

export function createLinterWith(base: EngineBase, input: LinterOptions = {}): Linter {
  const parsed = LinterOptionsSchema.safeParse(input, zodChinese);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KefuLintError('options', `选项 ${formatPath(issue.path)} 无效：${issue.message}。`);
  }
  const options = parsed.data;
  const resolved = resolveRules(collectRules(base.rules, options.plugins), options.preset as Preset, options.rules);
  const dictionaries = mergeDictionaries(base.dictionaries, options.dictionaries);
  const words = options.words.map((word, index) => toJiebaWord(word, { file: `words[${index}]` }));
  // This linter's words stay its own: other linters in the process see none of them.
  const tokenizer = withWords(options.tokenizer ? checkedTokenizer(options.tokenizer) : base.tokenizer(), words);

  const { active, used } = activateRules(resolved, dictionaries);
  const emotionDictionary = dictionaries.get(EMOTION_DICTIONARY);
  const scorer = emotionDictionary ? new EmotionScorer(emotionDictionary) : undefined;
  const timings = options.profile ? new Map<string, number>() : undefined;
  const runner = new RuleRunner(active, buildMatchers(active, used, dictionaries), scorer, timings);
  return assemble({
    infos: resolved.map(({ rule, severity }) => describeRule(rule, severity)),
    conversationRules: new Set(resolved.filter((r) => r.rule.meta.scope === 'conversation').map((r) => r.rule.id)),
    runner,
    tokenizer,
    curve: (turns, remember) => (scorer ? scorer.curve(turns, remember) : turns.map(() => undefined)),
    timings: () => Object.fromEntries(timings ?? []),
  });
}

interface Parts {
  infos: RuleInfo[];
  conversationRules: ReadonlySet<string>;
  runner: RuleRunner;
  tokenizer: Tokenizer;
  /**
   * `remember` false: the turns are scored once, not kept for a caller asking again (see EmotionScorer.curve);
   * lintConversation makes a conversation's curve once and hands it to every reply (see HISTORY_CURVE).
   */
  curve: (turns: Parameters<Linter['emotionCurve']>[0], remember?: boolean) => ReturnType<Linter['emotionCurve']>;
  timings: Linter['timings'];
}

function assemble({ infos, conversationRules, runner, tokenizer, curve, timings }: Parts): Linter {
  const check = (text: string, tokens: readonly Token[] | TokenEdges, context: LintContext = {}, tree?: Root): Finding[] => {
    const findings = runner.run(text, asEdges(tokens), context, tree);
    if (findings.length < 2) return findings;
    if (!inOrder(findings)) findings.sort((a, b) => a.start - b.start || a.end - b.end);
    return composeSuggestions(findings);
  };
  const lengthDocs = infos.find((rule) => rule.id === 'max-reply-length')?.docs ?? '';
  const lint = (text: string, context?: LintContext): Finding[] => {
    checkText(text, 'lint()');
    checkContext(context);
    if (runner.size === 0) return [];
    if (text.length > MAX_REPLY_CHARS) return [tooLong(text, lengthDocs)];
    // Where the tokens end, from the segmenter when it can tell (token objects only if a rule asks).
    return check(text, tokenizer.tokenizeEdges?.(text) ?? tokenizer.tokenize(text), context);
  };
  /** A text with tokens made elsewhere: the next in `given`, checked against it. */
  const checkGiven = (text: string, given: GivenReader, context: LintContext | undefined): Finding[] => {
    const edges = given.edges(text, runner.size > 0 && text.length <= MAX_REPLY_CHARS);
    return edges ? check(text, edges, context) : runner.size === 0 ? [] : [tooLong(text, lengthDocs)];
  };
  const tokenizeAll = (texts: readonly string[]) => (runner.size === 0 ? undefined : tokensByText(tokenizer, texts));
  return {
    rules: infos,
    lint,
    lintMany(texts, context) {
      if (!Array.isArray(texts)) throw new KefuLintError('input', 'lintMany() 需要一个文本数组。');
      checkContext(context);
      const results: Finding[][] = [];
      for (let start = 0; start < texts.length; start += TOKENIZE_BATCH) {
        const batch = texts.slice(start, start + TOKENIZE_BATCH);
        const tokens = tokenizeAll(batch);
        // Rules never change tokens, so a text that occurs twice can share its list.
        for (const text of batch) results.push(tokens ? check(text, tokens.get(text)!, context) : lint(text, context));
      }
      return results;
    },
    lintTree: (text, tree, context) => (runner.size === 0 ? [] : check(text, tree.data?.tokens ?? [], context, tree)),
    fix: (text, context) => {
      checkText(text, 'fix()');
      return fixUntilStable(text, (current) => lint(current, context)).output;
    },
    tokenize: (text) => {
      checkText(text, 'tokenize()');
      return tokenizer.tokenize(text);
    },
    tokenizeMany(texts) {
      checkTexts(texts, 'tokenizeMany()');
      return tokenizeEach(tokenizer, texts);
    },
    tokenizePacked(texts) {
      checkTexts(texts, 'tokenizePacked()');
      // Straight from the segmenter's pieces when it can (no token objects), else packed from tokenizeMany.
      const packed = texts.every((text) => text.length <= MAX_REPLY_CHARS) ? tokenizer.tokenizeManyPacked?.(texts) : undefined;
      return packed ?? packTokens(tokenizeEach(tokenizer, texts));
    },
    lintTokenized(texts, tokens, context) {
      const given = new GivenReader(tokens, (index) => `lintTokenized() 第 ${index + 1} 项`);
      if (!Array.isArray(texts) || given.count !== texts.length) {
        throw new KefuLintError('input', 'lintTokenized() 需要等长的文本数组与词元数组（或 tokenizePacked 给出的打包词元）。');
      }
      checkContext(context);
      return texts.map((text, index) => {
        if (typeof text !== 'string') checkText(text, `lintTokenized() 的第 ${index + 1} 项`);
        return checkGiven(text, given, context);
      });
    },
    lintConversation(messages, agentTokens) {
      checkTurns(messages, 'lintConversation()');
      const own = agentTokens === undefined ? tokenizeAll(messages.flatMap((m) => (m.role === 'agent' && typeof m.text === 'string' ? [m.text] : []))) : undefined;
      const lintTurn =
        agentTokens !== undefined
          ? inTurn(messages, agentTokens, (text, given, context) => checkGiven(text, given, context))
          : (text: string, context: LintContext) => (own?.has(text) ? check(text, own.get(text)!, context) : lint(text, context));
      return lintConversationWith({ lint: lintTurn, conversationRules, curve: (turns) => curve(turns, false) }, messages);
    },
    emotionCurve: (turns) => curve(turns),
    timings,
  };
}

/** A conversation's agent messages, linted in order, each with its tokens in `agentTokens`. */
function inTurn(
  messages: readonly ConversationTurn[],
  agentTokens: GivenTokens,
  lint: (text: string, given: GivenReader, context: LintContext) => Finding[],
): (text: string, context: LintContext) => Finding[] {
  const given = new GivenReader(agentTokens, (index) => `lintConversation() 第 ${index + 1} 条客服消息`);
  if (given.count !== messages.filter((m) => m.role === 'agent').length) {
    throw new KefuLintError('input', 'lintConversation() 的 agentTokens 应与客服消息一一对应（每条客服消息一个词元数组，或打包词元中的一项）。');
  }
  return (text, context) => lint(text, given, context);
}

function describeRule(rule: Rule<any>, severity: SeverityOrOff): RuleInfo {
  return {
    id: rule.id,
    title: rule.meta.title,
    description: rule.meta.description,
    scope: rule.meta.scope,
    severity,
    fixable: rule.meta.fixable,
    hasSuggestions: rule.meta.hasSuggestions,
    docs: rule.meta.docs,
  };
}

/** Texts tokenized in one native call (jieba never segments across the \n that joins them), by text; undefined when they cannot be. */
function tokensByText(tokenizer: Tokenizer, texts: readonly string[]): Map<string, Token[]> | undefined {
  if (!tokenizer.tokenizeMany || texts.length < 2 || texts.some((text) => typeof text !== 'string' || text.length > MAX_REPLY_CHARS)) return undefined;
  const distinct = [...new Set(texts)];
  const lists = tokenizer.tokenizeMany(distinct);
  return new Map(distinct.map((text, index) => [text, lists[index]]));
}

/** Each text's tokens as `tokenize` gives them, in few native calls; a text too long to lint gets none. */
function tokenizeEach(tokenizer: Tokenizer, texts: readonly string[]): Token[][] {
  const lintable = texts.filter((text) => text.length <= MAX_REPLY_CHARS);
  const lists = lintable.length < 2 || !tokenizer.tokenizeMany ? lintable.map((text) => tokenizer.tokenize(text)) : tokenizer.tokenizeMany(lintable);
  let next = 0;
  return texts.map((text) => (text.length <= MAX_REPLY_CHARS ? lists[next++] : []));
}

/** Are the findings already in order of start, then end (sorting them would change nothing)? */
function inOrder(findings: readonly Finding[]): boolean {
  for (let i = 1; i < findings.length; i++) {
    const a = findings[i - 1];
    const b = findings[i];
    if (a.start > b.start || (a.start === b.start && a.end > b.end)) return false;
  }
  return true;
}

/** `texts` must be an array of strings; where a text stands is spelled out only for one that is not. */
function checkTexts(texts: readonly string[], where: string): void {
  if (!Array.isArray(texts)) throw new KefuLintError('input', `${where} 需要一个文本数组。`);
  texts.forEach((text, index) => typeof text === 'string' || checkText(text, `${where} 的第 ${index + 1} 项`));
}
