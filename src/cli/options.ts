/**
 * The command line's options, checked before any input is read: every bad value
 * is one error saying what was given and what to write instead.
 */
import { Command, Option } from 'commander';
import { builtinRules } from '../../rules/index.js';
import { KefuLintError } from '../engine/errors.js';
import { PRESETS, SEVERITY_NAMES, type Preset } from '../engine/severity.js';
import { closestName, unknownRule, unknownRuleMessage, type RuleSetting } from '../engine/settings.js';
import { TRANSCRIPT_FORMATS, type TranscriptFormat } from '../inputs/transcript/messages.js';
import { formatters } from '../output/formatters.js';
import { checkEncoding } from '../text/decode.js';
import { checkTimeZone } from '../text/time.js';
import { defaultThreads, threadCount } from '../workers/pool.js';
import { PLATFORMS, type Platform } from '../../rules/response-time.js';
import { TRANSCRIPT_OUTPUT_FORMATS } from './transcripts.js';

export interface CliOptions {
  format: string;
  rule: string[];
  preset: Preset;
  maxWarnings?: string;
  listRules?: boolean;
  quiet?: boolean;
  color?: boolean;
  config?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  inputFormat?: TranscriptFormat;
  encoding?: string;
  timezone: string;
  platform?: Platform;
  output?: string;
  agents?: string;
  agentPrefix?: string;
  separator?: string;
  threads?: string;
  weight: string[];
}

export function createProgram(write: (text: string) => void): Command {
  return new Command('kefu-lint')
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
    .option('--timezone <zone>', '会话记录里没有写时区的时间（以及秒/毫秒时间戳）按哪个时区显示，IANA 时区名', 'Asia/Shanghai')
    .option('--encoding <name>', '输入的编码：会话记录默认自动识别 UTF-8 / GBK；话术库与回复列表默认 UTF-8（带 BOM 的 UTF-16 自动识别），GBK 文件请加 --encoding gbk')
    .addOption(new Option('--platform <name>', '按平台的常用标准设置响应时限（response-time）').choices([...PLATFORMS]))
    .option('-o, --output <file>', '把结果写入文件，例如 --format html --output report.html')
    .option('--agents <names>', '聊天记录中哪些昵称是客服，用逗号分隔')
    .option('--agent-prefix <prefixes>', '聊天记录中客服昵称的前缀，用逗号分隔（默认 客服,售后,店铺,官方）')
    .option('--separator <text>', '聊天记录中分隔会话的行首标记（空行总是分隔会话）')
    .option('--threads <n>', '大输入（约 1 MB 以上的话术或会话记录）用几个线程检查；默认每个 CPU 核一个，1 表示只用主线程（内存最少）')
    .option('--weight <id=points>', '评分卡：这条规则每个问题扣的分（可重复）', collect, [])
    .helpOption('-h, --help', '显示帮助')
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: () => {} });
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** What the options come to once checked; problems go to `reportError`. */
export interface CheckedOptions {
  maxWarnings?: number;
  threads: number;
  rules: Record<string, RuleSetting>;
  weights: Record<string, number>;
  /** False when an option value was bad (reported): nothing is linted. */
  usable: boolean;
}

/**
 * Option values checked before any input is read: a bad value is reported and
 * nothing is linted (`usable` is false), so no run is done under settings the user
 * did not mean.
 */
export function checkOptions(options: CliOptions, report: (error: unknown) => void): CheckedOptions {
  let usable = true;
  const reportError = (error: unknown) => {
    usable = false;
    report(error);
  };
  let maxWarnings: number | undefined;
  if (options.maxWarnings !== undefined) {
    if (/^\d+$/.test(options.maxWarnings)) maxWarnings = Number(options.maxWarnings);
    else reportError(new KefuLintError('usage', `--max-warnings 需要一个非负整数，收到「${options.maxWarnings}」。例如 --max-warnings 0。`));
  }
  let threads = defaultThreads();
  if (options.threads !== undefined) {
    const count = threadCount(options.threads);
    if (count !== undefined) threads = count;
    else reportError(new KefuLintError('usage', `--threads 需要一个正整数，收到「${options.threads}」。例如 --threads 1 只用主线程。`));
  }
  try {
    checkTimeZone(options.timezone);
  } catch (error) {
    reportError(error);
  }
  if (options.encoding) {
    try {
      checkEncoding(options.encoding);
    } catch (error) {
      reportError(error);
    }
  }
  const rules = parseRuleFlags(options.rule, reportError);
  if (options.platform) applyPlatform(rules, options.platform);
  const weights = parseWeights(options.weight, reportError);
  return { maxWarnings, threads, rules, weights, usable };
}

export function parseRuleFlags(flags: readonly string[], reportError: (error: unknown) => void): Record<string, RuleSetting> {
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
    if (!(SEVERITY_NAMES as readonly string[]).includes(severity)) {
      reportError(new KefuLintError('usage', `--rule ${id} 的级别「${severity}」无效，可选 off、info、warn、error。`));
      continue;
    }
    rules[id] = severity as RuleSetting;
  }
  return rules;
}

/** `--platform` sets response-time's preset, keeping any severity given by --rule. */
function applyPlatform(rules: Record<string, RuleSetting>, platform: Platform): void {
  const current = rules['response-time'];
  const severity = typeof current === 'string' ? current : current?.severity;
  const options = typeof current === 'object' ? current.options : undefined;
  rules['response-time'] = { ...(severity ? { severity } : {}), options: { ...options, platform } } as RuleSetting;
}

function parseWeights(flags: readonly string[], reportError: (error: unknown) => void): Record<string, number> {
  const known = builtinRules.map((rule) => rule.id);
  const weights: Record<string, number> = {};
  for (const flag of flags) {
    const match = /^([^=]+)=(\d+(?:\.\d+)?)$/.exec(flag);
    if (!match) {
      reportError(new KefuLintError('usage', `--weight「${flag}」格式不对，应写成 规则id=扣分，例如 --weight no-jargon=3。`));
      continue;
    }
    if (!known.includes(match[1])) {
      reportError(new KefuLintError('usage', `--weight ${unknownRuleMessage(match[1], closestName(match[1], known))}`));
      continue;
    }
    weights[match[1]] = Number(match[2]);
  }
  return weights;
}

/** A comma-separated list (half- or full-width commas). */
export function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
}
