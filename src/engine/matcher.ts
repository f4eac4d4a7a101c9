/**
 * One matcher for every phrase list: a character trie walked from each token
 * start, accepting a phrase only where it also ends on a token boundary. So
 * 不 inside 不错, or 我 inside 自我, never counts. Built once per linter; one pass
 * per reply whatever the number of phrases. Text that is not tokenized (customer
 * messages scored for emotion) is matched at every position instead.
 */
import type { PhraseEntry } from './dictionary.js';
import { edgesOfTokens, type TokenEdges } from './edges.js';
import { accepts, foldCase, terminalOf, type Terminal } from './terminals.js';
import type { Token } from './tokens.js';

export interface PhraseMatch {
  entry: PhraseEntry;
  /** The variant of the entry that matched, as written in the dictionary. */
  phrase: string;
  start: number;
  end: number;
}

/** The root of the trie; node 0 means "no node" in the edge table. */
const ROOT = 1;
/** Numbers per edge in the table: from node, code unit, to node (and one spare, so an edge never straddles a cache line). */
const EDGE = 4;

export class PhraseMatcher {
  /**
   * The trie's edges in one open-addressing table (from node, code unit) → node:
   * a lookup is a hash and a probe or two in one typed array (an edge's numbers
   * side by side, read from one cache line), not a Map per node.
   */
  private edges: Int32Array;
  private mask: number;
  private nodes = ROOT;
  /** The phrases ending at each node, by node number. */
  private readonly terminals: (Terminal[] | undefined)[] = [];
  /**
   * The node each UTF-16 code unit leads to from the root (0: it starts no phrase),
   * by the text's own unit: most tokens start no phrase and are passed over with
   * one look-up, and the others skip the first hash.
   */
  private firstNode: Int32Array | Uint16Array = new Int32Array(65536);
  /** Does some phrase start with a whitespace character (so a whitespace token could start one)? */
  private blankStarts = false;
  readonly size: number;
  /** Names of the dictionaries whose entries this matcher holds. */
  readonly dictionaries: ReadonlySet<string>;

  constructor(entries: readonly PhraseEntry[]) {
    let size = 0;
    let units = 0;
    for (const entry of entries) for (const phrase of [entry.phrase, ...entry.variants]) units += phrase.length;
    // At most one edge per code unit; the table is kept at most half full.
    const capacity = 1 << Math.max(4, Math.ceil(Math.log2(units * 2 + 1)));
    this.edges = new Int32Array(capacity * EDGE);
    this.mask = capacity - 1;
    this.dictionaries = new Set(entries.map((entry) => entry.dictionary));
    const numbers = new Map([...this.dictionaries].map((name, index) => [name, index]));
    for (const entry of entries) {
      for (const phrase of [entry.phrase, ...entry.variants]) {
        this.insert(phrase, entry, numbers.get(entry.dictionary)!);
        size++;
      }
    }
    this.size = size;
    // Half the memory, so more of it stays in cache between replies, when node numbers fit.
    if (this.nodes < 65536) this.firstNode = Uint16Array.from(this.firstNode);
  }

