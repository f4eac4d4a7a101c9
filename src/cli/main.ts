/**
 * The command line: `kefu-lint [paths...]` (and `kefu-lint serve`, `kefu-lint
 * playground --out DIR`, see serve.ts). Exit status 0 when there are no
 * errors, 1 when there are errors (or too many warnings), 2 when an argument or
 * an input was bad; bad inputs never stop the other inputs from being linted.
 */
import { resolve } from 'node:path';
import { CommanderError } from 'commander';
import { ConfigResolver } from '../config/resolve.js';
import { KefuLintError, isKefuLintError } from '../engine/errors.js';
import type { Linter } from '../engine/linter.js';
import type { Tokenizer } from '../engine/tokens.js';
import { expandInputs } from '../inputs/expand.js';
import type { LibraryFormat } from '../inputs/library/readers.js';
import { addTotals, countFindings, type FileFinding, type FileResult, type Totals } from '../inputs/placed.js';
import { classifyInput, INPUT_EXTENSIONS, STDIN, STDIN_NAME } from '../inputs/registry.js';
import type { TranscriptFormat } from '../inputs/transcript/messages.js';
import { createLinterSync } from '../linter.js';
import { formatters } from '../output/formatters.js';
import { jsonChunks, JsonStream } from '../output/json.js';
import { githubChunks } from '../output/github.js';
import { KeptFindings } from '../output/kept.js';
import { stylishChunks } from '../output/stylish.js';
import type { TranscriptReport } from '../transcripts/run.js';
import { runLibraries } from './libraries.js';
import type { CliIo } from './io.js';
import { runSubcommand } from './serve.js';

export type { CliIo } from './io.js';
import { checkOptions, createProgram, list, type CliOptions } from './options.js';
import { openOutput, renderTranscriptReport, runTranscripts, TRANSCRIPT_OUTPUT_FORMATS, writeOutput } from './transcripts.js';


const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Stands in for jieba while options are only being checked. */
const NO_TOKENIZER: Tokenizer = { tokenize: () => [] };

