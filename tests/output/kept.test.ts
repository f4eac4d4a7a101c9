/**
 * Transcript findings for --format json, stylish and github wait as JSON text in a temporary file:
 * whatever order they come in, the output must be the one the report gives (each
 * file's findings by line, column and message, equal ones in the order they came),
 * with or without a usable temporary directory, and no file may be left behind.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KefuLintError } from '../../src/engine/errors.js';
import type { FileFinding } from '../../src/inputs/placed.js';
import { formatGithub, githubChunks } from '../../src/output/github.js';
import { formatJson, jsonChunks } from '../../src/output/json.js';
import { formatStylish, stylishChunks } from '../../src/output/stylish.js';
import { KeptFindings } from '../../src/output/kept.js';
import { seededRandom } from '../../tools/random.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const savedTmp = process.env.TMPDIR;
afterEach(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
});

/** Findings on a few lines, columns and messages, so many keys repeat (their order must hold). */
function findings(count: number, seed: number): FileFinding[] {
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  return Array.from({ length: count }, (_, i) => {
    const line = 1 + pick(40);
    const column = 1 + pick(3);
    return {
      ruleId: pick(2) ? 'no-slang' : 'prefer-honorific',
      severity: pick(3) ? 'warning' : 'error',
      reason: `第 ${i} 条：“引号”与\\反斜杠\n${'长'.repeat(pick(50))}`,
      start: column - 1,
      end: column + 1,
      line,
      column,
      endLine: line,
      endColumn: column + 2,
      actual: '亲亲',
      expected: ['您', `第${i}`],
      url: 'https://example.com',
      conversation: `C${line % 7}`,
      messageIndex: pick(2),
    } satisfies FileFinding;
  });
}

/** What the report did: all of a file's findings kept, then sorted (stably) by line, column, message. */
function sortedAsReport(list: readonly FileFinding[]): FileFinding[] {
  return [...list].sort((a, b) => a.line - b.line || a.column - b.column || (a.messageIndex ?? 0) - (b.messageIndex ?? 0));
}

function keptOutput(files: Record<string, FileFinding[]>, keep?: (finding: FileFinding) => boolean): string {
  const kept = new KeptFindings(keep);
  try {
    // In batches, interleaving the files, as conversations finish.
    const batches = Object.entries(files).flatMap(([file, list]) => Array.from({ length: Math.ceil(list.length / 37) }, (_, i) => [file, list.slice(i * 37, i * 37 + 37)] as const));
    batches.sort((a, b) => (a[1][0].line * 7 + a[0].length) % 11 - (b[1][0].line * 7 + b[0].length) % 11);
    const order = new Map<string, FileFinding[]>();
    for (const [file, batch] of batches) {
      kept.add(file, batch);
      order.set(file, [...(order.get(file) ?? []), ...batch]);
    }
    const text = [...jsonChunks([{ path: 'replies.txt', messages: findings(3, 9) }, ...Object.keys(files).map((path) => ({ path, messages: [] }))], (r) => kept.json(r.path))].join('');
    const expected = formatJson([{ path: 'replies.txt', messages: findings(3, 9) }, ...Object.keys(files).map((path) => ({ path, messages: sortedAsReport((order.get(path) ?? []).filter(keep ?? (() => true))) }))]);
    // The files' own order is the results' order, not the order their findings came in.
    expect(JSON.parse(text).map((r: { path: string }) => r.path)).toEqual(['replies.txt', ...Object.keys(files)]);
    let at = 0;
    while (at < text.length && text[at] === expected[at]) at++;
    return text === expected ? 'same' : `differs at ${at}:\n${text.slice(at - 200, at + 300)}\n${expected.slice(at - 200, at + 300)}`;
  } finally {
    kept.dispose();
  }
}

