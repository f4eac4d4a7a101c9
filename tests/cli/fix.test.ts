import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { builtinRules, defineRule } from '../../src/index.js';
import { runLibraries as runLibraryFiles } from '../../src/cli/libraries.js';
import { ConfigResolver, type CliSettings } from '../../src/config/resolve.js';
import { fixUntilStable as fixText } from '../../src/engine/fix.js';
import type { LinterOptions } from '../../src/engine/linter.js';
import { fixDiff } from '../../src/output/diff.js';
import { writeFileAtomic } from '../../src/text/write.js';
import type { FileFinding } from '../../src/inputs/placed.js';
import { runCli } from '../helpers/cli.js';

/** Stands in for a fixable rule: every 你 should be 您 (你们 → 您们 is not wanted, so only 你 before 的/好). */
const honorific = defineRule({
  id: 'test-honorific',
  meta: { title: '称呼用您', description: '用“您”称呼顾客。', scope: 'reply', severity: 'warning', fixable: true, hasSuggestions: false, docs: '' },
  options: z.strictObject({}),
  create: () => (reply) => {
    for (const match of reply.text.matchAll(/你(?=的|好|只需|们)/g)) {
      reply.report({ start: match.index, end: match.index + 1, fix: { range: [match.index, match.index + 1], text: '您' } });
    }
  },
});

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-fix-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('fixText', () => {
  const lintText = (text: string): FileFinding[] =>
    [...text.matchAll(/！！+/g)].map((m) => ({
      ruleId: 'shout', severity: 'warning', reason: '', line: 1, column: m.index + 1, endLine: 1, endColumn: m.index + m[0].length + 1,
      actual: m[0], expected: [], url: '', fix: { range: [m.index, m.index + m[0].length] as [number, number], text: '！' },
    }));

  it('applies fixes until none is left and is idempotent', () => {
    const first = fixText('好的！！！稍等！！', lintText);
    expect(first).toMatchObject({ output: '好的！稍等！', changed: true, applied: 2, findings: [] });
    expect(fixText(first.output, lintText)).toMatchObject({ output: '好的！稍等！', changed: false, applied: 0 });
  });

  it('never applies overlapping fixes together', () => {
    const overlapping = (text: string): FileFinding[] =>
      text.includes('ABC')
        ? [
            { ruleId: 'a', severity: 'warning', reason: '', line: 1, column: 1, endLine: 1, endColumn: 3, actual: 'AB', expected: [], url: '', fix: { range: [0, 2], text: 'x' } },
            { ruleId: 'b', severity: 'warning', reason: '', line: 1, column: 2, endLine: 1, endColumn: 4, actual: 'BC', expected: [], url: '', fix: { range: [1, 3], text: 'y' } },
          ]
        : [];
    expect(fixText('ABC', overlapping).output).toBe('xC');
  });

  it('shows the change as a unified diff', () => {
    const diff = fixDiff('r.yaml', '- 你好\n- 您好\n', '- 您好\n- 您好\n');
    expect(diff).toContain('--- a/r.yaml');
    expect(diff).toContain('+++ b/r.yaml');
    expect(diff.startsWith('--- a/r.yaml\n')).toBe(true);
    expect(diff).toContain('\n-- 你好\n');
    expect(diff).toContain('\n+- 您好\n');
    expect(fixDiff('r.yaml', 'same', 'same')).toBe('');
  });
});

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temporary file', () => {
    const dir = tempDir();
    const file = join(dir, 'r.yaml');
    writeFileSync(file, 'old\n');
    writeFileAtomic(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['r.yaml']);
  });

  it('keeps the original intact when the rename or the write fails', () => {
    const dir = tempDir();
    const file = join(dir, 'r.yaml');
    writeFileSync(file, 'original\n');
    const failing = (code: string) => () => {
      throw Object.assign(new Error(code), { code });
    };
    expect(() => writeFileAtomic(file, 'new\n', { renameSync: failing('EXDEV') })).toThrow(/r\.yaml: 无法写回修复结果（EXDEV），原文件保持不变/);
    expect(() => writeFileAtomic(file, 'new\n', { writeSync: failing('ENOSPC') })).toThrow(/ENOSPC/);
    expect(readFileSync(file, 'utf8')).toBe('original\n');
    expect(readdirSync(dir)).toEqual(['r.yaml']);
  });
});

