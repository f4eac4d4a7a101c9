/**
 * The segmenting thread started before the command line loads (src/cli/prewarm.ts):
 * when it is started, that a pool takes it over warm, and that the command line
 * gives the same output with it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { willSegment } from '../../src/cli/prewarm.js';
import { unpackTokens, type PackedTokens } from '../../src/engine/packed.js';
import { PARALLEL_MIN_BYTES } from '../../src/workers/pool.js';
import { generateReplies } from '../../tools/bench/corpus.js';
import { runCli } from '../helpers/cli.js';

const BIN = fileURLToPath(new URL('../../bin/kefu-lint.js', import.meta.url));

let dir: string;
let large: string;
let small: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-prewarm-'));
  large = join(dir, 'replies.txt');
  small = join(dir, 'small.txt');
  writeFileSync(large, generateReplies(20_000, 5).join('\n') + '\n');
  writeFileSync(small, '这个我们做不到\n');
  writeFileSync(join(dir, 'chat.jsonl'), generateReplies(20_000, 5).join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('which command lines start the segmenting thread early', () => {
  it('a plain-text reply list over 1.5 MB on more than one thread', () => {
    expect(Buffer.byteLength(generateReplies(20_000, 5).join('\n'))).toBeGreaterThan(1.5 * PARALLEL_MIN_BYTES);
    expect(willSegment(['--threads', '2', large])).toBe(true);
    expect(willSegment(['-f', 'json', '--threads=4', small, large])).toBe(true);
  });

  it('not for small files, one thread, fixes, transcripts or a bad --threads', () => {
    expect(willSegment(['--threads', '2', small])).toBe(false);
    expect(willSegment(['--threads', '1', large])).toBe(false);
    expect(willSegment(['--threads', '2', '--fix', large])).toBe(false);
    expect(willSegment(['--threads', '2', '--fix-dry-run', large])).toBe(false);
    expect(willSegment(['--threads', '2', '--input-format', 'chatlog', large])).toBe(false);
    expect(willSegment(['--threads', '2', join(dir, 'chat.jsonl')])).toBe(false);
    expect(willSegment(['--threads', 'two', large])).toBe(false);
    expect(willSegment(['--threads', '2', join(dir, 'missing.txt')])).toBe(false);
  });
});

describe('a thread started early', { timeout: 120_000 }, () => {
  it('is taken over by the first pool that wants one, and answers its jobs', async () => {
    // Workers load the compiled code (npm test builds it first).
    const pool = (await import('../../dist/src/workers/pool.js')) as typeof import('../../src/workers/pool.js');
    pool.reserveWorker({ type: 'segment', spec: { options: {} }, texts: [] });
    expect(pool.reservedThreads()).toBe(1);
    const jobs = new pool.JobPool<unknown, PackedTokens>(1);
    expect(pool.reservedThreads()).toBe(0);
    try {
      const texts = ['您好，请稍等', '这个我们做不到'];
      const packed = await jobs.run({ type: 'segment', spec: { options: {} }, texts });
      const tokens: string[][] = [];
      unpackTokens(texts, packed, 64, (_first, lists) => lists.forEach((list) => tokens.push(list.map((t) => t.text))));
      expect(tokens.map((list) => list.join(''))).toEqual(texts);
      expect(tokens[1]).toContain('做不到');
    } finally {
      await jobs.close();
    }
  });

  it('one nobody takes is ended, and a pool then starts its own', async () => {
    const pool = (await import('../../dist/src/workers/pool.js')) as typeof import('../../src/workers/pool.js');
    pool.reserveWorker({ type: 'segment', spec: { options: {} }, texts: [] }, { youngSpaceMb: 12 });
    // A pool of other settings does not take it.
    const other = new pool.JobPool<unknown, PackedTokens>(1);
    await other.close();
    expect(pool.reservedThreads()).toBe(1);
    await pool.releaseReserved();
    expect(pool.reservedThreads()).toBe(0);
    const jobs = new pool.JobPool<unknown, PackedTokens>(1, { youngSpaceMb: 12 });
    try {
      const packed = await jobs.run({ type: 'segment', spec: { options: {} }, texts: ['好的'] });
      expect(packed).toBeDefined();
    } finally {
      await jobs.close();
    }
  });

  it('gives the command line the same output as one thread', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, '-f', 'json', '--threads', '2', large], { maxBuffer: 1 << 28 });
    const single = await runCli(['-f', 'json', '--threads', '1', large]);
    expect(stderr).toBe('');
    expect(single.stdout.length).toBeGreaterThan(100_000);
    expect(stdout).toBe(single.stdout);
  });
});
