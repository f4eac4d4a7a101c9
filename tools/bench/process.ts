/** A child node process timed from start to exit, with its peak resident memory and CPU time (all threads). */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The command line, and the floor it is measured against (a process that only cuts the text with jieba). */
export const BIN = fileURLToPath(new URL('../../../bin/kefu-lint.js', import.meta.url));
export const TOKENIZE_ONLY = fileURLToPath(new URL('./tokenize-only.js', import.meta.url));

export interface Measured {
  seconds: number;
  status: number | null;
  peakMB: number;
  /** CPU time, user and system, of all its threads. */
  cpuSeconds: number;
  /** The first line of its standard error. */
  stderr: string;
}

export function runMeasured(args: readonly string[], options: { stdin?: string; stdout?: string } = {}): Measured {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-measure-'));
  const probe = join(dir, 'probe.cjs');
  writeFileSync(probe, "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nKEFU_USAGE ' + u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });\n");
  const stdin = options.stdin ? openSync(options.stdin, 'r') : 'ignore';
  const stdout = options.stdout ? openSync(options.stdout, 'w') : 'ignore';
  try {
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--require', probe, ...args], { stdio: [stdin, stdout, 'pipe'], encoding: 'utf8', timeout: 1_800_000, maxBuffer: 64 * 1024 * 1024 });
    const seconds = (performance.now() - started) / 1000;
    const usage = /KEFU_USAGE (\d+) (\d+)/.exec(child.stderr ?? '');
    const stderr = (child.stderr ?? '').replace(/\n?KEFU_USAGE \d+ \d+\n?/, '').trim().split('\n')[0] ?? '';
    return { seconds, status: child.status, peakMB: usage ? Math.round(Number(usage[1]) / 1024) : NaN, cpuSeconds: usage ? Number(usage[2]) / 1e6 : NaN, stderr };
  } finally {
    if (typeof stdin === 'number') closeSync(stdin);
    if (typeof stdout === 'number') closeSync(stdout);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The ratio of two processes run in the same round, round by round: its median and range. */
export function perRound(runs: readonly Measured[], floors: readonly Measured[]): string {
  if (runs.length < 2) return 'one round';
  const { median, low, high } = medianRound(runs.map((run, i) => run.seconds / floors[i].seconds));
  return `round by round ${low.toFixed(2)}–${high.toFixed(2)}×, median ${median.toFixed(2)}×`;
}

/** Per-round ratios: the median one (and which round gave it), the lowest and the highest. */
export function medianRound(ratios: readonly number[]): { median: number; index: number; low: number; high: number } {
  const order = ratios.map((_, i) => i).sort((a, b) => ratios[a] - ratios[b]);
  const index = order[order.length >> 1];
  return { median: ratios[index], index, low: ratios[order[0]], high: ratios[order[order.length - 1]] };
}

export interface Summary {
  seconds: number;
  slowest: number;
  peakMB: number;
  status: number | null;
  /** CPU time of the fastest run. */
  cpuSeconds: number;
  /** The least CPU time of any run (the one a busy machine slowed least). */
  leastCpuSeconds: number;
}

/** Several runs of one process: the fastest time, the slowest, the highest peak, and a failing exit status if any. */
export function summarize(runs: readonly Measured[]): Summary {
  const seconds = runs.map((run) => run.seconds);
  const fastest = runs[seconds.indexOf(Math.min(...seconds))];
  return {
    seconds: fastest.seconds,
    cpuSeconds: fastest.cpuSeconds,
    leastCpuSeconds: Math.min(...runs.map((run) => run.cpuSeconds)),
    slowest: Math.max(...seconds),
    peakMB: Math.max(...runs.map((run) => run.peakMB)),
    status: runs.find((run) => run.status !== 0)?.status ?? runs[0].status,
  };
}
