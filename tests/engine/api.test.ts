import { describe, expect, it, beforeAll } from 'vitest';
import * as z from 'zod';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { createLinter, defineRule, docsUrl, kefuParse, kefuRules, type Linter } from '../../src/index.js';

describe('library API', () => {
  let linter: Linter;
  beforeAll(async () => {
    linter = await createLinter();
  });

  it('flags 这个我们做不到 with a rewrite that contains 尝试', () => {
    const finding = linter.lint('这个我们做不到').find((f) => f.ruleId === 'no-negative-phrasing');
    expect(finding).toMatchObject({ severity: 'warning', actual: '做不到', start: 4, end: 7, line: 1, column: 5, endColumn: 8 });
    expect(finding!.expected.some((e) => e.includes('尝试'))).toBe(true);
    expect(finding!.reason).toContain('做不到');
    expect(finding!.url).toMatch(/rules\/no-negative-phrasing\.md$/);
  });

  it('finds nothing in a model greeting', () => {
    expect(linter.lint('您好，很高兴为您服务，请问有什么可以帮到您？')).toEqual([]);
  });

  it('gives line and column on multi-line replies, findings in text order', () => {
    const findings = linter.lint('亲，您好\n这个不行，已揽收');
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['no-negative-phrasing', 2, 3],
      ['no-jargon', 2, 7],
    ]);
  });

  it('lintMany gives the same findings as lint one by one', async () => {
    const { generateReplies } = await import('../../tools/bench/corpus.js');
    const texts = [...generateReplies(80, 5), '', '你的订单\n第二行', '好的👨‍👩‍👧！！！', '这个我们做不到', '这个我们做不到', 'bad\uD800z不行'];
    expect(linter.lintMany(texts, { standalone: true })).toEqual(texts.map((text) => linter.lint(text, { standalone: true })));
    expect(() => linter.lintMany(['好的', 42 as unknown as string])).toThrow(/lint\(\) 需要一段文本/);
  });

  it('lists every rule with its severity', () => {
    const ids = linter.rules.map((r) => r.id);
    for (const id of ['no-negative-phrasing', 'courtesy-required', 'no-first-person-overuse', 'no-jargon', 'no-unfulfillable-promise']) {
      expect(ids).toContain(id);
    }
  });

  it('keeps no state between calls', () => {
    const a = linter.lint('这个不行');
    linter.lint('已揽收');
    expect(linter.lint('这个不行')).toEqual(a);
  });

  it('validates options with readable Chinese errors', async () => {
    await expect(createLinter({ rules: { 'no-jargn': 'off' } })).rejects.toThrow(/未知规则「no-jargn」.*no-jargon/);
    await expect(createLinter({ rules: { 'no-jargon': 'loud' as never } })).rejects.toThrow(/rules\.no-jargon/);
    await expect(createLinter({ preset: 'lenient' as never })).rejects.toThrow(/preset/);
    await expect(
      createLinter({ rules: { 'no-first-person-overuse': { options: { max: -1 } } } }),
    ).rejects.toThrow(/no-first-person-overuse.*max/);
    await expect(createLinter({ rules: { 'no-jargon': { options: { alow: [] } } } })).rejects.toThrow(/alow/);
  });

  it('rejects a non-string reply with a clear error instead of crashing', () => {
    expect(() => linter.lint(42 as never)).toThrow(/需要一段文本/);
  });

  it('runs user rules added through the API', async () => {
    const noBye = defineRule({
      id: 'shop-no-bye',
      meta: { title: '不说拜拜', description: '不要说拜拜', scope: 'reply', severity: 'error', fixable: true, hasSuggestions: false, docs: docsUrl('shop-no-bye') },
      options: z.strictObject({}),
      create: () => (reply) => {
        const at = reply.text.indexOf('拜拜');
        if (at >= 0) reply.report({ start: at, end: at + 2, fix: { range: [at, at + 2], text: '再见' } });
      },
    });
    const custom = await createLinter({ plugins: [noBye], rules: { 'courtesy-required': 'off' } });
    expect(custom.lint('好的拜拜')).toMatchObject([{ ruleId: 'shop-no-bye', severity: 'error', actual: '拜拜', fix: { range: [2, 4], text: '再见' } }]);
    expect(custom.fix('好的拜拜，拜拜')).toBe('好的再见，再见');
    await expect(createLinter({ plugins: [{ id: 'x' } as never] })).rejects.toThrow(/规则对象/);
  });

  it('never applies suggestions as fixes', () => {
    expect(linter.fix('这个我们做不到')).toBe('这个我们做不到');
  });

  it('builds an nlcst tree with positions through unified', () => {
    const processor = unified().use(kefuParse, { tokenizer: { tokenize: (t: string) => linter.tokenize(t) } });
    const tree = processor.parse(new VFile('您好！请问有什么可以帮您？😊\n谢谢'));
    expect(tree.type).toBe('RootNode');
    const paragraph = tree.children[0];
    expect(paragraph.type).toBe('ParagraphNode');
    if (paragraph.type !== 'ParagraphNode') return;
    expect(paragraph.children.filter((c) => c.type === 'SentenceNode')).toHaveLength(3);
    const last = tree.children[tree.children.length - 1];
    expect(last.position?.start).toEqual({ line: 2, column: 1, offset: 16 });
  });

  it('reports the same findings as vfile messages in a unified pipeline', async () => {
    const text = '您好，这个我们做不到！！！';
    const file = new VFile({ value: text, data: { kefu: { standalone: true } } });
    const processor = unified().use(kefuParse, { tokenizer: linter }).use(kefuRules, { linter });
    await processor.run(processor.parse(file), file);
    const expected = linter.lint(text, { standalone: true });
    expect(file.messages.map((m) => [m.ruleId, m.place, m.actual, m.fatal])).toEqual(
      expected.map((f) => [f.ruleId, { start: { line: f.line, column: f.column, offset: f.start }, end: { line: f.endLine, column: f.endColumn, offset: f.end } }, f.actual, f.severity === 'error' ? true : f.severity === 'warning' ? false : undefined]),
    );
    expect(file.messages.length).toBeGreaterThan(1);
  });
});
