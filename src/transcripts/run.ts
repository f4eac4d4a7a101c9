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
import type { LinterSpec, ResolvedSettings } from '../config/resolve.js';
import { KefuLintError } from '../engine/errors.js';
import type { LinterOptions } from '../engine/linter.js';
import type { FileFinding } from '../inputs/placed.js';
import { transcriptFormat } from '../inputs/registry.js';
import { readConversations } from '../inputs/transcript/grouper.js';
import type { LineProblem, ReaderOptions, TranscriptFormat } from '../inputs/transcript/messages.js';
import { readMessages } from '../inputs/transcript/read.js';
import { checkEncoding, decodeHead, detectEncoding, looksBinary, openFileStream } from '../text/decode.js';
import { checkTimeZone, DEFAULT_TIME_ZONE } from '../text/time.js';
import { LocalJobs, SplitPools, WorkerFailure, type WorkerSettings } from '../workers/pool.js';
import { segmentTexts, serveTokens } from '../workers/segmenting.js';
import { MIXED_ENCODING, runTranscriptJob, type JobResult, type JobSettings, type TranscriptJob, type TranscriptQueue } from './jobs.js';
import { ReportBuilder, type TranscriptReport } from './report.js';
import { toScorecard, type ScorecardInput } from './scorecard.js';
import { lintOnPool } from './batches.js';
import { lintSlices } from './slices.js';

export type { ConversationReport, ReportMessage, TranscriptReport } from './report.js';

export interface TranscriptSource {
  /** Name shown in messages (a path, or <stdin>). */
  name: string;
  /** A path to open, or an already open byte stream. */
  input: string | Readable;
  /** Settings from the file's config (the command line); otherwise `linter` applies. */
  settings?: ResolvedSettings;
  /** The format, when the caller has decided it; otherwise from the extension or the first line. */
  format?: TranscriptFormat;
}

