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
    // A lone reply is never a conversation's close.
    { text: '退款三天内到账。', context: { closing: true, standalone: true } },
  ],
  invalid: [
    {
      text: '退款三天内到账',
      context: { history, closing: true },
      findings: [{ actual: '退款三天内到账', suggests: ['退款三天内到账。感谢您的支持，祝您生活愉快！'] }],
    },
  ],
});