/** The library path of the command line on YAML files, with extra plugin rules. */
async function runLibraries(files: string[], options: { cli: CliSettings; linterOptions: Partial<LinterOptions>; write: (text: string) => void; reportError: (error: unknown) => void; fix?: boolean; fixDryRun?: boolean }) {
  const resolver = new ConfigResolver({ cli: options.cli, linterOptions: options.linterOptions });
  const results = await runLibraryFiles(files.map((file) => ({ file, format: 'yaml' as const })), { ...options, resolver, threads: 1, stdin: process.stdin });
  return { results: [...results.values()] };
}

describe('--fix on a YAML library', () => {
  const quiet = Object.fromEntries(builtinRules.map((rule) => [rule.id, 'off' as const]));

  it('fixes in place keeping comments, quoting, order and indentation; a second run changes nothing', async () => {
    const dir = tempDir();
    cpSync('examples/canned', dir, { recursive: true });
    const file = join(dir, 'replies.yaml');
    const before = readFileSync(file, 'utf8');
    const errors: unknown[] = [];
    const run = (extra: { fix?: boolean; fixDryRun?: boolean }, write: (text: string) => void = () => {}) =>
      runLibraries([file], { cli: {}, write, reportError: (e) => errors.push(e), linterOptions: { plugins: [honorific] }, ...extra });

    let diff = '';
    const dry = await run({ fixDryRun: true }, (text) => (diff += text));
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(diff).toContain('-  - text: 你的订单已经发货');
    expect(diff).toContain('+  - text: 您的订单已经发货');
    expect(dry.results[0].messages.some((m) => m.ruleId === 'test-honorific')).toBe(false);

    const first = await run({ fix: true });
    const after = readFileSync(file, 'utf8');
    // Only the three 你 changed; every other byte (comments, quotes, block scalar) is as it was.
    expect(after).toBe(before.replace('你的订单已经', '您的订单已经').replace('你们的退款', '您们的退款').replace('你只需', '您只需'));
    expect(after).toContain('# kefu-lint-disable-next-line no-jargon');
    expect(after).toContain('  - text: "不好意思，您们的退款申请');
    expect(first.results[0].messages.filter((m) => m.fix)).toEqual([]);
    // Remaining findings are the ones no fix can settle (suggestions only).
    expect(first.results[0].messages.map((m) => m.ruleId)).toContain('no-negative-phrasing');

    const second = await run({ fix: true });
    expect(readFileSync(file, 'utf8')).toBe(after);
    expect(second.results[0].messages.filter((m) => m.ruleId === 'test-honorific')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('leaves escaped text and disabled lines alone', async () => {
    const dir = tempDir();
    const file = join(dir, 'r.yaml');
    const text = '- "\\u4f60好"\n# kefu-lint-disable-next-line test-honorific\n- 你好\n- 你好\n';
    writeFileSync(file, text);
    const result = await runLibraries([file], { cli: { rules: quiet }, fix: true, write: () => {}, reportError: (e) => { throw e; }, linterOptions: { plugins: [honorific] } });
    expect(readFileSync(file, 'utf8')).toBe('- "\\u4f60好"\n# kefu-lint-disable-next-line test-honorific\n- 你好\n- 您好\n');
    expect(result.results[0].messages.map((m) => [m.ruleId, m.line])).toEqual([['test-honorific', 1]]);
  });
});

const hasPreferHonorific = builtinRules.some((rule) => rule.id === 'prefer-honorific');

describe.runIf(hasPreferHonorific)('kefu-lint --fix (command line)', () => {
  it('fixes the example library, and the second run finds nothing fixable', async () => {
    const dir = tempDir();
    cpSync('examples/canned', dir, { recursive: true });
    const file = join(dir, 'replies.yaml');
    const cli = (...args: string[]) => runCli(args);
    const dry = await cli('--fix-dry-run', file);
    expect(dry.stdout).toContain('+  - text: 您的订单已经发货');
    const first = await cli('--fix', '--format', 'json', file);
    expect(readFileSync(file, 'utf8')).toContain('您的订单已经发货');
    const second = await cli('--format', 'json', file);
    const messages = (JSON.parse(second.stdout) as { messages: { fix?: unknown }[] }[])[0].messages;
    expect(messages.filter((m) => m.fix)).toEqual([]);
    expect(first.status).toBe(second.status);
    expect(existsSync(file)).toBe(true);
  }, 60_000);
});
