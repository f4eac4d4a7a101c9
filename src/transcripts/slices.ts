/**
 * A JSON Lines transcript in slices of about a megabyte, cut at line ends; each
 * slice is parsed, linted and added up as one job (on a worker thread when there
 * are workers), while this thread only reads bytes and joins the conversations
 * that cross a slice's edge (see joiner.ts).
 */
import { TranscriptGate } from '../inputs/transcript/grouper.js';
import type { Conversation, LineProblem } from '../inputs/transcript/messages.js';
import { awaitAll, BATCH_MESSAGES, lintConversations } from './batches.js';
import type { JobBase, TranscriptQueue } from './jobs.js';
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

  const submit = async (bytes: Uint8Array) => {
    if (start && encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    start = false;
    const firstLine = line;
    line += countNewlines(bytes);
    await pool.whenBelow(2 * pool.size);
    if (failure) throw failure;
    // For a worker, a copy of exactly these bytes, moved (not cloned) to it.
    const own = pool.threaded ? new Uint8Array(bytes) : bytes;
    const result = pool.run({ type: 'slice', ...target, bytes: own, encoding, firstLine }, pool.threaded ? [own.buffer as ArrayBuffer] : []);
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
    for await (const slice of sliceAtLineEnds(chunks, sliceBytes)) await submit(slice);
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

/** Slices of at least `sliceBytes`, each ending at a line end (the last one: wherever the input ends). */
async function* sliceAtLineEnds(chunks: AsyncIterable<Buffer>, sliceBytes: number): AsyncGenerator<Uint8Array> {
  let parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.length;
    if (size < sliceBytes) continue;
    const data = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
    let start = 0;
    for (let cut = data.indexOf(10, sliceBytes - 1); cut >= 0 && data.length - start >= sliceBytes; cut = data.indexOf(10, start + sliceBytes - 1)) {
      yield data.subarray(start, cut + 1);
      start = cut + 1;
    }
    const rest = data.subarray(start);
    parts = rest.length > 0 ? [start > 0 ? Buffer.from(rest) : rest] : [];
    size = rest.length;
  }
  if (size > 0) yield parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
}

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) count++;
  return count;
}
