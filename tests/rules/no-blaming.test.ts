import { testRule } from '../helpers/rule-tester.js';

testRule('no-blaming', {
  valid: [
    '您错过了活动时间也没关系，下次活动我提醒您',
    '是我们发错了，非常抱歉',
    '这不可能再便宜了',
    '您看清楚了吗？有问题随时问我',
    '我刚才帮您查过了，已经发货了',
    '这是您自己的账户，别人看不到',
    '是您自己用吗？送人的话可以帮您包装',
    '有需要您随时说',
    '不可能的事情我们不会承诺',
    '如果使用方法不对，效果会打折扣，这边给您发个视频',
    '这不是您的问题，是我们发错了，非常抱歉',
  ],
  invalid: [
    { text: '您错了', findings: [{ actual: '您错了', start: 0, end: 3, suggests: ['可能是我没有解释清楚'] }] },
    { text: '你搞错了吧', findings: [{ actual: '你搞错了' }] },
    { text: '您理解错了，不是这样的', findings: [{ actual: '您理解错了' }] },
    { text: '这不可能！我们都是检查过才发的', findings: [{ actual: '这不可能', suggests: ['帮您核实'] }] },
    { text: '这是不可能的。', findings: [{ actual: '这是不可能的' }] },
    { text: '你自己没看清楚吧', findings: [{ actual: '你自己没看清楚' }] },
    { text: '详情页写得很清楚了', findings: [{ actual: '详情页写得很清楚了' }] },
    { text: '我已经说过了', findings: [{ actual: '我已经说过了', suggests: ['我再为您说明一下'] }] },
    { text: '都说了多少遍了', findings: [{ actual: '说了多少遍了' }] },
    { text: '都发货了您怎么不早说呢', findings: [{ actual: '您怎么不早说呢' }] },
    { text: '是您自己选错了尺码', findings: [{ actual: '是您自己' }] },
    { text: '这是你自己操作的', findings: [{ actual: '是你自己' }] },
    { text: '这是您的问题', findings: [{ actual: '这是您的问题' }] },
    { text: '这是您操作失误导致的哦', findings: [{ actual: '您操作失误', suggests: ['使用说明'] }] },
    { text: '谁让您不看说明书就安装呢', findings: [{ actual: '谁让您' }] },
  ],
});
