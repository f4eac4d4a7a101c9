import { testRule } from '../helpers/rule-tester.js';

const upset = { history: [{ role: 'customer' as const, text: '我要投诉！！！太慢了' }] };

testRule('empathy-required', {
  valid: [
    { text: '非常抱歉让您久等了，请提供一下订单号', context: upset },
    { text: '理解您的心情，我马上帮您处理', context: upset },
    // A calm question needs an answer, not comfort.
    { text: '今天下午发货', context: { history: [{ role: 'customer', text: '请问什么时候发货？' }] } },
    // No conversation given.
    '请提供一下订单号',
  ],
  invalid: [
    { text: '请提供一下订单号', context: upset, findings: [{ actual: '请提供一下订单号', reason: '投诉', suggests: ['非常理解您的心情，请提供一下订单号'] }] },
  ],
});
