import { beforeAll, describe, expect, it } from 'vitest';
import { createLinter, type Linter } from '../../src/index.js';
import { testRule } from '../helpers/rule-tester.js';

const long = (n: number) => '好'.repeat(n);

testRule('max-reply-length', {
  valid: [
    '您好，已经为您发货了。',
    long(150),
    // Spaces and line breaks are not counted.
    `${long(100)}\n\n${long(50)}   `,
    // An emoji is one character although it takes two or more UTF-16 units.
    '😀'.repeat(150),
    '👍🏻'.repeat(100),
    { text: long(200), options: { max: 200 } },
  ],
  invalid: [
    { text: long(151), findings: [{ actual: '好', start: 150, end: 151, reason: '共 151 个字' }] },
    { text: `${long(145)}，请您查收发票。`, findings: [{ actual: '发票。', reason: '超过了 150 字' }] },
    { text: '😀'.repeat(151), findings: [{ actual: '😀', start: 300, end: 302 }] },
    { text: `${long(150)}\n谢谢`, findings: [{ actual: '谢谢', reason: '共 152 个字' }] },
    { text: `${long(10)}好好好  `, options: { max: 10 }, findings: [{ actual: '好好好', start: 10, end: 13 }] },
  ],
});

describe('max-reply-length presets', () => {
  let recommended: Linter;
  let strict: Linter;
  beforeAll(async () => {
    recommended = await createLinter();
    strict = await createLinter({ preset: 'strict' });
  });

  it('is info in recommended and a warning in strict', () => {
    const text = `亲，${long(160)}`;
    expect(recommended.lint(text).find((f) => f.ruleId === 'max-reply-length')?.severity).toBe('info');
    expect(strict.lint(text).find((f) => f.ruleId === 'max-reply-length')?.severity).toBe('warning');
  });

  it('takes its limit from options', async () => {
    const short = await createLinter({ rules: { 'max-reply-length': { options: { max: 20 } } } });
    expect(short.lint(`亲，${long(30)}`).filter((f) => f.ruleId === 'max-reply-length')).toHaveLength(1);
    await expect(createLinter({ rules: { 'max-reply-length': { options: { max: 0 } } } })).rejects.toThrow(/max-reply-length/);
  });
});
