/**
 * A reply's marks: the one pass the span finder and the text-reading rules share
 * instead of each testing the text. Every mark must say exactly what the test it
 * replaces says (or, for a gate before a pattern, never say no where it matches).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ADMIN_AREA,
  ASCII_DIGITS_9,
  BANG,
  DIGIT,
  DIGIT_GROUPS,
  DIGITS_7,
  EMOJI_LEAD,
  HOUSE,
  MARK_RUN,
  PARTICLE,
  QUESTION,
  QUOTE,
  QUOTE_CLOSE,
  textMarks,
} from '../../src/engine/marks.js';

const PIECES = ['1', '2', '9', '０', '９', '-', ' ', '—', '!', '！', '?', '？', '号', '栋', '省', '区', '吗', '么', '您', '好', '😊', '\u200d', '“', '《', 'a', '\n', '\ud83d'];
const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join(''));

/** Each mark, with the test it stands for (`gate`: the mark may say yes where the test says no, never the other way). */
const EXACT: [string, number, RegExp][] = [
  ['two ！/？ in a row', MARK_RUN, /[!！?？]{2}/],
  ['seven digits in a row', DIGITS_7, /[0-9０-９]{7}/],
  ['nine ASCII digits in a row', ASCII_DIGITS_9, /\d{9}/],
  ['a digit', DIGIT, /[0-9０-９]/],
  ['a house number word', HOUSE, /[号栋幢座]/],
  ['an area word', ADMIN_AREA, /[省市区县]/],
  ['a question mark', QUESTION, /[?？]/],
  ['an exclamation mark', BANG, /[!！]/],
  ['a question particle', PARTICLE, /[吗么]/],
  ['an opening quote', QUOTE, new RegExp(`[${Object.keys(QUOTE_CLOSE).join('')}]`)],
];

describe('a reply’s marks', () => {
  for (const [name, mark, test] of EXACT) {
    it(`say ${name} exactly when the pattern does`, () => {
      fc.assert(
        fc.property(texts, (text) => {
          expect((textMarks(text) & mark) !== 0).toBe(test.test(text));
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('say a digit group may follow wherever 123-4567 or 1234 5678 stands', () => {
    const grouped = /[0-9０-９]{3,4}[- ][0-9０-９]{4}/;
    fc.assert(
      fc.property(texts, (text) => {
        if (grouped.test(text)) expect(textMarks(text) & DIGIT_GROUPS).not.toBe(0);
      }),
      { numRuns: 2000 },
    );
    expect(textMarks('电话 400-8123456') & DIGIT_GROUPS).not.toBe(0);
    expect(textMarks('卡号 6222 0212 3456 7890') & DIGIT_GROUPS).not.toBe(0);
    expect(textMarks('尾号１２３４ ５６７８') & DIGIT_GROUPS).not.toBe(0);
    expect(textMarks('满199减20，3 件起') & DIGIT_GROUPS).toBe(0);
  });

  it('catch every emoji and joiner character in Unicode', () => {
    const emoji = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u{20E3}/u;
    const joiner = /[\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]/u;
    const missed: string[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if ((emoji.test(char) || joiner.test(char)) && !(textMarks(`您好${char}`) & EMOJI_LEAD)) missed.push(code.toString(16));
    }
    expect(missed).toEqual([]);
    expect(textMarks('亲，您的订单已经发货了！预计明天送达……“谢谢”') & EMOJI_LEAD).toBe(0);
  });

  it('are those of the text asked about, when texts come in turn', () => {
    const a = '订单号 1234567890？';
    const b = '好的，您稍等！！';
    expect(textMarks(a) & DIGITS_7).not.toBe(0);
    expect(textMarks(a) & MARK_RUN).toBe(0);
    expect(textMarks(b) & MARK_RUN).not.toBe(0);
    expect(textMarks(b) & DIGIT).toBe(0);
    // Equal text in another string: the same marks.
    expect(textMarks([...a].join(''))).toBe(textMarks(a));
  });
});
