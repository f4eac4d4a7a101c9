/**
 * The command line's path for canned-reply libraries and reply lists: each file
 * gets the linter of its resolved config, is read by its format's reader, linted
 * (large ones on the worker pool) and, with --fix, fixed in place or shown as a diff.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { ConfigResolver, type ResolvedSettings } from '../config/resolve.js';
import { fixUntilStable } from '../engine/fix.js';
import type { Finding } from '../engine/finding.js';
import { packedBuffers, packTokens, type PackedTokens } from '../engine/packed.js';
import { DISABLE_MARKER, libraryBatches, textBatches, type ReplyBatch } from '../inputs/library/batches.js';
import { lintLibraryText } from '../inputs/library/lint.js';
import type { LibraryFormat } from '../inputs/library/readers.js';
import type { FileFinding, FileResult, ResultSink } from '../inputs/placed.js';
import { STDIN, STDIN_NAME } from '../inputs/registry.js';
import { fixDiff } from '../output/diff.js';
import { checkEncoding } from '../text/decode.js';
import { fileLines, isPlainUtf8 } from '../text/lines.js';
import { MAX_INPUT_BYTES, readInputStream, readTextInput, type DecodedInput } from '../text/read.js';
import { writeFileAtomic } from '../text/write.js';
import { PARALLEL_MIN_BYTES, releaseReserved, SplitPools, WorkerFailure } from '../workers/pool.js';
import type { WorkerJob, WorkerResult } from '../worker.js';
import { lintReplies, type RepliesJob } from '../workers/replies.js';

/**
 * Young generation of a rule thread: enough that a step's garbage dies young (a
 * rule thread lints a batch 256 replies at a time; 16 MB was as fast as 32 and
 * used 15 MB less on the bench's 100,000 replies).
 */
const CHECK_YOUNG_SPACE_MB = 16;
/** Every reply in a library stands alone: it is sent as it is, whatever came before. */
const STANDALONE = { standalone: true } as const;

export interface LibraryRunOptions {
  resolver: ConfigResolver;
  fix?: boolean;
  fixDryRun?: boolean;
  /** --fix-dry-run with a report format (-f json …): no diff; each file's fixed text is its result's `output`. */
  report?: boolean;
  /** --encoding: the inputs' encoding when not UTF-8 (UTF-16 with a BOM is found by itself). */
  encoding?: string;
  /** Threads for large files (1: this thread only). */
  threads: number;
  stdin: Readable;
  write: (text: string) => void;
  reportError: (error: unknown) => void;
  /** Where findings go as they are made (--format json); without it they are kept and returned. */
  sink?: ResultSink;
  /** Plain-text reply lists from this size on are read a megabyte at a time when they can be (default 8 MB). */
  streamFromBytes?: number;
}

/**
 * Lint library files; a file that fails is reported and the others go on. Each
 * file's findings go to `options.sink` batch by batch as they are made, or, without
 * a sink, are kept and returned.
 */
export async function runLibraries(files: readonly { file: string; format: LibraryFormat }[], options: LibraryRunOptions): Promise<Map<string, FileResult>> {
  const results = new Map<string, FileResult>();
  let pools: ReplyPools | undefined;
  /** A file's batches, on the pools when it is large. */
  const lintBatches = async (batches: Iterable<ReplyBatch>, large: boolean, settings: ResolvedSettings, sink: ResultSink) => {
    if (options.threads > 1 && large) {
      pools ??= new ReplyPools(options.threads);
      return lintOnWorkers(pools, settings, batches, sink);
    }
    const linter = options.resolver.linterForSettings(settings);
    for (const batch of batches) sink.add(batch.settle(batch.place(linter.lintMany(batch.texts, STANDALONE))));
  };
  try {
    for (const { file, format } of files) {
      const name = file === STDIN ? STDIN_NAME : file;
      const sink = options.sink ?? new Kept(results, file);
      let open = false;
      try {
        const streamed = !options.fix && !options.fixDryRun && streamable(file, format, options.encoding, options.streamFromBytes ?? STREAMED_MIN_BYTES);
        const input = streamed ? undefined : file === STDIN ? await readInputStream(options.stdin, STDIN_NAME, options.encoding) : readTextInput(file, options.encoding);
        const { ignored, settings } = await options.resolver.settingsFor(name);
        if (ignored) continue;
        if (!input) {
          sink.open(name);
          open = true;
          await lintBatches(textBatches(fileLines(file)), true, settings, sink);
          continue;
        }
        const text = input.text;
        if ((options.fix || options.fixDryRun) && file !== STDIN) {
          const result = fixLibrary(file, input, format, settings, options);
          sink.open(result.path);
          sink.add(result.messages);
          sink.close(result.output);
          continue;
        }
        sink.open(name);
        open = true;
        await lintBatches(libraryBatches(text, name, format), text.length * 2 >= PARALLEL_MIN_BYTES, settings, sink);
      } catch (error) {
        options.reportError(error);
        // A thread that died (out of memory, say) takes its pool with it: the next file gets new threads.
        if (error instanceof WorkerFailure && pools) {
          await pools.close();
          pools = undefined;
        }
      } finally {
        // A file that failed part way keeps what was found before (the run exits 2).
        if (open) sink.close();
      }
    }
  } finally {
    await pools?.close();
    // A segmenting thread started early (prewarm.ts) that no file took would hold its jieba through the transcripts.
    await releaseReserved();
  }
  return results;
}

/** Reply lists from this size on are read a megabyte at a time when they can be (see streamable). */
const STREAMED_MIN_BYTES = 8 * 1024 * 1024;

/**
 * Read a megabyte at a time, never whole: a large plain-text reply list in UTF-8,
 * within the size limit, without disable comments. Anything else is read whole
 * (and a file that is not text gets its error from there).
 */
