import { describe, expect, it, beforeAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-cli-'));
  writeFileSync(join(dir, 'good.txt'), '您好，很高兴为您服务，请问有什么可以帮到您？\n');
  writeFileSync(join(dir, 'bad.txt'), '您好，请问有什么可以帮您？\r\n\r\n亲，这个我们做不到\r\n');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
  writeFileSync(join(dir, 'gbk.txt'), Buffer.concat([Buffer.from('您好\n', 'utf8'), Buffer.from([0xc4, 0xfa, 0xba, 0xc3])]));
  mkdirSync(join(dir, 'lib/sub'), { recursive: true });
  writeFileSync(join(dir, 'lib/a.txt'), '亲，已揽收\n');
  writeFileSync(join(dir, 'lib/sub/b.txt'), '亲，这个不行\n');
  writeFileSync(join(dir, 'lib/notes.md'), '# 话术\n\n- 亲，这个不行哦\n');
  writeFileSync(join(dir, 'lib/skipped.bin'), '这个不行\n');
  return () => rmSync(dir, { recursive: true, force: true });
});

function parseJson(stdout: string) {
  return JSON.parse(stdout) as { path: string; messages: Record<string, unknown>[] }[];
}

describe('kefu-lint CLI', { timeout: 120_000 }, () => {
  it('reports findings as JSON with the reply line and exits 0 on warnings', async () => {
    const run = await runCli(['--format', 'json', 'good.txt', 'bad.txt'], { cwd: dir });
    expect(run.status).toBe(0);
    const results = parseJson(run.stdout);
    expect(results.map((r) => r.path)).toEqual(['good.txt', 'bad.txt']);
    expect(results[0].messages).toEqual([]);
    expect(results[1].messages).toEqual([
      {
        ruleId: 'no-negative-phrasing',
        severity: 'warning',
        reason: expect.stringContaining('做不到'),
        line: 3,
        column: 7,
        endLine: 3,
        endColumn: 10,
        actual: '做不到',
        expected: expect.arrayContaining([expect.stringContaining('尝试')]),
      },
    ]);
  });

  it('prints a stylish report and honours --max-warnings, --rule and stdin', async () => {
    const stylish = await runCli(['bad.txt'], { cwd: dir });
    expect(stylish.stdout).toContain('bad.txt');
    expect(stylish.stdout).toMatch(/3:7-3:10\s+warning/);
    expect(stylish.stdout).toContain('no-negative-phrasing');

    expect((await runCli(['bad.txt', '--max-warnings', '0'], { cwd: dir })).status).toBe(1);
    const asError = await runCli(['--rule', 'no-negative-phrasing=error', '-f', 'json', 'bad.txt'], { cwd: dir });
    expect(asError.status).toBe(1);
    expect(parseJson(asError.stdout)[0].messages[0].severity).toBe('error');
    const off = await runCli(['--rule', 'no-negative-phrasing=off', '--max-warnings', '0', 'bad.txt'], { cwd: dir });
    expect(off.status).toBe(0);

    const stdin = await runCli(['-f', 'json', '-'], { cwd: dir, input: '亲，已揽收\n' });
    expect(stdin.status).toBe(0);
    expect(parseJson(stdin.stdout)).toMatchObject([{ path: '<stdin>', messages: [{ ruleId: 'no-jargon', line: 1, column: 4 }] }]);
  });

  it('walks folders for reply files and expands globs', async () => {
    const run = await runCli(['-f', 'json', 'lib', 'lib/**/b.txt'], { cwd: dir });
    expect(run.status).toBe(0);
    const results = parseJson(run.stdout);
    expect(results.map((r) => r.path).sort()).toEqual(['lib/a.txt', 'lib/notes.md', 'lib/sub/b.txt']);
    expect(results.find((r) => r.path === 'lib/notes.md')!.messages).toMatchObject([{ ruleId: 'no-negative-phrasing', line: 3 }]);
    expect(results.some((r) => r.path.endsWith('.bin'))).toBe(false);
  });

  it('reports each bad input on one line, exits 2 and still lints the rest', async () => {
    const run = await runCli(['-f', 'json', 'missing.txt', 'binary.txt', 'gbk.txt', 'nothing/*.txt', 'bad.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('kefu-lint: missing.txt: 文件不存在。请检查路径是否正确。');
    expect(lines[1]).toBe('kefu-lint: nothing/*.txt: 这个通配符没有匹配到任何文件。请检查模式是否正确（在 shell 中请加引号）。');
    expect(lines[2]).toMatch(/^kefu-lint: binary\.txt:1: 这是二进制文件.*请传入文本文件/);
    expect(lines[3]).toMatch(/^kefu-lint: gbk\.txt:2: 不是有效的 UTF-8 文本。.*--encoding gbk/);
    expect(parseJson(run.stdout).map((r) => r.path)).toEqual(['bad.txt']);
    expect(parseJson(run.stdout)[0].messages).toHaveLength(1);
  });

  it('rejects unknown rules and bad option values with exit 2, before linting anything', async () => {
    const run = await runCli(['-f', 'json', '--rule', 'no-jargn=off', '--rule', 'no-jargon=loud', '--rule', 'oops', 'bad.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('kefu-lint: 未知规则「no-jargn」。是否想写「no-jargon」？运行 kefu-lint --list-rules 查看全部规则。');
    expect(run.stderr).toContain('kefu-lint: --rule no-jargon 的级别「loud」无效，可选 off、info、warn、error。');
    expect(run.stderr).toContain('kefu-lint: --rule「oops」格式不对');
    // Results under settings the user did not mean would mislead: nothing is linted.
    expect(run.stdout).toBe('');

    const warnings = await runCli(['--max-warnings', 'many', 'bad.txt'], { cwd: dir });
    expect(warnings.status).toBe(2);
    expect(warnings.stderr).toContain('--max-warnings 需要一个非负整数，收到「many」');
    expect(warnings.stdout).toBe('');
  });

  it('explains usage errors and lists rules', async () => {
    const unknownOption = await runCli(['--colour', 'bad.txt'], { cwd: dir });
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr).toMatch(/^kefu-lint: 命令行参数错误：.*--colour.*kefu-lint --help/);
    const badFormat = await runCli(['--format', 'xml', 'bad.txt'], { cwd: dir });
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('xml');
    const none = await runCli([], { cwd: dir });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('没有指定要检查的文件');
    const list = await runCli(['--list-rules']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^no-negative-phrasing\s+warning\s+避免生硬否定$/m);
  });
});
