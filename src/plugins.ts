/**
 * unified plugins: `kefuParse` turns a reply into a tree from its tokens, and
 * `kefuRules` runs a set of rule checks over that tree in one pass, reporting
 * vfile messages. `rulePlugin` wraps a single rule for use on its own.
 */
import type { Root } from 'nlcst';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { PhraseMatcher, type PhraseMatch } from './matcher.js';
import { buildTree, PositionMap } from './tree.js';
import type { Tokenizer } from './tokenizer.js';
import type { Edit, LintContext, ReplyContext, Rule, RuleCheck, RuleReport, Severity } from './rule.js';
import type { PhraseDictionary } from './dictionary.js';

export const SOURCE = 'kefu-lint';

export interface ParseOptions {
  tokenizer: Tokenizer;
}

export const kefuParse: Plugin<[ParseOptions], string, Root> = function (options) {
  this.parser = (document) => buildTree(document, options.tokenizer.tokenize(document));
};

export interface ActiveRule {
  rule: Rule<any>;
  severity: Severity;
  check: RuleCheck;
}

export interface RulesOptions {
  rules: readonly ActiveRule[];
  /**
   * Phrase matchers, each run at most once per reply and only when a rule asks
   * for one of its dictionaries (conversation-only lists need not cost every reply).
   */
  matchers: readonly PhraseMatcher[];
  /** When given, milliseconds spent per rule (and in the shared matcher) add up here. */
  timings?: Map<string, number>;
}

/** Key under which the shared phrase matcher's time is counted. */
export const MATCHER_TIMING = '(phrase matcher)';

/** Extra fields kefu-lint puts on a vfile message. */
export interface KefuMessage extends VFileMessage {
  fix?: Edit;
  severity?: Severity;
}

/** Context for the reply in `file.data.kefu` (history, standalone). */
declare module 'vfile' {
  interface DataMap {
    kefu: LintContext;
  }
}

const NO_MATCHES: readonly PhraseMatch[] = [];

export const kefuRules: Plugin<[RulesOptions], Root> = function (options) {
  const { rules, matchers, timings } = options;
  const matcherOf = new Map<string, number>();
  matchers.forEach((matcher, index) => {
    for (const name of matcher.dictionaries) matcherOf.set(name, index);
  });
  return (tree: Root, file: VFile) => {
    const text = String(file.value);
    const tokens = tree.data?.tokens ?? [];
    let byDictionary: Map<string, PhraseMatch[]> | undefined;
    let ran = 0;
    let positions: PositionMap | undefined;
    let current: ActiveRule = rules[0];

    const runMatcher = (index: number) => {
      ran |= 1 << index;
      byDictionary ??= new Map();
      for (const match of matchers[index].match(text, tokens)) {
        const name = match.entry.dictionary;
        const list = byDictionary.get(name);
        if (list) list.push(match);
        else byDictionary.set(name, [match]);
      }
    };

    const reply: ReplyContext = {
      text,
      tokens,
      tree,
      context: file.data.kefu ?? {},
      matches(dictionary) {
        const index = matcherOf.get(dictionary);
        if (index === undefined) return NO_MATCHES;
        if (!(ran & (1 << index))) runMatcher(index);
        return byDictionary!.get(dictionary) ?? NO_MATCHES;
      },
      report(report: RuleReport) {
        positions ??= new PositionMap(text);
        reportMessage(file, text, positions, current, report);
      },
    };
    if (timings) {
      let started = performance.now();
      matchers.forEach((_, index) => runMatcher(index));
      add(timings, MATCHER_TIMING, performance.now() - started);
      for (const active of rules) {
        current = active;
        started = performance.now();
        active.check(reply);
        add(timings, active.rule.id, performance.now() - started);
      }
      return;
    }
    for (const active of rules) {
      current = active;
      active.check(reply);
    }
  };
};

function reportMessage(file: VFile, text: string, positions: PositionMap, active: ActiveRule, report: RuleReport): void {
  const start = clamp(report.start, 0, text.length);
  const end = clamp(report.end, start, text.length);
  // A vfile message is an Error: capturing its stack costs more than the rest of
  // the lint, and a finding's stack says nothing useful. Skip it.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let message: KefuMessage;
  try {
    message = file.message(report.reason ?? active.rule.meta.description, {
      place: positions.position(start, end),
      ruleId: active.rule.id,
      source: SOURCE,
    }) as KefuMessage;
  } finally {
    Error.stackTraceLimit = limit;
  }
  message.fatal = active.severity === 'error' ? true : active.severity === 'warning' ? false : undefined;
  message.severity = active.severity;
  message.actual = text.slice(start, end);
  message.expected = report.expected ? [...report.expected] : [];
  message.url = active.rule.meta.docs;
  if (report.fix) message.fix = report.fix;
}

function add(timings: Map<string, number>, key: string, ms: number): void {
  timings.set(key, (timings.get(key) ?? 0) + ms);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/**
 * One rule as a stand-alone unified plugin (after `kefuParse`), with its options
 * validated by the rule's schema.
 */
export function rulePlugin<Options>(
  rule: Rule<Options>,
  settings: { severity?: Severity; options?: unknown; dictionaries?: readonly PhraseDictionary[] } = {},
): Plugin<[], Root> {
  const options = rule.options.parse(settings.options ?? {});
  const dictionaries = new Map((settings.dictionaries ?? []).map((d) => [d.name, d]));
  const check = rule.create(options, {
    dictionary(name) {
      const dictionary = dictionaries.get(name);
      if (!dictionary) throw new Error(`rule ${rule.id} needs dictionary ${name}`);
      return dictionary;
    },
  });
  const matchers = [new PhraseMatcher([...dictionaries.values()].flatMap((d) => d.entries))];
  const active: ActiveRule = { rule, severity: settings.severity ?? 'warning', check };
  return function () {
    return kefuRules.call(this, { rules: [active], matchers }) as ReturnType<typeof kefuRules>;
  } as Plugin<[], Root>;
}
