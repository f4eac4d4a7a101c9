import { beforeAll, describe, expect, it } from 'vitest';
import { createLinter, type Linter } from '../../src/index.js';
import { builtinDictionaryPath, readPhraseDictionary } from '../../src/dictionaries.js';
import { testRule } from '../helpers/rule-tester.js';

testRule('no-forbidden-words', {
  valid: [
    '您可以再考虑一下，喜欢的话随时下单',
    '店里的款式随便您挑',
    '随时为您服务',
    '给您添麻烦了',
    '有病情的话请遵医嘱使用',
    '我这边帮您查一下',
    '您也可以在订单详情里查看物流',
    '滚筒洗衣机可以洗',
    '页面可以滚动查看',
    '说明书看不懂的话我来帮您讲解',
    '这款相机是傻瓜式操作',
    '买不买都没关系，欢迎随时来咨询',
  ],
  invalid: [
    { text: '爱买不买', findings: [{ actual: '爱买不买', start: 0, end: 4, suggests: ['您可以再考虑一下'] }] },
    { text: '你爱买不买', findings: [{ actual: '你爱买不买' }] },
    { text: '随便你', findings: [{ actual: '随便你' }] },
    { text: '随便你们吧', findings: [{ actual: '随便你们' }] },
    { text: '随便您吧', findings: [{ actual: '随便您' }] },
    { text: '你有病吧', findings: [{ actual: '你有病吧' }] },
    { text: '烦不烦啊', findings: [{ actual: '烦不烦' }] },
    { text: '物流自己查去', findings: [{ actual: '自己查去', suggests: ['我这边帮您查一下'] }] },
    { text: '关你什么事', findings: [{ actual: '关你什么事' }] },
    { text: '你是不是傻', findings: [{ actual: '你是不是傻' }] },
    { text: '给我滚', findings: [{ actual: '给我滚' }] },
    { text: '嫌贵就别买', findings: [{ actual: '嫌贵就别买' }] },
    { text: '懒得理你', findings: [{ actual: '懒得理你' }] },
    { text: '亲，您是不是傻，说明书上写着呢', findings: [{ actual: '是不是傻' }] },
    { text: '少废话，要就拍，不要拉倒', findings: [{ actual: '少废话' }, { actual: '不要拉倒' }] },
  ],
});

describe('no-forbidden-words rewrites', () => {
  const dictionary = readPhraseDictionary(builtinDictionaryPath('forbidden-words.yaml'));

  it('never keep the offending words', () => {
    for (const entry of dictionary.entries) {
      for (const rewrite of entry.rewrites) {
        for (const phrase of [entry.phrase, ...entry.variants]) {
          expect(rewrite.includes(phrase), `${rewrite} keeps ${phrase}`).toBe(false);
        }
      }
    }
  });

  let linter: Linter;
  beforeAll(async () => {
    linter = await createLinter();
  });

  it('is an error by default and in the strict preset', async () => {
    expect(linter.lint('爱买不买').find((f) => f.ruleId === 'no-forbidden-words')?.severity).toBe('error');
    const strict = await createLinter({ preset: 'strict' });
    expect(strict.lint('爱买不买').find((f) => f.ruleId === 'no-forbidden-words')?.severity).toBe('error');
  });
});
