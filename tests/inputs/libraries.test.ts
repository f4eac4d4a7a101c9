import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { builtinRules, createLinter, defineRule, type Linter } from '../../src/index.js';
import { lintLibraryText } from '../../src/inputs/library/lint.js';
import { readCsvLibrary, scanCsv } from '../../src/inputs/library/csv.js';
import { readMarkdownLibrary, readTextLibrary } from '../../src/inputs/library/text.js';
import { readJsonLibrary, readYamlLibrary } from '../../src/inputs/library/yaml.js';
import type { CannedReply } from '../../src/inputs/library/source.js';
import { sourceRange } from '../../src/inputs/placed.js';
import { csvKind } from '../../src/inputs/columns.js';

/** How the input registry tells a CSV library from a transcript: by its header row. */
const isCannedCsv = (text: string) => csvKind(text.slice(0, text.indexOf('\n')).split(',')) === 'library';
const libraryFormatOf = (_file: string, text: string) => (isCannedCsv(text) ? 'csv' : undefined);

/** Stands in for a fixable rule: every 你 should be 您. */
const honorific = defineRule({
  id: 'test-honorific',
  meta: { title: '称呼用您', description: '用“您”称呼顾客。', scope: 'reply', severity: 'warning', fixable: true, hasSuggestions: false, docs: '' },
  options: z.strictObject({}),
  create: () => (reply) => {
    for (const match of reply.text.matchAll(/你/g)) {
      reply.report({ start: match.index, end: match.index + 1, fix: { range: [match.index, match.index + 1], text: '您' } });
    }
  },
});

/** Where a reply's span starts in the file, as line and column. */
function placeOf(source: string, reply: CannedReply, start: number, end: number) {
  const [from, to] = sourceRange(reply, start, end);
  const before = source.slice(0, from);
  return { line: before.split('\n').length, column: from - before.lastIndexOf('\n'), text: source.slice(from, to) };
}

describe('YAML libraries', () => {
  const yaml = [
    '# 话术库',
    '问候:',
    '  - 您好，欢迎光临',
    '  - "您好，\\"你\\"的订单\\n已发货"',
    "  - '亲，''你''好'",
    '售后:',
    '  退款说明: 您好，退款已受理',
    '  items:',
    '    - text: 你的包裹',
    '      title: 物流',
    '      tags: [物流, 包裹]',
    '    - |',
    '      您好，',
    '      你的订单已发货',
    '    - >-',
    '      您好，你的',
    '      订单已发货',
    '',
  ].join('\n');

  it('reads strings, objects and categories with their exact places', () => {
    const { replies } = readYamlLibrary(yaml, 'r.yaml');
    expect(replies.map((r) => r.text)).toEqual([
      '您好，欢迎光临',
      '您好，"你"的订单\n已发货',
      "亲，'你'好",
      '您好，退款已受理',
      '你的包裹',
      '您好，\n你的订单已发货\n',
      '您好，你的 订单已发货',
    ]);
    expect(replies.map((r) => [r.line, r.column])).toEqual([
      [3, 5], [4, 6], [5, 6], [7, 9], [9, 13], [13, 7], [16, 7],
    ]);
    expect(replies[0].category).toBe('问候');
    expect(replies[3]).toMatchObject({ title: '退款说明', category: '售后' });
    expect(replies[4]).toMatchObject({ title: '物流', tags: ['物流', '包裹'], category: '售后/items' });
    // Every 你 maps to a 你 in the file, through escapes, doubled quotes and block indentation.
    for (const reply of replies) {
      for (const match of reply.text.matchAll(/你|订单|已发货/g)) {
        expect(placeOf(yaml, reply, match.index, match.index + match[0].length).text).toBe(match[0]);
      }
    }
    expect(placeOf(yaml, replies[5], 4, 5)).toMatchObject({ line: 14, column: 7, text: '你' });
    expect(placeOf(yaml, replies[6], 6, 8)).toMatchObject({ line: 17, column: 7, text: '订单' });
  });

  it('names the key path and line of a bad entry', () => {
    expect(() => readYamlLibrary('问候:\n  - 您好\n  - 42\n', 'r.yaml')).toThrow(/r\.yaml:3: 问候\[1\]：这里是 number，不是文字/);
    expect(() => readYamlLibrary('- text: 您好\n  colour: red\n', 'r.yaml')).toThrow(/r\.yaml:2: .*不认识的字段「colour」/);
    expect(() => readYamlLibrary('- a: [\n', 'r.yaml')).toThrow(/r\.yaml:\d+: YAML 语法错误/);
  });
});

describe('JSON libraries', () => {
  it('reads strings and objects with escapes mapped back to the file', () => {
    const json = '{\n  "售后": [\n    "您好，\\u4f60的订单",\n    { "text": "你的\\n包裹", "title": "物流" }\n  ]\n}\n';
    const { replies } = readJsonLibrary(json, 'r.json');
    expect(replies.map((r) => r.text)).toEqual(['您好，你的订单', '你的\n包裹']);
    expect(replies.map((r) => [r.line, r.column])).toEqual([[3, 6], [4, 16]]);
    // The escaped 你 points at its escape sequence; the plain one at itself.
    expect(placeOf(json, replies[0], 3, 4)).toMatchObject({ line: 3, column: 9, text: '\\' });
    expect(placeOf(json, replies[0], 4, 6)).toMatchObject({ line: 3, column: 15, text: '的订' });
    expect(placeOf(json, replies[1], 3, 5)).toMatchObject({ line: 4, column: 20, text: '包裹' });
  });

  it('reports JSON syntax errors with their line', () => {
    expect(() => readJsonLibrary('[\n  "您好",\n  "x"\n  "y"\n]', 'r.json')).toThrow(/r\.json:4: JSON 语法错误/);
  });
});

