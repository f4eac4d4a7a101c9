/**
 * The command line's path for canned-reply libraries and reply lists: each file
 * gets the linter of its resolved config, is read by its format's reader, linted
 * (large ones on the worker pool) and, with --fix, fixed in place or shown as a diff.
 */
import type { Readable } from 'node:stream';
import { ConfigResolver, type ResolvedSettings } from '../config/resolve.js';
import { fixUntilStable } from '../engine/fix.js';
import type { Finding } from '../engine/finding.js';
import { placeLibraryFindings, lintLibraryText } from '../inputs/library/lint.js';
import { readLibrary, type LibraryFormat } from '../inputs/library/readers.js';
import type { FileResult } from '../inputs/placed.js';
import { STDIN, STDIN_NAME } from '../inputs/registry.js';
import { fixDiff } from '../output/diff.js';
import { decodeUtf8, readTextFile } from '../text/read.js';
import { writeFileAtomic } from '../text/write.js';
import { JobPool, PARALLEL_MIN_BYTES } from '../workers/pool.js';
import type { WorkerJob, WorkerResult } from '../worker.js';

/** Replies per job on the worker pool. */
const BATCH = 2_000;
/** Every reply in a library stands alone: it is sent as it is, whatever came before. */
const STANDALONE = { standalone: true } as const;

export interface LibraryRunOptions {
  resolver: ConfigResolver;
  fix?: boolean;
  fixDryRun?: boolean;
  /** Threads for large files (1: this thread only). */
  threads: number;
  stdin: Readable;
  write: (text: string) => void;
  reportError: (error: unknown) => void;
}

/** Lint library files; a file that fails is reported and the others go on. */
export async function runLibraries(files: readonly { file: string; format: LibraryFormat }[], options: LibraryRunOptions): Promise<Map<string, FileResult>> {
  const results = new Map<string, FileResult>();
  let pool: JobPool<WorkerJob, WorkerResult> | undefined;
  try {
    for (const { file, format } of files) {
      const name = file === STDIN ? STDIN_NAME : file;
      try {
        const text = file === STDIN ? decodeUtf8(await readAll(options.stdin), STDIN_NAME, 'input') : readTextFile(file, 'input');
        const { ignored, settings } = await options.resolver.settingsFor(name);
        if (ignored) continue;
        if ((options.fix || options.fixDryRun) && file !== STDIN) {
          results.set(file, { path: name, messages: fixLibrary(file, text, format, settings, options) });
          continue;
        }
        const library = readLibrary(text, name, format);
        const texts = library.replies.map((reply) => reply.text);
        let findings: Finding[][];
        if (options.threads > 1 && text.length * 2 >= PARALLEL_MIN_BYTES) {
          pool ??= new JobPool<WorkerJob, WorkerResult>(options.threads);
          findings = await lintOnWorkers(pool, settings, texts);
        } else {
          findings = options.resolver.linterForSettings(settings).lintMany(texts, STANDALONE);
        }
        results.set(file, { path: name, messages: placeLibraryFindings(text, library, findings) });
      } catch (error) {
        options.reportError(error);
      }
    }
  } finally {
    await pool?.close();
  }
  return results;
}

function fixLibrary(file: string, text: string, format: LibraryFormat, settings: ResolvedSettings, options: LibraryRunOptions) {
  const linter = options.resolver.linterForSettings(settings);
  const outcome = fixUntilStable(text, (source) => lintLibraryText(source, file, format, (texts) => linter.lintMany(texts, STANDALONE)));
  if (options.fixDryRun) options.write(fixDiff(file, text, outcome.output));
  else if (outcome.changed) writeFileAtomic(file, outcome.output);
  return outcome.findings;
}

async function lintOnWorkers(pool: JobPool<WorkerJob, WorkerResult>, settings: ResolvedSettings, texts: readonly string[]): Promise<Finding[][]> {
  const batches: Promise<WorkerResult>[] = [];
  for (let start = 0; start < texts.length; start += BATCH) {
    batches.push(pool.run({ type: 'replies', spec: { settings }, texts: texts.slice(start, start + BATCH), context: STANDALONE }));
  }
  return (await Promise.all(batches)).flat() as Finding[][];
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