export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const command = await runSubcommand(argv.slice(2), io);
  if (command !== undefined) return command;
  const program = createProgram(io.stdout);
  try {
    program.parse(argv as string[], { from: 'node' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return 0;
    io.stderr(`kefu-lint: 命令行参数错误：${error.message.replace(/^error: /, '')}。运行 kefu-lint --help 查看用法。\n`);
    return 2;
  }
  const options = program.opts<CliOptions>();
  let inputError = false;
  const reportError = (error: unknown) => {
    inputError = true;
    io.stderr(`kefu-lint: ${isKefuLintError(error) ? error.message : `内部错误：${(error as Error).stack ?? error}`}\n`);
  };

  const checked = checkOptions(options, reportError);
  if (!checked.usable) return 2;
  const linterOptions = { preset: options.preset, rules: checked.rules };
  let linter: Linter;
  try {
    // Validate every option before reading input, without loading the tokenizer.
    linter = createLinterSync({ ...linterOptions, tokenizer: NO_TOKENIZER });
  } catch (error) {
    reportError(error);
    return 2;
  }
  if (options.listRules) {
    io.stdout(listRules(linter));
    return inputError ? 2 : 0;
  }
  const paths = program.args;
  if (paths.length === 0) {
    reportError(new KefuLintError('usage', '没有指定要检查的文件。用法：kefu-lint <文件或目录…>，或用 - 读取标准输入。'));
    return 2;
  }

  const expanded = await expandInputs(paths, INPUT_EXTENSIONS);
  expanded.errors.forEach(reportError);
  let resolver: ConfigResolver;
  try {
    const cli = { preset: program.getOptionValueSource('preset') === 'cli' ? options.preset : undefined, rules: checked.rules };
    resolver = new ConfigResolver({ configPath: options.config, cli });
  } catch (error) {
    // Without a usable --config nothing is linted: results under the wrong settings would mislead.
    reportError(error);
    return 2;
  }

  const reportOnly = (TRANSCRIPT_OUTPUT_FORMATS as readonly string[]).includes(options.format);
  const { libraries, transcripts } = classifyAll(expanded.files, options, reportOnly, reportError);

  const stdin = io.stdin ?? process.stdin;
  const threads = checked.threads;
  // --fix-dry-run shows a diff unless a report format was asked for.
  const diff = options.fixDryRun === true && program.getOptionValueSource('format') !== 'cli';
  // JSON of reply files only is written as it is made: a file of a million replies is never held whole.
  const stream = options.format === 'json' && transcripts.length === 0 && !diff && !writesAnInput(options.output, expanded.files) ? streamJson(options, io, reportError) : undefined;
  // Other per-file formats: findings wait as text in a temporary file, not as objects (millions would not fit in memory).
  const kept = !stream && !diff && (KEPT_FORMATS as readonly string[]).includes(options.format) ? new KeptFindings((m) => !options.quiet || m.severity === 'error') : undefined;
  try {
    const keptLibraries = kept ? keepingSink(kept, options.format === 'stylish' ? 'line' : 'arrival') : undefined;
    const libraryOptions = { resolver, fix: options.fix, fixDryRun: options.fixDryRun, report: !diff, encoding: options.encoding, threads, stdin, write: io.stdout, reportError, sink: stream ?? keptLibraries };
    const fixed = await runLibraries(libraries, libraryOptions);
    const transcriptOptions = { reportOnly, encoding: options.encoding, timeZone: options.timezone, agents: list(options.agents), agentPrefixes: list(options.agentPrefix), separator: options.separator, weights: checked.weights, threads, stdin, kept };
    const run = await runTranscripts(transcripts, transcriptOptions, resolver, reportError, io.stderr);
    if (run.skippedLines > 0) inputError = true;
    // Results in the order the inputs were given.
    const results: FileResult[] = expanded.files.flatMap((file) => fixed.get(file) ?? keptLibraries?.results.get(file === STDIN ? STDIN_NAME : file) ?? run.results.get(file) ?? []);
    if (stream) stream.end();
    // --fix-dry-run has printed its diff; a report after it would not parse as one.
    else if (!diff) writeReport(() => writeOutput(outputChunks(options, io, results, run.report, kept), options.output, io.stdout, reportError), reportError);
    return exitStatus(inputError, stream?.totals ?? countFindings(results, keptLibraries?.totals), run.unlisted, checked.maxWarnings, io);
  } finally {
    kept?.dispose();
  }
}

/**
 * Where a reply file's findings go when they are kept as text (see KeptFindings):
 * counted, handed to the store (in the order they came for json and github, by
 * place for stylish, which sorts them), and each file given an empty result in their stead.
 */
function keepingSink(kept: KeptFindings, order: 'line' | 'arrival') {
  const results = new Map<string, FileResult>();
  const totals: Totals = { errors: 0, warnings: 0, infos: 0, fixable: 0 };
  let current: FileResult | undefined;
  return {
    results,
    totals,
    open(path: string) {
      current = { path, messages: [] };
      kept.add(path, [], order);
    },
    add(messages: readonly FileFinding[]) {
      addTotals(totals, messages);
      kept.add(current!.path, messages, order);
    },
    close(output?: string) {
      if (output !== undefined) current!.output = output;
      results.set(current!.path, current!);
    },
  };
}

/** Write the report; a kept finding that cannot be read back (see KeptFindings) is reported, not thrown. */
function writeReport(write: () => void, reportError: (error: unknown) => void): void {
  try {
    write();
  } catch (error) {
    if (!isKefuLintError(error)) throw error;
    reportError(error);
  }
}

/** Formats whose findings are kept in a KeptFindings (SARIF keeps them in memory). */
const KEPT_FORMATS = ['json', 'stylish', 'github'] as const;

/** The output of a run that was not streamed: a transcript report, or the results in the chosen format. */
function outputChunks(options: CliOptions, io: CliIo, results: readonly FileResult[], transcripts: TranscriptReport | undefined, kept: KeptFindings | undefined): Iterable<string> {
  const report = renderTranscriptReport(options.format, transcripts);
  if (report !== undefined) return [report];
  const shown = options.quiet ? results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 'error') })) : results;
  const has = (result: FileResult) => kept?.has(result.path) === true;
  if (options.format === 'json') return jsonChunks(shown, (result) => (has(result) ? kept!.json(result.path) : undefined));
  const color = options.color !== false && (io.tty ?? process.stdout.isTTY === true);
  const findings = (result: FileResult) => (has(result) ? kept!.findings(result.path) : undefined);
  if (options.format === 'stylish') return stylishChunks(shown, { color, quiet: options.quiet }, findings);
  if (options.format === 'github') return githubChunks(shown, findings);
  return [formatters[options.format](shown, { color, quiet: options.quiet })];
}

