/**
 * What a reply's words stand in: the clauses it is made of, and the parts of it
 * that are not the agent's own language. Built once per reply with the tree, read
 * by every rule, so no rule keeps its own regex for a condition, a negation or a URL.
 *
 * - non-language spans: URLs, emoticon codes (#E-s01, [微笑], O(∩_∩)O),
 *   anonymisation placeholders ([数字x], [ORDERID_123]), long numbers, characters
 *   lost in export (放?心, ??), and app menu paths (我的京东 > 客户服务 > 返修退换货);
 * - quotations (“……”, 《……》): someone else's wording;
 * - clauses, each with what changes the meaning of a phrase in it: a condition
 *   (如果……/……的话), a purpose (为了……), negators (无法保证……), and where the
 *   agent acts for the customer (帮您联系……, 给您申请……).
 * 如果您没办法到店，可以…… → clause 1 is a condition: no refusal there.
 */
import { firstFrom } from './matcher.js';
import { NOT_LANGUAGE, NOT_READ, textSpans, type SpanKind, type TextSpan } from './spans.js';
import type { Token } from './tokens.js';

export { NOT_LANGUAGE, textSpans, type SpanKind, type TextSpan } from './spans.js';

export interface Clause {
  start: number;
  /** End of the clause's words, before the marks that close it. */
  end: number;
  /** End including the marks that close it (，。？ …). */
  after: number;
  /** A condition in the clause (如果/要是/假如……, ……的话), as [start, end); empty when there is none. */
  condition: [number, number];
  /** A question: ends with ？ or asks 是否/是不是/有没有/吗. */
  question: boolean;
  /** A purpose: 为了……, 为保证……. */
  purpose: boolean;
  /** The then-part of a condition in the clause before (若没有按钮，则表示无法修改): a rule stated, not a refusal now. */
  consequent: boolean;
  /** Offsets where a negator (不, 没, 无法, 不能 …) starts. */
  negators: number[];
  /** Where the agent acts for the customer (帮您/给您/为您/替您 + what follows). */
  agentActs: [number, number][];
}

export interface ReplyLayout {
  readonly clauses: Clause[];
  /** Non-language spans and quotations, in order of start. */
  spans: TextSpan[];
}


const CONDITION_WORD = /如果|要是|假如|假设|万一|倘若|若是|如若|只要|一旦|^若|^如(?!何|今|此|下|实|期|约)/;
const QUESTION = /是否|是不是|有没有|[吗么]$|^还是.*呢$/;
const PURPOSE = /^(?:为了|为(?=保证|确保|避免|防止|方便|保障|让))/;
const CONSEQUENT = /^(?:则|那么?|就|说明|表示|即|代表)/;
const AGENT_ACTS = /(?:帮|给|为|替)(?:您|亲|你)/g;

/** Where a condition stands in a clause's words: from 如果 (or the start) to 的话 (or the end). */
function conditionIn(words: string, base: number): [number, number] {
  const opener = words.search(CONDITION_WORD);
  const close = words.indexOf('的话', Math.max(opener, 0));
  if (opener >= 0) return [base + opener, close >= 0 ? base + close + 2 : base + words.length];
  if (close >= 0) return [base, base + close + 2];
  return [base, base];
}

/** What JavaScript's \s matches, by code. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

const isHan = (code: number) => code >= 0x4e00 && code <= 0x9fff;
/** Marks that close a clause: ，。！？!?,;；：:~～… and the line end. */
const BREAKS = new Set([...'，。！？!?,;；：:~～…\n'].map((c) => c.charCodeAt(0)));
/** Marks that a run closing one clause may continue with (什么？！). */
const RUN = new Set([...'，。！？!?,;；~～…'].map((c) => c.charCodeAt(0)));
/** Marks that end a sentence (a condition's then-part stays in its sentence). */
const SENTENCE_END = new Set([...'。！？!?\n'].map((c) => c.charCodeAt(0)));
/** Single characters that negate: 不, 没, 无, 未, 别, 非 (at the start of a word). */
const NEGATORS = new Set([...'不没无未别非'].map((c) => c.charCodeAt(0)));

/** Length of the clause break at `i` (0 when there is none): a mark, a run of spaces, or one space between Chinese characters. */
function breakAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (BREAKS.has(code)) return 1;
  if (!isSpace(code)) return 0;
  let run = 1;
  while (i + run < text.length && isSpace(text.charCodeAt(i + run))) run++;
  if (run >= 2) return run;
  return i > 0 && isHan(text.charCodeAt(i - 1)) && isHan(text.charCodeAt(i + 1)) ? 1 : 0;
}

/** The clauses of a reply, between commas, full stops, question marks and line ends. */
export function clausesOf(text: string, tokens: readonly Token[]): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  const push = (end: number, after: number) => {
    let from = start;
    let to = end;
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (from >= to) return;
    const words = text.slice(from, to);
    let question = false;
    for (let i = to; i < after && !question; i++) question = text.charCodeAt(i) === 0x3f || text.charCodeAt(i) === 0xff1f;
    question ||= QUESTION.test(words);
    clauses.push({ start: from, end: to, after, condition: conditionIn(words, from), question, purpose: PURPOSE.test(words), consequent: false, negators: [], agentActs: [] });
  };
  for (let i = 0; i < text.length; ) {
    const length = breakAt(text, i);
    if (length === 0) {
      i++;
      continue;
    }
    let after = i + length;
    while (after < text.length && RUN.has(text.charCodeAt(after))) after++;
    push(i, after);
    start = i = after;
  }
  push(text.length, text.length);
  for (let i = 1; i < clauses.length; i++) {
    const clause = clauses[i];
    const before = clauses[i - 1];
    // An alternative question (取消不了的 还是什么问题的呢？) asks in both its clauses.
    if (clause.question && text.startsWith('还是', clause.start)) before.question = true;
    // 如没有修改按钮，说明订单已不支持修改: the condition's then-part, in the same sentence.
    if (before.condition[1] !== before.end || before.condition[0] >= before.end) continue;
    let sameSentence = true;
    for (let k = before.end; k < clause.start && sameSentence; k++) sameSentence = !SENTENCE_END.has(text.charCodeAt(k));
    if (sameSentence && CONSEQUENT.test(text.slice(clause.start, clause.end))) clause.consequent = true;
  }
  let at = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (token.kind !== 'word' || !NEGATORS.has(token.text.charCodeAt(0))) continue;
    while (at < clauses.length && clauses[at].end <= token.start) at++;
    if (at < clauses.length && clauses[at].start <= token.start) clauses[at].negators.push(token.start);
  }
  if (text.includes('您') || text.includes('亲') || text.includes('你')) {
    AGENT_ACTS.lastIndex = 0;
    let c = 0;
    for (let m = AGENT_ACTS.exec(text); m; m = AGENT_ACTS.exec(text)) {
      while (c < clauses.length && clauses[c].end <= m.index) c++;
      if (c < clauses.length && clauses[c].start <= m.index) clauses[c].agentActs.push([m.index, clauses[c].end]);
    }
  }
  return clauses;
}

/** A reply's layout: its spans at once (cheap), its clauses when a rule first asks. */
export function layoutOf(text: string, tokens: readonly Token[]): ReplyLayout {
  let clauses: Clause[] | undefined;
  return {
    spans: textSpans(text),
    get clauses() {
      return (clauses ??= clausesOf(text, tokens));
    },
  };
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
