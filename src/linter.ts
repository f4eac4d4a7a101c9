/**
 * The library entry point: `createLinter` loads dictionaries and builds matchers
 * once; the linter's `lint` is synchronous and keeps no state between calls.
 */
import * as z from 'zod';
import { unified, type Processor } from 'unified';
import { VFile } from 'vfile';
import type { Root } from 'nlcst';
import { builtinRules } from '../rules/index.js';
import {
  builtinDictionaryPath,
  formatPath,
  readJiebaWords,
  readPhraseDictionary,
  toPhraseDictionary,
  validateJiebaWord,
  zodChinese,
  type JiebaWord,
  type PhraseDictionary,
} from './dictionary.js';
import { applyEdits } from './edits.js';
import { KefuLintError } from './errors.js';
import { PhraseMatcher } from './matcher.js';
import { kefuParse, kefuRules, type ActiveRule, type KefuMessage } from './plugins.js';
import type { Edit, LintContext, Rule, Severity, SeverityOrOff } from './rule.js';
import { getJiebaTokenizer, type Token, type Tokenizer } from './tokenizer.js';
import { lintConversationWith, type ConversationResult, type ConversationTurn } from './transcripts/conversation.js';

export interface Finding {
  ruleId: string;
  severity: Severity;
  reason: string;
  /** UTF-16 offsets into the linted text. */
  start: number;
  end: number;
  /** 1-based line and column. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The offending text. */
  actual: string;
  /** Suggested rewrites, for a person to choose. */
  expected: string[];
  /** A safe edit `fix()` and `--fix` may apply. */
  fix?: Edit;
  url: string;
}

export const PRESETS = ['recommended', 'strict'] as const;
export type Preset = (typeof PRESETS)[number];

const severityName = z
  .enum(['off', 'info', 'warn', 'warning', 'error'])
  .transform((value): SeverityOrOff => (value === 'warn' ? 'warning' : value));

export const RuleSettingSchema = z.union([
  severityName,
  z.strictObject({ severity: severityName.optional(), options: z.record(z.string(), z.unknown()).optional() }),
]);
export type RuleSetting = z.input<typeof RuleSettingSchema>;

const jiebaWordInput = z.union([
  z.string(),
  z.strictObject({ word: z.string(), freq: z.number().optional(), tag: z.string().optional() }),
]);

const isRule = (value: unknown): value is Rule =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Rule).id === 'string' &&
  typeof (value as Rule).create === 'function' &&
  typeof (value as Rule).meta === 'object' &&
  typeof (value as Rule).options?.parse === 'function';

const isTokenizer = (value: unknown): value is Tokenizer =>
  typeof value === 'object' && value !== null && typeof (value as Tokenizer).tokenize === 'function';

