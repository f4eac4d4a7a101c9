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
    // Topic words are not emotion: a polite refund request is a request.
    { text: '可以的，在订单页点申请退款就好', context: { history: [{ role: 'customer', text: '不好意思，我想退款，可以吗' }] } },
    // The previous reply already apologised and the customer is no angrier: covered.
    {
      text: '已经帮您催促仓库了',
      context: {
        history: [
          { role: 'customer', text: '怎么还没发货啊' },
          { role: 'agent', text: '非常抱歉让您久等了，我马上帮您查' },
          { role: 'customer', text: '还没发货' },
        ],
      },
    },
    // The customer thanked the agent: the old upset does not carry on.
    { text: '好的，有问题随时找我', context: { history: [{ role: 'customer', text: '太慢了！！' }, { role: 'agent', text: '非常抱歉，已经帮您加急' }, { role: 'customer', text: '好的谢谢' }] } },
  ],
  invalid: [
    { text: '请提供一下订单号', context: upset, findings: [{ actual: '请提供一下订单号', reason: '投诉', suggests: ['非常理解您的心情，请提供一下订单号'] }] },
    // An angry rhetorical question is upset without any emotion word.
    { text: '您再等等', context: { history: [{ role: 'customer', text: '凭什么让我一直等' }] }, findings: [{ actual: '您再等等' }] },
    // A new, stronger upset after the apology needs a new one.
    {
      text: '已经帮您催促仓库了',
      context: {
        history: [
          { role: 'customer', text: '怎么还没发货啊' },
          { role: 'agent', text: '非常抱歉让您久等了，我马上帮您查' },
          { role: 'customer', text: '骗子！再不发我就投诉！！' },
        ],
      },
      findings: [{ actual: '已经帮您催促仓库了', reason: '投诉' }],
    },
  ],
});
