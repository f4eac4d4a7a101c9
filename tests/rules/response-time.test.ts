import { testRule } from '../helpers/rule-tester.js';

const asked = Date.parse('2024-05-01T10:00:00+08:00');
const waiting = { role: 'customer' as const, text: '在吗？', time: asked };

testRule('response-time', {
  valid: [
    { text: '您好，在的', context: { history: [waiting], time: asked + 60_000 } },
    // No times known: nothing to measure.
    { text: '您好，在的', context: { history: [{ role: 'customer', text: '在吗？' }] } },
    // The customer was already answered; this is a follow-up.
    { text: '还有其他问题吗？', context: { history: [waiting, { role: 'agent', text: '您好', time: asked + 10_000 }], time: asked + 600_000 } },
    { text: '您好，在的', options: { platform: 'douyin' }, context: { history: [waiting], time: asked + 120_000 } },
  ],
  invalid: [
    {
      text: '您好，在的',
      context: { history: [waiting], time: asked + 300_000 },
      findings: [{ actual: '您好，在的', reason: '等了 5 分钟', suggests: ['让您久等了'] }],
    },
    {
      text: '您好，在的',
      options: { platform: 'jd' },
      context: { history: [waiting], time: asked + 60_000 },
      findings: [{ actual: '您好，在的', reason: '京东的常用标准' }],
    },
    { text: '您好', options: { limit: 10 }, context: { history: [waiting], time: asked + 11_000 }, findings: [{ actual: '您好', reason: '（10 秒）' }] },
  ],
});