describe('CSV libraries', () => {
  const csv = 'id,标题,话术\n1,问候,您好，你好\n2,"多行","您好，""你""的订单\n已发货"\n3,空,\n';

  it('reads the text column with quoted cells mapped exactly', () => {
    const { replies } = readCsvLibrary(csv, 'r.csv');
    expect(replies.map((r) => r.text)).toEqual(['您好，你好', '您好，"你"的订单\n已发货']);
    expect(replies.map((r) => [r.line, r.column, r.title])).toEqual([[2, 6, "问候"], [3, 9, "多行"]]);
    expect(placeOf(csv, replies[1], 4, 5)).toMatchObject({ line: 3, column: 14, text: "你" });
    expect(placeOf(csv, replies[1], 10, 13)).toMatchObject({ line: 4, column: 1, text: '已发货' });
  });

  it('tells a library from a transcript by its columns', () => {
    expect(isCannedCsv('text,title\n您好,问候\n')).toBe(true);
    expect(isCannedCsv('内容\n您好\n')).toBe(true);
    expect(isCannedCsv('conversation,role,text\nc1,agent,您好\n')).toBe(false);
    expect(isCannedCsv('name,price\n衬衫,99\n')).toBe(false);
    expect(libraryFormatOf('a.csv', 'role,内容\nagent,您好\n')).toBeUndefined();
    expect(libraryFormatOf('a.csv', '话术\n您好\n')).toBe('csv');
    expect(() => readCsvLibrary('name\nx\n', 'r.csv')).toThrow(/r\.csv:1: CSV 表头里没有话术列/);
  });

  it('keeps CRLF rows and empty cells apart', () => {
    expect(scanCsv('a,b\r\n1,\r\n').map((row) => row.map((cell) => cell.value))).toEqual([['a', 'b'], ['1', '']]);
  });
});

describe('Markdown and plain-text libraries', () => {
  it('reads list items and paragraphs, not headings, code or comments', () => {
    const md = '# 话术\n\n- 您好，你的订单\n* [ ] 亲，稍等\n\n一段说明，\n  分两行写。\n\n```\n不是话术\n```\n<!-- 注释 -->\n| 表 | 格 |\n';
    const { replies } = readMarkdownLibrary(md);
    expect(replies.map((r) => [r.text, r.line, r.column, r.offset])).toEqual([
      ['您好，你的订单', 3, 3, md.indexOf('您好，你的')],
      ['亲，稍等', 4, 7, md.indexOf('亲，稍等')],
      ['一段说明，\n  分两行写。', 6, 1, md.indexOf('一段')],
    ]);
  });

  it('reads one reply per line and skips disable comments', () => {
    const { replies, disables } = readTextLibrary('您好\n# kefu-lint-disable-next-line no-jargon\n\n工单已提交\n');
    expect(replies.map((r) => [r.text, r.line])).toEqual([['您好', 1], ['工单已提交', 4]]);
    expect(disables).toEqual([{ line: 2, column: 1, targetLine: 4, ruleIds: ['no-jargon'] }]);
  });
});

describe('findings in library files', () => {
  let linter: Linter;
  beforeAll(async () => {
    // Only no-jargon (suggestions) and the fixable stand-in, so expected findings stay few and exact.
    const rules = Object.fromEntries(builtinRules.filter((rule) => rule.id !== 'no-jargon').map((rule) => [rule.id, 'off' as const]));
    linter = await createLinter({ rules, plugins: [honorific] });
  });
  const lint = (texts: readonly string[]) => texts.map((text) => linter.lint(text, { standalone: true }));

  it('point at the exact line and column, with fixes only where the file holds the text verbatim', () => {
    const yaml = '- 您好，你的工单\n- "\\u4f60好"\n';
    const findings = lintLibraryText(yaml, 'r.yaml', 'yaml', lint);
    expect(findings.map((f) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn, f.fix ?? null])).toEqual([
      ['test-honorific', 1, 6, 1, 7, { range: [5, 6], text: '您' }],
      ['no-jargon', 1, 8, 1, 10, null],
      // Inside an escape sequence: placed, but never fixed.
      ['test-honorific', 2, 4, 2, 5, null],
    ]);
  });

  it('honours disable comments and reports the ones that suppress nothing', () => {
    const yaml = [
      '# kefu-lint-disable-next-line no-jargon',
      '- 您好，你的工单',
      '# kefu-lint-disable-next-line no-jargon, test-honorific',
      '- 您好，工单已提交',
      '- text: 您好',
      '',
    ].join('\n');
    const findings = lintLibraryText(yaml, 'r.yaml', 'yaml', lint);
    expect(findings.map((f) => [f.ruleId, f.line, f.column, f.actual])).toEqual([
      ['test-honorific', 2, 6, '你'],
      ['unused-disable', 3, 1, 'test-honorific'],
    ]);
    const md = '<!-- kefu-lint-disable-next-line test-honorific -->\n- 你好\n\n<!-- kefu-lint-disable-next-line -->\n您好\n';
    expect(lintLibraryText(md, 'r.md', 'markdown', lint).map((f) => [f.ruleId, f.line, f.reason.includes('没有屏蔽任何问题')])).toEqual([
      ['unused-disable', 4, true],
    ]);
    const txt = '# kefu-lint-disable-next-line test-honorific\n你好\n你好\n';
    expect(lintLibraryText(txt, 'r.txt', 'text', lint).map((f) => [f.ruleId, f.line, f.column])).toEqual([['test-honorific', 3, 1]]);
  });
});
