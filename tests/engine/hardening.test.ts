/**
 * What a host process may hand the library by mistake, and what one linter must
 * never do to another: each case failed once (a raw TypeError, a crash in native
 * code, words leaking between linters, tokens that silently lost findings).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createLinter, KefuLintError, type Linter } from '../../src/index.js';
import { MAX_REPLY_CHARS } from '../../src/engine/guard.js';
import { SEGMENT_CHUNK as JIEBA_CHUNK } from '../../src/engine/tokens.js';

let linter: Linter;
beforeAll(async () => {
  linter = await createLinter();
});

const ruleIds = (l: Linter, text: string) => l.lint(text).map((f) => `${f.ruleId}:${f.actual}`);

describe("a linter's words are its own", () => {
  it("linter B's words do not change linter A's findings, whatever the order", async () => {
    const text = '这个我们做不到';
    const before = ruleIds(linter, text);
    expect(before).toContain('no-negative-phrasing:做不到');
    // B keeps 们做 whole: for B, 做不到 is no longer a word of its own.
    const b = await createLinter({ words: ['们做'] });
    expect(b.tokenize(text).map((t) => t.text)).toContain('们做');
    expect(ruleIds(b, text)).not.toContain('no-negative-phrasing:做不到');
    expect(ruleIds(linter, text)).toEqual(before);
    expect(linter.tokenize(text).map((t) => t.text)).not.toContain('们做');
    // A linter made after B sees none of B's words either.
    const c = await createLinter();
    expect(ruleIds(c, text)).toEqual(before);
  });

  it("keeps a linter's word whole where it occurs, with exact offsets", async () => {
    const l = await createLinter({ words: ['小蓝杯', '运费宝'] });
    const tokens = l.tokenize('您好，小蓝杯和运费宝都可以用');
    expect(tokens.find((t) => t.text === '小蓝杯')).toMatchObject({ start: 3, end: 6, kind: 'word' });
    expect(tokens.find((t) => t.text === '运费宝')).toMatchObject({ start: 7, end: 10 });
    expect(tokens.map((t) => t.text).join('')).toBe('您好，小蓝杯和运费宝都可以用');
  });
});

describe('bad arguments are KefuLintErrors', () => {
  const calls: [string, (l: Linter) => unknown][] = [
    ['lint(42)', (l) => l.lint(42 as unknown as string)],
    ['tokenize(null)', (l) => l.tokenize(null as unknown as string)],
    ['fix(undefined)', (l) => l.fix(undefined as unknown as string)],
    ['lint with history not an array', (l) => l.lint('好的', { history: 'x' as never })],
    ['lint with a history turn without role', (l) => l.lint('好的', { history: [{ text: 'x' } as never] })],
    ['lintConversation(undefined)', (l) => l.lintConversation(undefined as never)],
    ['lintConversation with a bad turn', (l) => l.lintConversation([{ role: 'agent', text: 5 } as never])],
    ['lintMany("text")', (l) => l.lintMany('text' as never)],
  ];
  for (const [name, call] of calls) {
    it(name, () => {
      expect(() => call(linter)).toThrow(KefuLintError);
    });
  }
});

describe('a custom tokenizer is checked', () => {
  it('tokens with wrong offsets are an error, not zero findings', async () => {
    const shifted = await createLinter({ tokenizer: { tokenize: (text: string) => [{ text, start: 1, end: text.length + 1, kind: 'word' as const }] } });
    expect(() => shifted.lint('这个不行')).toThrow(/自定义分词器返回的词元无效/);
    const partial = await createLinter({ tokenizer: { tokenize: (text: string) => [{ text: text.slice(0, 2), start: 0, end: 2, kind: 'word' as const }] } });
    expect(() => partial.lint('这个不行')).toThrow(/只覆盖到第 2 个字符/);
    const notArray = await createLinter({ tokenizer: { tokenize: () => 'oops' as never } });
    expect(() => notArray.lint('这个不行')).toThrow(KefuLintError);
  });

  it('a correct custom tokenizer works, and a missing kind is filled in', async () => {
    const chars = await createLinter({
      tokenizer: { tokenize: (text: string) => [...text].map((c, i) => ({ text: c, start: i, end: i + 1 }) as never) },
      rules: { 'prefer-honorific': 'warning' },
    });
    expect(chars.lint('你的订单').map((f) => f.ruleId)).toContain('prefer-honorific');
  });
});

describe('very long input', () => {
  it('a reply beyond the limit is one max-reply-length error, not segmented', () => {
    const text = '这个不行。'.repeat(MAX_REPLY_CHARS / 5 + 10);
    const findings = linter.lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'max-reply-length', severity: 'error', start: MAX_REPLY_CHARS, end: MAX_REPLY_CHARS, actual: '' });
    expect(findings[0].reason).toContain(String(text.length));
    expect(linter.lintMany(['您好', text])[1]).toHaveLength(1);
    const turns = linter.lintConversation([
      { role: 'customer', text },
      { role: 'agent', text },
    ]);
    expect(turns.messages[1].findings.map((f) => f.ruleId)).toEqual(['max-reply-length']);
  });

  it('text longer than one jieba call is cut where jieba cuts anyway: the same tokens as whole', () => {
    const sentence = '亲，您的订单已经发货了，预计明天送达。这个我们做不到 ';
    const text = sentence.repeat(Math.ceil((JIEBA_CHUNK * 2.5) / sentence.length));
    const tokens = linter.tokenize(text);
    const expected = linter.tokenize(sentence);
    const step = expected.length;
    expect(tokens).toHaveLength(step * Math.ceil((JIEBA_CHUNK * 2.5) / sentence.length));
    const last = tokens.slice(-step).map((t) => ({ ...t, start: t.start - (text.length - sentence.length), end: t.end - (text.length - sentence.length) }));
    expect(last).toEqual(expected);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
  });
});
