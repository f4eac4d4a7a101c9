/**
 * What a reply's words stand in: the clauses it is made of (clauses.ts), and the
 * parts of it that are not the agent's own language (spans.ts). Built once per
 * reply with the tree and looked up here by every rule, so no rule keeps its own
 * regex for a condition, a negation or a URL.
 *
 * - non-language spans: URLs, emoticon codes (#E-s01, [微笑], O(∩_∩)O),
 *   anonymisation placeholders ([数字x], [ORDERID_123]), long numbers, characters
 *   lost in export (放?心, ??), and app menu paths (我的京东 > 客户服务 > 返修退换货);
 * - quotations (“……”, 《……》): someone else's wording;
 * - clauses, each with what changes the meaning of a phrase in it: a condition
 *   (如果……/……的话), a purpose (为了……), negators (无法保证……), and where the
 *   agent acts for the customer (帮您联系……, 给您申请……).
 */
import { clausesOf, type Clause } from './clauses.js';
import { firstFrom } from './scan.js';
import { NOT_LANGUAGE, NOT_READ, textSpans, type SpanKind, type TextSpan } from './spans.js';
import type { Token, TokenEdges, TokenKind } from './tokens.js';

export { NOT_LANGUAGE, textSpans, type SpanKind, type TextSpan } from './spans.js';
export { clausesOf, type Clause } from './clauses.js';

export interface ReplyLayout {
  readonly clauses: Clause[];
  /** Non-language spans and quotations, in order of start. */
  spans: TextSpan[];
}

/** A reply's layout: its spans at once (cheap), its clauses when a rule first asks. */
export function layoutOf(text: string, tokens: readonly Token[] | TokenEdges): ReplyLayout {
  return new Layout(text, tokens);
}

class Layout implements ReplyLayout {
  readonly spans: TextSpan[];
  private found: Clause[] | undefined;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[] | TokenEdges,
  ) {
    this.spans = textSpans(text);
  }

  get clauses(): Clause[] {
    return (this.found ??= clausesOf(this.text, this.tokens));
  }
}

/** The clause holding `offset` (the nearest one before it when it falls between clauses). */
export function clauseAt(layout: ReplyLayout, offset: number): Clause | undefined {
  // Clauses are in order: the last one starting at or before `offset`, found by halving
  // (a long reply has thousands of clauses, and rules ask once per phrase).
  const clauses = layout.clauses;
  let low = 0;
  let high = clauses.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (clauses[mid].start > offset) high = mid;
    else low = mid + 1;
  }
  return low > 0 ? clauses[low - 1] : undefined;
}

/** Is there a negator in the clause of `offset`, before it? */
export function negatedAt(layout: ReplyLayout, offset: number): boolean {
  const clause = clauseAt(layout, offset);
  return clause !== undefined && clause.negators.some((at) => at < offset);
}

/** Does [start, end) lie inside the agent acting for the customer (帮您联系……)? */
export function agentActsAt(layout: ReplyLayout, start: number, end: number): boolean {
  const clause = clauseAt(layout, start);
  return clause !== undefined && clause.agentActs.some(([from, to]) => from <= start && end <= to);
}

const QUOTE: ReadonlySet<SpanKind> = new Set(['quote']);

/** Is [start, end) inside a quotation (someone else's wording)? */
export function quotedAt(layout: ReplyLayout, start: number, end: number): boolean {
  return inSpans(layout, start, end, QUOTE);
}

/** Does `offset` stand in a condition (如果……, ……的话) or a purpose (为了……) clause? */
export function hypotheticalAt(layout: ReplyLayout, offset: number): boolean {
  const clause = clauseAt(layout, offset);
  return clause !== undefined && ((clause.condition[0] <= offset && offset < clause.condition[1]) || clause.purpose);
}

/** Does `offset` stand in the then-part of a condition (若没有按钮，则表示无法修改)? */
export function consequentAt(layout: ReplyLayout, offset: number): boolean {
  return clauseAt(layout, offset)?.consequent ?? false;
}

/** Does `offset` stand in a question (是否……, ……吗？)? */
export function questionAt(layout: ReplyLayout, offset: number): boolean {
  return clauseAt(layout, offset)?.question ?? false;
}

// 您取消不了, 您前台不能修改: the customer is who cannot (not 您的订单, 您这个订单).
const CUSTOMER_SUBJECT = /[您你](?:[^的这那个订单商品我们，。！？,.!?\s]{0,3})$/u;
const AGENT_SUBJECT = /(?:我们?|这边|小妹|妹子|客服|本店|我司)[^您你]{0,4}$/u;

