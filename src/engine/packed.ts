/**
 * Tokens as flat arrays, to hand from a segmenting thread to a rule thread without
 * copying objects: per text its number of tokens, per token its end and kind.
 */
import { classifyToken, joinsPrevious, mayJoin, walkPieces, type PackedTokens, type Token, type TokenKind } from './tokens.js';

export type { PackedTokens } from './tokens.js';

const KIND_CODES: readonly TokenKind[] = ['word', 'punctuation', 'whitespace', 'symbol', 'emoji'];
const CODE_OF: Readonly<Record<TokenKind, number>> = { word: 0, punctuation: 1, whitespace: 2, symbol: 3, emoji: 4 };

export function packTokens(lists: readonly (readonly Token[])[]): PackedTokens {
  let total = 0;
  for (const list of lists) total += list.length;
  const packed: PackedTokens = { counts: new Uint32Array(lists.length), ends: new Uint32Array(total), kinds: new Uint8Array(total) };
  let at = 0;
  lists.forEach((list, index) => {
    packed.counts[index] = list.length;
    for (const token of list) {
      packed.ends[at] = token.end;
      packed.kinds[at++] = CODE_OF[token.kind];
    }
  });
  return packed;
}

/**
 * Tokenize `texts` into packed form a few dozen at a time: what one step makes
 * dies young (a whole batch's token objects would outlive the young generation
 * and be collected as old garbage). `packMany` must give each text's tokens as
 * tokenizing it alone would.
 */
export function packInSteps(texts: readonly string[], packMany: (texts: readonly string[]) => PackedTokens, step = 64): PackedTokens {
  const parts: PackedTokens[] = [];
  let total = 0;
  for (let first = 0; first < texts.length; first += step) {
    const part = packMany(texts.slice(first, first + step));
    parts.push(part);
    total += part.ends.length;
  }
  // Sized exactly, from the steps' small arrays: nothing big is left behind as garbage.
  const packed: PackedTokens = { counts: new Uint32Array(texts.length), ends: new Uint32Array(total), kinds: new Uint8Array(total) };
  let at = 0;
  parts.forEach((part, index) => {
    packed.counts.set(part.counts, index * step);
    packed.ends.set(part.ends, at);
    packed.kinds.set(part.kinds, at);
    at += part.ends.length;
  });
  return packed;
}

const WHITESPACE = CODE_OF.whitespace;
const EMOJI = CODE_OF.emoji;

/**
 * Texts joined by \n and the pieces a segmenter cut the joined text into, straight
 * to packed tokens per text: the same tokens as `piecesToTokens` over the joined
 * text split back with `splitTokens`, without making a token object. Undefined
 * where `splitTokens` gives undefined (a token crosses a join).
 */
export function piecesToPacked(joined: string, pieces: readonly string[], texts: readonly string[]): PackedTokens | undefined {
  // Tokens of the joined text: contiguous from 0, each ending at ends[i].
  const ends = new Uint32Array(joined.length);
  const kinds = new Uint8Array(joined.length);
  const merge = mayJoin(joined);
  let count = 0;
  const push = (start: number, end: number, given?: string) => {
    const piece = given ?? joined.slice(start, end);
    if (merge && count > 0) {
      const previousStart = count > 1 ? ends[count - 2] : 0;
      if (joinsPrevious(joined.slice(previousStart, start), KIND_CODES[kinds[count - 1]], piece)) {
        ends[count - 1] = end;
        kinds[count - 1] = EMOJI;
        return;
      }
    }
    ends[count] = end;
    kinds[count++] = CODE_OF[classifyToken(piece, merge)];
  };
  walkPieces(joined, pieces, push);

  // Back into one list per text, as splitTokens does.
  const counts = new Uint32Array(texts.length);
  const outEnds = new Uint32Array(count);
  const outKinds = new Uint8Array(count);
  let out = 0;
  let index = 0;
  let offset = 0;
  const startOf = (i: number) => (i === 0 ? 0 : ends[i - 1]);
  for (let k = 0; k < texts.length; k++) {
    const end = offset + texts[k].length;
    for (; index < count && startOf(index) < end; index++) {
      if (startOf(index) < offset || ends[index] > end) return undefined;
      outEnds[out] = ends[index] - offset;
      outKinds[out++] = kinds[index];
      counts[k]++;
    }
    // The \n that joined this text to the next: a token of its own.
    if (index < count && startOf(index) === end) {
      if (ends[index] !== end + 1 || kinds[index] !== WHITESPACE) return undefined;
      index++;
    }
    offset = end + 1;
  }
  return index === count ? { counts, ends: outEnds.slice(0, out), kinds: outKinds.slice(0, out) } : undefined;
}

/** The buffers of packed tokens, to move them to another thread instead of copying. */
export function packedBuffers(packed: PackedTokens): ArrayBuffer[] {
  return [packed.counts.buffer, packed.ends.buffer, packed.kinds.buffer];
}

/** Packed tokens back into token lists, a few texts at a time, in order. */
export class PackedReader {
  private index = 0;
  private at = 0;

  constructor(
    private readonly texts: readonly string[],
    private readonly packed: PackedTokens,
  ) {}

  /** The token lists of the next `count` texts (fewer at the end). */
  next(count: number): Token[][] {
    const { texts, packed } = this;
    const lists: Token[][] = [];
    for (const last = Math.min(this.index + count, texts.length); this.index < last; this.index++) {
      const text = texts[this.index];
      const list: Token[] = [];
      let start = 0;
      for (let n = packed.counts[this.index] ?? 0; n > 0; n--, this.at++) {
        const end = packed.ends[this.at];
        list.push({ text: text.slice(start, end), start, end, kind: KIND_CODES[packed.kinds[this.at]] ?? 'word' });
        start = end;
      }
      lists.push(list);
    }
    return lists;
  }
}

/** Packed tokens a few texts at a time, as views into the whole (nothing copied), in order. */
export class PackedSlices {
  private index = 0;
  private at = 0;

  constructor(private readonly packed: PackedTokens) {}

  /** The packed tokens of the next `count` texts (fewer at the end). */
  next(count: number): PackedTokens {
    const counts = this.packed.counts.subarray(this.index, this.index + count);
    let total = 0;
    for (let i = 0; i < counts.length; i++) total += counts[i];
    const slice: PackedTokens = { counts, ends: this.packed.ends.subarray(this.at, this.at + total), kinds: this.packed.kinds.subarray(this.at, this.at + total) };
    this.index += counts.length;
    this.at += total;
    return slice;
  }
}

/**
 * The token lists `packTokens` was given, over the same texts; with `step`, handed
 * to `each` that many texts at a time (so one step's tokens die young), else all at once.
 */
export function unpackTokens(texts: readonly string[], packed: PackedTokens): Token[][];
export function unpackTokens(texts: readonly string[], packed: PackedTokens, step: number, each: (first: number, lists: Token[][]) => void): void;
export function unpackTokens(texts: readonly string[], packed: PackedTokens, step?: number, each?: (first: number, lists: Token[][]) => void): Token[][] | void {
  const reader = new PackedReader(texts, packed);
  if (!each) return reader.next(texts.length);
  const size = Math.max(1, step ?? texts.length);
  for (let first = 0; first < texts.length; first += size) each(first, reader.next(size));
}
