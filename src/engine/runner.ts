/**
 * Runs a linter's active rules over one reply in a single pass: the tree and the
 * tokens are shared, each phrase matcher runs at most once and only when a rule
 * asks for one of its dictionaries, and every report becomes a finding.
 */
import type { Root } from 'nlcst';
import { inSpans, layoutOf } from './context.js';
import type { LintContext } from './conversation.js';
import type { EmotionScore, EmotionScorer } from './emotion.js';
import type { Finding } from './finding.js';
import { tokenBoundaries, type PhraseMatch, type PhraseMatcher } from './matcher.js';
import type { ReplyContext, Rule, RuleCheck, RuleReport } from './rule.js';
import { lowerSeverity, type Severity } from './severity.js';
import type { Token } from './tokens.js';
import { buildTree, PositionMap } from './tree.js';

export interface ActiveRule {
  rule: Rule<any>;
  severity: Severity;
  check: RuleCheck;
}

/** Key under which the shared phrase matchers' time is counted. */
const MATCHER_TIMING = '(phrase matcher)';

const NO_MATCHES: readonly PhraseMatch[] = [];
const NO_CURVE: readonly (EmotionScore | undefined)[] = [];

export class RuleRunner {
  private readonly matcherOf = new Map<string, number>();

  constructor(
    private readonly rules: readonly ActiveRule[],
    /** Phrase matchers: conversation-only lists get their own, so they need not cost every reply. */
    private readonly matchers: readonly PhraseMatcher[],
    private readonly scorer: EmotionScorer | undefined,
    /** When given, milliseconds spent per rule (and in the matchers) add up here. */
    private readonly timings?: Map<string, number>,
  ) {
    matchers.forEach((matcher, index) => {
      for (const name of matcher.dictionaries) this.matcherOf.set(name, index);
    });
  }

  get size(): number {
    return this.rules.length;
  }

  /**
   * The findings of every active rule on one reply, in the order they were
   * reported. The tree and the layout are built when a rule first asks for them
   * (most replies have no phrase match and need neither).
   */
  run(text: string, tokens: readonly Token[], context: LintContext, given?: Root): Finding[] {
    const findings: Finding[] = [];
    let layout = given?.data?.layout;
    let tree = given;
    const layoutNow = () => (layout ??= layoutOf(text, tokens));
    const { matchers, matcherOf, scorer } = this;
    let byDictionary: Map<string, PhraseMatch[]> | undefined;
    let boundary: Uint8Array | undefined;
    let ran = 0;
    let positions: PositionMap | undefined;
    let current = this.rules[0];

    const runMatcher = (index: number) => {
      ran |= 1 << index;
      byDictionary ??= new Map();
      const found = matchers[index].match(text, tokens, (boundary ??= tokenBoundaries(text, tokens)));
      if (found.length === 0) return;
      const spans = layoutNow().spans.length > 0 ? layoutNow() : undefined;
      for (const match of found) {
        if (spans && inSpans(spans, match.start, match.end)) continue;
        const name = match.entry.dictionary;
        const list = byDictionary.get(name);
        if (list) list.push(match);
        else byDictionary.set(name, [match]);
      }
    };

    const reply: ReplyContext = {
      text,
      tokens,
      get tree() {
        return (tree ??= buildTree(text, tokens, layoutNow()));
      },
      get layout() {
        return layoutNow();
      },
      context,
      matches(dictionary) {
        const index = matcherOf.get(dictionary);
        if (index === undefined) return NO_MATCHES;
        if (!(ran & (1 << index))) runMatcher(index);
        return byDictionary!.get(dictionary) ?? NO_MATCHES;
      },
      emotion() {
        return scorer && context.history ? scorer.curve(context.history) : NO_CURVE;
      },
      report(report: RuleReport) {
        positions ??= new PositionMap(text);
        findings.push(toFinding(text, positions, current, report));
      },
    };
    const { timings } = this;
    if (timings) {
      let started = performance.now();
      matchers.forEach((_, index) => runMatcher(index));
      add(timings, MATCHER_TIMING, performance.now() - started);
      for (const active of this.rules) {
        current = active;
        started = performance.now();
        active.check(reply);
        add(timings, active.rule.id, performance.now() - started);
      }
      return findings;
    }
    for (const active of this.rules) {
      current = active;
      active.check(reply);
    }
    return findings;
  }
}

function toFinding(text: string, positions: PositionMap, active: ActiveRule, report: RuleReport): Finding {
  const start = clamp(report.start, 0, text.length);
  const end = clamp(report.end, start, text.length);
  const from = positions.point(start);
  const to = positions.point(end);
  const finding: Finding = {
    ruleId: active.rule.id,
    severity: report.severity ?? (report.lesser ? lowerSeverity(active.severity) : active.severity),
    reason: report.reason ?? active.rule.meta.description,
    start,
    end,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    actual: text.slice(start, end),
    expected: report.expected ? [...report.expected] : [],
    url: active.rule.meta.docs,
  };
  if (report.fix) finding.fix = report.fix;
  return finding;
}

function add(timings: Map<string, number>, key: string, ms: number): void {
  timings.set(key, (timings.get(key) ?? 0) + ms);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
