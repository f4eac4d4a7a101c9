/**
 * Runs a linter's active rules over one reply in a single pass: the tree and the
 * tokens are shared, each phrase matcher runs at most once and only when a rule
 * asks for one of its dictionaries, and every report becomes a finding.
 */
import type { Root } from 'nlcst';
import { inSpans, layoutOf, type ReplyLayout } from './context.js';
import { HISTORY_CURVE, type LintContext, type WithCurve } from './conversation.js';
import type { EmotionScore, EmotionScorer } from './emotion.js';
import type { Finding } from './finding.js';
import type { PhraseMatch, PhraseMatcher } from './matcher.js';
import type { ReplyContext, Rule, RuleCheck, RuleReport } from './rule.js';
import { lowerSeverity, type Severity } from './severity.js';
import type { Token, TokenEdges } from './tokens.js';
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

/** What every reply's run reads: the matchers, each dictionary's number and matcher, the scorer. */
interface Shared {
  matchers: readonly PhraseMatcher[];
  dictionaryIndex: Map<string, number>;
  /** The number of each matcher's first dictionary (its others follow in order). */
  firstNumber: number[];
  matcherOfDictionary: number[];
  scorer: EmotionScorer | undefined;
  first: ActiveRule;
}

export class RuleRunner {
  private readonly shared: Shared;

  constructor(
    private readonly rules: readonly ActiveRule[],
    /** Phrase matchers: conversation-only lists get their own, so they need not cost every reply. */
    private readonly matchers: readonly PhraseMatcher[],
    scorer: EmotionScorer | undefined,
    /** When given, milliseconds spent per rule (and in the matchers) add up here. */
    private readonly timings?: Map<string, number>,
  ) {
    const dictionaryIndex = new Map<string, number>();
    const matcherOfDictionary: number[] = [];
    const firstNumber: number[] = [];
    matchers.forEach((matcher, index) => {
      firstNumber.push(matcherOfDictionary.length);
      for (const name of matcher.dictionaries) {
        dictionaryIndex.set(name, matcherOfDictionary.length);
        matcherOfDictionary.push(index);
      }
    });
    this.shared = { matchers, dictionaryIndex, firstNumber, matcherOfDictionary, scorer, first: rules[0] };
  }

  get size(): number {
    return this.rules.length;
  }

  /**
   * The findings of every active rule on one reply, in the order they were
   * reported. The tree and the layout are built when a rule first asks for them
   * (most replies have no phrase match and need neither).
   */
  run(text: string, edges: TokenEdges, context: LintContext, given?: Root): Finding[] {
    const reply = new ReplyRun(this.shared, text, edges, context, given);
    const { timings } = this;
    if (timings) {
      let started = performance.now();
      this.matchers.forEach((_, index) => reply.runMatcher(index));
      add(timings, MATCHER_TIMING, performance.now() - started);
      for (const active of this.rules) {
        reply.current = active;
        started = performance.now();
        active.check(reply);
        add(timings, active.rule.id, performance.now() - started);
      }
      return reply.findings;
    }
    for (const active of this.rules) {
      reply.current = active;
      active.check(reply);
    }
    return reply.findings;
  }
}

/**
 * One reply as the rules see it. Its methods live on the prototype, so a run
 * makes one object, not a closure per method; the token objects, the tree, the
 * layout and each matcher's results are made when a rule first asks.
 */
class ReplyRun implements ReplyContext {
  readonly findings: Finding[] = [];
  current: ActiveRule;
  private layoutBuilt: ReplyLayout | undefined;
  private treeBuilt: Root | undefined;
  /** Bit per matcher that has run. */
  private ran = 0;
  /** Matches per dictionary number (undefined: none). */
  private lists: (PhraseMatch[] | undefined)[] | undefined;
  private positions: PositionMap | undefined;

  constructor(
    private readonly parts: Shared,
    readonly text: string,
    readonly edges: TokenEdges,
    readonly context: LintContext,
    given: Root | undefined,
  ) {
    this.current = parts.first;
    this.treeBuilt = given;
    this.layoutBuilt = given?.data?.layout;
  }

  get tokens(): readonly Token[] {
    return this.edges.tokens();
  }

  get layout(): ReplyLayout {
    return (this.layoutBuilt ??= layoutOf(this.text, this.edges));
  }

  get tree(): Root {
    return (this.treeBuilt ??= buildTree(this.text, this.tokens, this.layout));
  }

  runMatcher(index: number): void {
    this.ran |= 1 << index;
    const { matchers, firstNumber } = this.parts;
    const lists = (this.lists ??= []);
    const first = firstNumber[index];
    const last = first + matchers[index].dictionaries.size;
    matchers[index].matchInto(this.text, this.edges, lists, first);
    // A match in a URL, emoticon code, placeholder or menu path is left out.
    for (let number = first; number < last; number++) {
      const list = lists[number];
      if (list === undefined) continue;
      const layout = this.layout;
      if (layout.spans.length === 0) return;
      const kept = list.filter((match) => !inSpans(layout, match.start, match.end));
      lists[number] = kept.length > 0 ? kept : undefined;
    }
  }

  matches(dictionary: string): readonly PhraseMatch[] {
    const number = this.parts.dictionaryIndex.get(dictionary);
    if (number === undefined) return NO_MATCHES;
    const index = this.parts.matcherOfDictionary[number];
    if (!(this.ran & (1 << index))) this.runMatcher(index);
    return this.lists?.[number] ?? NO_MATCHES;
  }

  emotion(): readonly (EmotionScore | undefined)[] {
    const { scorer } = this.parts;
    if (!scorer || !this.context.history) return NO_CURVE;
    // In a conversation, the curve its turns were scored with.
    return (this.context as WithCurve)[HISTORY_CURVE] ?? scorer.curve(this.context.history);
  }

  report(report: RuleReport): void {
    this.positions ??= new PositionMap(this.text);
    this.findings.push(toFinding(this.text, this.positions, this.current, report));
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
    // A copy (rules may reuse their lists); an array is sliced, which is cheaper than spreading it.
    expected: report.expected ? (Array.isArray(report.expected) ? report.expected.slice() : [...report.expected]) : [],
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
