import { testRule } from '../helpers/rule-tester.js';

testRule('no-first-person-overuse', {
  valid: [
    '我帮您查一下',
    '我们会尽快为您处理',
    '自我介绍一下，我是客服小美，很高兴为您服务',
    '我这边帮您查询，我马上回复您，您稍等',
    '咱们这款是纯棉的',
    '您看这样是否清楚',
  ],
  invalid: [
    {
      text: '我觉得我已经说清楚了',
      findings: [
        { actual: '我觉得', suggests: ['您看'] },
        { actual: '我已经说清楚了', suggests: ['您看这样是否清楚'] },
      ],
    },
    { text: '我认为这件更适合您', findings: [{ actual: '我认为' }] },
    { text: '这个我不知道', findings: [{ actual: '我不知道', suggests: ['核实'] }] },
    { text: '我刚才问了我同事，我这边也没办法', findings: [{ actual: '我刚才问了我同事，我', reason: '3 次' }] },
    { text: '我我我我', options: { max: 3 }, findings: [{ actual: '我我我我' }] },
  ],
});
