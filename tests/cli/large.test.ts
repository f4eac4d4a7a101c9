/**
 * A reply list large enough for the worker pool: linted in batches on worker
 * threads, each batch's findings placed as it arrives. The output must be the
 * same, byte for byte, as linting it all on this thread.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { main as mainType } from '../../src/cli/main.js';
import { PARALLEL_MIN_BYTES } from '../../src/workers/pool.js';
import { generateReplies } from '../../tools/bench/corpus.js';

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-large-'));
  file = join(dir, 'replies.txt');
  const lines = generateReplies(16_000, 3);
  // A disable comment that covers a finding in the middle (batch 5), and one that covers nothing near the end.
  lines.splice(9_000, 0, '# kefu-lint-disable-next-line', '这个我们做不到');
  lines.splice(15_000, 0, '# kefu-lint-disable-next-line no-jargon', '好的，谢谢您');
  writeFileSync(file, lines.join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(main: typeof mainType, threads: number) {
  let stdout = '';
  let stderr = '';
  const status = await main(['node', 'kefu-lint', '--format', 'json', '--threads', String(threads), file], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stdin: Readable.from([]),
    tty: false,
  });
  return { status, stdout, stderr };
}

describe('a large reply list on worker threads', { timeout: 120_000 }, () => {
  it('gives the same JSON as one thread, disable comments included', async () => {
    expect(generateReplies(16_000, 3).join('\n').length * 2).toBeGreaterThanOrEqual(PARALLEL_MIN_BYTES);
    // Workers load the compiled code (npm test builds it first).
    const { main } = (await import('../../dist/src/cli/main.js')) as { main: typeof mainType };
    const threaded = await run(main, 2);
    const single = await run(main, 1);
    expect(threaded.stderr).toBe('');
    expect(threaded.status).toBe(single.status);
    expect(threaded.stdout).toBe(single.stdout);
    // Two threads (on two cores, one segments and this one runs the rules); three: the rules run on two rule threads.
    expect(await run(main, 3)).toEqual(single);

    const [result] = JSON.parse(threaded.stdout) as { messages: { ruleId: string; line: number }[] }[];
    expect(result.messages.length).toBeGreaterThan(5_000);
    const lines = result.messages.map((m) => m.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    // The covered refusal is gone; the comment that covered nothing is reported.
    expect(result.messages.filter((m) => m.line === 9_002)).toEqual([]);
    expect(result.messages.filter((m) => m.ruleId === 'unused-disable').map((m) => m.line)).toEqual([15_001]);
  });
});

describe('--format json written while linting', { timeout: 120_000 }, () => {
  it('is the same JSON the formatter makes from kept results, in batches of any size', async () => {
    const { JsonStream, formatJson } = await import('../../src/output/json.js');
    const finding = (line: number, severity: 'error' | 'warning') => ({
      ruleId: 'no-jargon', severity, reason: '「工单」是内部用语。', start: 0, end: 2, line, column: 1, endLine: line, endColumn: 3, actual: '工单', expected: ['处理申请'], url: 'https://example.invalid',
    });
    const results = [
      { path: 'a.txt', messages: Array.from({ length: 5000 }, (_, i) => finding(i + 1, 'warning')) },
      { path: 'b.txt', messages: [] },
      { path: 'c.txt', messages: [finding(1, 'error')], output: '处理申请\n' },
    ];
    let streamed = '';
    const stream = new JsonStream((chunk) => (streamed += chunk));
    for (const result of results) {
      stream.open(result.path);
      for (let at = 0; at < result.messages.length; at += 777) stream.add(result.messages.slice(at, at + 777));
      stream.close(result.output);
    }
    stream.end();
    expect(streamed).toBe(formatJson(results));
    expect(JSON.parse(streamed)).toHaveLength(3);
  });

  it('--quiet shows only errors but the exit status counts every finding; -o writes the same JSON to a file', async () => {
    const { runCli } = await import('../helpers/cli.js');
    const small = join(dir, 'small.txt');
    writeFileSync(small, '亲，已揽收\n这个我们做不到\n');
    const all = await runCli(['-f', 'json', '--max-warnings', '0', small]);
    const quiet = await runCli(['-f', 'json', '--quiet', '--max-warnings', '0', small]);
    expect((JSON.parse(all.stdout) as { messages: unknown[] }[])[0].messages.length).toBeGreaterThan(0);
    expect(JSON.parse(quiet.stdout)).toEqual([{ path: small, messages: [] }]);
    expect(all.status).toBe(1);
    expect(quiet.status).toBe(1);
    const out = join(dir, 'out.json');
    const written = await runCli(['-f', 'json', '-o', out, small]);
    expect(written.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe((await runCli(['-f', 'json', small])).stdout);
  });

  it('-o naming one of the inputs reads that input before writing it', async () => {
    const { runCli } = await import('../helpers/cli.js');
    const input = join(dir, 'self.txt');
    writeFileSync(input, '这个我们做不到\n');
    const run = await runCli(['-f', 'json', '-o', input, input]);
    expect(run.status).toBe(0);
    const [result] = JSON.parse(readFileSync(input, 'utf8')) as { messages: { ruleId: string }[] }[];
    expect(result.messages.map((m) => m.ruleId)).toContain('no-negative-phrasing');
  });
});

describe('a large plain-text reply list read a megabyte at a time', { timeout: 120_000 }, () => {
  it('gives the same findings as a whole read, on worker threads and on one', async () => {
    const plain = join(dir, 'plain.txt');
    writeFileSync(plain, generateReplies(16_000, 5).join('\r\n') + '\r\n');
    // Workers load the compiled code (npm test builds it first).
    const { runLibraries } = (await import('../../dist/src/cli/libraries.js')) as typeof import('../../src/cli/libraries.js');
    const { ConfigResolver } = (await import('../../dist/src/config/resolve.js')) as typeof import('../../src/config/resolve.js');
    const lint = async (threads: number, streamFromBytes: number) => {
      const errors: unknown[] = [];
      const results = await runLibraries([{ file: plain, format: 'text' }], { resolver: new ConfigResolver(), threads, stdin: Readable.from([]), write: () => {}, reportError: (e) => errors.push(e), streamFromBytes });
      expect(errors).toEqual([]);
      return results.get(plain)!.messages;
    };
    const whole = await lint(1, Infinity);
    expect(whole.length).toBeGreaterThan(5_000);
    expect(await lint(2, 1)).toEqual(whole);
    expect(await lint(1, 1)).toEqual(whole);
  });
});

describe('batches', { timeout: 120_000 }, () => {
  it('hold at most 2,000 replies and about a million characters; an empty list is one empty batch', async () => {
    const { batchRanges } = await import('../../src/inputs/library/batches.js');
    expect(batchRanges([])).toEqual([[0, 0]]);
    expect(batchRanges(Array.from({ length: 4500 }, () => '好的'))).toEqual([[0, 2000], [2000, 4000], [4000, 4500]]);
    const long = '这个我们做不到'.repeat(90_000);
    expect(batchRanges(['好的', long, long, '好的', '好的'])).toEqual([[0, 2], [2, 5]]);
  });

  it('a file of very long replies is linted on the threads in small batches, the same as on one thread', async () => {
    const long = join(dir, 'long.txt');
    const reply = '亲，这个我们做不到，'.repeat(12_000);
    writeFileSync(long, Array.from({ length: 6 }, (_, i) => `${i}${reply}`).join('\n') + '\n');
    const { main } = (await import('../../dist/src/cli/main.js')) as { main: typeof mainType };
    const runOn = async (threads: number) => {
      let stdout = '';
      const status = await main(['node', 'kefu-lint', '--format', 'json', '--threads', String(threads), long], { stdout: (t) => (stdout += t), stderr: () => {}, stdin: Readable.from([]), tty: false });
      return { status, stdout };
    };
    const threaded = await runOn(2);
    expect(threaded).toEqual(await runOn(1));
    expect((JSON.parse(threaded.stdout) as { messages: unknown[] }[])[0].messages.length).toBeGreaterThan(6);
  });
});
