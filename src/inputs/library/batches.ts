/**
 * A library's replies in batches, each with its way into file coordinates, so a
 * large file is linted, placed and written a batch at a time. A plain-text reply
 * list without disable comments is read a batch at a time too: only one batch's
 * reply objects exist at once (a million replies held whole took 170 MB).
 */
import type { Finding } from '../../engine/finding.js';
import type { Point } from 'unist';
import { placeFindings, type FileFinding } from '../placed.js';
import { repliesOfLines } from '../replies.js';
import { libraryPlacer } from './lint.js';
import { readLibrary, type LibraryFormat } from './readers.js';
import type { CannedReply } from './source.js';

/** Replies per batch, and characters at most. */
const BATCH = 2_000;
const BATCH_CHARS = 1 << 20;

/** Does a batch of `count` replies and `chars` characters end before `next`? */
function batchFull(count: number, chars: number, next: string): boolean {
  return count > 0 && (count >= BATCH || chars + next.length > BATCH_CHARS);
}

export interface ReplyBatch {
  texts: string[];
  /** The findings of each reply, in file coordinates. */
  place(findings: readonly Finding[][]): FileFinding[][];
  /** The kept findings of the batch, sorted (batches settled in file order). */
  settle(placed: readonly FileFinding[][]): FileFinding[];
}

/** A library's text in batches, as `readLibrary` reads it. */
export function libraryBatches(text: string, file: string, format: LibraryFormat): Iterable<ReplyBatch> {
  return format === 'text' && !text.includes(DISABLE_MARKER) ? textBatches(text.split('\n')) : wholeLibraryBatches(text, file, format);
}

/** Plain-text reply lists that hold this are read whole: their disable comments are judged across the file. */
export const DISABLE_MARKER = 'kefu-lint-disable';

/** Every reply read first (disable comments are judged across them), then handed on in batches. */
function* wholeLibraryBatches(text: string, file: string, format: LibraryFormat): Generator<ReplyBatch> {
  const library = readLibrary(text, file, format);
  const texts = library.replies.map((reply) => reply.text);
  const placer = libraryPlacer(text, library);
  const ranges = batchRanges(texts);
  for (const [index, [start, end]] of ranges.entries()) {
    yield {
      texts: texts.slice(start, end),
      place: (findings) => placer.place(start, findings),
      settle: (placed) => placer.settle(start, placed, index === ranges.length - 1),
    };
  }
}

/**
 * One reply per non-blank line (lines as `text.split('\n')` gives them), a batch
 * at a time: the same replies readTextLibrary gives, for a file without disable
 * comments. Each reply is a whole line, so a place in it is its line and the
 * column from its start: no map of the whole file is needed.
 */
export function* textBatches(lines: Iterable<string>): Generator<ReplyBatch> {
  let replies: CannedReply[] = [];
  let chars = 0;
  const batch = (replies: CannedReply[]): ReplyBatch => ({
    texts: replies.map((reply) => reply.text),
    place: (findings) => findings.map((list, index) => (list.length === 0 ? [] : placeFindings(replies[index], list, pointsIn(replies[index]), ''))),
    settle: (placed) => placed.flat().sort((a, b) => a.line - b.line || a.column - b.column),
  });
  for (const { text, line, column, offset } of repliesOfLines(lines)) {
    if (batchFull(replies.length, chars, text)) {
      yield batch(replies);
      replies = [];
      chars = 0;
    }
    replies.push({ text, line, column, offset, anchorLines: [line] });
    chars += text.length;
  }
  yield batch(replies);
}

/** Places in a whole-line reply: its line, and the column from its start. */
function pointsIn(reply: CannedReply): { point(offset: number): Point } {
  return { point: (offset) => ({ line: reply.line, column: offset - reply.offset + 1, offset }) };
}

/**
 * Replies in batches of at most BATCH replies and BATCH_CHARS characters (a batch
 * of very long replies stays small enough for a worker's capped heap), as
 * [start, end) ranges; an empty list is one empty batch.
 */
export function batchRanges(texts: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  let chars = 0;
  for (let i = 0; i < texts.length; i++) {
    if (batchFull(i - start, chars, texts[i])) {
      ranges.push([start, i]);
      start = i;
      chars = 0;
    }
    chars += texts[i].length;
  }
  ranges.push([start, texts.length]);
  return ranges;
}
