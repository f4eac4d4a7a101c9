/**
 * Tokens: what a segmenter hands the engine. A token carries its exact UTF-16
 * offsets and a kind; any segmenter (jieba natively, jieba in WebAssembly, a test
 * stub) plugs in behind the `Tokenizer` interface.
 */
export type TokenKind = 'word' | 'punctuation' | 'whitespace' | 'symbol' | 'emoji';

export interface Token {
  /** The token's text, exactly as it stands in the input. */
  text: string;
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
  kind: TokenKind;
}

/**
 * A reply's tokens as where each ends, with the objects made only when asked for
 * (see edges.ts): what the rule pass reads first.
 */
export interface TokenEdges {
  /** How many tokens the reply has. */
  readonly count: number;
  /**
   * Where token i ends (UTF-16 offset). Tokens cover the text in order, so token i
   * starts where token i − 1 ends, and the first at 0.
   */
  readonly ends: readonly number[];
  /** Where each token starts, only for a list given with gaps between its tokens (PhraseMatcher.match takes any list). */
  readonly starts?: readonly number[];
  /** The kind of token i (without making the token objects). */
  kindOf(index: number): TokenKind;
  /** The token objects: made on the first call, the same list after. */
  tokens(): readonly Token[];
}

export interface Tokenizer {
  /** Split `text` into tokens that cover it exactly, in order. */
  tokenize(text: string): Token[];
  /** Tokenize several texts at once (the same tokens as one by one, in one native call). */
  tokenizeMany?(texts: readonly string[]): Token[][];
  /** The same as `tokenizeMany`, packed (see packed.ts) without making token objects; undefined when it cannot. */
  tokenizeManyPacked?(texts: readonly string[]): PackedTokens | undefined;
  /** The tokens `tokenize` gives, as where each ends; the objects are made only when asked for (see edges.ts). */
  tokenizeEdges?(text: string): TokenEdges;
}

/** Token lists as flat arrays, to hand to another thread without copying objects. */
export interface PackedTokens {
  /** Tokens per text. */
  counts: Uint32Array<ArrayBuffer>;
  /** Each token's end offset in its text (each starts where the one before ended). */
  ends: Uint32Array<ArrayBuffer>;
  kinds: Uint8Array<ArrayBuffer>;
}

