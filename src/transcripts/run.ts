/**
 * The transcript pipeline: read → group into conversations → lint → score →
 * add up. Only aggregates, the worst conversations and (when asked) the findings
 * are kept, so memory does not grow with the size of the input.
 *
 * A JSON Lines file is cut into slices at line ends; each slice is parsed,
 * linted and added up as one job, on a worker thread when there are workers
 * (the main thread then only reads bytes and joins the conversations that cross
 * a slice's edge). CSV and chat logs are read here, their conversations linted
 * in batches the same way.
 */
import { statSync, type ReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ResolvedSettings } from '../config.js';
import type { LinterOptions } from '../linter.js';
import { ReportBuilder, type TranscriptReport } from './aggregate.js';
import { checkEncoding, decodeHead, detectEncoding, looksBinary, openFileStream } from './decode.js';
import type { JobSettings } from './jobs.js';
import { JobPool, LocalJobs, WorkerFailure, type JobQueue } from './pool.js';
import { KefuLintError } from '../errors.js';
import { SliceJoiner } from './joiner.js';
import {
  formatFromContent,
  formatFromExtension,
  readConversations,
  readMessages,
  TranscriptGate,
  type Conversation,
  type LineProblem,
  type ReaderOptions,
} from './readers.js';
import { toScorecard, type ScorecardInput } from './scorecard.js';
import type { LinterSpec } from '../config.js';

export type { ConversationReport, ReportMessage, TranscriptReport } from './aggregate.js';

export interface TranscriptSource {
  /** Name shown in messages (a path, or <stdin>). */
  name: string;
  /** A path to open, or an already open byte stream. */
  input: string | Readable;
  /** Settings from the file's config (the command line); otherwise `linter` applies. */
  settings?: ResolvedSettings;
}

export interface TranscriptRunOptions {
  reader?: ReaderOptions;
  linter?: Omit<LinterOptions, 'plugins' | 'tokenizer'>;
  scorecard?: ScorecardInput;
  /** Keep every finding for stylish/json output (memory grows with findings). */
  keepFindings?: boolean;
  /** Worker threads to lint on; 0 lints in this thread. */
  workers?: number;
  /** How many of the lowest-scoring conversations to keep in full for reports. */
  worst?: number;
  /** Size of the slices a JSON Lines file is cut into for workers (bytes). */
  sliceBytes?: number;
  onProblem?: (file: string, problem: LineProblem) => void;
  /** A file could not be read at all; the other files go on. */
  onFileError?: (file: string, error: unknown) => void;
  /** Called as input is read, with bytes read so far and the total (when known). */
  onProgress?: (read: number, total: number | undefined) => void;
}

const BATCH_MESSAGES = 4_000;
const SLICE_BYTES = 1024 * 1024;

export async function lintTranscripts(sources: readonly TranscriptSource[], options: TranscriptRunOptions = {}): Promise<TranscriptReport> {
  const card = toScorecard(options.scorecard);
  const order = new Map(sources.map((source, index) => [source.name, index]));
  const settings: JobSettings = { card, worst: options.worst ?? 10, keepFindings: options.keepFindings ?? false };
  const builder = new ReportBuilder({ ...settings, fileOrder: (file) => order.get(file) ?? 0 });
  const pool: JobQueue = options.workers ? new JobPool(options.workers, settings) : new LocalJobs(settings);
  try {
    for (const source of sources) {
      const spec: LinterSpec = source.settings ? { settings: source.settings } : { options: options.linter ?? {} };
      const stream = typeof source.input === 'string' ? openFileStream(source.input) : source.input;
      const total = typeof source.input === 'string' ? statSync(source.input).size : undefined;
      const progress = options.onProgress;
      const ticker = progress ? setInterval(() => progress((stream as ReadStream).bytesRead ?? 0, total), 200) : undefined;
      const onProblem = (problem: LineProblem) => options.onProblem?.(source.name, problem);
      try {
        const input = await openInput(stream, source.name, options.reader ?? {});
        if (input.slices) {
          await lintSlices(input.chunks, input.encoding, source.name, spec, pool, builder, options.sliceBytes ?? SLICE_BYTES, onProblem);
        } else {
          const events = readMessages(Readable.from(input.chunks), source.name, { ...options.reader, format: input.format });
          await lintOnPool(readConversations(events, source.name, onProblem), source.name, spec, pool, builder);
        }
      } catch (caught) {
        const error = caught instanceof WorkerFailure
          ? new KefuLintError('input', `${caught.message}，这个文件没有检查完。请用 --threads 1 只用主线程重试。`, { file: source.name })
          : caught;
        if (!options.onFileError) throw error;
        options.onFileError(source.name, error);
      } finally {
        if (ticker) clearInterval(ticker);
        stream.destroy();
      }
    }
  } finally {
    await pool.close();
  }
  return builder.finish(sources.length);
}

