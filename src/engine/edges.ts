/**
 * A reply's tokens as the rule pass reads them. The phrase matcher needs only
 * where each token ends, and most replies need nothing more: the token objects
 * are made when a rule first asks for them. `lint` on every keystroke then pays
 * for jieba's cut and little else.
 */
import { EMOJI_LEAD, textMarks } from './marks.js';
import { classifyToken, mayJoin, piecesToTokens, type PackedTokens, type Token, type TokenEdges, type TokenKind } from './tokens.js';

export type { TokenEdges } from './tokens.js';

/** Edges of tokens already made (in order; PhraseMatcher.match also takes a list with gaps). */
export function edgesOfTokens(tokens: readonly Token[]): TokenEdges {
  return new GivenTokens(tokens);
}

/** Edges as they are, or those of a token list. */
export function asEdges(tokens: readonly Token[] | TokenEdges): TokenEdges {
  return 'ends' in tokens ? tokens : new GivenTokens(tokens);
}

/**
 * Edges of the pieces a segmenter cut `text` into: the tokens `piecesToTokens`
 * makes. When every piece stands where the one before ended and none can join
 * the token before it (an emoji modifier or joiner), each piece is one token and
 * no object is made until a rule asks; otherwise the tokens are made at once.
 */
export function edgesOfPieces(text: string, pieces: readonly string[]): TokenEdges {
  // One token per piece, or no edges from here at all.
  const ends = new Array<number>(pieces.length);
  let cursor = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.length === 0 || mayJoinBefore(piece) || !text.startsWith(piece, cursor)) return new GivenTokens(piecesToTokens(text, pieces));
    ends[i] = cursor += piece.length;
  }
  if (cursor !== text.length) return new GivenTokens(piecesToTokens(text, pieces));
  return new PieceTokens(text, pieces, ends);
}

/**
 * Could `piece` join the token before it, or the next one join it (see
 * joinsPrevious)? Only a piece opening with a modifier or joiner (or with the
 * lead unit of a skin tone or tag character) or ending with a zero-width joiner.
 */
function mayJoinBefore(piece: string): boolean {
  const first = piece.charCodeAt(0);
  return (
    first === 0xfe0e || first === 0xfe0f || first === 0x200d || first === 0x20e3 || first === 0xd83c || first === 0xdb40 || piece.charCodeAt(piece.length - 1) === 0x200d
  );
}

class GivenTokens implements TokenEdges {
  readonly count: number;
  readonly ends: number[];
  readonly starts: number[] | undefined;

  constructor(private readonly list: readonly Token[]) {
    this.count = list.length;
    const ends: number[] = [];
    let gaps = false;
    for (let i = 0; i < list.length; i++) {
      ends.push(list[i].end);
      if (list[i].start !== (i === 0 ? 0 : list[i - 1].end)) gaps = true;
    }
    this.ends = ends;
    this.starts = gaps ? list.map((token) => token.start) : undefined;
  }

  kindOf(index: number): TokenKind {
    return this.list[index].kind;
  }

  tokens(): readonly Token[] {
    return this.list;
  }
}

/** One token per piece (see edgesOfPieces). */
class PieceTokens implements TokenEdges {
  readonly count: number;
  private made: Token[] | undefined;
  private joins: boolean | undefined;

  constructor(
    private readonly text: string,
    private readonly pieces: readonly string[],
    readonly ends: number[],
  ) {
    this.count = ends.length;
  }

  kindOf(index: number): TokenKind {
    // A text with no emoji code unit has no joiner either (the marks are most likely already found for the rules).
    return this.made ? this.made[index].kind : classifyToken(this.pieces[index], (this.joins ??= (textMarks(this.text) & EMOJI_LEAD) !== 0 && mayJoin(this.text)));
  }

  tokens(): readonly Token[] {
    return (this.made ??= piecesToTokens(this.text, this.pieces));
  }
}

const KIND_CODES: readonly TokenKind[] = ['word', 'punctuation', 'whitespace', 'symbol', 'emoji'];

/**
 * Each text's edges, read from packed tokens (see packed.ts) one text at a time:
 * no token object is made unless a rule asks. The packed tokens are checked as
 * they are read; `complaint` says what is wrong and where, as a sentence.
 */
export class PackedEdgesReader {
  private index = 0;
  private at = 0;

  constructor(
    private readonly packed: PackedTokens,
    private readonly complaint: (detail: string, index: number) => Error,
  ) {}

  /** Pass over the next text's tokens (a text that is not linted: too long). */
  skip(): void {
    this.at += this.packed.counts[this.index++] ?? 0;
  }

  /** The next text's edges; tokens that do not cover `text` in order are an error. */
  next(text: string): TokenEdges {
    const { packed, index } = this;
    const count = packed.counts[index];
    if (count === undefined || this.at + count > packed.ends.length || this.at + count > packed.kinds.length) throw this.complaint('词元数目与文本不符', index);
    const ends: number[] = new Array<number>(count);
    let previous = 0;
    for (let i = 0; i < count; i++) {
      const end = packed.ends[this.at + i];
      const kind = packed.kinds[this.at + i];
      if (end <= previous || end > text.length || kind >= KIND_CODES.length) throw this.complaint(`第 ${i + 1} 个词元的位置或类别无效`, index);
      ends[i] = previous = end;
    }
    if (previous !== text.length) throw this.complaint(`词元只覆盖到第 ${previous} 个字符，原文有 ${text.length} 个`, index);
    const edges = new PackedEdges(text, ends, packed.kinds, this.at);
    this.index++;
    this.at += count;
    return edges;
  }
}

/** One text's tokens in packed arrays (see PackedEdgesReader). */
class PackedEdges implements TokenEdges {
  readonly count: number;
  private made: Token[] | undefined;

  constructor(
    private readonly text: string,
    readonly ends: number[],
    private readonly kinds: Uint8Array,
    private readonly first: number,
  ) {
    this.count = ends.length;
  }

  kindOf(index: number): TokenKind {
    return KIND_CODES[this.kinds[this.first + index]];
  }

  tokens(): readonly Token[] {
    if (this.made) return this.made;
    const made: Token[] = [];
    let start = 0;
    for (let i = 0; i < this.count; i++) {
      const end = this.ends[i];
      made.push({ text: this.text.slice(start, end), start, end, kind: this.kindOf(i) });
      start = end;
    }
    return (this.made = made);
  }
}