/** Is --output one of the inputs? Then it is written only after everything has been read. */
function writesAnInput(output: string | undefined, files: readonly string[]): boolean {
  return output !== undefined && files.some((file) => file !== STDIN && resolve(file) === resolve(output));
}

/** --format json written while linting, to --output or stdout; counts what it is given (--quiet shows errors only). */
function streamJson(options: CliOptions, io: CliIo, reportError: (error: unknown) => void) {
  const output = openOutput(options.output, io.stdout, reportError);
  const json = new JsonStream(output.write);
  const totals: Totals = { errors: 0, warnings: 0, infos: 0, fixable: 0 };
  return {
    totals,
    open: (path: string) => json.open(path),
    add(messages: readonly FileFinding[]) {
      addTotals(totals, messages);
      json.add(options.quiet ? messages.filter((m) => m.severity === 'error') : messages);
    },
    close: (text?: string) => json.close(text),
    end() {
      json.end();
      output.close();
    },
  };
}

/** Which inputs are libraries and which are transcripts; a summary or HTML report takes transcripts only. */
function classifyAll(files: readonly string[], options: CliOptions, reportOnly: boolean, reportError: (error: unknown) => void) {
  const libraries: { file: string; format: LibraryFormat }[] = [];
  const transcripts: { file: string; format: TranscriptFormat }[] = [];
  for (const file of files) {
    const name = file === STDIN ? STDIN_NAME : file;
    try {
      const input = classifyInput(file, { transcriptFormat: options.inputFormat });
      if (input.kind === 'transcript') transcripts.push({ file, format: input.format });
      else if (input.kind === 'library' && reportOnly) {
        reportError(new KefuLintError('input', `--format ${options.format} 只统计会话记录，这个文件是逐行回复，已跳过。会话记录请用 .jsonl / .csv / .log，或加 --input-format。`, { file: name }));
      } else if (input.kind === 'library') libraries.push({ file, format: input.format });
    } catch (error) {
      reportError(isKefuLintError(error) ? error : new KefuLintError('input', `无法读取（${(error as Error).message}）。`, { file: name }));
    }
  }
  return { libraries, transcripts };
}

function exitStatus(inputError: boolean, totals: Totals, unlisted: { errors: number; warnings: number }, maxWarnings: number | undefined, io: CliIo): number {
  if (inputError) return 2;
  const errors = totals.errors + unlisted.errors;
  const warnings = totals.warnings + unlisted.warnings;
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`kefu-lint: 警告共 ${warnings} 条，超过 --max-warnings ${maxWarnings}。\n`);
    return 1;
  }
  return 0;
}

function listRules(linter: Linter): string {
  const width = Math.max(...linter.rules.map((rule) => rule.id.length));
  const lines = linter.rules.map((rule) => {
    const flags = [rule.fixable ? '可自动修复' : '', rule.scope === 'conversation' ? '需要会话' : ''].filter(Boolean).join('，');
    return `${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.title}${flags ? `（${flags}）` : ''}`;
  });
  return lines.join('\n') + '\n';
}
