/**
 * The clauses of a reply, found once per reply and read by every rule through its
 * layout (see context.ts): where each clause starts and ends, and what changes the
 * meaning of a phrase in it: a condition (如果……/……的话), a purpose (为了……), a
 * question, the then-part of a condition, negators (无法保证……), and where the
 * agent acts for the customer (帮您联系……).
 * 如果您没办法到店，可以…… → clause 1 is a condition: no refusal there.
 */
import { asEdges } from './edges.js';
import type { Token, TokenEdges } from './tokens.js';

export interface Clause {
  start: number;
  /** End of the clause's words, before the marks that close it. */
  end: number;
  /** End including the marks that close it (，。？ …). */
  after: number;
  /** A condition in the clause (如果/要是/假如……, ……的话), as [start, end); empty when there is none. */
  readonly condition: readonly [number, number];
  /** A question: ends with ？ or asks 是否/是不是/有没有/吗 (or its next clause is the 还是 of an alternative question). */
  readonly question: boolean;
  /** A purpose: 为了……, 为保证……. */
  readonly purpose: boolean;
  /** The then-part of a condition in the clause before (若没有按钮，则表示无法修改): a rule stated, not a refusal now. */
  readonly consequent: boolean;
  /** Offsets where a negator (不, 没, 无法, 不能 …) starts. */
  readonly negators: readonly number[];
  /** Where the agent acts for the customer (帮您/给您/为您/替您 + what follows). */
  readonly agentActs: readonly (readonly [number, number])[];
}

/** Most clauses have no negator and no agent acting: they share one empty list. */
const NONE: readonly never[] = Object.freeze([]);

/** `list` with `item` added: a new list in place of the shared empty one, else the same list, grown. */
function withItem<T>(list: readonly T[], item: T): readonly T[] {
  if (list === NONE) return [item];
  (list as T[]).push(item);
  return list;
}

const CONDITION_WORD = /如果|要是|假如|假设|万一|倘若|若是|如若|只要|一旦|^若|^如(?!何|今|此|下|实|期|约)/;
const QUESTION = /是否|是不是|有没有|[吗么]$|^还是.*呢$/;
const PURPOSE = /^(?:为了|为(?=保证|确保|避免|防止|方便|保障|让))/;
const CONSEQUENT = /^(?:则|那么?|就|说明|表示|即|代表)/;
const AGENT_ACTS = /(?:帮|给|为|替)(?:您|亲|你)/g;
/** Negates at the start of a word. */
const NEGATOR_CHAR = /[不没无未别非]/g;

/** Where a condition stands in a clause's words: from 如果 (or the start) to 的话 (or the end). */
function conditionIn(words: string, base: number): readonly [number, number] {
  const opener = words.search(CONDITION_WORD);
  const close = words.indexOf('的话', Math.max(opener, 0));
  if (opener >= 0) return [base + opener, close >= 0 ? base + close + 2 : base + words.length];
  if (close >= 0) return [base, base + close + 2];
  return [base, base];
}

/** Each match of the global `pattern` in `text` that falls inside a clause, with that clause (one pass: both run in order). */
function eachInClause<C extends { start: number; end: number }>(pattern: RegExp, text: string, clauses: readonly C[], visit: (at: number, clause: C) => void): void {
  pattern.lastIndex = 0;
  let c = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const at = m.index;
    while (c < clauses.length && clauses[c].end <= at) c++;
    if (c < clauses.length && clauses[c].start <= at) visit(at, clauses[c]);
  }
}

/** Character classes by UTF-16 code, one byte each: a clause scan looks each character up once. */
const BREAK = 1; // closes a clause: ，。！？!?,;；：:~～… and the line end
const RUN = 2; // a run closing one clause may continue with it (什么？！)
const SENTENCE_END = 4; // ends a sentence (a condition's then-part stays in its sentence)
const SPACE = 8; // what JavaScript's \s matches

const CLASS = new Uint8Array(0x10000);
const mark = (chars: string, bit: number) => {
  for (const char of chars) CLASS[char.charCodeAt(0)] |= bit;
};
mark('，。！？!?,;；：:~～…\n', BREAK);
mark('，。！？!?,;；~～…', RUN);
mark('。！？!?\n', SENTENCE_END);
for (const code of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) CLASS[code] |= SPACE;
for (let code = 0x2000; code <= 0x200a; code++) CLASS[code] |= SPACE;

const isSpace = (code: number) => (CLASS[code] & SPACE) !== 0;
const isHan = (code: number) => code >= 0x4e00 && code <= 0x9fff;

/** Length of the clause break at `i` (0 when there is none): a mark, a run of spaces, or one space between Chinese characters. */
function breakAt(text: string, i: number): number {
  const kind = CLASS[text.charCodeAt(i)];
  if (kind & BREAK) return 1;
  if (!(kind & SPACE)) return 0;
  let run = 1;
  while (i + run < text.length && isSpace(text.charCodeAt(i + run))) run++;
  if (run >= 2) return run;
  return i > 0 && isHan(text.charCodeAt(i - 1)) && isHan(text.charCodeAt(i + 1)) ? 1 : 0;
}

/**
 * One clause of a reply. Where it stands is found with the others; its negators
 * and where the agent acts, for all of them when a rule first asks; what its
 * words say (a condition, a question, a purpose, a then-part) when a rule first
 * asks: most clauses hold no phrase a rule looks at, and are never asked.
 */
