import { beforeAll, describe, expect, it } from 'vitest';
import { createLinter, type Linter } from '../../src/index.js';
import { testRule } from '../helpers/rule-tester.js';

testRule('no-shouting', {
  valid: [
    '已经发货了！',
    '真的吗？',
    '您好！请问有什么可以帮您？',
    '好的😀',
    '好的😀😀',
    '感谢支持！😀',
    // Two flags are four regional-indicator tokens but two emoji to a reader.
    '🇨🇳🇨🇳',
    '好的😀，收到😀，马上发😀',
    '您说“怎么还没到？？？”，我们马上帮您查',
    '稍等……马上为您查询',
    { text: '好的😀😀😀', options: { maxEmoji: 3 } },
  ],
  invalid: [
    { text: '已经发货了！！！', findings: [{ actual: '！！！', start: 5, end: 8, suggests: ['！'] }], fixed: '已经发货了！' },
    { text: '真的吗？？', findings: [{ actual: '？？', suggests: ['？'] }], fixed: '真的吗？' },
    { text: 'OK!!', findings: [{ actual: '!!' }], fixed: 'OK!' },
    { text: '您还没收到吗？！', findings: [{ actual: '？！', suggests: ['？'] }], fixed: '您还没收到吗？' },
    { text: '什么?!?!', findings: [{ actual: '?!?!', suggests: ['?'] }], fixed: '什么?' },
    { text: '快来！！抢购！！！', findings: [{ actual: '！！' }, { actual: '！！！' }], fixed: '快来！抢购！' },
    { text: '好的😀😀😀', findings: [{ actual: '😀😀😀', suggests: ['😀'] }], fixed: '好的😀😀😀' },
    { text: '收到👍🏻 👍🏻 👍🏻', findings: [{ actual: '👍🏻 👍🏻 👍🏻', suggests: ['👍🏻'] }] },
    { text: '🇨🇳🇨🇳🇨🇳加油', findings: [{ actual: '🇨🇳🇨🇳🇨🇳', suggests: ['🇨🇳'] }] },
    { text: '谢谢亲！！😀😀😀', findings: [{ actual: '！！' }, { actual: '😀😀😀' }], fixed: '谢谢亲！😀😀😀' },
    { text: '好的😀😀😀😀', options: { maxEmoji: 3 }, findings: [{ actual: '😀😀😀😀' }] },
    {
      text: '您说“怎么还没到？？？”',
      options: { skipQuoted: false },
      findings: [{ actual: '？？？' }],
      fixed: '您说“怎么还没到？”',
    },
  ],
});

describe('no-shouting fixes', () => {
  let linter: Linter;
  beforeAll(async () => {
    linter = await createLinter();
  });

  it('offers a fix for punctuation runs only, never for emoji', () => {
    const findings = linter.lint('亲，已经发货了！！！😀😀😀').filter((f) => f.ruleId === 'no-shouting');
    expect(findings.map((f) => [f.actual, f.fix])).toEqual([
      ['！！！', { range: [7, 10], text: '！' }],
      ['😀😀😀', undefined],
    ]);
  });
});
