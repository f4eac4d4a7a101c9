import { describe, expect, it } from 'vitest';
import { createLinter } from '../../src/index.js';
import { onlyRule, testRule } from '../helpers/rule-tester.js';

testRule('no-negative-phrasing', {
  valid: [
    '不客气',
    '不好意思，让您久等了',
    '这款质量不错',
    '没关系的亲',
    '不用担心，我们会跟进',
    '没问题，马上为您安排',
    '这款面料不起球',
    '这款不含酒精',
    '这款不是防水的哦',
    '这款不能机洗，建议手洗',
    '如果尺码不行的话我们再帮您换',
    '您看可不可以呢',
    '品质好到别家没法比',
    '支持七天无理由退换货',
    '不给您添麻烦了',
    // The then-part of a condition states a rule; it refuses nothing now.
    '若没有修改按钮，则表示订单已经修改不了哦',
    '如没有修改按钮，说明订单已不支持修改了呢',
    // A yes with its condition.
    '可以的，不支持跨区',
    // A possibility, not a refusal.
    '应该是商品不支持上门取件的哈',
    // An alternative question asks in both its clauses: 取消不了 is asked about, not refused.
    '您是取消不了，还是有什么别的问题呢？',
  ],
  invalid: [
    { text: '这个我们做不到', findings: [{ actual: '做不到', start: 4, end: 7, suggests: ['尝试'] }] },
    { text: '这个办不到的', findings: [{ actual: '办不到' }] },
    { text: '不能改价', findings: [{ actual: '不能', suggests: ['为了更好地帮到您'] }] },
    { text: '价格不能再低了', findings: [{ actual: '不能' }] },
    { text: '这个真的不能。', findings: [{ actual: '不能' }] },
    { text: '这个不行', findings: [{ actual: '不行' }] },
    { text: '不可以退货', findings: [{ actual: '不可以' }] },
    { text: '这个没办法', findings: [{ actual: '没办法' }] },
    { text: '这款不支持七天无理由', findings: [{ actual: '不支持' }] },
    { text: '不可能再便宜了', findings: [{ actual: '不可能' }] },
    { text: '只能按规定处理', findings: [{ actual: '只能按规定' }] },
    { text: '这个无法处理，也不给退', findings: [{ actual: '无法' }, { actual: '不给' }] },
    // A refusal that comes with an alternative is a lesser case: one level lower.
    { text: '地址修改不了的，您可以取消重新下单', findings: [{ actual: '修改不了', severity: 'info' }] },
    { text: '没办法撤销呢，建议您收到后拒收', findings: [{ actual: '没办法', severity: 'info' }] },
    { text: '地址修改不了的', findings: [{ actual: '修改不了', severity: 'warning' }] },
    // A condition in another sentence does not make the refusal its then-part.
    { text: '如果有按钮就能改。现在说明已经改不了', findings: [{ actual: '改不了', severity: 'warning' }] },
  ],
});

describe('a refusal that comes with an alternative', () => {
  it('is a lesser fault, whichever way the alternative is said', async () => {
    const linter = await createLinter(onlyRule('no-negative-phrasing'));
    const severity = (text: string) => linter.lint(text).map((f) => [f.actual, f.severity]);
    expect(severity('这个改不了')).toEqual([['改不了', 'warning']]);
    for (const alternative of ['您可以先取消', '建议您取消', '或者您取消订单', '要不您取消订单', '帮您申请退款', '给您申请退款', '为您申请退款', '替您申请退款', '麻烦重新下单']) {
      expect(severity(`这个改不了，${alternative}`), alternative).toEqual([['改不了', 'info']]);
    }
  });
});