/** Who does what stands at `offset` in its clause: the customer (您……), the agent (我/这边……), or unknown. */
export function subjectAt(layout: ReplyLayout, text: string, offset: number): 'customer' | 'agent' | undefined {
  const clause = clauseAt(layout, offset);
  if (!clause) return undefined;
  const before = text.slice(Math.max(clause.start, offset - 8), offset);
  if (CUSTOMER_SUBJECT.test(before)) return 'customer';
  if (AGENT_SUBJECT.test(before)) return 'agent';
  return undefined;
}

/** For each span, the furthest end of it and the spans before it (kept per spans list). */
const reaches = new WeakMap<readonly TextSpan[], Int32Array>();

/** Does [start, end) overlap a span of one of `kinds`? */
export function inSpans(layout: ReplyLayout, start: number, end: number, kinds: ReadonlySet<SpanKind> = NOT_LANGUAGE): boolean {
  const spans = layout.spans;
  if (spans.length <= 16) {
    for (const span of spans) {
      if (span.start >= end) break;
      if (span.end > start && kinds.has(span.kind)) return true;
    }
    return false;
  }
  // A reply with thousands of spans (quotations, emoticons) is asked once per phrase:
  // halve to the spans that start before `end`, then walk back only while one can reach `start`.
  let reach = reaches.get(spans);
  if (!reach) {
    reach = new Int32Array(spans.length);
    let furthest = -1;
    for (let i = 0; i < spans.length; i++) reach[i] = furthest = Math.max(furthest, spans[i].end);
    reaches.set(spans, reach);
  }
  for (let i = firstFrom(spans, end) - 1; i >= 0 && reach[i] > start; i--) {
    if (spans[i].end > start && kinds.has(spans[i].kind)) return true;
  }
  return false;
}

/** The tokens that are not inside a span of one of `kinds`, in order. */
export function tokensOutside(layout: ReplyLayout, tokens: readonly Token[], kinds: ReadonlySet<SpanKind> = NOT_LANGUAGE): Token[] {
  return uncovered(tokens, layout.spans.filter((span) => kinds.has(span.kind)));
}

/**
 * Is some token of `kind` outside the spans of `kinds` (as tokensOutside keeps it),
 * with a text `test` accepts? Read from the edges: no token object is made.
 */
export function someTokenOutside(
  text: string,
  layout: ReplyLayout,
  edges: TokenEdges,
  kind: TokenKind,
  test: (token: string) => boolean,
  kinds: ReadonlySet<SpanKind> = NOT_LANGUAGE,
): boolean {
  const covers = layout.spans.length === 0 ? layout.spans : layout.spans.filter((span) => kinds.has(span.kind));
  const { ends, starts } = edges;
  let next = 0;
  let reach = -1;
  for (let t = 0; t < edges.count; t++) {
    const start = starts ? starts[t] : t === 0 ? 0 : ends[t - 1];
    while (next < covers.length && covers[next].start <= start) reach = Math.max(reach, covers[next++].end);
    if (reach < ends[t] && edges.kindOf(t) === kind && test(text.slice(start, ends[t]))) return true;
  }
  return false;
}

/**
 * The items no cover holds whole. Both lists are in order of start: one pass,
 * keeping the furthest end of the covers that start at or before each item (the
 * item is held exactly when some such cover reaches its end).
 */
export function uncovered<T extends { start: number; end: number }>(items: readonly T[], covers: readonly { start: number; end: number }[]): T[] {
  const outside: T[] = [];
  let next = 0;
  let reach = -1;
  for (const item of items) {
    while (next < covers.length && covers[next].start <= item.start) reach = Math.max(reach, covers[next++].end);
    if (reach < item.end) outside.push(item);
  }
  return outside;
}

/**
 * Characters a reader reads: not whitespace, not in a non-language span, an emoji
 * once. With `limit`, also the offset of the first character past it.
 */
export function countReadable(text: string, tokens: readonly Token[], layout: ReplyLayout, limit = Infinity): { count: number; overflowAt?: number } {
  const spans = layout.spans.filter((s) => NOT_READ.has(s.kind));
  let count = 0;
  let overflowAt: number | undefined;
  let span = 0;
  for (const token of tokens) {
    if (token.kind === 'whitespace') continue;
    for (let i = token.start; i < token.end; i++) {
      while (span < spans.length && spans[span].end <= i) span++;
      if (span < spans.length && spans[span].start <= i) continue;
      const code = text.charCodeAt(i);
      if (code >= 0xdc00 && code <= 0xdfff) continue; // second half of a surrogate pair
      if (token.kind === 'emoji' && i > token.start) continue;
      if (++count === limit + 1) overflowAt = i;
    }
  }
  return overflowAt === undefined ? { count } : { count, overflowAt };
}
