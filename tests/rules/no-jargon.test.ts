import { testRule } from '../helpers/rule-tester.js';

testRule('no-jargon', {
  valid: [
    '快递已经取件了，请您留意物流信息',
    '您的售后申请已经通过了',
    '这个款式暂时没货了',
    '加工单位是我们自己的工厂',
    '这款是树干线条的设计',
    '您提交的处理申请我们已经收到',
    { text: '亲，这个SKU没货了', options: { allow: ['SKU'] } },
  ],
  invalid: [
    { text: '已揽收', findings: [{ actual: '揽收', suggests: ['快递已经取件'] }] },
    { text: '这个SKU没货了', findings: [{ actual: 'SKU', suggests: ['款式'] }] },
    { text: '这个sku没货了', findings: [{ actual: 'sku' }] },
    { text: '已经给您提交工单了', findings: [{ actual: '工单' }] },
    { text: '包裹还在干线运输中', findings: [{ actual: '干线' }] },
    // 售后单 is what the app shows the customer; 客诉 is internal.
    { text: '您的客诉已经登记，售后单也建好了', findings: [{ actual: '客诉' }] },
    { text: '您走仅退款流程就行', findings: [{ actual: '仅退款流程' }] },
    { text: 'ERP里还没同步', findings: [{ actual: 'ERP' }] },
  ],
});
