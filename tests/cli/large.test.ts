/**
 * A reply list large enough for the worker pool: linted in batches on worker
 * threads, each batch's findings placed as it arrives. The output must be the
 * same, byte for byte, as linting it all on this thread.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

    const [result] = JSON.parse(threaded.stdout) as { messages: { ruleId: string; line: number }[] }[];
    expect(result.messages.length).toBeGreaterThan(5_000);
    const lines = result.messages.map((m) => m.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    // The covered refusal is gone; the comment that covered nothing is reported.
    expect(result.messages.filter((m) => m.line === 9_002)).toEqual([]);
    expect(result.messages.filter((m) => m.ruleId === 'unused-disable').map((m) => m.line)).toEqual([15_001]);
  });
});