export const LinterOptionsSchema = z.strictObject({
  preset: z.enum(PRESETS).default('recommended'),
  rules: z.record(z.string(), RuleSettingSchema).default({}),
  /** Extra rules (same shape as the built-in ones). */
  plugins: z.array(z.custom<Rule>(isRule, { message: '不是有效的规则对象（需要 id、meta、options 与 create）' })).default([]),
  /** Extra phrase dictionaries, as data (see dictionaries/README.md). */
  dictionaries: z.array(z.unknown()).default([]),
  /** Extra words for the tokenizer. */
  words: z.array(jiebaWordInput).default([]),
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
  /** The text with every safe fix applied; applying it again changes nothing. */
  fix(text: string, context?: LintContext): string;
  /** The tokens the rules see. */
  tokenize(text: string): Token[];
  /** Lint a whole conversation: findings per agent message plus the conversation-level ones. */
  lintConversation(messages: readonly ConversationTurn[]): ConversationResult;
  /** Milliseconds spent per rule so far, when created with `profile: true`. */
  timings(): Record<string, number>;
}

const MAX_FIX_PASSES = 10;
/** Texts tokenized per native call by lintMany. */
const TOKENIZE_BATCH = 32;

let builtinDictionaries: Map<string, PhraseDictionary> | undefined;
let builtinWords: JiebaWord[] | undefined;

function loadBuiltinDictionaries(): Map<string, PhraseDictionary> {
  if (!builtinDictionaries) {
    const names = new Set(builtinRules.flatMap((rule) => rule.dictionaries ?? []));
    builtinDictionaries = new Map();
    for (const name of names) {
      const dictionary = readPhraseDictionary(builtinDictionaryPath(`${name}.yaml`));
      builtinDictionaries.set(name, dictionary);
    }
  }
  return builtinDictionaries;
}

function loadBuiltinWords(): JiebaWord[] {
  builtinWords ??= readJiebaWords(builtinDictionaryPath('user-words.txt'));
  return builtinWords;
}

/** The severity a preset gives a rule. */
export function presetSeverity(rule: Rule<any>, preset: Preset): SeverityOrOff {
  if (preset === 'strict') return rule.meta.strictSeverity ?? (rule.meta.severity === 'info' ? 'warning' : rule.meta.severity);
  return rule.meta.severity;
}

export async function createLinter(input: LinterOptions = {}): Promise<Linter> {
  return createLinterSync(input);
}

/** Like `createLinter`, for worker threads and scripts that cannot await. */
export function createLinterSync(input: LinterOptions = {}): Linter {
  const parsed = LinterOptionsSchema.safeParse(input, zodChinese);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KefuLintError('options', `选项 ${formatPath(issue.path)} 无效：${issue.message}。`);
  }
  const options = parsed.data;

  const allRules = new Map<string, Rule<any>>();
  for (const rule of [...builtinRules, ...options.plugins]) {
    if (allRules.has(rule.id) && !builtinRules.includes(rule)) {
      throw new KefuLintError('options', `规则 id「${rule.id}」重复：自定义规则不能与已有规则同名，请换一个 id。`);
    }
    allRules.set(rule.id, rule);
  }
  for (const id of Object.keys(options.rules)) {
    if (!allRules.has(id)) throw unknownRule(id, [...allRules.keys()]);
  }

  const dictionaries = new Map(loadBuiltinDictionaries());
  options.dictionaries.forEach((data, index) => {
    const dictionary = toPhraseDictionary(data, `dictionaries[${index}]`);
    const existing = dictionaries.get(dictionary.name);
    dictionaries.set(
      dictionary.name,
      existing ? { ...existing, entries: [...existing.entries, ...dictionary.entries] } : dictionary,
    );
  });

  const words = options.words.map((word, index): JiebaWord => {
    const value = typeof word === 'string' ? { word } : { ...word };
    validateJiebaWord({ ...value, file: `words[${index}]` });
    return value;
  });
  const tokenizer = options.tokenizer ?? getJiebaTokenizer([...loadBuiltinWords(), ...words]);
  if (options.tokenizer && words.length > 0) options.tokenizer.addWords(words);

  const active: ActiveRule[] = [];
  const infos: RuleInfo[] = [];
  const usedDictionaries = new Set<string>();
  for (const rule of allRules.values()) {
    const setting = options.rules[rule.id];
    const configured = typeof setting === 'string' ? setting : setting?.severity;
    const severity = configured ?? presetSeverity(rule, options.preset);
    infos.push(describeRule(rule, severity));
    if (severity === 'off') continue;
    const ruleOptions = rule.options.safeParse(
      (typeof setting === 'object' ? setting.options : undefined) ?? {},
      zodChinese,
    );
    if (!ruleOptions.success) {
      const issue = ruleOptions.error.issues[0];
      throw new KefuLintError(
        'options',
        `规则「${rule.id}」的选项 ${formatPath(issue.path)} 无效：${issue.message}。请查看该规则的文档：${rule.meta.docs}`,
      );
    }
    for (const name of rule.dictionaries ?? []) {
      if (!dictionaries.has(name)) {
        throw new KefuLintError('options', `规则「${rule.id}」需要词表「${name}」，但没有找到。请通过 dictionaries 选项提供。`);
      }
      usedDictionaries.add(name);
    }
    const check = rule.create(ruleOptions.data, {
      dictionary(name) {
        const dictionary = dictionaries.get(name);
        if (!dictionary || !(rule.dictionaries ?? []).includes(name)) {
          throw new KefuLintError('options', `规则「${rule.id}」读取了未声明的词表「${name}」。`);
        }
        return dictionary;
      },
    });
    active.push({ rule, severity, check });
  }

  const timings = options.profile ? new Map<string, number>() : undefined;
  // Lists read by reply rules are matched in one pass; lists read only by
  // conversation rules get their own matcher, run only when those rules ask.
  const replyDictionaries = new Set(
    active.filter((a) => a.rule.meta.scope === 'reply').flatMap((a) => a.rule.dictionaries ?? []),
  );
  const entriesOf = (names: Iterable<string>) => [...names].flatMap((name) => dictionaries.get(name)!.entries);
  const matchers = [
    new PhraseMatcher(entriesOf(replyDictionaries)),
    new PhraseMatcher(entriesOf([...usedDictionaries].filter((name) => !replyDictionaries.has(name)))),
  ];
  // lintMany and lintConversation tokenize their texts in one call and leave the tokens here.
  let prepared: Map<string, Token[]> | undefined;
  const withTokens = <T>(texts: readonly string[], run: () => T): T => {
    if (!tokenizer.tokenizeMany || active.length === 0 || texts.length < 2 || texts.some((text) => typeof text !== 'string')) return run();
    const distinct = [...new Set(texts)];
    const lists = tokenizer.tokenizeMany(distinct);
    prepared = new Map(distinct.map((text, index) => [text, lists[index]]));
    try {
      return run();
    } finally {
      prepared = undefined;
    }
  };
  const parseTokenizer: Tokenizer = {
    tokenize: (text) => prepared?.get(text) ?? tokenizer.tokenize(text),
    addWords: (words) => tokenizer.addWords(words),
  };
  const processor: Processor<Root, Root, Root, undefined, undefined> = unified()
    .use(kefuParse, { tokenizer: parseTokenizer })
    .use(kefuRules, { rules: active, matchers, timings })
    .freeze() as unknown as Processor<Root, Root, Root, undefined, undefined>;

  const lint = (text: string, context?: LintContext): Finding[] => {
    if (typeof text !== 'string') {
      throw new KefuLintError('input', `lint() 需要一段文本（字符串），收到的是 ${text === null ? 'null' : typeof text}。`);
    }
    if (active.length === 0) return [];
    const file = new VFile({ value: text, data: context ? { kefu: context } : {} });
    processor.runSync(processor.parse(file), file);
    const findings = file.messages.map((message) => toFinding(message as KefuMessage));
    return findings.length > 1 ? findings.sort((a, b) => a.start - b.start || a.end - b.end) : findings;
  };

  return {
    rules: infos,
    lint,
    fix(text, context) {
      let output = text;
      for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
        const edits = lint(output, context).flatMap((finding) => (finding.fix ? [finding.fix] : []));
        if (edits.length === 0) break;
        const result = applyEdits(output, edits);
        if (result.applied.length === 0) break;
        output = result.output;
      }
      return output;
    },
    tokenize: (text) => tokenizer.tokenize(text),
    lintMany(texts, context) {
      const results: Finding[][] = [];
      for (let start = 0; start < texts.length; start += TOKENIZE_BATCH) {
        const batch = texts.slice(start, start + TOKENIZE_BATCH);
        withTokens(batch, () => batch.forEach((text) => results.push(lint(text, context))));
      }
      return results;
    },
    lintConversation(messages) {
      const texts = messages.flatMap((m) => (m.role === 'agent' && typeof m.text === 'string' ? [m.text] : []));
      return withTokens(texts, () => lintConversationWith(lint, infos, messages));
    },
    timings: () => Object.fromEntries(timings ?? []),
  };
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

function toFinding(message: KefuMessage): Finding {
  const place = message.place as { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } };
  const finding: Finding = {
    ruleId: message.ruleId ?? 'unknown',
    severity: message.severity ?? (message.fatal ? 'error' : message.fatal === false ? 'warning' : 'info'),
    reason: message.reason,
    start: place.start.offset,
    end: place.end.offset,
    line: place.start.line,
    column: place.start.column,
    endLine: place.end.line,
    endColumn: place.end.column,
    actual: message.actual ?? '',
    expected: message.expected ?? [],
    url: message.url ?? '',
  };
  if (message.fix) finding.fix = message.fix;
  return finding;
}

export function unknownRule(id: string, known: readonly string[]): KefuLintError {
  const near = closest(id, known);
  const hint = near ? `是否想写「${near}」？` : '';
  return new KefuLintError('options', `未知规则「${id}」。${hint}运行 kefu-lint --list-rules 查看全部规则。`);
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