function streamable(file: string, format: LibraryFormat, encoding: string | undefined, minBytes: number): boolean {
  if (file === STDIN || format !== 'text' || (encoding !== undefined && checkEncoding(encoding) !== 'utf-8')) return false;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  return size >= minBytes && size <= MAX_INPUT_BYTES && isPlainUtf8(file, DISABLE_MARKER);
}

/** A file's findings kept whole, for the output formats that need them all. */
class Kept implements ResultSink {
  private result: FileResult | undefined;

  constructor(
    private readonly results: Map<string, FileResult>,
    private readonly file: string,
  ) {}

  open(path: string): void {
    this.result = { path, messages: [] };
  }

  add(messages: readonly FileFinding[]): void {
    for (const message of messages) this.result!.messages.push(message);
  }

  close(output?: string): void {
    if (output !== undefined) this.result!.output = output;
    this.results.set(this.file, this.result!);
  }
}

/**
 * --fix writes the fixed file back (in its own encoding); --fix-dry-run writes
 * nothing: the diff is printed in the default format, and the fixed text is
 * the `output` of the file's result in the others (JSON).
 */
function fixLibrary(file: string, input: DecodedInput, format: LibraryFormat, settings: ResolvedSettings, options: LibraryRunOptions): FileResult {
  const linter = options.resolver.linterForSettings(settings);
  const outcome = fixUntilStable(input.text, (source) => lintLibraryText(source, file, format, (texts) => linter.lintMany(texts, STANDALONE)));
  const result: FileResult = { path: file, messages: outcome.findings };
  if (options.fixDryRun) {
    if (!options.report) options.write(fixDiff(file, input.text, outcome.output));
    else if (outcome.changed) result.output = outcome.output;
  } else if (outcome.changed) writeFileAtomic(file, outcome.output, {}, input.encoding);
  return result;
}

/**
 * Threads for large files: segmenting threads hand packed tokens to rule threads
 * (this thread, which places and writes the findings, tokenizes nothing: the
 * garbage of tokenizing here grew its heap by 40 MB, more than a segmenting
 * thread takes). Where that leaves one rule thread and no core for it (2 threads
 * on 2 cores), this thread runs the rules instead: a third busy thread on two
 * cores only competed (measured: 5–26% less time, 8–25% less CPU and 20–36 MB
 * less memory on the bench's 100,000 replies).
 */
class ReplyPools extends SplitPools<WorkerJob, WorkerResult> {
  constructor(threads: number) {
    const segmenting = Math.max(1, Math.round(threads * 0.4));
    const checking = threads - segmenting;
    const noCoreForIt = checking === 1 && threads >= availableParallelism();
    super(segmenting, noCoreForIt ? 0 : checking, { youngSpaceMb: CHECK_YOUNG_SPACE_MB });
  }
}

/**
 * A large file on the pools, in batches: each batch is segmented, then its rules
 * run, then its findings are placed as they arrive (sharing one copy of each
 * reason and link) and go to the sink in file order. At most a few batches per
 * thread are in flight, so memory stays bounded whatever the file's size.
 */
async function lintOnWorkers(pools: ReplyPools, settings: ResolvedSettings, batches: Iterable<ReplyBatch>, sink: ResultSink): Promise<void> {
  const spec = { settings };
  const strings = new Map<string, string>();
  const intern = (value: string) => strings.get(value) ?? (strings.set(value, value), value);
  /** Findings cloned from a rule thread: each reason, link and rule id was copied, one copy of each is kept. */
  const shared = (result: WorkerResult) => {
    const findings = result as Finding[][];
    for (const list of findings) {
      for (const finding of list) {
        finding.reason = intern(finding.reason);
        finding.url = intern(finding.url);
        finding.ruleId = intern(finding.ruleId);
      }
    }
    return findings;
  };
  const lintBatch = (batch: ReplyBatch) =>
    pools.segment
      .run({ type: 'segment', spec, texts: batch.texts })
      .then((result) => {
        const job: RepliesJob = { type: 'replies', spec, texts: batch.texts, tokens: result as PackedTokens, context: STANDALONE };
        // No rule threads: the rules run here, between reading and writing (their strings are already shared).
        return pools.check.size > 0 ? pools.check.run(job, packedBuffers(job.tokens)).then(shared) : lintReplies(job);
      })
      .then((findings) => batch.place(findings));
  // Each thread builds its linter (and the segmenters load jieba) before the first batch arrives.
  for (let i = 0; i < pools.segment.size; i++) pools.segment.run({ type: 'segment', spec, texts: [] }).catch(() => {});
  const warmUp: RepliesJob = { type: 'replies', spec, texts: [], tokens: packTokens([]), context: STANDALONE };
  for (let i = 0; i < pools.check.size; i++) pools.check.run(warmUp).catch(() => {});
  // No rule threads: this thread builds its linter now, while the segmenting threads load jieba.
  if (pools.check.size === 0) lintReplies(warmUp);

  // One batch per thread and one more: enough to keep every thread busy. Two per thread kept
  // finished batches waiting on this thread long enough to be promoted (20 MB more, no faster).
  const inFlight = pools.segment.size + Math.max(1, pools.check.size) + 1;
  const pending: { batch: ReplyBatch; placed: Promise<FileFinding[][]> }[] = [];
  const writeNext = async () => {
    const { batch, placed } = pending[0];
    sink.add(batch.settle(await placed));
    pending.shift();
  };
  for (const batch of batches) {
    if (pending.length >= inFlight) await writeNext();
    const placed = lintBatch(batch);
    // Awaited in order; a failure meanwhile is not left unhandled.
    placed.catch(() => {});
    pending.push({ batch, placed });
  }
  while (pending.length > 0) await writeNext();
}
