/**
 * The traps DOMAIN.md lists and the real chat text it describes, one table: each
 * row says which rule must stay silent on a look-alike, or must still fire on the
 * true case next to it. The texts are written for the project in the style of real
 * agent chats (no corpus text).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createLinter, type LintContext, type Linter } from '../../src/index.js';

const chat: LintContext = { history: [{ role: 'customer', text: '请问什么时候能到呀' }] };

interface Row {
  text: string;
  silent?: string[];
  fires?: string[];
  context?: LintContext;
}

const rows: Record<string, Row[]> = {
  'clause context: negation declines a promise': [
    { text: '这边无法保证明天一定能到，会帮您持续关注', silent: ['no-unfulfillable-promise', 'no-negative-phrasing'] },
    { text: '您放心，明天一定能到', fires: ['no-unfulfillable-promise'] },
  ],
  'clause context: a condition describes the customer': [
    { text: '如果您没有办法到店，可以联系我们上门取件', silent: ['no-negative-phrasing'] },
    { text: '您前台不能修改的话，我们这边帮您改', silent: ['no-negative-phrasing'] },
    { text: '这个是改不了的呢，如果远的话可以取消重新下单', fires: ['no-negative-phrasing'] },
  ],
  'clause context: purpose is not a promise': [
    { text: '为了保证送达时效，我们会尽快安排发货', silent: ['no-unfulfillable-promise'] },
    { text: '为保证商品送达准确无误，下单后一般不能随意修改地址，请您谅解', silent: ['no-unfulfillable-promise'] },
  ],
  'clause context: who does what': [
    { text: '小妹刚才给您看错了，实在抱歉', silent: ['no-blaming'] },
    { text: '您看错了，我们写的是明天', fires: ['no-blaming'] },
    { text: '这边帮您联系财务核实一下', silent: ['no-buck-passing'] },
    { text: '我联系一下售后同事，稍后回复您', silent: ['no-buck-passing'] },
    { text: '这个您咨询一下商家客服吧', fires: ['no-buck-passing'] },
    { text: '那您取消不了，我们给您取消', silent: ['no-negative-phrasing'] },
  ],
  'clause context: other meanings': [
    { text: '截图看不清楚，麻烦您手动复制一下订单号', silent: ['no-vague-answer'] },
    { text: '这个我也不清楚呢', fires: ['no-vague-answer'] },
  ],
  'clause context: quotation and app menus': [
    { text: '您可以点击“我的订单”，在我的京东里查看物流', silent: ['no-first-person-overuse'] },
    { text: '路径：我的-客户服务-退换/售后，我的订单里也能找到', silent: ['no-first-person-overuse'] },
  ],
  'empathy is not a promise': [{ text: '您的心情我理解，我也一定很着急', silent: ['no-unfulfillable-promise'] }],
  'real chat text: emoticon codes, placeholders, lost characters': [
    { text: '好的呢#E-s[数字x]#E-s[数字x]#E-s[数字x]#E-s[数字x]', silent: ['no-shouting'] },
    { text: '您放?心，会尽快给您配送的', silent: ['no-rapid-fire-questions', 'no-shouting'] },
    { text: '多谢??请问还有其他可以帮您的吗', silent: ['no-shouting'] },
    { text: '[姓名x]您好，订单[ORDERID_10001234]已经发货了', silent: ['no-privacy-leak', 'no-jargon'] },
    { text: '已经发货了！！！', fires: ['no-shouting'] },
  ],
  'real chat text: joined messages, URLs and menu paths do not count as length': [
    {
      text: '申请路径：我的京东-客户服务-返修退换货，也可以直接点击链接 http://myjd.jd.com/repair/orderlist.action?id=[数字x]&from=app&source=pc 申请，手机端点我的-客户服务-退换/售后，提交后专员会联系您哦',
      silent: ['max-reply-length', 'no-first-person-overuse'],
    },
  ],
  'cute-speak is slang; 亲 and 亲亲 alone are not': [
    { text: '亲爱哒，已经给您申请了哦', fires: ['no-slang'] },
    { text: '好滴，马上为您处理', fires: ['no-slang'] },
    { text: '妹纸这边帮您催一下', fires: ['no-slang'] },
    { text: '亲，已经给您申请了哦', silent: ['no-slang'] },
    { text: '亲亲，这款宝宝用很安全哦', silent: ['no-slang'] },
  ],
  'refusals as agents write them': [
    { text: '这个是不能退的哦', fires: ['no-negative-phrasing'] },
    { text: '这个无法的哈', fires: ['no-negative-phrasing'] },
    { text: '提交了的订单颜色换不了的哦', fires: ['no-negative-phrasing'] },
    { text: '上面有不支持的快递的呢，您看一下', silent: ['no-negative-phrasing'] },
  ],
  'courtesy-required is curtness mid-chat': [
    { text: '预计一周左右到', context: chat, silent: ['courtesy-required'] },
    { text: '可以的哦', context: chat, silent: ['courtesy-required'] },
    { text: '#E-s[数字x]', context: chat, silent: ['courtesy-required'] },
    { text: '手机号码', context: chat, fires: ['courtesy-required'] },
    { text: '订单号呢', context: chat, fires: ['courtesy-required'] },
    { text: '这个不能更改的', context: chat, fires: ['courtesy-required'] },
    { text: '亲是要改地址吗', context: chat, silent: ['courtesy-required'] },
    // A canned reply stands alone: no marker at all is flagged.
    { text: '预计一周左右到', context: { standalone: true }, fires: ['courtesy-required'] },
  ],
  'self-correction is not fixed into 您您': [{ text: '这边帮你您催一下', silent: ['prefer-honorific'] }],
};

describe('DOMAIN.md traps', () => {
  let linter: Linter;
  beforeAll(async () => {
    linter = await createLinter({ rules: { 'max-reply-length': 'warn' } });
  });
  for (const [trap, cases] of Object.entries(rows)) {
    describe(trap, () => {
      for (const row of cases) {
        it(`${row.fires ? 'fires' : 'stays silent'}: ${row.text}`, () => {
          const fired = new Set(linter.lint(row.text, row.context).map((f) => f.ruleId));
          for (const id of row.silent ?? []) expect(fired.has(id), `${id} on「${row.text}」`).toBe(false);
          for (const id of row.fires ?? []) expect(fired.has(id), `${id} on「${row.text}」`).toBe(true);
        });
      }
    });
  }
});
