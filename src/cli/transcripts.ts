/**
 * The command line's path for transcripts: each file with the settings of its
 * config, linted conversation by conversation (large inputs on the worker pool),
 * scored, and rendered as per-file findings or as a summary / HTML report.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ConfigResolver } from '../config/resolve.js';
import { KefuLintError } from '../engine/errors.js';
import type { FileResult } from '../inputs/placed.js';
import { STDIN, STDIN_NAME } from '../inputs/registry.js';
import type { TranscriptFormat } from '../inputs/transcript/messages.js';
import { formatHtml } from '../output/html.js';
import type { KeptFindings } from '../output/kept.js';
import { formatSummary } from '../output/summary.js';
import { lintTranscripts, type TranscriptReport, type TranscriptSource } from '../transcripts/run.js';
import { DEFAULT_TIME_ZONE } from '../text/time.js';
import { PARALLEL_MIN_BYTES } from '../workers/pool.js';

export const TRANSCRIPT_OUTPUT_FORMATS = ['summary', 'html'] as const;

export interface TranscriptCliOptions {
  /** Whether the output is a summary / html report (aggregates only) rather than findings per file. */
  reportOnly: boolean;
  encoding?: string;
  /** --timezone: where times without an offset were written. */
  timeZone?: string;
  agents?: string[];
  agentPrefixes?: string[];
  separator?: string;
  weights: Record<string, number>;
  /** Threads for large inputs (1: the main thread only). */
  threads: number;
  stdin: Readable;
  /** --format json, stylish or github: the findings are kept here as JSON text, not as objects in the results. */
  kept?: KeptFindings;
}

export interface TranscriptRun {
  results: Map<string, FileResult>;
  report: TranscriptReport | undefined;
  /** Malformed lines skipped with a warning: they make the exit status 2. */
  skippedLines: number;
  /** Findings counted but not listed in `results` (summary / html keep only aggregates; the per-file formats keep them in `kept`). */
  unlisted: { errors: number; warnings: number };
}

/** Lint the transcript inputs; problems go to `reportError` (exit status 2), line warnings to `warn`. */
export async function runTranscripts(
  files: readonly { file: string; format: TranscriptFormat }[],
  options: TranscriptCliOptions,
  resolver: ConfigResolver,
  reportError: (error: unknown) => void,
  warn: (text: string) => void,
): Promise<TranscriptRun> {
  const sources: TranscriptSource[] = [];
  const taken: string[] = [];
  let bytes = 0;
  for (const { file, format } of files) {
    const name = file === STDIN ? STDIN_NAME : file;
    try {
      // The config applies as to any file: the nearest kefu-lint.config.* (or --config), its overrides and ignores.
      const resolved = await resolver.settingsFor(name);
      if (resolved.ignored) continue;
      sources.push({ name, input: file === STDIN ? options.stdin : file, settings: resolved.settings, format });
      taken.push(file);
      if (file !== STDIN) bytes += statSync(file).size;
    } catch (error) {
      reportError(error);
    }
  }
  const results = new Map<string, FileResult>();
  if (sources.length === 0) return { results, report: undefined, skippedLines: 0, unlisted: { errors: 0, warnings: 0 } };

  const progress = process.stderr.isTTY ? progressBar() : undefined;
  let report: TranscriptReport;
  let skippedLines = 0;
  try {
    report = await lintTranscripts(sources, {
      reader: { encoding: options.encoding, timeZone: options.timeZone, agents: options.agents, agentPrefixes: options.agentPrefixes, separator: options.separator },
      scorecard: { weights: options.weights },
      keepFindings: !options.reportOnly,
      onFindings: options.kept ? (file, findings) => options.kept!.add(file, findings) : undefined,
      // JSON Lines slices are read and linted on worker threads while this thread tokenizes for them.
      workers: bytes >= PARALLEL_MIN_BYTES ? options.threads : 0,
      onProblem: (file, problem) => {
        progress?.clear();
        skippedLines++;
        warn(`kefu-lint: ${file}${problem.line > 0 ? `:${problem.line}` : ''}: 警告：${problem.reason}\n`);
      },
      onFileError: (_file, error) => {
        progress?.clear();
        reportError(error);
      },
      onProgress: progress?.update,
    });
  } finally {
    progress?.clear();
  }
  if (!options.reportOnly) {
    sources.forEach((source, index) => results.set(taken[index], { path: source.name, messages: report.findings.get(source.name) ?? [] }));
  }
  const unlisted = options.reportOnly || options.kept ? { errors: report.totals.errors, warnings: report.totals.warnings } : { errors: 0, warnings: 0 };
  return { results, report, skippedLines, unlisted };
}

/** The text of a summary / html report, or undefined for the per-file formats. */
export function renderTranscriptReport(format: string, report: TranscriptReport | undefined): string | undefined {
  if (format === 'summary') return report ? formatSummary(report) : '没有读到任何会话。\n';
  if (format === 'html') return formatHtml(report ?? emptyReport());
  return undefined;
}

function emptyReport(): TranscriptReport {
  return { files: 0, conversations: 0, messages: 0, agents: [], rules: [], worst: [], score: 100, totals: { errors: 0, warnings: 0, infos: 0 }, findings: new Map(), timeZone: DEFAULT_TIME_ZONE };
}

/** Write the output, chunk by chunk, to --output or to stdout. */
export function writeOutput(chunks: Iterable<string>, output: string | undefined, write: (text: string) => void, reportError: (error: unknown) => void): void {
  const out = openOutput(output, write, reportError);
  for (const chunk of chunks) out.write(chunk);
  out.close();
}

/**
 * --output (or stdout) opened for writing piece by piece. A file that cannot be
 * opened or written is reported once; what follows is dropped.
 */
export function openOutput(output: string | undefined, write: (text: string) => void, reportError: (error: unknown) => void): { write: (text: string) => void; close: () => void } {
  if (!output) return { write, close: () => {} };
  let fd: number | undefined;
  const failed = (error: unknown) => {
    reportError(new KefuLintError('usage', `无法写入输出文件（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）。请检查目录是否存在、是否有写权限。`, { file: output }));
    if (fd !== undefined) closeSync(fd);
    fd = -1;
  };
  try {
    fd = openSync(output, 'w');
  } catch (error) {
    failed(error);
  }
  return {
    write(text) {
      if (fd === undefined || fd < 0) return;
      try {
        writeSync(fd, text);
      } catch (error) {
        failed(error);
      }
    },
    close() {
      if (fd !== undefined && fd >= 0) closeSync(fd);
      fd = -1;
    },
  };
}

function progressBar(): { update: (read: number, total: number | undefined) => void; clear: () => void } {
  let shown = false;
  return {
    update(read, total) {
      const mb = (read / 1048576).toFixed(1);
      if (total) {
        const ratio = Math.min(1, read / total);
        const filled = Math.round(ratio * 30);
        process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${(ratio * 100).toFixed(0)}% ${mb} MB`);
      } else {
        process.stderr.write(`\r已读取 ${mb} MB`);
      }
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
