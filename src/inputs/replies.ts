/**
 * Replies as they stand in a file: the text of each with its place, and findings
 * moved from reply coordinates to file coordinates.
 */

export interface Reply {
  text: string;
  /** 1-based line in the source file. */
  line: number;
  /** 1-based column where the reply starts. */
  column: number;
  /** UTF-16 offset of the reply in the file. */
  offset: number;
  /**
   * File offset of each character of `text`, plus one entry for the end, when the
   * file writes it differently (quotes, escapes, folded lines); absent when the
   * reply is a verbatim slice of the file starting at `offset`.
   */
  sourceOffsets?: number[];
}

/** Plain text: one reply per line; blank lines are skipped. */
export function splitReplies(text: string): Reply[] {
  return [...repliesOfLines(text.split('\n'))];
}

/**
 * One reply per non-blank line, given the lines as `text.split('\n')` gives them
 * (a \r before the \n is not part of the reply), one at a time.
 */
export function* repliesOfLines(lines: Iterable<string>): Generator<Reply> {
  let line = 1;
  let offset = 0;
  for (const raw of lines) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() !== '') yield { text, line, column: 1, offset };
    offset += raw.length + 1;
    line++;
  }
}
