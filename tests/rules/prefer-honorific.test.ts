import { beforeAll, describe, expect, it } from 'vitest';
import { createLinter, type Linter } from '../../src/index.js';
import { testRule } from '../helpers/rule-tester.js';

testRule('prefer-honorific', {
  valid: [
    '您的订单已经发货了',
    '您好，请问有什么可以帮您',
    '这款是迷你款',
    '迷你裙今天有货',
    '大家你追我赶，很快就抢完了',
    '不分你我，都是一家人',
    '您说“你们怎么还不发货”，我们非常理解您的心情',
    '顾客的留言是「你好，在吗」',
    '这本《你当像鸟飞往你的山》是精装版',
    // Insults are no-forbidden-words' business: polishing 你 into 您 would hide them.
    '关你什么事',
    '你爱买不买',
    '随便你们',
  ],
  invalid: [
    {
      text: '你的订单已经发货了',
      findings: [{ actual: '你', start: 0, end: 1, suggests: ['您'] }],
      fixed: '您的订单已经发货了',
    },
    { text: '你好，请问有什么可以帮您', findings: [{ actual: '你好', suggests: ['您好'] }], fixed: '您好，请问有什么可以帮您' },
    { text: '你们那边签收了吗', findings: [{ actual: '你们', suggests: ['您们'] }], fixed: '您们那边签收了吗' },
    { text: '你们好呀', findings: [{ actual: '你们好', suggests: ['您们好'] }], fixed: '您们好呀' },
    {
      text: '谢谢你的耐心等待，祝你生活愉快',
      findings: [{ actual: '你', start: 2 }, { actual: '你', start: 10 }],
      fixed: '谢谢您的耐心等待，祝您生活愉快',
    },
    { text: '你家宝宝几个月了', findings: [{ actual: '你家', suggests: ['您家'] }], fixed: '您家宝宝几个月了' },
    { text: '麻烦你提供一下订单号', findings: [{ actual: '你' }], fixed: '麻烦您提供一下订单号' },
    {
      text: '您说“你们怎么还不发货”，你放心，今天一定发',
      findings: [{ actual: '你', start: 13 }],
      fixed: '您说“你们怎么还不发货”，您放心，今天一定发',
    },
    {
      text: '您说“你们怎么还不发货”',
      options: { skipQuoted: false },
      findings: [{ actual: '你们' }],
      fixed: '您说“您们怎么还不发货”',
    },
    {
      text: '这款迷你包你喜欢吗',
      findings: [{ actual: '你', start: 5 }],
      fixed: '这款迷你包您喜欢吗',
    },
  ],
});

describe('prefer-honorific with every rule on', () => {
  let linter: Linter;
  beforeAll(async () => {
    linter = await createLinter();
  });

  it('is fixable and --fix applies it once', () => {
    expect(linter.rules.find((rule) => rule.id === 'prefer-honorific')?.fixable).toBe(true);
    expect(linter.fix('你的订单已经发货了')).toBe('您的订单已经发货了');
    expect(linter.fix(linter.fix('你的订单已经发货了'))).toBe('您的订单已经发货了');
  });

  it('gives each finding a fix that --fix may apply', () => {
    const [finding] = linter.lint('你的订单已经发货了').filter((f) => f.ruleId === 'prefer-honorific');
    expect(finding.fix).toEqual({ range: [0, 1], text: '您' });
    expect(finding.expected).toEqual(['您']);
  });

  it('never turns an insult into a polite-looking one', () => {
    for (const text of ['关你什么事', '你爱买不买', '你是不是傻', '你听不懂吗']) {
      const findings = linter.lint(text);
      expect(findings.filter((f) => f.ruleId === 'prefer-honorific')).toEqual([]);
      expect(findings.some((f) => f.ruleId === 'no-forbidden-words'), text).toBe(true);
      expect(linter.fix(text)).toBe(text);
    }
  });

  it('still fixes 你 outside the insult in the same reply', () => {
    expect(linter.fix('你好，关你什么事')).toBe('您好，关你什么事');
  });
});
