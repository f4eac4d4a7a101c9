/**
 * A library's replies in batches, each with its way into file coordinates, so a
 * large file is linted, placed and written a batch at a time. A plain-text reply
 * list without disable comments is read a batch at a time too: only one batch's
 * reply objects exist at once (a million replies held whole took 170 MB).
 */
import type { Finding } from '../../engine/finding.js';
import { PositionMap } from '../../engine/tree.js';
import { placeFindings, type FileFinding } from '../placed.js';
import { libraryPlacer } from './lint.js';
import { readLibrary, type LibraryFormat } from './readers.js';
import type { CannedReply } from './source.js';

/** Replies per batch, and characters at most. */
const BATCH = 2_000;
const BATCH_CHARS = 1 << 20;

export interface ReplyBatch {
  texts: string[];
  /** The findings of each reply, in file coordinates. */
  place(findings: readonly Finding[][]): FileFinding[][];
  /** The kept findings of the batch, sorted (batches settled in file order). */
  settle(placed: readonly FileFinding[][]): FileFinding[];
}

/** A library's text in batches, as `readLibrary` reads it. */
export function libraryBatches(text: string, file: string, format: LibraryFormat): Iterable<ReplyBatch> {
  return format === 'text' && !text.includes('kefu-lint-disable') ? textBatches(text) : wholeLibraryBatches(text, file, format);
}

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

/** One reply per non-blank line, a batch at a time (the same replies as readTextLibrary, which has no disable comments to honour here). */
function* textBatches(text: string): Generator<ReplyBatch> {
  const positions = new PositionMap(text);
  let replies: CannedReply[] = [];
  let chars = 0;
  const batch = (replies: CannedReply[]): ReplyBatch => ({
    texts: replies.map((reply) => reply.text),
    place: (findings) => findings.map((list, index) => placeFindings(replies[index], list, positions, text)),
    settle: (placed) => placed.flat().sort((a, b) => a.line - b.line || a.column - b.column),
  });
  let line = 1;
  for (let offset = 0; offset <= text.length; line++) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const reply = text.charCodeAt(end - 1) === 13 && end > offset ? text.slice(offset, end - 1) : text.slice(offset, end);
    if (reply.trim() !== '') {
      if (replies.length > 0 && (replies.length >= BATCH || chars + reply.length > BATCH_CHARS)) {
        yield batch(replies);
        replies = [];
        chars = 0;
      }
      replies.push({ text: reply, line, column: 1, offset, anchorLines: [line] });
      chars += reply.length;
    }
    offset = end + 1;
  }
  yield batch(replies);
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
    if (i > start && (i - start >= BATCH || chars + texts[i].length > BATCH_CHARS)) {
      ranges.push([start, i]);
      start = i;
      chars = 0;
    }
    chars += texts[i].length;
  }
  ranges.push([start, texts.length]);
  return ranges;
}
