import { describe, expect, it } from 'vitest';
import { createLinter } from '../../src/index.js';
import { onlyRule, testRule } from '../helpers/rule-tester.js';

testRule('no-rapid-fire-questions', {
  valid: [
    '您好，请问有什么可以帮您？',
    '您是要红色，还是蓝色？',
    '请问您的订单号是多少？收到后我马上帮您查',
    '您收到货了吗？颜色对吗？',
    '您收到货了吗，有问题随时联系我们',
    '有什么问题随时联系我们，买多少都包邮',
    '不管有没有用优惠券都可以退，不管是不是质量问题我们都会处理',
    '好的呢，已经发货了呀，有问题随时找我哈',
    '就这么办。那么明天发货。我们这么做是为了保证质量。',
    '您说“能退吗？能换吗？还能用吗？”这三个问题我一起回复您：都可以',
    { text: '订单号是多少？地址是哪里？要开发票吗？', options: { max: 3 } },
    // A tag after a statement or request checks it; it is not one more question.
    '那您电话地址对吗，我直接给您安排，对吗，可以吗',
    '抱歉呢，在吗，需要帮您提交一下吗',
  ],
  invalid: [
    {
      text: '请问您的订单号是多少？地址是哪里？要开发票吗？',
      findings: [{ actual: '请问您的订单号是多少？地址是哪里？要开发票吗？', start: 0, suggests: ['请问您的订单号是多少？'], reason: '3 个问题' }],
    },
    { text: '您收到货了吗，颜色对吗，尺码合适吗', findings: [{ actual: '您收到货了吗，颜色对吗，尺码合适吗', suggests: ['您收到货了吗？'] }] },
    { text: '能到吗？对吗？好么？', findings: [{ actual: '能到吗？对吗？好么？' }] },
    {
      text: '您是不是买了两件，有没有用优惠券，需不需要开发票',
      findings: [{ actual: '您是不是买了两件，有没有用优惠券，需不需要开发票', suggests: ['您是不是买了两件？'] }],
    },
    { text: '您穿什么码呢，身高多少呀，体重多少呢', findings: [{ actual: '您穿什么码呢，身高多少呀，体重多少呢' }] },
    {
      text: '您好，感谢您的耐心。请问订单号是多少？是哪个颜色？什么时候收到的？我帮您查一下。',
      findings: [{ actual: '请问订单号是多少？是哪个颜色？什么时候收到的？', reason: '3 个问题' }],
    },
    { text: '在吗？？在吗？？在吗？？', findings: [{ actual: '在吗？？在吗？？在吗？？' }] },
    { text: '订单号是多少？地址是哪里？', options: { max: 1 }, findings: [{ actual: '订单号是多少？地址是哪里？', reason: '2 个问题' }] },
  ],
});

describe('a shop’s own question particle', () => {
  it('counts like 吗, though the reply’s marks do not know it', async () => {
    // jieba glues the second 嘛 to 行: only the particle count sees it.
    const text = '好嘛，行嘛';
    const own = await createLinter(onlyRule('no-rapid-fire-questions', { max: 1 }, { dictionaries: [{ name: 'questions', entries: [{ phrase: '嘛', kind: 'particle' }] }] }));
    const plain = await createLinter(onlyRule('no-rapid-fire-questions', { max: 1 }));
    expect(own.lint(text).map((f) => f.actual)).toEqual([text]);
    expect(plain.lint(text)).toEqual([]);
  });
});
