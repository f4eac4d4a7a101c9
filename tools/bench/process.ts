/** A child node process timed from start to exit, with its peak resident memory (all threads). */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  seconds: number;
  status: number | null;
  peakMB: number;
  /** The first line of its standard error. */
  stderr: string;
}

export function runMeasured(args: readonly string[], options: { stdin?: string; stdout?: string } = {}): Measured {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-measure-'));
  const probe = join(dir, 'probe.cjs');
  writeFileSync(probe, "process.on('exit', () => process.stderr.write('\\nKEFU_MAXRSS ' + process.resourceUsage().maxRSS + '\\n'));\n");
  const stdin = options.stdin ? openSync(options.stdin, 'r') : 'ignore';
  const stdout = options.stdout ? openSync(options.stdout, 'w') : 'ignore';
  try {
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--require', probe, ...args], { stdio: [stdin, stdout, 'pipe'], encoding: 'utf8', timeout: 1_800_000, maxBuffer: 64 * 1024 * 1024 });
    const seconds = (performance.now() - started) / 1000;
    const rss = /KEFU_MAXRSS (\d+)/.exec(child.stderr ?? '');
    const stderr = (child.stderr ?? '').replace(/\n?KEFU_MAXRSS \d+\n?/, '').trim().split('\n')[0] ?? '';
    return { seconds, status: child.status, peakMB: rss ? Math.round(Number(rss[1]) / 1024) : NaN, stderr };
  } finally {
    if (typeof stdin === 'number') closeSync(stdin);
    if (typeof stdout === 'number') closeSync(stdout);
    rmSync(dir, { recursive: true, force: true });
  }
}
