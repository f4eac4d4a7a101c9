/**
 * The command line's transcript branch: which inputs are transcripts, the
 * transcript options, running them, and the summary / html outputs.
 */
import { statSync, writeFileSync } from 'node:fs';
import { KefuLintError } from '../errors.js';
import type { RuleSetting } from '../linter.js';
import type { ConfigResolver, ResolvedSettings } from '../config.js';
import type { FileResult } from '../results.js';
import { STDIN, STDIN_NAME } from '../inputs.js';
import { workerCount } from '../parallel.js';
import { formatHtml } from '../report/html.js';
import { formatSummary } from '../report/summary.js';
import { PLATFORMS, type Platform } from '../../rules/response-time.js';
import { formatFromExtension, sniffFormat, TRANSCRIPT_FORMATS, type TranscriptFormat } from './readers.js';
import { lintTranscripts, type TranscriptReport, type TranscriptSource } from './run.js';
import { checkEncoding } from './decode.js';

export const TRANSCRIPT_OUTPUT_FORMATS = ['summary', 'html'] as const;
/** Extensions looked for in directories, besides .txt. */
export const TRANSCRIPT_EXTENSIONS = ['jsonl', 'csv', 'log'] as const;
export { PLATFORMS, TRANSCRIPT_FORMATS };

export interface TranscriptCliOptions {
  format: string;
  inputFormat?: TranscriptFormat;
  encoding?: string;
  platform?: Platform;
  output?: string;
  agents?: string;
  agentPrefix?: string;
  separator?: string;
  weight?: string[];
  /** Threads for large inputs (1: the main thread only). */
  threads?: number;
}

/** Above this many bytes of transcripts, lint on worker threads. */
const PARALLEL_BYTES = 32 * 1024 * 1024;

/** `--platform` sets response-time's preset, keeping any severity given by --rule. */
export function applyPlatform(rules: Record<string, RuleSetting>, platform: Platform | undefined): void {
  if (!platform) return;
  const current = rules['response-time'];
  const severity = typeof current === 'string' ? current : current?.severity;
  const options = typeof current === 'object' ? current.options : undefined;
  rules['response-time'] = { ...(severity ? { severity } : {}), options: { ...options, platform } } as RuleSetting;
}

function isTranscript(file: string, options: TranscriptCliOptions): boolean {
  if (options.inputFormat) return true;
  if (file === STDIN) return false;
  const format = formatFromExtension(file);
  // A CSV may also be a canned-reply library: only one with role and text columns is a transcript.
  if (format === 'csv') return sniffFormat(file) === 'csv';
  if (format) return true;
  return file.toLowerCase().endsWith('.txt') && sniffFormat(file) === 'chatlog';
}

function parseWeights(flags: readonly string[]): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const flag of flags) {
    const match = /^([^=]+)=(\d+(?:\.\d+)?)$/.exec(flag);
    if (!match) throw new KefuLintError('usage', `--weight「${flag}」格式不对，应写成 规则id=扣分，例如 --weight no-jargon=3。`);
    weights[match[1]] = Number(match[2]);
  }
  return weights;
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
}

export interface TranscriptRun {
  /** Inputs this branch took (the rest are plain replies). */
  handled: Set<string>;
  results: FileResult[];
  report: TranscriptReport | undefined;
  /** Malformed lines skipped with a warning: they make the exit status 2. */
  skippedLines: number;
  /** Findings counted but not listed in `results` (summary / html keep only aggregates). */
  unlisted: { errors: number; warnings: number };
}

/** Lint the transcript inputs among `files`; problems go to `reportError` (exit status 2). */
export async function runTranscriptInputs(
  files: readonly string[],
  options: TranscriptCliOptions,
  resolver: ConfigResolver | undefined,
  reportError: (error: unknown) => void,
  warn: (text: string) => void,
): Promise<TranscriptRun> {
  const reportFormat = (TRANSCRIPT_OUTPUT_FORMATS as readonly string[]).includes(options.format);
  const handled = new Set<string>();
  const sources: TranscriptSource[] = [];
  let bytes = 0;
  for (const file of files) {
    let transcript: boolean;
    try {
      transcript = isTranscript(file, options);
    } catch (error) {
      handled.add(file);
      reportError(new KefuLintError('input', `无法读取（${(error as Error).message}）。`, { file }));
      continue;
    }
    if (transcript) {
      handled.add(file);
      if (!resolver) continue;
      let settings: ResolvedSettings;
      try {
        // The config applies as to any file: the nearest kefu-lint.config.* (or --config), its overrides and ignores.
        const resolved = await resolver.settingsFor(file === STDIN ? STDIN_NAME : file);
        if (resolved.ignored) continue;
        settings = resolved.settings;
      } catch (error) {
        reportError(error);
        continue;
      }
      sources.push(file === STDIN ? { name: STDIN_NAME, input: process.stdin, settings } : { name: file, input: file, settings });
      if (file !== STDIN) bytes += statSync(file).size;
    } else if (reportFormat) {
      handled.add(file);
      reportError(new KefuLintError('input', `--format ${options.format} 只统计会话记录，这个文件是逐行回复，已跳过。会话记录请用 .jsonl / .csv / .log，或加 --input-format。`, { file: file === STDIN ? STDIN_NAME : file }));
    }
  }
  if (sources.length === 0) return { handled, results: [], report: undefined, skippedLines: 0, unlisted: { errors: 0, warnings: 0 } };

  let weights: Record<string, number>;
  try {
    if (options.encoding) checkEncoding(options.encoding);
    weights = parseWeights(options.weight ?? []);
  } catch (error) {
    reportError(error);
    return { handled, results: [], report: undefined, skippedLines: 0, unlisted: { errors: 0, warnings: 0 } };
  }
  const threads = options.threads ?? workerCount();
  const progress = process.stderr.isTTY ? progressBar() : undefined;
  let report: TranscriptReport;
  let skippedLines = 0;
  try {
    report = await lintTranscripts(sources, {
      reader: { format: options.inputFormat, encoding: options.encoding, agents: list(options.agents), agentPrefixes: list(options.agentPrefix), separator: options.separator },
      scorecard: { weights },
      keepFindings: !reportFormat,
      // JSON Lines slices are read and linted on the workers, so every core lints.
      workers: bytes >= PARALLEL_BYTES && threads > 1 ? threads : 0,
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
  const results = sources.map((source) => ({ path: source.name, messages: report.findings.get(source.name) ?? [] }));
  const unlisted = reportFormat ? { errors: report.totals.errors, warnings: report.totals.warnings } : { errors: 0, warnings: 0 };
  return { handled, results: reportFormat ? [] : results, report, skippedLines, unlisted };
}

/** The text of a summary / html report, or undefined for the shared formats. */
export function renderTranscriptReport(format: string, report: TranscriptReport | undefined): string | undefined {
  if (format === 'summary') return report ? formatSummary(report) : '没有读到任何会话。\n';
  if (format === 'html') return formatHtml(report ?? emptyReport());
  return undefined;
}

function emptyReport(): TranscriptReport {
  return { files: 0, conversations: 0, messages: 0, agents: [], rules: [], worst: [], score: 100, totals: { errors: 0, warnings: 0, infos: 0 }, findings: new Map() };
}

/** Write the output to --output, or hand it back for stdout. */
export function writeOutput(text: string, output: string | undefined, reportError: (error: unknown) => void): string {
  if (!output) return text;
  try {
    writeFileSync(output, text);
  } catch (error) {
    reportError(new KefuLintError('usage', `无法写入输出文件（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）。请检查目录是否存在、是否有写权限。`, { file: output }));
  }
  return '';
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
