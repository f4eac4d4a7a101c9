import { testRule } from '../helpers/rule-tester.js';

testRule('no-unfulfillable-promise', {
  valid: [
    '马上帮您查询',
    '我们一定帮您查询清楚',
    '不一定能到，我们帮您关注',
    '您一定要保存好凭证哦',
    '这款有一定的色差',
    '预计明天送达，我们会帮您持续关注物流',
    '百分之百纯棉',
    '我们永远欢迎您',
    '保证金已经退回', 
    '肯定是正品，支持专柜验货',
  ],
  invalid: [
    { text: '明天一定能送到', findings: [{ actual: '一定能送到', suggests: ['预计'] }] },
    { text: '保证七天内到账', findings: [{ actual: '保证七天内到账' }] },
    { text: '绝对不会坏的', findings: [{ actual: '绝对不会坏' }] },
    { text: '马上就能到，您放心', findings: [{ actual: '马上就能到' }] },
    { text: '明天就能到账', findings: [{ actual: '明天就能到账' }] },
    { text: '百分之百能送到', findings: [{ actual: '百分之百能送到' }] },
    { text: '这颜色永远不会褪色', findings: [{ actual: '永远不会褪色' }] },
    { text: '肯定能到，今天也肯定发货', findings: [{ actual: '肯定能到' }, { actual: '肯定发货' }] },
  ],
});
