import { testRule } from '../helpers/rule-tester.js';

const opening = { history: [{ role: 'customer' as const, text: '在吗？' }] };

testRule('greeting-required', {
  valid: [
    { text: '您好，请问有什么可以帮您？', context: opening },
    { text: '亲，在的，请问有什么可以帮您？', context: opening },
    { text: '欢迎光临，这款现在有货哦', context: opening },
    // Not the agent's first reply in the conversation.
    { text: '订单已经发货了。', context: { history: [{ role: 'customer', text: '在吗' }, { role: 'agent', text: '您好' }, { role: 'customer', text: '发货了吗' }] } },
    // No conversation given: a lone reply is not checked.
    '订单已经发货了。',
    { text: '订单已经发货了。', context: { standalone: true } },
  ],
  invalid: [
    { text: '订单已经发货了。', context: opening, findings: [{ actual: '订单已经发货了。', suggests: ['您好，订单已经发货了。'] }] },
    { text: '  稍等  ', context: { history: [{ role: 'customer', text: '有人吗' }] }, findings: [{ actual: '稍等', start: 2, end: 4 }] },
  ],
});