class ReplyClause implements Clause {
  /** Set for all the reply's clauses at once, when a rule first asks one of them (see findNegators). */
  private negatorsFound: readonly number[] | undefined;
  /** Set for all the reply's clauses at once, when a rule first asks one of them (see findAgentActs). */
  private actsFound: readonly (readonly [number, number])[] | undefined;
  private wordsRead: string | undefined;
  private conditionRead: readonly [number, number] | undefined;
  private purposeRead: boolean | undefined;
  private asksRead: boolean | undefined;
  private consequentRead: boolean | undefined;

  constructor(
    private readonly text: string,
    private readonly edges: TokenEdges,
    /** All the reply's clauses, this one at `index`. */
    private readonly clauses: readonly ReplyClause[],
    private readonly index: number,
    readonly start: number,
    readonly end: number,
    readonly after: number,
  ) {}

  get negators(): readonly number[] {
    if (this.negatorsFound === undefined) this.findNegators();
    return this.negatorsFound!;
  }

  /**
   * Where a word opens with a negator (不, 没, 无 …), in every clause of the reply:
   * the negator characters are found in the text, and only a token starting at one
   * is read (its kind).
   */
  private findNegators(): void {
    const { clauses, text, edges } = this;
    for (const clause of clauses) clause.negatorsFound = NONE;
    eachInClause(NEGATOR_CHAR, text, clauses, (at, clause) => {
      const token = tokenStartingAt(edges, at);
      if (token >= 0 && edges.kindOf(token) === 'word') clause.negatorsFound = withItem(clause.negatorsFound!, at);
    });
  }

  get agentActs(): readonly (readonly [number, number])[] {
    if (this.actsFound === undefined) this.findAgentActs();
    return this.actsFound!;
  }

  /** Where the agent acts for the customer (帮您……), in every clause of the reply: one pass over its text. */
  private findAgentActs(): void {
    const { clauses, text } = this;
    for (const clause of clauses) clause.actsFound = NONE;
    if (!text.includes('您') && !text.includes('亲') && !text.includes('你')) return;
    eachInClause(AGENT_ACTS, text, clauses, (at, clause) => {
      clause.actsFound = withItem(clause.actsFound!, [at, clause.end] as const);
    });
  }

  private get words(): string {
    return (this.wordsRead ??= this.text.slice(this.start, this.end));
  }

  get condition(): readonly [number, number] {
    return (this.conditionRead ??= conditionIn(this.words, this.start));
  }

  get purpose(): boolean {
    return (this.purposeRead ??= PURPOSE.test(this.words));
  }

  /** A question by itself: a ？ after its words, or a question word in them. */
  private get asks(): boolean {
    if (this.asksRead === undefined) {
      let question = false;
      for (let i = this.end; i < this.after && !question; i++) question = this.text.charCodeAt(i) === 0x3f || this.text.charCodeAt(i) === 0xff1f;
      this.asksRead = question || QUESTION.test(this.words);
    }
    return this.asksRead;
  }

  get question(): boolean {
    if (this.asks) return true;
    // An alternative question (取消不了的 还是什么问题的呢？) asks in both its clauses.
    const next = this.clauses[this.index + 1];
    return next !== undefined && next.asks && this.text.startsWith('还是', next.start);
  }

  get consequent(): boolean {
    return (this.consequentRead ??= this.thenPart());
  }

  /** 如没有修改按钮，说明订单已不支持修改: the then-part of the clause before's condition, in the same sentence. */
  private thenPart(): boolean {
    const before = this.clauses[this.index - 1];
    if (before === undefined) return false;
    const [from, to] = before.condition;
    if (to !== before.end || from >= before.end) return false;
    for (let k = before.end; k < this.start; k++) if (CLASS[this.text.charCodeAt(k)] & SENTENCE_END) return false;
    return CONSEQUENT.test(this.words);
  }
}

/** The clauses of a reply, between commas, full stops, question marks and line ends. */
export function clausesOf(text: string, tokens: readonly Token[] | TokenEdges): Clause[] {
  const edges = asEdges(tokens);
  const clauses: ReplyClause[] = [];
  let start = 0;
  const push = (end: number, after: number) => {
    let from = start;
    let to = end;
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (from >= to) return;
    clauses.push(new ReplyClause(text, edges, clauses, clauses.length, from, to, after));
  };
  for (let i = 0; i < text.length; ) {
    // Most characters close nothing: one table look-up, then the next.
    if (!(CLASS[text.charCodeAt(i)] & (BREAK | SPACE))) {
      i++;
      continue;
    }
    const length = breakAt(text, i);
    if (length === 0) {
      i++;
      continue;
    }
    let after = i + length;
    while (after < text.length && CLASS[text.charCodeAt(after)] & RUN) after++;
    push(i, after);
    start = i = after;
  }
  push(text.length, text.length);
  return clauses;
}

/** The token that starts at `offset` (by halving where tokens start), or -1 when none does. */
function tokenStartingAt(edges: TokenEdges, offset: number): number {
  const { ends, starts } = edges;
  const startOf = (t: number) => (starts ? starts[t] : t === 0 ? 0 : ends[t - 1]);
  let low = 0;
  let high = edges.count;
  // The first token starting after `offset`; the one before it may start there.
  while (low < high) {
    const mid = (low + high) >> 1;
    if (startOf(mid) > offset) high = mid;
    else low = mid + 1;
  }
  return low > 0 && startOf(low - 1) === offset ? low - 1 : -1;
}
