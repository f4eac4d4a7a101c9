/**
 * Tokens made elsewhere (in another thread, by a caller): one list per text,
 * checked against its text, or all of them packed by `tokenizePacked`, read text
 * by text without making token objects.
 */
import { edgesOfTokens, PackedEdgesReader } from './edges.js';
import { KefuLintError } from './errors.js';
import type { PackedTokens, Token, TokenEdges } from './tokens.js';
import { checkTokens } from './words.js';

export type GivenTokens = readonly (readonly Token[])[] | PackedTokens;

/** Given tokens, read in the order of their texts; `which` names a text in an error. */
export class GivenReader {
  /** How many texts the tokens are for (-1: not token lists at all). */
  readonly count: number;
  private next = 0;
  private readonly packed: PackedEdgesReader | undefined;

  constructor(
    private readonly tokens: GivenTokens,
    private readonly which: (index: number) => string,
  ) {
    const complaint = (detail: string, index: number) => new KefuLintError('input', `${which(index)}的词元无效：${detail}。词元必须按顺序、不重叠、不遗漏地覆盖原文。`);
    const packed = isPacked(tokens);
    this.packed = packed ? new PackedEdgesReader(tokens, complaint) : undefined;
    this.count = packed ? tokens.counts.length : Array.isArray(tokens) ? tokens.length : -1;
  }

  /** The next text's edges, checked against it; undefined for a text that is not `linted` (its tokens are passed over). */
  edges(text: string, linted: boolean): TokenEdges | undefined {
    const index = this.next++;
    if (this.packed) {
      if (linted) return this.packed.next(text);
      this.packed.skip();
      return undefined;
    }
    if (!linted) return undefined;
    const list = (this.tokens as readonly (readonly Token[])[])[index];
    return edgesOfTokens(checkTokens(text, list, () => `${this.which(index)}的词元无效`, 'input'));
  }
}

/** Tokens packed by `tokenizePacked` (flat typed arrays), not one list per text. */
function isPacked(tokens: unknown): tokens is PackedTokens {
  const packed = tokens as PackedTokens;
  return (
    typeof tokens === 'object' && tokens !== null && !Array.isArray(tokens) && packed.counts instanceof Uint32Array && packed.ends instanceof Uint32Array && packed.kinds instanceof Uint8Array
  );
}
