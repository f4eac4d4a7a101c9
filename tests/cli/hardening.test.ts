/**
 * Inputs a user may hand the command line, each of which once crashed it, lost
 * other files' results, or gave a silently wrong answer with exit 0.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseTime, zoneOffset } from '../../src/text/time.js';
import { runCli } from '../helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-hard-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

const json = (stdout: string) => JSON.parse(stdout) as { path: string; messages: Record<string, unknown>[]; output?: string }[];
const jsonl = (rows: Record<string, unknown>[]) => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';

describe('paths', () => {
  it('a symlink loop is an error for that path; the other files are still linted', async () => {
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    writeFileSync(join(dir, 'ok.txt'), '这个不行\n');
    const run = await runCli(['-f', 'json', 'a', 'ok.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('kefu-lint: a: 符号链接形成了循环（ELOOP）');
    expect(run.stderr).not.toContain('内部错误');
    expect(json(run.stdout).map((r) => r.path)).toEqual(['ok.txt']);
  });

  it('a folder that links to itself lints each file once', async () => {
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib/a.txt'), '这个不行\n');
    symlinkSync('../lib', join(dir, 'lib/self'));
    const run = await runCli(['-f', 'json', 'lib', 'lib/a.txt'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(json(run.stdout).map((r) => r.path)).toEqual(['lib/a.txt']);
  });

  it('a FIFO is refused at once instead of blocking; the other files are linted', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    writeFileSync(join(dir, 'ok.txt'), '这个不行\n');
    const run = await runCli(['-f', 'json', 'pipe.txt', 'ok.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('pipe.txt: 这是命名管道（FIFO），不是普通文件');
    expect(json(run.stdout).map((r) => r.path)).toEqual(['ok.txt']);
  });

  it('endless binary on stdin stops at the first chunk with NUL bytes', async () => {
    let chunks = 0;
    const zeros = new Readable({
      read() {
        chunks++;
        this.push(Buffer.alloc(64 * 1024));
      },
    });
    let stderr = '';
    const status = await main(['node', 'kefu-lint', '-'], { stdout: () => {}, stderr: (text) => (stderr += text), stdin: zeros, tty: false });
    zeros.destroy();
    expect(status).toBe(2);
    expect(stderr).toContain('<stdin>:1: 这是二进制文件（含 NUL 字节）');
    expect(chunks).toBeLessThan(5);
  });
});

describe('transcript times', () => {
  const chat = (time1: unknown, time2: unknown) =>
    jsonl([
      { conversation: 'c1', role: 'customer', text: '在吗，我的快递到哪了', time: time1 },
      { conversation: 'c1', role: 'agent', text: '您好，这就帮您查一下', time: time2 },
    ]);

  it('epoch seconds are seconds: a 10-minute wait is late, and shown in 2024', async () => {
    writeFileSync(join(dir, 't.jsonl'), chat(1714528800, 1714529400));
    const run = await runCli(['-f', 'json', 't.jsonl'], { cwd: dir });
    const messages = json(run.stdout)[0].messages;
    expect(messages.map((m) => m.ruleId)).toContain('response-time');
    expect(messages.find((m) => m.ruleId === 'response-time')?.time).toBe('2024-05-01T10:10:00+08:00');
  });

  it('epoch milliseconds are still milliseconds', async () => {
    writeFileSync(join(dir, 't.jsonl'), chat(1714528800000, 1714529400000));
    const run = await runCli(['-f', 'json', 't.jsonl'], { cwd: dir });
    expect(json(run.stdout)[0].messages.map((m) => m.ruleId)).toContain('response-time');
  });

  it('times out of range are a problem for their line, not a crash or NaN', async () => {
    const shown = jsonl([
      { conversation: 'c3', role: 'customer', text: '在吗', time: '2024-05-01T10:00:00Z' },
      { conversation: 'c3', role: 'agent', text: '你好', time: '2024-05-01T10:00:05Z' },
    ]);
    writeFileSync(join(dir, 't.jsonl'), chat(1e300, 9e15) + chat(12345, '2024-05-01T10:00:00Z').replaceAll('c1', 'c2') + shown);
    const run = await runCli(['-f', 'json', 't.jsonl'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('t.jsonl:1: ');
    expect(run.stderr).toContain('不在 2000–2100 年之间');
    expect(run.stderr).toMatch(/t\.jsonl:2: .*9000000000000000/);
    expect(run.stderr).toMatch(/t\.jsonl:3: .*12345/);
    expect(run.stderr).not.toContain('RangeError');
    const html = await runCli(['-f', 'html', 't.jsonl'], { cwd: dir });
    expect(html.stdout).not.toMatch(/NaN-NaN|Invalid Date/);
    expect(html.stdout).toContain('2024-05-01 10:00:00（UTC+00:00）');
  });

  it('a time without an offset is read in Asia/Shanghai (or --timezone) and shown with its offset', async () => {
    writeFileSync(join(dir, 't.jsonl'), chat('2024-05-01 10:00:00', '2024-05-01 10:10:00'));
    const shanghai = await runCli(['-f', 'json', 't.jsonl'], { cwd: dir });
    expect(json(shanghai.stdout)[0].messages.find((m) => m.ruleId === 'response-time')?.time).toBe('2024-05-01T10:10:00+08:00');
    const utc = await runCli(['-f', 'json', '--timezone', 'UTC', 't.jsonl'], { cwd: dir });
    expect(json(utc.stdout)[0].messages.find((m) => m.ruleId === 'response-time')?.time).toBe('2024-05-01T10:10:00+00:00');
    const html = await runCli(['-f', 'html', 't.jsonl'], { cwd: dir });
    expect(html.stdout).toContain('2024-05-01 10:10:00（UTC+08:00）');
    const bad = await runCli(['-f', 'json', '--timezone', 'Mars/Olympus', 't.jsonl'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('不认识的时区「Mars/Olympus」');
  });

  it('a time with an offset keeps it', async () => {
    writeFileSync(join(dir, 't.jsonl'), chat('2024-05-01T10:00:00-05:00', '2024-05-01T10:10:00-05:00'));
    const run = await runCli(['-f', 'json', 't.jsonl'], { cwd: dir });
    expect(json(run.stdout)[0].messages.find((m) => m.ruleId === 'response-time')?.time).toBe('2024-05-01T10:10:00-05:00');
  });

  it('zones with daylight saving change offset at the right minute', () => {
    const at = (iso: string) => zoneOffset('America/New_York', Date.parse(iso));
    expect([at('2024-03-10T06:59:00Z'), at('2024-03-10T07:00:00Z'), at('2024-11-03T05:59:00Z'), at('2024-11-03T06:00:00Z')]).toEqual([-300, -240, -240, -300]);
    expect(parseTime('2024-03-10 03:30:00', 'America/New_York')).toEqual({ time: Date.parse('2024-03-10T07:30:00Z'), offset: -240 });
    expect(zoneOffset('Asia/Shanghai', Date.parse('2024-07-01T00:00:00Z'))).toBe(480);
  });

  it('chat logs are read in the time zone too', async () => {
    writeFileSync(join(dir, 'chat.log'), '2024-05-01 10:00:00 买家: 在吗\n2024-05-01 10:10:00 客服小美: 您好，这就帮您查一下\n');
    const run = await runCli(['-f', 'json', '--input-format', 'chatlog', '--timezone', 'Asia/Tokyo', 'chat.log'], { cwd: dir });
    expect(json(run.stdout)[0].messages.find((m) => m.ruleId === 'response-time')?.time).toBe('2024-05-01T10:10:00+09:00');
  });
});

describe('encodings', () => {
  it('JSON Lines mixing GBK and UTF-8 lines: each line is read in its own encoding', async () => {
    const utf8 = Buffer.from(jsonl([{ conversation: 'c1', role: 'customer', text: '在吗' }]));
    const gbk = iconv.encode(jsonl([{ conversation: 'c1', role: 'agent', text: '你的订单不行' }]), 'gbk');
    const utf8Again = Buffer.from(jsonl([{ conversation: 'c2', role: 'agent', text: '你的快递到了' }]));
    writeFileSync(join(dir, 'mixed.jsonl'), Buffer.concat([gbk, utf8, utf8Again]));
    const run = await runCli(['-f', 'json', 'mixed.jsonl'], { cwd: dir });
    const actual = json(run.stdout)[0].messages.map((m) => m.actual);
    expect(actual).toContain('不行');
    expect(actual.filter((a) => a === '你')).toHaveLength(2);
    expect(run.stdout).not.toContain('\uFFFD');
  });

  it('a UTF-16 reply list with a BOM is read, not called binary', async () => {
    writeFileSync(join(dir, 'r.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('这个不行\n', 'utf16le')]));
    const run = await runCli(['-f', 'json', 'r.txt'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(json(run.stdout)[0].messages.map((m) => m.actual)).toContain('不行');
  });

  it('a GBK canned CSV is read with --encoding gbk, and --fix writes it back in GBK', async () => {
    const file = join(dir, 'lib.csv');
    writeFileSync(file, iconv.encode('话术\n您好，你的订单已发货\n', 'gbk'));
    const plain = await runCli(['-f', 'json', 'lib.csv'], { cwd: dir });
    expect(plain.status).toBe(2);
    expect(plain.stderr).toContain('--encoding gbk');
    const read = await runCli(['-f', 'json', '--encoding', 'gbk', 'lib.csv'], { cwd: dir });
    expect(json(read.stdout)[0].messages.map((m) => m.ruleId)).toContain('prefer-honorific');
    await runCli(['--fix', '--encoding', 'gbk', 'lib.csv'], { cwd: dir });
    expect(iconv.decode(readFileSync(file), 'gbk')).toBe('话术\n您好，您的订单已发货\n');
  });

  it('a CSV without a recognised header is exit 2, naming the columns it expects', async () => {
    writeFileSync(join(dir, 'x.csv'), 'name,age\n小美,18\n');
    const run = await runCli(['-f', 'json', 'x.csv'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/x\.csv:1: .*表头/);
  });
});

describe('--fix writes where the user expects', () => {
  const bad = '你的订单已发货\n';
  const fixed = '您的订单已发货\n';

  it('through a symlink: the target changes, the link stays a link', async () => {
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real/r.txt'), bad);
    symlinkSync('real/r.txt', join(dir, 'link.txt'));
    const run = await runCli(['--fix', 'link.txt'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real/r.txt'), 'utf8')).toBe(fixed);
  });

  it('keeps the mode, refuses a read-only file and a hard-linked one with a clear message', async () => {
    writeFileSync(join(dir, 'group.txt'), bad);
    chmodSync(join(dir, 'group.txt'), 0o640);
    writeFileSync(join(dir, 'ro.txt'), bad);
    chmodSync(join(dir, 'ro.txt'), 0o444);
    writeFileSync(join(dir, 'hard.txt'), bad);
    linkSync(join(dir, 'hard.txt'), join(dir, 'hard2.txt'));
    const run = await runCli(['--fix', 'group.txt', 'ro.txt', 'hard.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(readFileSync(join(dir, 'group.txt'), 'utf8')).toBe(fixed);
    expect(statSync(join(dir, 'group.txt')).mode & 0o777).toBe(0o640);
    expect(run.stderr).toContain('ro.txt: 文件是只读的（权限 0444），没有修改');
    expect(readFileSync(join(dir, 'ro.txt'), 'utf8')).toBe(bad);
    expect(run.stderr).toContain('hard.txt: 文件有 2 个硬链接');
    expect(readFileSync(join(dir, 'hard2.txt'), 'utf8')).toBe(bad);
  });

  it('-f json --fix-dry-run prints JSON with the fixed text, and writes nothing', async () => {
    writeFileSync(join(dir, 'r.txt'), bad);
    const run = await runCli(['-f', 'json', '--fix-dry-run', 'r.txt'], { cwd: dir });
    const [result] = json(run.stdout);
    expect(result.output).toBe(fixed);
    // The messages are what would remain after the fix.
    expect(result.messages.map((m) => m.ruleId)).not.toContain('prefer-honorific');
    expect(readFileSync(join(dir, 'r.txt'), 'utf8')).toBe(bad);
    const diff = await runCli(['--fix-dry-run', 'r.txt'], { cwd: dir });
    expect(diff.stdout).toContain('+您的订单已发货');
  });
});

describe('options', () => {
  it('--weight with a misspelt rule suggests the right id, and nothing is linted', async () => {
    writeFileSync(join(dir, 'r.txt'), '这个不行\n');
    const run = await runCli(['--weight', 'nojargon=3', 'r.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('未知规则「nojargon」。是否想写「no-jargon」？');
    expect(run.stdout).toBe('');
  });

  it("one folder's config words do not change another folder's findings, whatever the order", async () => {
    for (const name of ['a', 'b']) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'r.txt'), '这个我们做不到\n');
    }
    writeFileSync(join(dir, 'a/kefu-lint.config.yaml'), 'words: [们做]\n');
    const forward = json((await runCli(['-f', 'json', 'a', 'b'], { cwd: dir })).stdout);
    const backward = json((await runCli(['-f', 'json', 'b', 'a'], { cwd: dir })).stdout);
    const actual = (results: ReturnType<typeof json>, path: string) => results.find((r) => r.path === path)!.messages.map((m) => m.actual);
    expect(actual(forward, 'b/r.txt')).toContain('做不到');
    expect(actual(forward, 'a/r.txt')).not.toContain('做不到');
    expect(actual(backward, 'b/r.txt')).toEqual(actual(forward, 'b/r.txt'));
    expect(actual(backward, 'a/r.txt')).toEqual(actual(forward, 'a/r.txt'));
  });
});
