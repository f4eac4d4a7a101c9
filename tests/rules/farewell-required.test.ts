import { testRule } from '../helpers/rule-tester.js';

const history = [
  { role: 'customer' as const, text: '我想退货' },
  { role: 'agent' as const, text: '您好，已经为您提交退货申请' },
  { role: 'customer' as const, text: '好的，谢谢' },
];

testRule('farewell-required', {
  valid: [
    { text: '不客气，祝您生活愉快！', context: { history, closing: true } },
    { text: '感谢您的支持，再见！', context: { history, closing: true } },
    // Not the last reply of the conversation.
    { text: '退款三天内到账。', context: { history } },
    // The conversation is not closing: the customer is still asking.
    { text: '退款三天内到账。', context: { history: [...history.slice(0, 2), { role: 'customer', text: '退款多久到账' }], closing: true } },
    // The transcript stops on the agent's question: cut, not closed.
    { text: '您还需要开发票吗？', context: { history, closing: true } },
    // The pre-close question is itself a polite close.
    { text: '请问还有其他可以帮到您的吗', context: { history, closing: true } },
    // A lone reply is never a conversation's close.
    { text: '退款三天内到账。', context: { closing: true, standalone: true } },
  ],
  invalid: [
    // The agent asked the pre-close question; the customer answered; the close is missing.
    {
      text: '嗯嗯',
      context: { history: [...history, { role: 'agent', text: '请问还有其他可以帮到您的吗' }, { role: 'customer', text: '没有了' }], closing: true },
      findings: [{ actual: '嗯嗯' }],
    },
    {
      text: '退款三天内到账',
      context: { history, closing: true },
      findings: [{ actual: '退款三天内到账', suggests: ['退款三天内到账。感谢您的支持，祝您生活愉快！'] }],
    },
  ],
});
