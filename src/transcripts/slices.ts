/**
 * A JSON Lines transcript in slices of about a megabyte, cut at line ends; each
 * slice is parsed, linted and added up as one job (on a worker thread when there
 * are workers), while this thread only reads bytes and joins the conversations
 * that cross a slice's edge (see joiner.ts).
 */
import { TranscriptGate } from '../inputs/transcript/grouper.js';
import type { Conversation, LineProblem } from '../inputs/transcript/messages.js';
import { awaitAll, BATCH_MESSAGES, lintConversations } from './batches.js';
import { MIXED_ENCODING, type JobBase, type TranscriptQueue } from './jobs.js';
import { SliceJoiner } from './joiner.js';
import type { ReportBuilder } from './report.js';

/**
 * A JSON Lines file in slices. Results are taken in slice order: problems go
 * through the transcript gate in line order, and conversations at slice edges
 * are joined with their continuation before they are linted.
 */
export async function lintSlices(
  chunks: AsyncIterable<Buffer>,
  encoding: string,
  target: JobBase,
  pool: TranscriptQueue,
  builder: ReportBuilder,
  sliceBytes: number,
  onProblem: (problem: LineProblem) => void,
): Promise<void> {
  const file = target.file;
  const gate = new TranscriptGate(file, onProblem);
  const edgeJobs: Promise<void>[] = [];
  let edges: Conversation[] = [];
  let edgeMessages = 0;
  let failure: unknown;
  let inOrder: Promise<void> = Promise.resolve();
  let line = 1;
  let start = true;

  const lintEdges = () => {
    if (edges.length === 0) return;
    const conversations = edges;
    edges = [];
    edgeMessages = 0;
    edgeJobs.push(lintConversations(pool, target, conversations, builder));
  };
  const joiner = new SliceJoiner((conversation) => {
    edges.push(conversation);
    edgeMessages += conversation.messages.length;
  });

  const skip = (skipped: SkippedLine) => {
    const at = line++;
    const megabytes = (skipped.skipped / 1024 / 1024).toFixed(1);
    const reason = `这一行有 ${megabytes} MB，超过单行上限 ${MAX_LINE_BYTES / 1024 / 1024} MB，没有读取，已跳过。请检查导出是否把多条消息写进了同一行。`;
    start = false;
    inOrder = inOrder.then(() => gate.problem({ line: at, reason }));
  };

  const submit = async (parts: Uint8Array[]) => {
    if (start && (encoding === 'utf-8' || encoding === MIXED_ENCODING)) parts = withoutBom(parts);
    start = false;
    const firstLine = line;
    for (const part of parts) line += countNewlines(part);
    await pool.whenBelow(pool.depth);
    if (failure) throw failure;
    // A worker takes the chunks' memory over (each part is the only view of its buffer).
    const result = pool.run({ type: 'slice', ...target, parts, encoding, firstLine }, pool.threaded ? parts.map((part) => part.buffer as ArrayBuffer) : []);
    inOrder = Promise.all([inOrder, result]).then(([, slice]) => {
      const warnings = joiner.take(slice);
      const problems = warnings.length === 0 ? slice.problems : [...slice.problems, ...warnings].sort((x, y) => x.line - y.line);
      // Problems before the first message decide whether this is a transcript at all.
      for (const problem of problems) {
        if (slice.firstMessageLine !== undefined && problem.line > slice.firstMessageLine) break;
        gate.problem(problem);
      }
      if (slice.firstMessageLine !== undefined) {
        gate.message();
        for (const problem of problems) if (problem.line > slice.firstMessageLine) gate.problem(problem);
      }
      builder.merge(file, slice.partial);
      if (edgeMessages >= BATCH_MESSAGES) lintEdges();
    });
    inOrder.catch((error) => (failure ??= error));
  };

  let error: unknown;
  try {
    for await (const slice of sliceAtLineEnds(chunks, sliceBytes)) {
      if (Array.isArray(slice)) await submit(slice);
      else skip(slice);
    }
    await inOrder;
    joiner.end();
  } catch (caught) {
    // The conversations completed before the error still count, as with one reader.
    error = caught;
  }
  lintEdges();
  await awaitAll(edgeJobs);
  if (error) throw error;
  gate.end();
}