export interface TranscriptRunOptions {
  reader?: ReaderOptions;
  linter?: Omit<LinterOptions, 'plugins' | 'tokenizer'>;
  scorecard?: ScorecardInput;
  /** Keep every finding for stylish/json output (memory grows with findings). */
  keepFindings?: boolean;
  /**
   * With `keepFindings`: hand each file's findings here as conversations are linted
   * (not in line order) instead of keeping them in the report.
   */
  onFindings?: (file: string, findings: readonly FileFinding[]) => void;
  /** Threads to lint on, this one included: it tokenizes for the others (see TranscriptThreads); 0 or 1 lints in this thread only. */
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

const SLICE_BYTES = 1024 * 1024;

/**
 * Rule threads: the young generation of cli/libraries.ts, and four jobs each. A
 * slice waits for its tokens from another thread; with two, the rule thread and
 * this one were each idle while the other worked (9–11% and about half of the
 * run). Four were faster in 15 of 17 alternating pairs, by up to 24% (median
 * 9%) on 50 MB of transcript, at a peak of 270–286 MB against 263–276 MB; six
 * were no faster than four.
 */
const RULE_THREADS: WorkerSettings = { youngSpaceMb: 16, perWorker: 4 };

export async function lintTranscripts(sources: readonly TranscriptSource[], options: TranscriptRunOptions = {}): Promise<TranscriptReport> {
  const card = toScorecard(options.scorecard);
  const order = new Map(sources.map((source, index) => [source.name, index]));
  const timeZone = checkTimeZone(options.reader?.timeZone ?? DEFAULT_TIME_ZONE);
  const settings: JobSettings = { card, worst: options.worst ?? 10, keepFindings: options.keepFindings ?? false, timeZone };
  const builder = new ReportBuilder({ ...settings, onFindings: options.onFindings, fileOrder: (file) => order.get(file) ?? 0 });
  const pool: TranscriptQueue = (options.workers ?? 0) > 1 ? new TranscriptThreads(options.workers!) : new LocalJobs((job: TranscriptJob) => runTranscriptJob(job));
  try {
    for (const source of sources) {
      const spec: LinterSpec = source.settings ? { settings: source.settings } : { options: options.linter ?? {} };
      const stream = typeof source.input === 'string' ? openFileStream(source.input) : source.input;
      const total = typeof source.input === 'string' ? statSync(source.input).size : undefined;
      const progress = options.onProgress;
      const ticker = progress ? setInterval(() => progress((stream as ReadStream).bytesRead ?? 0, total), 200) : undefined;
      const onProblem = (problem: LineProblem) => options.onProblem?.(source.name, problem);
      try {
        const input = await openInput(stream, source, options.reader ?? {});
        const job = { file: source.name, spec, settings };
        if (input.slices) {
          await lintSlices(input.chunks, input.encoding, job, pool, builder, options.sliceBytes ?? SLICE_BYTES, onProblem);
        } else {
          const events = readMessages(Readable.from(input.chunks), source.name, { ...options.reader, format: input.format, timeZone });
          await lintOnPool(readConversations(events, source.name, onProblem), job, pool, builder);
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
  return builder.finish(sources.length, timeZone);
}

/**
 * Transcript jobs on rule threads, which read, group and lint, loading no jieba:
 * their agents' messages are tokenized by this thread (which otherwise only
 * reads bytes and adds results up) and, from 4 threads on, segmenting threads,
 * each rule thread asking one of them. 2 threads: this one and a rule thread,
 * one dictionary in the process (260 MB where two jieba threads took 370 MB);
 * 4: this one, a segmenting thread and two rule threads; 8: this one, two and five.
 */
class TranscriptThreads implements TranscriptQueue {
  readonly threaded = true;
  private readonly pools: SplitPools<TranscriptJob, JobResult>;
  private warmed = false;

  constructor(threads: number) {
    // About 40% of the work is jieba's: that share of the threads tokenize, this one among them.
    const segmenters = Math.max(1, Math.round(threads * 0.4));
    this.pools = new SplitPools(segmenters - 1, Math.max(1, threads - segmenters), RULE_THREADS);
    this.pools.check.tokenLines((port, index) => {
      if (index % segmenters > 0) return this.pools.segment.serveTokens((index % segmenters) - 1, port);
      serveTokens(port);
      // The line must not keep this process alive once the pool is done.
      port.unref();
    });
  }

  get size(): number {
    return this.pools.check.size;
  }

  get depth(): number {
    return this.pools.check.depth;
  }

  run(job: TranscriptJob, transfer?: ArrayBuffer[]): Promise<JobResult> {
    const result = this.pools.check.run(job, transfer);
    if (!this.warmed) {
      // This thread tokenizes for the rule threads: jieba loads while they read the first
      // job, not when its tokens are first asked for (the first answer came 0.26–0.41 s
      // after the request; now 0.08–0.12 s).
      this.warmed = true;
      setImmediate(() => {
        try {
          segmentTexts(job.spec, []);
        } catch {
          // The first request for tokens meets the same error and reports it.
        }
      });
    }
    return result;
  }

  whenBelow(limit: number): Promise<void> {
    return this.pools.check.whenBelow(limit);
  }

  close(): Promise<void> {
    return this.pools.close();
  }
}

interface OpenedInput {
  /** The bytes, from the start. */
  chunks: AsyncIterable<Buffer>;
  encoding: string;
  format: TranscriptFormat | undefined;
  /** JSON Lines in an encoding whose line ends are plain \n bytes: can be sliced. */
  slices: boolean;
}

/** Look at the first bytes: encoding and format, without consuming the stream. */
async function openInput(stream: Readable, source: TranscriptSource, reader: ReaderOptions): Promise<OpenedInput> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await iterator.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : first.value;
  const encoding = reader.encoding ? checkEncoding(reader.encoding) : detectEncoding(head);
  const binary = looksBinary(head, encoding);
  const format = reader.format ?? source.format ?? transcriptFormat(source.name) ?? (binary ? undefined : transcriptFormat(source.name, decodeHead(head.subarray(0, 4096), encoding)));
  async function* chunks(): AsyncGenerator<Buffer> {
    if (!first.done) yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const slices = format === 'jsonl' && !binary && !encoding.startsWith('utf-16');
  // JSON Lines without --encoding: each line is UTF-8 if it decodes as UTF-8, else GB18030
  // (an export that mixes them loses nothing to mojibake).
  const sliceEncoding = slices && !reader.encoding ? MIXED_ENCODING : encoding;
  // Binary input goes to the reader, which says what is wrong with it.
  return { chunks: chunks(), encoding: sliceEncoding, format, slices };
}
