import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, isKefuLintError } from '../../src/index.js';
import { parseJiebaWords, parsePhraseDictionary, readJiebaWords } from '../../src/dictionaries.js';
import { tempDir } from '../helpers/temp.js';

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('jieba user words are validated before native code sees them', () => {
  it.each([
    ['运费险 abc n', 'x.txt:1', '词频'],
    ['运费险 100', 'x.txt:1', '2 个字段'],
    ['运 费 险 100 n', 'x.txt:1', '5 个字段'],
    ['运费险 0 n', 'x.txt:1', '词频'],
    ['运费险 100 名词', 'x.txt:1', '词性'],
    ['# 注释\n\n正常\n坏|词', 'x.txt:4', '无效'],
  ])('%j is rejected with file and line', (text, where, what) => {
    const error = errorOf(() => parseJiebaWords(text, 'x.txt'));
    expect(isKefuLintError(error)).toBe(true);
    expect(error.message).toContain(where);
    expect(error.message).toContain(what);
  });

  it('accepts comments, blank lines, BOM and CRLF', () => {
    expect(parseJiebaWords('\uFEFF# 注释\r\n运费险 50000 n\r\n\r\n揽收\r\n', 'x.txt').map((w) => w.word)).toEqual(['运费险', '揽收']);
  });

  it('reports an unreadable or binary dictionary file clearly', () => {
    const dir = tempDir('kefu-dict-');
    const binary = join(dir, 'bin.txt');
    writeFileSync(binary, Buffer.from([0x61, 0x0a, 0x00, 0x62]));
    expect(errorOf(() => readJiebaWords(binary)).message).toMatch(/bin\.txt:2: .*二进制/);
    expect(errorOf(() => readJiebaWords(join(dir, 'missing.txt'))).message).toContain('文件不存在');
  });

  it('rejects bad extra words through the API without crashing the process', async () => {
    await expect(createLinter({ words: ['好 词'] })).rejects.toThrow(/words\[0\].*无效/);
    await expect(createLinter({ words: [''] })).rejects.toThrow(/无效/);
    await expect(createLinter({ words: [{ word: '运费险', freq: -1 }] })).rejects.toThrow(/词频/);
  });
});

describe('phrase dictionaries', () => {
  it('points YAML schema errors at the line', () => {
    const text = 'name: demo\nentries:\n  - phrase: 做不到\n  - phrase: 不行\n    rewrite: [x]\n';
    const error = errorOf(() => parsePhraseDictionary(text, 'demo.yaml'));
    expect(error.message).toContain('demo.yaml:4');
    expect(error.message).toContain('rewrite');
  });

  it('points YAML syntax errors at the line', () => {
    const error = errorOf(() => parsePhraseDictionary('name: demo\nentries:\n  - phrase: [做不到\n', 'demo.yaml'));
    expect(error.message).toMatch(/demo\.yaml:\d+: YAML 语法错误/);
  });

  it('accepts extra dictionaries as data and matches them on token boundaries', async () => {
    const linter = await createLinter({
      rules: { 'courtesy-required': 'off' },
      dictionaries: [{ name: 'jargon', entries: [{ phrase: '大促', rewrites: ['活动'] }] }],
    });
    expect(linter.lint('大促期间发货慢').map((f) => f.actual)).toEqual(['大促']);
    expect(linter.lint('大促销')).toEqual([]);
  });
});
