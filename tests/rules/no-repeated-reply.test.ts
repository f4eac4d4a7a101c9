import { describe, expect, it } from 'vitest';
import { stripNoise } from '../../rules/no-repeated-reply.js';
import { seededRandom } from '../../tools/random.js';
import { testRule } from '../helpers/rule-tester.js';

const canned = '亲，请耐心等待哦，我们正在加急处理';
/** A canned reply longer than the texts the rule remembers normalized (1,000 characters). */
const long = `亲，${'关于退换货的规则这边为您详细说明一下，'.repeat(60)}有问题随时联系我们`;
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
    // Sent twice in a row with no customer message between: not an answer to something new.
    { text: canned, context: { history: history.slice(0, 2) } },
    // The customer has not spoken since any earlier agent reply.
    { text: canned, context: { history: [{ role: 'agent', text: canned }] } },
    // Formulas recur naturally: please-wait, thanks, the pre-close question.
    { text: '请您稍等，正在为您核实处理中哦', context: { history: [{ role: 'customer', text: '发货了吗' }, { role: 'agent', text: '请您稍等，正在为您核实处理中哦' }, { role: 'customer', text: '好' }] } },
    { text: '请问还有其他可以帮到您的吗？', context: { history: [{ role: 'customer', text: '好的' }, { role: 'agent', text: '请问还有其他可以帮到您的吗？' }, { role: 'customer', text: '还有一个问题' }] } },
  ],
  invalid: [
    { text: canned, context: { history }, findings: [{ actual: canned, reason: '相同' }] },
    // 亲 or 这个 in front does not make it a different answer.
    {
      text: '亲是前半小时的活动',
      context: { history: [{ role: 'customer', text: '活动不是还没结束吗' }, { role: 'agent', text: '这个是前半小时的活动' }, { role: 'customer', text: '页面上写的是三十分钟内付款' }] },
      findings: [{ actual: '亲是前半小时的活动', reason: 'messageIndex 1' }],
    },
    // The canned text sent again in short.
    {
      text: '茶具订单满99包邮',
      context: { history: [{ role: 'customer', text: '怎么小的更贵' }, { role: 'agent', text: '本店茶具订单满99包邮，偏远地区除外，有运费请联系客服改价' }, { role: 'customer', text: '这样小的反而贵了' }] },
      findings: [{ actual: '茶具订单满99包邮' }],
    },
    // A long canned reply is compared as well (normalized afresh each time, not remembered).
    { text: long, context: { history: [{ role: 'customer', text: '退货怎么退' }, { role: 'agent', text: long }, { role: 'customer', text: '还是不明白' }] }, findings: [{ actual: long }] },
    // Punctuation and spacing do not make it a different reply.
    { text: '亲，请耐心等待哦！我们正在加急处理。', context: { history }, findings: [{ actual: '亲，请耐心等待哦！我们正在加急处理。' }] },
  ],
});

describe('normalizing a reply', () => {
  const NOISE = /[\s\p{P}\p{S}~～呢哦噢哈啊呀啦吧嘛哟哒滴]+/gu;
  it('drops what the pattern drops, character by character and in mixed text', () => {
    for (let code = 0; code < 0x10000; code++) {
      const text = `好${String.fromCharCode(code)}的`;
      expect(stripNoise(text), `U+${code.toString(16)}`).toBe(text.replace(NOISE, ''));
    }
    const random = seededRandom(3);
    const pieces = ['亲', '，', '。', '！', ' ', '\n', '哦', '😊', '👍🏻', '🇨🇳', '\ud83d', '\ude0a', '~', '～', 'a', '1', '¥', '【', '】', '呢'];
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(stripNoise(text), JSON.stringify(text)).toBe(text.replace(NOISE, ''));
    }
  });
});