// Pieces jieba splits off an emoji sequence: variation selectors, ZWJ, skin tones,
// the keycap mark and tag characters. They belong to the previous token.
const EMOJI_JOINER = /^[\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]+$/u;
const NEEDS_MERGE = /[\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u{20E3}/u;
const WHITESPACE = /^\s+$/u;
const PUNCTUATION = /^[\p{P}~～]+$/u;
const SYMBOL = /^[\p{S}\p{C}]+$/u;

/** A token's kind. `mayJoin` false: the text it comes from has no emoji modifier or joiner (see `mayJoin`), so this one has none. */
export function classifyToken(text: string, mayJoin = true): TokenKind {
  const first = text.charCodeAt(0);
  // Fast path: most tokens start with a CJK ideograph or an ASCII letter or digit.
  if ((first >= 0x4e00 && first <= 0x9fff) || (first >= 0x61 && first <= 0x7a) || (first >= 0x30 && first <= 0x39)) {
    if (text.length === 1 || !mayJoin || !NEEDS_MERGE.test(text)) return 'word';
  }
  if (WHITESPACE.test(text)) return 'whitespace';
  if (EMOJI.test(text)) return 'emoji';
  if (PUNCTUATION.test(text)) return 'punctuation';
  if (SYMBOL.test(text)) return 'symbol';
  return 'word';
}

/**
 * Turn the pieces a segmenter returned into tokens with offsets. The pieces are
 * expected to concatenate to `text`; if a segmenter drops or changes characters,
 * the uncovered characters become tokens of their own so offsets stay exact.
 */
export function piecesToTokens(text: string, pieces: readonly string[]): Token[] {
  const tokens: Token[] = [];
  const merge = mayJoin(text);
  walkPieces(text, pieces, (start, end, piece) => pushToken(tokens, text, start, end, merge, piece));
  return tokens;
}

/**
 * Where each piece a segmenter returned stands in `text`, in order: `emit` gets its
 * offsets and the piece (the segmenter's own string), or, for a character no piece
 * covers, its offsets alone.
 */
export function walkPieces(text: string, pieces: readonly string[], emit: (start: number, end: number, piece?: string) => void): void {
  let cursor = 0;
  for (const piece of pieces) {
    if (piece.length === 0) continue;
    let start = cursor;
    if (!text.startsWith(piece, cursor)) {
      const found = text.indexOf(piece, cursor);
      if (found < 0) continue;
      for (let i = cursor; i < found; i++) emit(i, i + 1);
      start = found;
    }
    emit(start, start + piece.length, piece);
    cursor = start + piece.length;
  }
  for (let i = cursor; i < text.length; i++) emit(i, i + 1);
}

/** Might a piece of `text` belong to the token before it (an emoji modifier or joiner)? When not, no piece does. */
export function mayJoin(text: string): boolean {
  return NEEDS_MERGE.test(text);
}

/** Does `piece` belong to the token before it (text, kind): a modifier, or what follows a zero-width joiner? */
export function joinsPrevious(previousText: string, previousKind: TokenKind, piece: string): boolean {
  return (EMOJI_JOINER.test(piece) || (previousText.endsWith('\u200D') && EMOJI.test(piece))) && previousKind !== 'whitespace';
}

function pushToken(tokens: Token[], text: string, start: number, end: number, merge: boolean, given?: string): void {
  // The segmenter's own string when it is the text's (no second copy).
  const piece = given ?? text.slice(start, end);
  const previous = tokens[tokens.length - 1];
  if (merge && previous && previous.end === start && joinsPrevious(previous.text, previous.kind, piece)) {
    previous.text += piece;
    previous.end = end;
    previous.kind = 'emoji';
    return;
  }
  tokens.push({ text: piece, start, end, kind: classifyToken(piece, merge) });
}

/** Tokens of texts joined by \n, back into one list per text; undefined if a token crosses a join. */
export function splitTokens(tokens: readonly Token[], texts: readonly string[]): Token[][] | undefined {
  const lists: Token[][] = [];
  let index = 0;
  let offset = 0;
  for (const text of texts) {
    const end = offset + text.length;
    const list: Token[] = [];
    for (; index < tokens.length && tokens[index].start < end; index++) {
      const token = tokens[index];
      if (token.start < offset || token.end > end) return undefined;
      token.start -= offset;
      token.end -= offset;
      list.push(token);
    }
    lists.push(list);
    // The \n that joined this text to the next.
    if (index < tokens.length && tokens[index].start === end) {
      if (tokens[index].text !== '\n') return undefined;
      index++;
    }
    offset = end + 1;
  }
  return index === tokens.length ? lists : undefined;
}

/**
 * Longest text handed to a segmenter in one call. Longer text is cut at a line
 * end, 。, ， or a space before the limit: jieba cuts at exactly these itself, so
 * the pieces come back as they would whole, and native memory stays bounded.
 */
export const SEGMENT_CHUNK = 16_384;
const CHUNK_BREAKS = ['\n', '。', '，', ' '];

/** `cut` over `text` in pieces of at most SEGMENT_CHUNK characters, cut where jieba cuts anyway. */
export function cutInChunks(text: string, cut: (piece: string) => readonly string[]): readonly string[] {
  if (text.length <= SEGMENT_CHUNK) return cut(text);
  const pieces: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + SEGMENT_CHUNK);
    if (end < text.length) {
      const window = text.slice(start, end);
      const at = Math.max(...CHUNK_BREAKS.map((mark) => window.lastIndexOf(mark)));
      if (at >= 0) end = start + at + 1;
      else if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    }
    for (const piece of cut(text.slice(start, end))) pieces.push(piece);
    start = end;
  }
  return pieces;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
