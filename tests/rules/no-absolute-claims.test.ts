import { beforeAll, describe, expect, it } from 'vitest';
import { createLinter, type Linter } from '../../src/index.js';
import { onlyRule, testRule } from '../helpers/rule-tester.js';

testRule('no-absolute-claims', {
  valid: [
    '我们会尽最大努力帮您处理',
    '我们会第一时间帮您处理',
    '第一次购买可以用新人券',
    '您是第一位下单的顾客',
    '这款是最近的新品',
    '最大的特点是透气',
    '您最好先拍照留证',
    '最好的办法是先申请换货',
    '这已经是我们能给到的最大优惠了',
    '百分之百纯棉',
    '这个可以帮助缓解干燥',
    '很多顾客反馈效果不错',
    '国家级非物质文化遗产',
    '这款通过了国家3C认证',
    '茶叶最好放在阴凉干燥的地方保存',
    '最快明天上午就能发出',
    '这件是最后一件L码了',
  ],
  invalid: [
    { text: '这款面料是全网最好的', findings: [{ actual: '全网最好', start: 5, end: 9, suggests: ['很受顾客欢迎'] }] },
    { text: '全网最低价了亲', findings: [{ actual: '全网最低价' }] },
    { text: '我们家销量第一', findings: [{ actual: '销量第一' }] },
    { text: '这是行业第一品牌', findings: [{ actual: '行业第一' }] },
    { text: '国家级品质', findings: [{ actual: '国家级' }] },
    { text: '用的是顶级面料', findings: [{ actual: '顶级' }] },
    { text: '这是史上最低价', findings: [{ actual: '史上最低价' }] },
    { text: '这个能根治脚气', findings: [{ actual: '根治', suggests: ['可以帮助缓解'] }] },
    { text: '纯植物成分无副作用', findings: [{ actual: '无副作用' }] },
    { text: '这是最好的面料', findings: [{ actual: '最好的' }] },
    { text: '这是您最好的选择', findings: [{ actual: '最好的' }] },
    { text: '这款百分之百有效', findings: [{ actual: '百分之百有效' }] },
    { text: '保证有效，用了立竿见影', findings: [{ actual: '保证有效' }, { actual: '立竿见影' }] },
    { text: '这是市面上最便宜的了', findings: [{ actual: '市面上最便宜' }] },
    { text: '这款保健品对高血压有特效', findings: [{ actual: '有特效' }] },
    { text: '这款精华效果最强', findings: [{ actual: '效果最强' }] },
  ],
});

describe('no-absolute-claims and no-unfulfillable-promise', () => {
  let both: Linter;
  beforeAll(async () => {
    both = await createLinter(onlyRule('no-absolute-claims', undefined, { rules: { 'no-unfulfillable-promise': 'warn' } }));
  });

  const cases: [text: string, claims: string[], promises: string[]][] = [
    ['百分之百有效', ['百分之百有效'], []],
    ['保证有效', ['保证有效'], []],
    ['一定有效', ['一定有效'], []],
    ['百分之百能根治', ['根治'], []],
    ['全网最低价，明天一定能送到', ['全网最低价'], ['一定能送到']],
    ['百分之百能送到', [], ['百分之百能送到']],
    ['百分之百纯棉', [], []],
    ['我们会第一时间帮您处理', [], []],
  ];
  for (const [text, claims, promises] of cases) {
    it(`splits「${text}」between the two rules without overlap`, () => {
      const findings = both.lint(text);
      expect(findings.filter((f) => f.ruleId === 'no-absolute-claims').map((f) => f.actual)).toEqual(claims);
      expect(findings.filter((f) => f.ruleId === 'no-unfulfillable-promise').map((f) => f.actual)).toEqual(promises);
      for (const a of findings) {
        for (const b of findings) {
          if (a !== b) expect(a.start < b.end && b.start < a.end, `${a.actual} overlaps ${b.actual}`).toBe(false);
        }
      }
    });
  }
});
