/**
 * The command line run in this process, as a user would run it from `cwd`:
 * arguments in; exit status, stdout and stderr out. One helper for every CLI test.
 */
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: { cwd?: string; input?: string | Buffer } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  if (options.cwd) process.chdir(options.cwd);
  try {
    const status = await main(['node', 'kefu-lint', ...args], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      stdin: Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]),
      tty: false,
    });
    return { status, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}

/** The same, with the names some tests use. */
export async function runMain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = await runCli(args);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
