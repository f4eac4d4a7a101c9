/**
 * The command line: `kefu-lint [paths...]`. Exit status 0 when there are no
 * errors, 1 when there are errors (or too many warnings), 2 when an argument or
 * an input was bad; bad inputs never stop the other inputs from being linted.
 */
import { Command, CommanderError, Option } from 'commander';
import { createLinter, createLinterSync, PRESETS, unknownRule, type Finding, type Linter, type RuleSetting } from './linter.js';
import { builtinRules } from '../rules/index.js';
import { KefuLintError, isKefuLintError } from './errors.js';
import { expandInputs, readInput, splitReplies, STDIN, STDIN_NAME, type Reply } from './inputs.js';
import type { Tokenizer } from './tokenizer.js';
import { countFindings, placeFindings, type FileResult } from './results.js';
import { formatters } from './formatters.js';
import { lintInParallel, PARALLEL_THRESHOLD, workerCount } from './parallel.js';
import { LIBRARY_EXTENSIONS, runLibraries } from './canned/run.js';
import { ConfigResolver } from './config.js';
import { applyPlatform, PLATFORMS, renderTranscriptReport, runTranscriptInputs, TRANSCRIPT_EXTENSIONS, TRANSCRIPT_FORMATS, TRANSCRIPT_OUTPUT_FORMATS, writeOutput, type TranscriptCliOptions } from './transcripts/cli.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

interface CliOptions extends Omit<TranscriptCliOptions, 'threads'> {
  format: string;
  rule: string[];
  preset: (typeof PRESETS)[number];
  maxWarnings?: string;
  listRules?: boolean;
  quiet?: boolean;
  color?: boolean;
  config?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  threads?: string;
}

/** Stands in for jieba while options are only being checked. */
const NO_TOKENIZER: Tokenizer = { tokenize: () => [], addWords: () => {} };

const SEVERITIES = ['off', 'info', 'warn', 'warning', 'error'];