describe('transcript findings kept as JSON', () => {
  it('writes each file’s findings in line, column and message order, equal keys in the order they came', () => {
    const files = { 'a.jsonl': findings(1500, 1), 'b.jsonl': findings(400, 2), 'empty.jsonl': [] as FileFinding[] };
    expect(keptOutput(files)).toBe('same');
    expect(keptOutput(files, (f) => f.severity === 'error')).toBe('same');
  });

  it('stylish and github: the same text as from findings in memory, rows at one place sorted by level, rule and reason, in pieces', () => {
    // Several findings at each place (line and column), with different levels and rules: the
    // stylish order sorts them, the report order (and github) keeps the order they came in.
    const list = findings(3000, 8).map((f, i) => ({ ...f, reason: `${f.reason}${'理由'.repeat(i % 5 === 0 ? 200 : 1)}` }));
    const other = findings(5, 10);
    const kept = new KeptFindings();
    try {
      // Added in batches from the end, as conversations might finish.
      const arrival: FileFinding[] = [];
      for (let end = list.length; end > 0; end -= 100) {
        kept.add('t.jsonl', list.slice(end - 100, end));
        arrival.push(...list.slice(end - 100, end));
      }
      const inMemory = [{ path: 'r.txt', messages: other }, { path: 't.jsonl', messages: sortedAsReport(arrival) }];
      const results = [{ path: 'r.txt', messages: other }, { path: 't.jsonl', messages: [] as FileFinding[] }];
      const source = (r: { path: string }) => (kept.has(r.path) ? kept.findings(r.path) : undefined);
      for (const options of [{ color: false }, { color: true }, { color: false, quiet: true }]) {
        const pieces = [...stylishChunks(results, options, source)];
        expect(pieces.length).toBeGreaterThan(1);
        expect(pieces.join('')).toBe(formatStylish(inMemory, options));
      }
      expect([...githubChunks(results, source)].join('')).toBe(formatGithub(inMemory));
    } finally {
      kept.dispose();
    }
  });

  it('keeps a finding longer than a block of the temporary file whole', () => {
    const [big, ...rest] = findings(5, 3);
    const huge = { ...big, reason: '很长的原因'.repeat(300_000) };
    expect(keptOutput({ 'a.jsonl': [...rest, huge, ...findings(5, 4)] })).toBe('same');
  });

  it('keeps the text in memory when no temporary directory can be made, with the same output', () => {
    const dir = tempDir('kefu-kept-');
    writeFileSync(join(dir, 'file'), '');
    process.env.TMPDIR = join(dir, 'file'); // a file, not a directory: mkdtemp under it fails
    expect(keptOutput({ 'a.jsonl': findings(800, 5), 'b.jsonl': findings(10, 6) })).toBe('same');
  });

  // /dev/full takes no bytes (ENOSPC), as a full disk would.
  it.skipIf(!existsSync('/dev/full'))('a temporary file that cannot be written is a clear error: where, what happened, what to do', () => {
    const kept = new KeptFindings(undefined, '/dev/full');
    try {
      const many = findings(3000, 11).map((f) => ({ ...f, reason: '原因'.repeat(200) }));
      let error: unknown;
      try {
        kept.add('a.jsonl', many);
        [...kept.json('a.jsonl')];
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(KefuLintError);
      expect((error as KefuLintError).message).toMatch(/^\/dev\/full: 无法写入存放逐条问题的临时文件（ENOSPC）。请确认临时目录有足够的空间且可写（可用环境变量 TMPDIR/);
    } finally {
      kept.dispose();
    }
  });

  it('leaves no temporary file behind, even while it is in use (a run killed half way leaves nothing)', () => {
    const dir = tempDir('kefu-kept-');
    process.env.TMPDIR = dir;
    const kept = new KeptFindings();
    kept.add('a.jsonl', findings(5000, 7));
    // The file is open but has no name any more: its findings are still read back.
    expect(readdirSync(dir)).toEqual([]);
    expect([...kept.findings('a.jsonl')]).toHaveLength(5000);
    kept.dispose();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the command line: a transcript’s findings come out by line when its conversations interleave; --quiet keeps errors; nothing is left in the temporary directory', async () => {
    const dir = tempDir('kefu-kept-');
    const turns = (id: string, agent: string) => [
      { conversation: id, role: 'customer', text: '我的快递到哪了' },
      { conversation: id, role: 'agent', agent, text: '亲亲，这个我们做不到，你等等吧' },
      { conversation: id, role: 'customer', text: '什么时候能到' },
      { conversation: id, role: 'agent', agent, text: '不知道' },
    ];
    const a = turns('A', '小王');
    const b = turns('B', '小李');
    // A's and B's lines alternate, and B closes first (its last line comes before A's).
    const lines = [a[0], b[0], a[1], b[1], a[2], b[2], b[3], a[3]];
    writeFileSync(join(dir, 'chat.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    writeFileSync(join(dir, 'replies.txt'), '这个不行\n');
    const work = tempDir('kefu-kept-tmp-');
    process.env.TMPDIR = work;
    const run = await runCli(['-f', 'json', 'replies.txt', 'chat.jsonl', '--preset', 'strict'], { cwd: dir });
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as { path: string; messages: { line: number; column: number; severity: string; conversation?: string }[] }[];
    expect(results.map((r) => r.path)).toEqual(['replies.txt', 'chat.jsonl']);
    const found = results[1].messages;
    expect(found.length).toBeGreaterThan(3);
    expect(new Set(found.map((m) => m.conversation))).toEqual(new Set(['A', 'B']));
    expect(found.map((m) => [m.line, m.column])).toEqual(found.map((m) => [m.line, m.column]).sort((x, y) => x[0] - y[0] || x[1] - y[1]));
    expect(found[0].line).toBe(3);
    const quiet = await runCli(['-f', 'json', 'chat.jsonl', '--preset', 'strict', '--quiet'], { cwd: dir });
    expect(quiet.status).toBe(1);
    const errors = (JSON.parse(quiet.stdout) as typeof results)[0].messages;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors).toEqual(found.filter((m) => m.severity === 'error'));
    // The default format and github: one row / annotation per finding, in line order.
    const stylish = await runCli(['chat.jsonl', '--preset', 'strict', '--no-color'], { cwd: dir });
    expect(stylish.status).toBe(1);
    const rows = stylish.stdout.split('\n').filter((line) => /^\d+:\d+-/.test(line));
    expect(rows.map((row) => Number(row.split(':')[0]))).toEqual(found.map((m) => m.line));
    expect(stylish.stdout).toContain(`${found.length} errors`);
    // A reply file and a transcript in one run: files by path, every finding counted once.
    const both = await runCli(['replies.txt', 'chat.jsonl', '--preset', 'strict', '--no-color'], { cwd: dir });
    const headers = both.stdout.split('\n').filter((line) => /^[a-z.]+$/.test(line));
    expect(headers).toEqual(['chat.jsonl', 'replies.txt']);
    expect(both.stdout).toContain(`${results[0].messages.length + found.length} errors`);
    const github = await runCli(['chat.jsonl', '--preset', 'strict', '-f', 'github'], { cwd: dir });
    expect(github.stdout.trim().split('\n').map((line) => Number(/line=(\d+)/.exec(line)![1]))).toEqual(found.map((m) => m.line));
    expect(readdirSync(work)).toEqual([]);
  });
});