/** A line longer than this is reported and skipped unread: no chat message comes near it, and memory stays bounded. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** An over-long line, dropped as it streamed past: its size, newline included. */
interface SkippedLine {
  skipped: number;
}

/**
 * Slices of at least `sliceBytes`, each ending at a line end (the last one:
 * wherever the input ends), and in their place any line over MAX_LINE_BYTES.
 * A slice is the chunks it spans, not a copy of them: each chunk's memory goes
 * with the one slice that ends in it or spans it, so a worker can take it over
 * and this thread keeps no garbage behind. Only the bytes after a slice's end
 * in its last chunk are copied (they start the next slice).
 */
async function* sliceAtLineEnds(chunks: AsyncIterable<Buffer>, sliceBytes: number): AsyncGenerator<Uint8Array[] | SkippedLine> {
  /** The pending bytes; each part the only view of its memory. */
  let parts: Uint8Array[] = [];
  let size = 0;
  /** Bytes since the last line end. */
  let tail = 0;
  let skipping = -1;
  for await (const whole of chunks) {
    let chunk: Uint8Array = whole.byteOffset === 0 && whole.byteLength === whole.buffer.byteLength ? whole : new Uint8Array(whole);
    if (skipping >= 0) {
      const end = chunk.indexOf(10);
      if (end < 0) {
        skipping += chunk.length;
        continue;
      }
      yield { skipped: skipping + end + 1 };
      skipping = -1;
      chunk = chunk.subarray(end + 1);
    }
    const newline = chunk.lastIndexOf(10);
    tail = newline < 0 ? tail + chunk.length : chunk.length - newline - 1;
    parts.push(chunk);
    size += chunk.length;
    if (tail > MAX_LINE_BYTES) {
      // The complete lines before the long one go as a slice; the long one is dropped.
      const complete = size - tail;
      if (complete > 0) yield cutParts(parts, complete, false);
      skipping = tail;
      parts = [];
      size = tail = 0;
      continue;
    }
    if (size < sliceBytes || newline < 0) continue;
    for (let cut = newlineFrom(parts, sliceBytes - 1); cut >= 0 && size >= sliceBytes; cut = newlineFrom(parts, sliceBytes - 1)) {
      yield cutParts(parts, cut + 1, true);
      size -= cut + 1;
    }
  }
  if (skipping >= 0) yield { skipped: skipping };
  else if (size > 0) yield parts;
}

/**
 * The first `count` bytes of `parts`, taken out of it. The part they end in goes
 * with them; with `keepRest`, its remaining bytes are copied and stay as the first part.
 */
function cutParts(parts: Uint8Array[], count: number, keepRest: boolean): Uint8Array[] {
  const taken: Uint8Array[] = [];
  while (count > 0) {
    const part = parts.shift()!;
    if (part.length <= count) {
      taken.push(part);
      count -= part.length;
      continue;
    }
    taken.push(part.subarray(0, count));
    if (keepRest) parts.unshift(new Uint8Array(part.subarray(count)));
    count = 0;
  }
  return taken;
}

/** The offset of the first \n at or after `from` in the bytes of `parts`, or -1. */
function newlineFrom(parts: readonly Uint8Array[], from: number): number {
  let offset = 0;
  for (const part of parts) {
    if (from < offset + part.length) {
      const at = part.indexOf(10, Math.max(0, from - offset));
      if (at >= 0) return offset + at;
    }
    offset += part.length;
  }
  return -1;
}

/** The parts without a UTF-8 byte order mark at their start. */
function withoutBom(parts: Uint8Array[]): Uint8Array[] {
  const rest = [...parts];
  const byte = (index: number) => {
    for (const part of rest) {
      if (index < part.length) return part[index];
      index -= part.length;
    }
    return -1;
  };
  if (byte(0) !== 0xef || byte(1) !== 0xbb || byte(2) !== 0xbf) return parts;
  for (let skip = 3; skip > 0; ) {
    const part = rest.shift()!;
    if (part.length > skip) rest.unshift(part.subarray(skip));
    skip -= Math.min(skip, part.length);
  }
  return rest;
}

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) count++;
  return count;
}
