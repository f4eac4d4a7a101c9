import { testRule } from '../helpers/rule-tester.js';

const canned = '亲，请耐心等待哦，我们正在加急处理';
const history = [
  { role: 'customer' as const, text: '什么时候发货' },
  { role: 'agent' as const, text: canned },
  { role: 'customer' as const, text: '到底什么时候能到？' },
];

testRule('no-repeated-reply', {
  valid: [
    { text: '您的包裹预计明天下午送达', context: { history } },
    // Too short to count as a canned reply.
    { text: '好的', context: { history: [...history.slice(0, 2), { role: 'customer', text: '好的' }, { role: 'agent', text: '好的' }] } },
    // The customer's own words repeated are not the agent repeating itself.
    { text: '到底什么时候能到？', context: { history } },
    canned,
  ],
  invalid: [
    { text: canned, context: { history }, findings: [{ actual: canned, reason: '完全相同' }] },
    // Punctuation and spacing do not make it a different reply.
    { text: '亲，请耐心等待哦！我们正在加急处理。', context: { history }, findings: [{ actual: '亲，请耐心等待哦！我们正在加急处理。' }] },
  ],
});
