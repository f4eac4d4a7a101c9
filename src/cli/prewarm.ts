/**
 * What the command line starts before it has even loaded: for a large plain-text
 * reply list, the segmenting thread (see cli/libraries.ts). Loading the rest of
 * the command line takes about 0.3 s, and the thread's own start and jieba
 * another 0.45 s; started here, the two overlap instead of following each other.
 * This module loads nothing heavy, and guesses only from the arguments and file
 * sizes: a thread started for nothing changes no result, and is ended once the
 * reply lists are done (cli/libraries.ts).
 */
import { statSync } from 'node:fs';
import { defaultThreads, PARALLEL_MIN_BYTES, reserveWorker, threadCount } from '../workers/pool.js';
import type { SegmentJob } from '../worker.js';

/**
 * A reply list this large is linted on threads whatever its characters: the
 * command line uses them from PARALLEL_MIN_BYTES of UTF-16, which three-byte
 * Chinese characters reach at 1.5 times as many bytes.
 */
const SURELY_THREADED_BYTES = 1.5 * PARALLEL_MIN_BYTES;

/** Options after which no thread segments reply lists: fixes are made on this thread, a forced format is a transcript. */
const NO_SEGMENTING = new Set(['--fix', '--fix-dry-run', '--input-format']);

/** Start the segmenting thread now if `argv` names a plain-text reply list large enough to need one. */
export function prewarm(argv: readonly string[]): void {
  if (!willSegment(argv.slice(2))) return;
  // The linter for the default settings: jieba is loaded by it, and kept for the file's own settings.
  const warmUp: SegmentJob = { type: 'segment', spec: { options: {} }, texts: [] };
  reserveWorker(warmUp);
}

/** Will these arguments (after `node kefu-lint`) have a thread segment a reply list? A guess that errs both ways only in rare cases. */
export function willSegment(args: readonly string[]): boolean {
  if (args.some((arg) => NO_SEGMENTING.has(arg.split('=')[0])) || threadsAsked(args) <= 1) return false;
  return args.some(isLargeText);
}

/** The thread count --threads asks for (the default without it; 0 when it is not a count, which the command line reports). */
function threadsAsked(args: readonly string[]): number {
  const at = args.findIndex((arg) => arg === '--threads' || arg.startsWith('--threads='));
  if (at < 0) return defaultThreads();
  const value = args[at].startsWith('--threads=') ? args[at].slice('--threads='.length) : args[at + 1];
  return threadCount(value ?? '') ?? 0;
}

function isLargeText(arg: string): boolean {
  if (arg.startsWith('-') || !arg.toLowerCase().endsWith('.txt')) return false;
  try {
    const stats = statSync(arg);
    return stats.isFile() && stats.size >= SURELY_THREADED_BYTES;
  } catch {
    return false;
  }
}
