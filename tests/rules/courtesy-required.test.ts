import { testRule } from '../helpers/rule-tester.js';

const midConversation = { history: [{ role: 'customer' as const, text: '发货了吗' }] };

testRule('courtesy-required', {
  valid: [
    '您好，很高兴为您服务，请问有什么可以帮到您？',
    '亲，已经给您发货了哦~',
    '请稍等，这边帮您查一下',
    '麻烦您提供一下订单号',
    '不好意思让您久等了',
    '谢谢支持，欢迎下次光临',
    '不客气，有问题随时联系我们哦',
    '😊',
    { text: '好的', context: midConversation },
    { text: '收到~', context: midConversation },
    { text: '嗯嗯', context: midConversation },
    { text: '是的呢', context: midConversation },
    // Mid-conversation a plain answer is ordinary chat, not curt.
    { text: '好的，明天发', context: midConversation },
  ],
  invalid: [
    { text: '发票开好了。', findings: [{ actual: '发票开好了。', suggests: ['您好，发票开好了。'] }] },
    { text: '已经发货了', findings: [{ actual: '已经发货了' }] },
    { text: '这个很麻烦', findings: [{ actual: '这个很麻烦' }] },
    { text: '大麻烦了', findings: [{ actual: '大麻烦了' }] },
    // A canned reply stands alone: even an acknowledgement is checked.
    { text: '好的', findings: [{ actual: '好的' }] },
    { text: '好的', context: { ...midConversation, standalone: true }, findings: [{ actual: '好的' }] },
    { text: '  地址改好了  ', findings: [{ actual: '地址改好了', start: 2, end: 7 }] },
  ],
});
