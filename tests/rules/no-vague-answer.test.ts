import { testRule } from '../helpers/rule-tester.js';

testRule('no-vague-answer', {
  valid: [
    '可能会有色差，以实物为准',
    '应该在明天下午送达',
    '您可以先试穿一下吧',
    '可能会有色差，您先看看吧',
    '有不清楚的地方随时问我',
    '图片不太清楚，麻烦您重新拍一张',
    '如果还有不清楚的话随时联系我们',
    '您要是不太确定的话，可以告诉我身高体重',
    '如果不确定尺码，可以参考尺码表',
    '穿上就好像定制的一样',
    '已经帮您查到了，今天上午发的货',
    '估计明天到，到了我提醒您',
  ],
  invalid: [
    { text: '应该吧', findings: [{ actual: '应该吧', start: 0, end: 3, suggests: ['核实'] }] },
    { text: '应该可以吧', findings: [{ actual: '应该可以吧' }] },
    { text: '大概三天能到吧', findings: [{ actual: '大概三天能到吧' }] },
    { text: '可能吧', findings: [{ actual: '可能吧' }] },
    { text: '估计明天到吧？', findings: [{ actual: '估计明天到吧' }] },
    { text: '好像已经发货了', findings: [{ actual: '好像', suggests: ['核实'] }] },
    { text: '这个我不太确定', findings: [{ actual: '不太确定' }] },
    { text: '什么时候到货说不准', findings: [{ actual: '说不准' }] },
    { text: '这个不好说', findings: [{ actual: '不好说' }] },
    { text: '这个我也不清楚', findings: [{ actual: '也不清楚' }] },
    { text: '什么时候补货不太清楚', findings: [{ actual: '不太清楚' }] },
    { text: '应该是明天到吧，好像在路上了', findings: [{ actual: '应该是明天到吧' }, { actual: '好像' }] },
    { text: '应该是明天下午三点左右能到吧', options: { window: 6 }, findings: [] },
  ],
});
