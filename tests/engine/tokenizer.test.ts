import { describe, expect, it, beforeAll } from 'vitest';
import { createLinter, type Linter } from '../../src/index.js';
import { piecesToTokens, splitTokens } from '../../src/engine/tokens.js';
import { compactDictionary, getJiebaTokenizer } from '../../src/jieba.js';

describe('tokenizer', () => {
  let linter: Linter;
  beforeAll(async () => {
    linter = await createLinter();
  });

  it('keeps customer-service words in one token', () => {
    const words = linter.tokenize('这个我们做不到，运费险和七天无理由退换货，已揽收').map((t) => t.text);
    for (const word of ['做不到', '运费险', '七天无理由', '退换货', '揽收']) expect(words).toContain(word);
  });

  it('keeps short words, place names and look-alikes whole with the compact dictionary', () => {
    const words = linter.tokenize('客服说浙江省杭州市西湖区的网店不好意思第一次，请查收电商发票').map((t) => t.text);
    for (const word of ['客服', '浙江省', '杭州市', '西湖区', '网店', '不好意思', '第一次', '查收', '电商']) expect(words).toContain(word);
  });

  it('compacts the dictionary: keeps frequent words and place names, skips malformed lines', () => {
    const source = ['网店 3 n', '品牌形象 3 n', '不好意思 829 a', '西湖区 3 ns', 'broken line here', '', '受欢迎 3 v', '查收 9 v', '好评 490 v'].join('\n');
    expect(compactDictionary(source)).toBe('不好意思 829 a\n西湖区 3 ns\n好评 490 v\n');
    expect(compactDictionary('品牌形象 3 n\n')).toBe('');
  });

  it('tokenizes many texts at once exactly as one by one', () => {
    const jieba = getJiebaTokenizer([]);
    const texts = ['亲，您好，这个我们做不到哦', '', '第一行\n第二行', '好的👨‍👩‍👧❤️', 'bad\uD800z不行', '  空格 开头', '\n', 'ok', '🙏', '谢谢\r\n再见'];
    expect(jieba.tokenizeMany!(texts)).toEqual(texts.map((text) => jieba.tokenize(text)));
  });

  it('refuses to split tokens that cross a join', () => {
    const joined = 'ab\ncd';
    expect(splitTokens(piecesToTokens(joined, ['ab', '\n', 'cd']), ['ab', 'cd'])?.map((list) => list.map((t) => [t.text, t.start]))).toEqual([[['ab', 0]], [['cd', 0]]]);
    expect(splitTokens(piecesToTokens(joined, ['ab\nc', 'd']), ['ab', 'cd'])).toBeUndefined();
  });

  it('covers the text exactly with UTF-16 offsets', () => {
    const text = '亲，您好 hello 😀👍🏻 ！！！[订单x] 13812345678\n第二行';
    const tokens = linter.tokenize(text);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.text);
    expect(tokens.find((t) => t.text === '👍🏻')?.kind).toBe('emoji');
    expect(tokens.find((t) => t.text === 'hello')?.kind).toBe('word');
  });

  it('keeps emoji sequences whole', () => {
    const tokens = linter.tokenize('好的👨‍👩‍👧❤️1️⃣');
    expect(tokens.map((t) => t.text)).toEqual(['好的', '👨‍👩‍👧', '❤️', '1️⃣']);
  });

  it('survives lone surrogates and NUL without shifting offsets', () => {
    const text = 'bad\uD800z不行\u0000好';
    const tokens = linter.tokenize(text);
    expect(tokens[tokens.length - 1].end).toBe(text.length);
    const finding = linter.lint(text).find((f) => f.ruleId === 'no-negative-phrasing');
    expect(finding?.actual).toBe('不行');
    expect(finding?.start).toBe(5);
  });

  it('recovers offsets when a segmenter drops characters', () => {
    const tokens = piecesToTokens('ab c', ['ab', 'c']);
    expect(tokens.map((t) => [t.text, t.start, t.end])).toEqual([
      ['ab', 0, 2],
      [' ', 2, 3],
      ['c', 3, 4],
    ]);
  });
});