export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const program = new Command('kefu-lint')
    .description('电商客服回复质检：检查回复话术并给出改写建议')
    .argument('[paths...]', '要检查的文件、目录（查找 .txt）或通配符；- 表示标准输入')
    .addOption(new Option('-f, --format <name>', '输出格式').choices([...Object.keys(formatters), ...TRANSCRIPT_OUTPUT_FORMATS]).default('stylish'))
    .option('--rule <id=severity>', '设置规则级别：off | info | warn | error（可重复）', collect, [])
    .addOption(new Option('--preset <name>', '预设').choices([...PRESETS]).default('recommended'))
    .option('--max-warnings <n>', '警告数超过 n 时以状态 1 退出')
    .option('--list-rules', '列出全部规则')
    .option('-q, --quiet', '只报告错误')
    .option('--no-color', '不使用颜色')
    .option('-c, --config <path>', '使用这个配置文件（不再按目录查找 kefu-lint.config.* 或 package.json）')
    .option('--fix', '就地应用安全的自动修复（只改可自动修复的问题，保留文件格式）')
    .option('--fix-dry-run', '不写文件，只把 --fix 会做的修改以 unified diff 打印出来')
    .addOption(new Option('--input-format <name>', '会话记录格式（默认按扩展名或内容判断）').choices([...TRANSCRIPT_FORMATS]))
    .option('--encoding <name>', '会话记录的编码（默认自动识别 UTF-8 / GBK）')
    .addOption(new Option('--platform <name>', '按平台的常用标准设置响应时限（response-time）').choices([...PLATFORMS]))
    .option('-o, --output <file>', '把结果写入文件，例如 --format html --output report.html')
    .option('--agents <names>', '聊天记录中哪些昵称是客服，用逗号分隔')
    .option('--agent-prefix <prefixes>', '聊天记录中客服昵称的前缀，用逗号分隔（默认 客服,售后,店铺,官方）')
    .option('--separator <text>', '聊天记录中分隔会话的行首标记（空行总是分隔会话）')
    .option('--threads <n>', '大文件（2 万条以上回复、32 MB 以上会话记录）用几个线程检查；默认每个 CPU 核一个，1 表示只用主线程（内存最少）')
    .option('--weight <id=points>', '评分卡：这条规则每个问题扣的分（可重复）', collect, [])
    .helpOption('-h, --help', '显示帮助')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: () => {},
    });

  try {
    program.parse(argv as string[], { from: 'node' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      io.stderr(`kefu-lint: 命令行参数错误：${error.message.replace(/^error: /, '')}。运行 kefu-lint --help 查看用法。\n`);
      return 2;
    }
    throw error;
  }
  const options = program.opts<CliOptions>();
  const paths = program.args;
  let inputError = false;
  const reportError = (error: unknown) => {
    inputError = true;
    io.stderr(`kefu-lint: ${isKefuLintError(error) ? error.message : `内部错误：${(error as Error).stack ?? error}`}\n`);
  };

  let maxWarnings: number | undefined;
  if (options.maxWarnings !== undefined) {
    if (!/^\d+$/.test(options.maxWarnings)) {
      reportError(new KefuLintError('usage', `--max-warnings 需要一个非负整数，收到「${options.maxWarnings}」。例如 --max-warnings 0。`));
    } else {
      maxWarnings = Number(options.maxWarnings);
    }
  }
  let threads = workerCount();
  if (options.threads !== undefined) {
    if (/^[1-9]\d*$/.test(options.threads)) threads = Number(options.threads);
    else reportError(new KefuLintError('usage', `--threads 需要一个正整数，收到「${options.threads}」。例如 --threads 1 只用主线程。`));
  }
  const rules = parseRuleFlags(options.rule, reportError);
  applyPlatform(rules, options.platform);

  const linterOptions = { preset: options.preset, rules };
  let checked: Linter;
  try {
    // Validate every option before reading input, without loading the tokenizer.
    checked = createLinterSync({ ...linterOptions, tokenizer: NO_TOKENIZER });
  } catch (error) {
    reportError(error);
    return 2;
  }

  if (options.listRules) {
    io.stdout(listRules(checked));
    return inputError ? 2 : 0;
  }
  if (paths.length === 0) {
    reportError(new KefuLintError('usage', '没有指定要检查的文件。用法：kefu-lint <文件或目录…>，或用 - 读取标准输入。'));
    return 2;
  }

  const expanded = await expandInputs(paths, [...new Set([...LIBRARY_EXTENSIONS, ...TRANSCRIPT_EXTENSIONS])]);
  expanded.errors.forEach(reportError);
  const cli = { preset: program.getOptionValueSource('preset') === 'cli' ? options.preset : undefined, rules };
  let resolver: ConfigResolver | undefined;
  try {
    resolver = new ConfigResolver({ configPath: options.config, cli });
  } catch (error) {
    reportError(error);
  }
  // Without a usable --config nothing is linted: results under the wrong settings would mislead.
  const files = resolver ? expanded.files : [];
  const transcripts = await runTranscriptInputs(files, { ...options, threads }, resolver, reportError, io.stderr);
  if (transcripts.skippedLines > 0) inputError = true;
  const library = await runLibraries(files.filter((file) => !transcripts.handled.has(file)), {
    resolver,
    cli,
    fix: options.fix,
    fixDryRun: options.fixDryRun,
    write: io.stdout,
    reportError,
  });
  const inputs: { path: string; replies: Reply[] }[] = [];
  for (const file of library.rest) {
    try {
      inputs.push({ path: file === STDIN ? STDIN_NAME : file, replies: splitReplies(await readInput(file)) });
    } catch (error) {
      reportError(error);
    }
  }
  const all = inputs.flatMap((input) => input.replies);
  let findings: Finding[][];
  if (all.length >= PARALLEL_THRESHOLD && threads > 1) {
    findings = await lintInParallel(all, linterOptions, { standalone: true }, threads);
  } else {
    const linter = all.length > 0 ? await createLinter(linterOptions) : checked;
    findings = linter.lintMany(all.map((reply) => reply.text), { standalone: true });
  }
  let index = 0;
  const results: FileResult[] = library.results.concat(inputs.map((input) => ({
    path: input.path,
    messages: input.replies.flatMap((reply) => placeFindings(reply, findings[index++])),
  }))).concat(transcripts.results);

  const shown = options.quiet
    ? results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 'error') }))
    : results;
  // --fix-dry-run has printed its diff; a report after it would not parse as one.
  if (!options.fixDryRun) {
    const text = renderTranscriptReport(options.format, transcripts.report) ?? formatters[options.format](shown, { color: options.color !== false && process.stdout.isTTY === true, quiet: options.quiet });
    io.stdout(writeOutput(text, options.output, reportError));
  }

  if (inputError) return 2;
  const totals = countFindings(results);
  totals.errors += transcripts.unlisted.errors;
  totals.warnings += transcripts.unlisted.warnings;
  if (totals.errors > 0) return 1;
  if (maxWarnings !== undefined && totals.warnings > maxWarnings) {
    io.stderr(`kefu-lint: 警告共 ${totals.warnings} 条，超过 --max-warnings ${maxWarnings}。\n`);
    return 1;
  }
  return 0;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseRuleFlags(flags: readonly string[], reportError: (error: unknown) => void): Record<string, RuleSetting> {
  const known = builtinRules.map((rule) => rule.id);
  const rules: Record<string, RuleSetting> = {};
  for (const flag of flags) {
    const match = /^([^=]+)=(.*)$/.exec(flag);
    if (!match) {
      reportError(new KefuLintError('usage', `--rule「${flag}」格式不对，应写成 规则id=级别，例如 --rule no-jargon=off。`));
      continue;
    }
    const [, id, severity] = match;
    if (!known.includes(id)) {
      reportError(unknownRule(id, known));
      continue;
    }
    if (!SEVERITIES.includes(severity)) {
      reportError(new KefuLintError('usage', `--rule ${id} 的级别「${severity}」无效，可选 off、info、warn、error。`));
      continue;
    }
    rules[id] = severity as RuleSetting;
  }
  return rules;
}

function listRules(linter: Linter): string {
  const width = Math.max(...linter.rules.map((rule) => rule.id.length));
  const lines = linter.rules.map((rule) => {
    const flags = [rule.fixable ? '可自动修复' : '', rule.scope === 'conversation' ? '需要会话' : ''].filter(Boolean).join('，');
    return `${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.title}${flags ? `（${flags}）` : ''}`;
  });
  return lines.join('\n') + '\n';
}
