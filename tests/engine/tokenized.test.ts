/**
 * Segmenting in one thread and running the rules in another: tokens packed into
 * flat arrays and back, and `lintTokenized` giving exactly what `lintMany` gives.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLinter, KefuLintError, type Linter } from '../../src/index.js';
import { MAX_REPLY_CHARS } from '../../src/engine/guard.js';
import { PackedSlices, packInSteps, packTokens, unpackTokens } from '../../src/engine/packed.js';
import type { Token } from '../../src/engine/tokens.js';
import { generateReplies } from '../../tools/bench/corpus.js';
import { builtinWords } from '../../src/dictionaries.js';
import { getJiebaTokenizer } from '../../src/jieba.js';

const TEXTS = [
  '亲，这个我们做不到！！！',
  '您好 👍🏻 已经帮您备注了 🇨🇳 请查收',
  '',
  '   ',
  'https://example.com/a?b=1 你的订单号是123456789012，工单已提交',
  '不客气，有问题随时联系我们😊',
  ...generateReplies(300, 11),
];

let linter: Linter;
let shop: Linter;
beforeAll(async () => {
  linter = await createLinter();
  shop = await createLinter({ words: [{ word: '秒杀价' }] });
});

describe('packed tokens', () => {
  it('unpack to the same tokens, emoji, spaces and empty texts included', () => {
    const lists = linter.tokenizeMany(TEXTS);
    expect(lists).toEqual(TEXTS.map((text) => linter.tokenize(text)));
    expect(unpackTokens(TEXTS, packTokens(lists))).toEqual(lists);
  });

  it('are the same packed step by step as packed whole, whatever the step', () => {
    const whole = packTokens(linter.tokenizeMany(TEXTS));
    for (const step of [1, 5, 64, 1000]) {
      const calls: number[] = [];
      const packed = packInSteps(TEXTS, (texts) => (calls.push(texts.length), packTokens(linter.tokenizeMany(texts))), step);
      expect(packed, `step ${step}`).toEqual(whole);
      expect(calls).toEqual(Array.from({ length: Math.ceil(TEXTS.length / step) }, (_, i) => Math.min(step, TEXTS.length - i * step)));
    }
  });

  it('come straight from jieba’s pieces as packTokens makes them from token objects', () => {
    const long = '这个我们做不到'.repeat(Math.ceil(MAX_REPLY_CHARS / 7) + 1);
    for (const texts of [TEXTS, [...TEXTS, long], ['只有一条'], [], ['a\n', '\nb', '\n', '第一行\r\n第二行'], ['\ud83d开头', '结尾\ude0a']]) {
      expect(linter.tokenizePacked(texts)).toEqual(packTokens(linter.tokenizeMany(texts)));
      // A linter with its own words packs from its token objects.
      expect(shop.tokenizePacked(texts)).toEqual(packTokens(shop.tokenizeMany(texts)));
    }
    expect(shop.tokenizeMany(['秒杀价已经生效'])[0][0].text).toBe('秒杀价');
  });

  it('are packed by jieba’s own tokenizer without token objects for ordinary replies', () => {
    const jieba = getJiebaTokenizer(builtinWords());
    const texts = generateReplies(200, 4);
    const packed = jieba.tokenizeManyPacked!(texts);
    expect(packed).toBeDefined();
    expect(packed).toEqual(packTokens(jieba.tokenizeMany!(texts)));
  });

  it('come straight from jieba’s pieces the same on random text with emoji sequences, joiners and line breaks', () => {
    const pieces = ['亲', '您好', '这个', '不行', '，', '。', '！', ' ', '  ', '\n', '\r\n', '\t', '😊', '👍🏻', '👨\u200d👩\u200d👧', '🇨🇳', '1️⃣', '\u200d', '\ufe0f', '🏻', 'ok', 'A1', '123456789012', '[微笑]', '#E-s01', '¥', '\ud83d', '~'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((parts) => parts.join('')), { maxLength: 12 }), (texts) => {
        expect(linter.tokenizePacked(texts)).toEqual(packTokens(linter.tokenizeMany(texts)));
      }),
      { numRuns: 300 },
    );
  });

  it('unpack step by step into the same lists, each step told where it starts', () => {
    const packed = packTokens(linter.tokenizeMany(TEXTS));
    const whole = unpackTokens(TEXTS, packed);
    for (const step of [1, 7, 256, 1000]) {
      const steps: [number, Token[][]][] = [];
      unpackTokens(TEXTS, packed, step, (first, lists) => steps.push([first, lists]));
      expect(steps.map(([first]) => first)).toEqual(Array.from({ length: Math.ceil(TEXTS.length / step) }, (_, i) => i * step));
      expect(steps.flatMap(([, lists]) => lists)).toEqual(whole);
    }
  });
});

describe('tokens handed to another thread through the public API', () => {
  it('pack, move with their buffers, unpack and lint to what lintMany finds', async () => {
    const { packedBuffers: buffers, unpackTokens: unpack } = await import('../../src/index.js');
    const packed = linter.tokenizePacked(TEXTS);
    // Moved, as postMessage moves them: the sender's arrays are left empty.
    const moved = structuredClone(packed, { transfer: buffers(packed) });
    expect(packed.ends.length).toBe(0);
    const found = linter.lintTokenized(TEXTS, unpack(TEXTS, moved), { standalone: true });
    expect(found).toEqual(linter.lintMany(TEXTS, { standalone: true }));
  });
});

describe('lintTokenized', () => {
  it('finds what lintMany finds, given the tokens tokenizeMany made', () => {
    const long = '这个我们做不到'.repeat(Math.ceil(MAX_REPLY_CHARS / 7) + 1);
    const texts = [...TEXTS, long];
    const tokens = unpackTokens(texts, packTokens(linter.tokenizeMany(texts)));
    expect(tokens.at(-1)).toEqual([]);
    const found = linter.lintTokenized(texts, tokens, { standalone: true });
    expect(found).toEqual(linter.lintMany(texts, { standalone: true }));
    expect(found.at(-1)!.map((f) => f.ruleId)).toEqual(['max-reply-length']);
    expect(found.flat().length).toBeGreaterThan(100);
  });

  it("keeps a linter's own words: its tokens come from that linter", () => {
    const texts = ['这是秒杀价哦', '秒杀价已经是最低了'];
    const tokens = shop.tokenizeMany(texts);
    expect(tokens.map((list) => list.map((t) => t.text))).toEqual(texts.map((text) => shop.tokenize(text).map((t) => t.text)));
    expect(tokens[0].map((t) => t.text)).toContain('秒杀价');
    expect(shop.lintTokenized(texts, tokens)).toEqual(shop.lintMany(texts));
  });

  it('finds the same given all the tokens packed, as tokenizePacked gives them', () => {
    const long = '这个我们做不到'.repeat(Math.ceil(MAX_REPLY_CHARS / 7) + 1);
    const texts = [...TEXTS, long, '好的'];
    const packed = linter.tokenizePacked(texts);
    expect(linter.lintTokenized(texts, packed, { standalone: true })).toEqual(linter.lintMany(texts, { standalone: true }));
    expect(shop.lintTokenized(texts, shop.tokenizePacked(texts))).toEqual(shop.lintMany(texts));
  });

  it('packed tokens that do not cover their texts are an input error naming the reply', () => {
    const texts = ['这个不行', '好的'];
    const packed = linter.tokenizePacked(texts);
    // The texts swapped: the first one's tokens end past 好的 and short of 这个不行.
    expect(() => linter.lintTokenized([texts[1], texts[0]], packed)).toThrow(/第 1 项的词元无效：第 \d+ 个词元的位置或类别无效/);
    const short = { ...packed, ends: packed.ends.map((end, i) => (i === packed.counts[0] - 1 ? end - 1 : end)) };
    expect(() => linter.lintTokenized(texts, short)).toThrow(/第 1 项的词元无效：词元只覆盖到第 3 个字符，原文有 4 个/);
    const badKind = { ...packed, kinds: packed.kinds.map((kind, i) => (i === packed.kinds.length - 1 ? 9 : kind)) };
    expect(() => linter.lintTokenized(texts, badKind)).toThrow(/第 2 项的词元无效/);
    expect(() => linter.lintTokenized(['这个不行'], packed)).toThrow(/等长/);
    // Fewer tokens than the counts say.
    const cut = { counts: packed.counts, ends: packed.ends.slice(0, 2), kinds: packed.kinds.slice(0, 2) };
    expect(() => linter.lintTokenized(texts, cut)).toThrow(KefuLintError);
  });

  it('tokens that do not cover their text are an input error naming the reply, not wrong findings', () => {
    const tokens = linter.tokenizeMany(['这个不行', '好的']);
    expect(() => linter.lintTokenized(['这个不行', '好的'], [tokens[1], tokens[0]])).toThrow(KefuLintError);
    expect(() => linter.lintTokenized(['这个不行', '好的'], [tokens[1], tokens[0]])).toThrow(/第 1 项的词元无效/);
    expect(() => linter.lintTokenized(['这个不行'], [])).toThrow(/等长/);
    expect(() => linter.lintTokenized(['这个不行'], [[{ text: '这个', start: 0, end: 2, kind: 'word' }]])).toThrow(/只覆盖到第 2 个字符/);
  });
});

describe('lintConversation with the agents’ tokens given', () => {
  const conversation = [
    { role: 'customer' as const, text: '在吗？你们这个做不到吗？？？', time: 1_000 },
    { role: 'agent' as const, text: '这个我们做不到。', time: 400_000 },
    { role: 'customer' as const, text: '气死了，什么破服务' },
    { role: 'agent' as const, text: '这个我们做不到。' },
    { role: 'agent' as const, text: '这个我们做不到'.repeat(Math.ceil(MAX_REPLY_CHARS / 7) + 1) },
    { role: 'agent' as const, text: '亲，已经帮您备注了，请查收，再见' },
  ];
  const agentTexts = conversation.filter((m) => m.role === 'agent').map((m) => m.text);

  it('finds what it finds tokenizing them itself, tokens packed and unpacked on the way', () => {
    const tokens = unpackTokens(agentTexts, linter.tokenizePacked(agentTexts));
    const given = linter.lintConversation(conversation, tokens);
    expect(given).toEqual(linter.lintConversation(conversation));
    expect(given.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['no-negative-phrasing', 'empathy-required', 'max-reply-length', 'response-time']));
  });

  it('finds the same given the agent messages’ tokens packed, each conversation a view into a larger whole', () => {
    const others = ['您好', '这个不行'];
    const packed = linter.tokenizePacked([...others, ...agentTexts]);
    const slices = new PackedSlices(packed);
    slices.next(others.length);
    const mine = slices.next(agentTexts.length);
    expect(mine.counts.length).toBe(agentTexts.length);
    expect(linter.lintConversation(conversation, mine)).toEqual(linter.lintConversation(conversation));
    expect(() => linter.lintConversation(conversation, linter.tokenizePacked(agentTexts.slice(1)))).toThrow(/一一对应/);
  });

  it('tokens that are not one list per agent message, in order, are an input error', () => {
    const tokens = linter.tokenizeMany(agentTexts);
    expect(() => linter.lintConversation(conversation, tokens.slice(1))).toThrow(/一一对应/);
    expect(() => linter.lintConversation(conversation, [tokens[3], tokens[1], tokens[2], tokens[0]])).toThrow(/第 1 条客服消息的词元无效/);
  });
});
