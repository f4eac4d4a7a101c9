/**
 * Large transcripts are cut into slices and may be linted on worker threads:
 * the report must not depend on where the cuts fall or which thread linted what.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintTranscripts, type TranscriptRunOptions } from '../../src/transcripts/run.js';
import type { LineProblem } from '../../src/inputs/transcript/messages.js';
import { transcriptLines } from '../../tools/bench/transcript-corpus.js';
import { runMain } from '../helpers/cli.js';

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-slices-'));
  file = join(dir, 'live.jsonl');
  // Live chats: five conversations interleave, and every 37th line is broken.
  writeFileSync(file, [...transcriptLines(240, { interleave: 5, badEvery: 37 })].join('\r\n') + '\r\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function report(options: TranscriptRunOptions, lintTranscriptsImpl = lintTranscripts) {
  const problems: LineProblem[] = [];
  const result = await lintTranscriptsImpl([{ name: file, input: file }], {
    keepFindings: true,
    worst: 5,
    onProblem: (_file, problem) => problems.push(problem),
    ...options,
  });
  return {
    conversations: result.conversations,
    messages: result.messages,
    agents: result.agents,
    rules: result.rules,
    score: result.score,
    totals: result.totals,
    worst: result.worst.map((w) => [w.id, w.score.score, w.messages.length, w.messages[0].line]),
    findings: result.findings.get(file),
    problems,
  };
}

describe('transcripts in slices', () => {
  it('gives the same report whether the file is read whole or cut every few lines', async () => {
    const whole = await report({ sliceBytes: 1 << 30 });
    expect(whole.conversations).toBe(240);
    expect(whole.problems.length).toBeGreaterThan(20);
    expect(whole.findings!.length).toBeGreaterThan(100);
    for (const sliceBytes of [700, 4096]) {
      expect(await report({ sliceBytes })).toEqual(whole);
    }
  });

  it('splits a conversation that pauses for more than 64 others, with a warning, wherever the cuts fall', async () => {
    const paused = join(dir, 'paused.jsonl');
    const say = (conversation: string, role: string, text: string) => JSON.stringify({ conversation, role, text, agent: role === 'agent' ? '小美' : undefined });
    const lines = [say('Z', 'customer', '在吗'), say('Z', 'agent', '您好，在的')];
    for (let i = 0; i < 70; i++) lines.push(say(`O${i}`, 'customer', '发什么快递'), say(`O${i}`, 'agent', '您好，默认发顺丰哦'));
    // Z5 comes back after only 5 others: still the same conversation.
    lines.splice(12, 0, say('Z5', 'customer', '好的'));
    lines.splice(2, 0, say('Z5', 'customer', '在吗'));
    lines.push(say('Z', 'customer', '还在吗'), say('Z', 'agent', '在的，请问还有什么可以帮您'));
    writeFileSync(paused, lines.join('\n') + '\n');
    const run = async (sliceBytes: number) => {
      const problems: LineProblem[] = [];
      const result = await lintTranscripts([{ name: paused, input: paused }], { sliceBytes, keepFindings: true, onProblem: (_f, p) => problems.push(p) });
      return { conversations: result.conversations, problems, findings: result.findings.get(paused) };
    };
    const whole = await run(1 << 30);
    expect(whole.conversations).toBe(73);
    expect(whole.problems).toEqual([{ line: lines.length - 1, reason: expect.stringContaining('会话「Z」的消息不连续') }]);
    for (const sliceBytes of [200, 1000, 3000]) expect(await run(sliceBytes)).toEqual(whole);
  });

  it('gives the same report on worker threads', async () => {
    const whole = await report({ sliceBytes: 1 << 30 });
    // Workers load the compiled code (npm test builds it first).
    const built = (await import('../../dist/src/transcripts/run.js')) as { lintTranscripts: typeof lintTranscripts };
    expect(await report({ workers: 2, sliceBytes: 2048 }, built.lintTranscripts)).toEqual(whole);
    // Four threads: this one and a segmenting thread tokenize, for two rule threads.
    expect(await report({ workers: 4, sliceBytes: 2048 }, built.lintTranscripts)).toEqual(whole);
  });

  it('reads a stream the same, whatever its chunks: a byte order mark split over them, chunks sharing one buffer, on worker threads', async () => {
    const whole = await report({ sliceBytes: 1 << 30 });
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(file)]);
    // One byte at a time at first, then views into the same memory: a thread taking one chunk's memory must not take the others'.
    const chunks = (size: number) => [bytes.subarray(0, 1), bytes.subarray(1, 2), ...Array.from({ length: Math.ceil((bytes.length - 2) / size) }, (_, i) => bytes.subarray(2 + i * size, 2 + (i + 1) * size))];
    const built = (await import('../../dist/src/transcripts/run.js')) as { lintTranscripts: typeof lintTranscripts };
    for (const [sliceBytes, size, workers] of [[2048, 333, 0], [4096, 10_000, 2], [1 << 20, 1024, 2]]) {
      const problems: LineProblem[] = [];
      const impl = workers ? built.lintTranscripts : lintTranscripts;
      const result = await impl([{ name: file, input: Readable.from(chunks(size)), format: 'jsonl' }], { keepFindings: true, worst: 5, sliceBytes, workers, onProblem: (_f, p) => problems.push(p) });
      expect(result.findings.get(file), `slices of ${sliceBytes}, chunks of ${size}`).toEqual(whole.findings);
      expect(problems).toEqual(whole.problems);
      expect(result.messages).toBe(whole.messages);
    }
    // The chunks were copied where they shared memory, not moved away.
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.subarray(3, 4).toString()).toBe('{');
  });

  it('with --encoding utf-8, stops at a slice that is not UTF-8, naming the line, and keeps what came before', async () => {
    const bad = join(dir, 'bad.jsonl');
    const lines = [...transcriptLines(600)];
    // Past the first read (256 KB), where the encoding is guessed.
    const good = Buffer.from(lines.slice(0, 3000).join('\n') + '\n');
    expect(good.length).toBeGreaterThan(256 * 1024);
    writeFileSync(bad, Buffer.concat([good, Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), Buffer.from(lines.slice(3000).join('\n') + '\n')]));
    const errors: string[] = [];
    const result = await lintTranscripts([{ name: bad, input: bad }], { sliceBytes: 2048, reader: { encoding: 'utf-8' }, onFileError: (_f, error) => errors.push((error as Error).message) });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${bad}: 第 3001 行附近不是有效的 UTF-8 文本`);
    expect(result.conversations).toBeGreaterThan(0);
    expect(result.messages).toBeLessThan(3000);
  });
});

describe('config files apply to transcripts', () => {
  const run = runMain;

  it('turns rules off, adds shop phrases with their severity, and ignores files', async () => {
    const shop = join(dir, 'shop');
    const transcript = join(shop, 'chat.jsonl');
    const skipped = join(shop, 'old', 'chat.jsonl');
    const lines = [
      { conversation: 'c1', role: 'customer', text: '能便宜点吗' },
      { conversation: 'c1', role: 'agent', text: '您好，这个我们做不到，秒杀价已经最低了' },
    ].map((line) => JSON.stringify(line)).join('\n');
    mkdirSync(join(shop, 'old'), { recursive: true });
    writeFileSync(transcript, lines + '\n');
    writeFileSync(skipped, lines + '\n');

    const before = await run([transcript, '-f', 'json']);
    const ids = (out: string) => (JSON.parse(out) as { messages: { ruleId: string; severity: string }[] }[]).flatMap((f) => f.messages.map((m) => `${m.ruleId}:${m.severity}`));
    expect(ids(before.stdout)).toContain('no-negative-phrasing:warning');

    writeFileSync(
      join(shop, 'kefu-lint.config.yaml'),
      ['rules:', '  no-negative-phrasing: off', 'phrases:', '  - phrase: 秒杀价', '    rewrite: 活动价', '    severity: error', 'ignores:', '  - old/**'].join('\n') + '\n',
    );
    const after = await run([transcript, skipped, '-f', 'json']);
    expect(after.code).toBe(1);
    const found = ids(after.stdout);
    expect(found).not.toContain('no-negative-phrasing:warning');
    expect(found).toContain('shop-phrases:error');
    expect((JSON.parse(after.stdout) as { path: string }[]).map((f) => f.path)).toEqual([transcript]);
  });

  it('--threads must be a positive whole number', async () => {
    const result = await run(['examples/transcript.jsonl', '--threads', '0', '-f', 'summary']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--threads 需要一个正整数，收到「0」');
    // Nothing is linted under a bad option: the error comes at once.
    expect(result.stdout).toBe('');
    expect((await run(['examples/transcript.jsonl', '--threads', '1', '-f', 'summary'])).code).toBe(0);
  });

  it('a broken config is an error naming the file and line, exit 2', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, 'kefu-lint.config.yaml'), 'rules:\n  no-such-rule: off\n');
    writeFileSync(join(broken, 'chat.jsonl'), JSON.stringify({ conversation: 'c1', role: 'agent', text: '您好' }) + '\n');
    const result = await run([join(broken, 'chat.jsonl'), '-f', 'summary']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/kefu-lint\.config\.yaml:2/);
  });
});