interface OpenedInput {
  /** The bytes, from the start. */
  chunks: AsyncIterable<Buffer>;
  encoding: string;
  format: ReturnType<typeof formatFromExtension>;
  /** JSON Lines in an encoding whose line ends are plain \n bytes: can be sliced. */
  slices: boolean;
}

/** Look at the first bytes: encoding and format, without consuming the stream. */
async function openInput(stream: Readable, name: string, reader: ReaderOptions): Promise<OpenedInput> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await iterator.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : first.value;
  const encoding = reader.encoding ? checkEncoding(reader.encoding) : detectEncoding(head);
  const binary = looksBinary(head, encoding);
  const format = reader.format ?? formatFromExtension(name) ?? (binary ? undefined : formatFromContent(decodeHead(head.subarray(0, 4096), encoding)));
  async function* chunks(): AsyncGenerator<Buffer> {
    if (!first.done) yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  // Binary input goes to the reader, which says what is wrong with it.
  return { chunks: chunks(), encoding, format, slices: format === 'jsonl' && !binary && !encoding.startsWith('utf-16') };
}

/** Conversations read here, linted on the workers in batches. */
async function lintOnPool(conversations: AsyncIterable<Conversation>, file: string, spec: LinterSpec, pool: JobQueue, builder: ReportBuilder): Promise<void> {
  const jobs: Promise<void>[] = [];
  let batch: Conversation[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await pool.whenBelow(2 * pool.size);
    jobs.push(lintConversations(pool, file, spec, batch, builder));
    batch = [];
    size = 0;
  };
  for await (const conversation of conversations) {
    batch.push(conversation);
    size += conversation.messages.length;
    if (size >= BATCH_MESSAGES) await flush();
  }
  await flush();
  await awaitAll(jobs);
}

/**
 * A JSON Lines file in slices. Results are taken in slice order: problems go
 * through the transcript gate in line order, and conversations at slice edges
 * are joined with their continuation before they are linted.
 */
async function lintSlices(
  chunks: AsyncIterable<Buffer>,
  encoding: string,
  file: string,
  spec: LinterSpec,
  pool: JobQueue,
  builder: ReportBuilder,
  sliceBytes: number,
  onProblem: (problem: LineProblem) => void,
): Promise<void> {
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
    edgeJobs.push(lintConversations(pool, file, spec, conversations, builder));
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
    const result = pool.run({ type: 'slice', file, spec, bytes: own, encoding, firstLine }, pool.threaded ? [own.buffer as ArrayBuffer] : []);
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

  let parts: Buffer[] = [];
  let size = 0;
  let error: unknown;
  try {
    for await (const chunk of chunks) {
      parts.push(chunk);
      size += chunk.length;
      if (size < sliceBytes) continue;
      const data = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
      // Slices of at least sliceBytes, each ending at a line end.
      let start = 0;
      for (let cut = data.indexOf(10, sliceBytes - 1); cut >= 0 && data.length - start >= sliceBytes; cut = data.indexOf(10, start + sliceBytes - 1)) {
        await submit(data.subarray(start, cut + 1));
        start = cut + 1;
      }
      const rest = data.subarray(start);
      parts = rest.length > 0 ? [start > 0 ? Buffer.from(rest) : rest] : [];
      size = rest.length;
    }
    if (size > 0) await submit(parts.length === 1 ? parts[0] : Buffer.concat(parts, size));
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

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) count++;
  return count;
}

/** Lint conversations as one job and add them up; a failure is kept for `awaitAll` instead of going unhandled. */
function lintConversations(pool: JobQueue, file: string, spec: LinterSpec, conversations: Conversation[], builder: ReportBuilder): Promise<void> {
  const done = pool.run({ type: 'conversations', file, spec, conversations }).then((result) => builder.merge(file, result.partial));
  done.catch(() => {});
  return done;
}

async function awaitAll(jobs: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(jobs);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