  /** Where in `edges` the edge (node, code) is, or the free place it would take. */
  private slot(node: number, code: number): number {
    let hash = Math.imul(node, 0x01000193) ^ Math.imul(code, 0x9e3779b1);
    hash ^= hash >>> 15;
    let slot = hash & this.mask;
    for (;;) {
      const from = this.edges[slot * EDGE];
      if (from === 0 || (from === node && this.edges[slot * EDGE + 1] === code)) return slot * EDGE;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The node reached from `node` by `code` (already case-folded), or 0. */
  private child(node: number, code: number): number {
    return this.edges[this.slot(node, code) + 2];
  }

  private insert(phrase: string, entry: PhraseEntry, dictionary: number): void {
    if (phrase.length === 0) return;
    if (/^\s/u.test(phrase)) this.blankStarts = true;
    let node = ROOT;
    for (let i = 0; i < phrase.length; i++) {
      const code = foldCase(phrase.charCodeAt(i));
      const slot = this.slot(node, code);
      if (this.edges[slot] === 0) {
        this.edges[slot] = node;
        this.edges[slot + 1] = code;
        this.edges[slot + 2] = ++this.nodes;
      }
      node = this.edges[slot + 2];
      if (i === 0) {
        this.firstNode[code] = node;
        // An upper-case first letter is matched folded; the text's own letter may be either.
        if (code >= 97 && code <= 122) this.firstNode[code - 32] = node;
      }
    }
    (this.terminals[node] ??= []).push(terminalOf(entry, dictionary, phrase));
  }

  /**
   * All matches in `text`, in order of start. Within one dictionary, overlapping
   * matches are reduced to the longest one starting first.
   */
  match(text: string, tokens: readonly Token[]): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    this.walk(text, edgesOfTokens(tokens), (term, start, end) => found.push({ entry: term.entry, phrase: term.phrase, start, end }));
    return dropOverlaps(found);
  }

  /**
   * The matches `match` gives, one list per dictionary, given where the tokens
   * end (no token object is read): the list of the matcher's i-th dictionary (in
   * the order of `dictionaries`) goes to `lists[first + i]`, made when it gets
   * its first match. Overlaps are dropped as the walk goes, so a match that loses
   * to another makes no object.
   */
  matchInto(text: string, edges: TokenEdges, lists: (PhraseMatch[] | undefined)[], first: number): void {
    this.walk(text, edges, (term, start, end) => {
      const list = lists[first + term.dictionary];
      const step = list ? overlapStep(list[list.length - 1], start, end) : KEEP;
      if (step === DROP) return;
      const match = { entry: term.entry, phrase: term.phrase, start, end };
      if (!list) lists[first + term.dictionary] = [match];
      else if (step === KEEP) list.push(match);
      else list[list.length - 1] = match;
    });
  }

  /** Every accepted match, by start and then by end: the trie walked from each token start, ending on a token's edge. */
  private walk(text: string, edges: TokenEdges, found: (term: Terminal, start: number, end: number) => void): void {
    const count = edges.count;
    const { firstNode, terminals } = this;
    const { ends, starts: tokenStarts } = edges;
    // A whitespace token starts with a whitespace character: unless a phrase does too, no token that starts a phrase is one.
    const blank = this.blankStarts;
    for (let t = 0; t < count; t++) {
      const start = tokenStarts ? tokenStarts[t] : t === 0 ? 0 : ends[t - 1];
      // Most tokens start no phrase: one look-up, then the next token.
      let node = firstNode[text.charCodeAt(start)];
      if (!node || (blank && edges.kindOf(t) === 'whitespace')) continue;
      // The first token that ends at or after where the walk stands: a phrase must end on a token's edge.
      let next = t;
      for (let i = start; node !== 0; ) {
        const terminal = terminals[node];
        if (terminal) {
          const end = i + 1;
          while (next < count && ends[next] < end) next++;
          const onEdge = next < count && (ends[next] === end || (tokenStarts !== undefined && tokenStarts[next] === end));
          for (let k = 0; k < terminal.length; k++) {
            const term = terminal[k];
            if ((onEdge || term.prefix) && accepts(term, text, start, end)) found(term, start, end);
          }
        }
        if (++i >= text.length) break;
        node = this.child(node, foldCase(text.charCodeAt(i)));
      }
    }
  }

  /**
   * Matches at any position, for text that is not tokenized: at each place the
   * longest accepted phrase, and no two matches overlapping (leftmost first).
   */
  matchAnywhere(text: string): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    const { firstNode, terminals } = this;
    for (let start = 0; start < text.length; ) {
      if (firstNode[text.charCodeAt(start)] === 0) {
        start++;
        continue;
      }
      let best: PhraseMatch | undefined;
      let node = ROOT;
      for (let i = start; i < text.length; i++) {
        node = this.child(node, foldCase(text.charCodeAt(i)));
        if (node === 0) break;
        const terminal = terminals[node];
        if (!terminal) continue;
        for (const term of terminal) {
          if (accepts(term, text, start, i + 1)) best = { entry: term.entry, phrase: term.phrase, start, end: i + 1 };
        }
      }
      if (best) found.push(best);
      start = best ? best.end : start + 1;
    }
    return found;
  }
}


const KEEP = 0;
const REPLACE = 1;
const DROP = 2;

/**
 * What a match [start, end) does beside the last match kept of its dictionary.
 * Matches arrive by start, then by end, so only that one can overlap it: kept
 * after it, put in its place (longer, from the same start), or dropped.
 */
function overlapStep(last: PhraseMatch, start: number, end: number): typeof KEEP | typeof REPLACE | typeof DROP {
  if (last.end <= start) return KEEP;
  return last.start === start && end > last.end ? REPLACE : DROP;
}

/**
 * Matches arrive ordered by start, then by end (token order, then trie depth), so
 * one pass keeps, per dictionary, the longest match among overlapping ones.
 */
function dropOverlaps(matches: PhraseMatch[]): PhraseMatch[] {
  if (matches.length === 1) return matches;
  const kept: PhraseMatch[] = [];
  // A reply has a handful of matches: the last kept one of a dictionary is found by
  // looking back. A long reply's thousands are looked up in a map instead.
  const last = matches.length > 16 ? new Map<string, number>() : undefined;
  for (let j = 0; j < matches.length; j++) {
    const match = matches[j];
    const dictionary = match.entry.dictionary;
    let at: number | undefined;
    if (last) at = last.get(dictionary);
    else for (let k = kept.length - 1; k >= 0 && at === undefined; k--) if (kept[k].entry.dictionary === dictionary) at = k;
    const step = at === undefined ? KEEP : overlapStep(kept[at], match.start, match.end);
    if (step === REPLACE) kept[at!] = match;
    if (step !== KEEP) continue;
    last?.set(dictionary, kept.length);
    kept.push(match);
  }
  return kept;
}
