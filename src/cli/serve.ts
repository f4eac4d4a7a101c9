/**
 * The two commands beside linting files: `kefu-lint serve` (the HTTP API and the
 * playground) and `kefu-lint playground --out DIR` (the playground as a static
 * site). Bad option values are reported and exit 2, as for the main command.
 */
import cluster from 'node:cluster';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigResolver } from '../config/resolve.js';
import { toLinterOptions } from '../config/shop-phrases.js';
import { createLinterSync } from '../linter.js';
import { KefuLintError, isKefuLintError } from '../engine/errors.js';
import { PRESETS, type Preset } from '../engine/severity.js';
import { writeStaticPlayground } from '../playground/write.js';
import { DEFAULT_MAX_BODY, DEFAULT_REQUEST_TIMEOUT, serve } from '../server/serve.js';
import type { CliIo } from './io.js';
import { collect, parseRuleFlags } from './options.js';

export const SUBCOMMANDS = ['serve', 'playground'] as const;

function wholeNumber(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new KefuLintError('usage', `${name} 需要 ${min}–${max} 之间的整数，收到「${value}」。`);
  }
  return Number(value);
}

function parse(program: Command, argv: readonly string[], io: CliIo): boolean {
  program.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: () => {} });
  try {
    program.parse(argv as string[], { from: 'user' });
    return true;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode !== 0) io.stderr(`kefu-lint: 命令行参数错误：${error.message.replace(/^error: /, '')}。运行 kefu-lint ${program.name()} --help 查看用法。\n`);
    throw Object.assign(new Error('handled'), { exitCode: error.exitCode === 0 ? 0 : 2 });
  }
}

async function runServe(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('serve')
    .description('以 HTTP 服务提供检查（POST /v1/lint、/v1/fix、/v1/conversation，GET /v1/rules、/healthz），并在 / 提供试用页面')
    .option('--host <host>', '监听的地址', '127.0.0.1')
    .option('--port <port>', '监听的端口（0 表示任选一个空闲端口）', '8080')
    .option('--config <path>', '配置文件（默认从当前目录向上查找）')
    .addOption(new Option('--preset <name>', '预设').choices([...PRESETS]))
    .option('--rule <id=severity>', '设置规则级别（可重复）', collect, [])
    .option('--max-body <bytes>', '请求体上限（字节）', String(DEFAULT_MAX_BODY))
    .option('--timeout <ms>', '单个请求（含请求体）必须在多少毫秒内收完', String(DEFAULT_REQUEST_TIMEOUT))
    .option('--workers <n>', '用几个进程处理请求（每个进程约 100 MB；默认 1）', '1');
  parse(program, argv, io);
  const options = program.opts<{ host: string; port: string; config?: string; preset?: Preset; rule: string[]; maxBody: string; timeout: string; workers: string }>();
  const errors: unknown[] = [];
  const rules = parseRuleFlags(options.rule, (error) => errors.push(error));
  if (errors.length > 0) throw errors[0];
  const port = wholeNumber('--port', options.port, 0, 65535);
  const maxBodyBytes = wholeNumber('--max-body', options.maxBody, 256, 64 * 1024 * 1024);
  const requestTimeoutMs = wholeNumber('--timeout', options.timeout, 100, 600_000);
  const workers = wholeNumber('--workers', options.workers, 1, 64);
  const resolver = new ConfigResolver({ configPath: options.config, cli: { preset: options.preset, rules } });
  const { settings } = await resolver.settingsFor(join(process.cwd(), 'reply.txt'));
  // Check the settings now: a bad config fails at start, not on the first request. The
  // process that only starts the workers checks them without loading jieba.
  if (workers === 1 || !cluster.isPrimary) resolver.linterForSettings(settings);
  else createLinterSync({ ...toLinterOptions(settings), tokenizer: { tokenize: () => [] } });
  const server = await serve({ host: options.host, port, settings, maxBodyBytes, requestTimeoutMs, workers }, (line) => io.stderr(`${line}\n`));
  if (!server) return 0;
  return new Promise((resolve) => server.once('close', () => resolve(0)));
}

function runPlayground(argv: readonly string[], io: CliIo): number {
  const program = new Command('playground')
    .description('把试用页面写成静态网站（浏览器版本内嵌在页面中，完全在浏览器里运行）')
    .requiredOption('--out <dir>', '写到哪个目录');
  parse(program, argv, io);
  const page = writeStaticPlayground(program.opts<{ out: string }>().out);
  io.stderr(`已写出试用页面：${page}（直接用浏览器打开，或放到任意静态网站上）\n`);
  return 0;
}

/** Run `serve` or `playground`; undefined when the arguments are not one of them. */
export async function runSubcommand(argv: readonly string[], io: CliIo): Promise<number | undefined> {
  const [name, ...rest] = argv;
  if (!(SUBCOMMANDS as readonly string[]).includes(name)) return undefined;
  try {
    return name === 'serve' ? await runServe(rest, io) : runPlayground(rest, io);
  } catch (error) {
    const exitCode = (error as { exitCode?: number }).exitCode;
    if (exitCode !== undefined) return exitCode;
    io.stderr(`kefu-lint: ${isKefuLintError(error) ? error.message : `${(error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? '端口已被占用，请用 --port 换一个端口。' : `内部错误：${(error as Error).stack ?? error}`}`}\n`);
    return 2;
  }
}
