/**
 * Looking things up in a reply's layout: the clause of an offset, whether a span
 * covers a phrase, and the tokens outside spans. Long replies have thousands of
 * clauses and spans, so these are found by halving and in one pass; they must
 * answer exactly what a plain scan answers.
 */
import { describe, expect, it } from 'vitest';
import { clausesOf } from '../../src/engine/clauses.js';
import { clauseAt, inSpans, tokensOutside, type ReplyLayout } from '../../src/engine/context.js';
import type { Clause } from '../../src/engine/context.js';
import type { SpanKind, TextSpan } from '../../src/engine/spans.js';
import type { Token } from '../../src/engine/tokens.js';
import { PhraseMatcher } from '../../src/engine/matcher.js';
import { toPhraseDictionary } from '../../src/engine/dictionary.js';
import { breakFinder, firstFrom } from '../../src/engine/scan.js';
import { seededRandom } from '../../tools/random.js';

const KINDS: SpanKind[] = ['url', 'quote', 'emoticon', 'placeholder', 'menu'];

function randomSpans(random: () => number, count: number, length: number): TextSpan[] {
  const spans = Array.from({ length: count }, () => {
    const start = Math.floor(random() * length);
    return { start, end: Math.min(length, start + 1 + Math.floor(random() * 12)), kind: KINDS[Math.floor(random() * KINDS.length)] };
  });
  return spans.sort((a, b) => a.start - b.start);
}

describe('layout lookups', () => {
  it('inSpans answers what a scan of every span answers, with few spans and with thousands', () => {
    const random = seededRandom(5);
    for (const count of [0, 3, 16, 17, 400, 3000]) {
      const spans = randomSpans(random, count, 5000);
      const layout = { spans } as unknown as ReplyLayout;
      const quotes = new Set<SpanKind>(['quote']);
      for (let q = 0; q < 500; q++) {
        const start = Math.floor(random() * 5000);
        const end = start + Math.floor(random() * 6);
        for (const kinds of [quotes, new Set<SpanKind>(['url', 'emoticon'])]) {
          const scan = spans.some((s) => s.start < end && s.end > start && kinds.has(s.kind));
          expect(inSpans(layout, start, end, kinds)).toBe(scan);
        }
      }
    }
  });

  it('tokensOutside keeps exactly the tokens no span of the kinds holds, in order', () => {
    const random = seededRandom(9);
    const tokens: Token[] = [];
    for (let at = 0; at < 4000; ) {
      const end = at + 1 + Math.floor(random() * 3);
      tokens.push({ text: 'x'.repeat(end - at), start: at, end, kind: 'word' });
      at = end;
    }
    const spans = randomSpans(random, 600, 4000);
    const layout = { spans } as unknown as ReplyLayout;
    const kinds = new Set<SpanKind>(['quote', 'url']);
    const expected = tokens.filter((t) => !spans.some((s) => kinds.has(s.kind) && s.start <= t.start && t.end <= s.end));
    expect(tokensOutside(layout, tokens, kinds)).toEqual(expected);
    expect(expected.length).toBeLessThan(tokens.length);
  });

  it('clauseAt gives the last clause starting at or before the offset', () => {
    const clauses = Array.from({ length: 2000 }, (_, i) => ({ start: i * 10 + 2, end: i * 10 + 9 })) as Clause[];
    const layout = { clauses } as unknown as ReplyLayout;
    expect(clauseAt(layout, 0)).toBeUndefined();
    expect(clauseAt(layout, 2)).toBe(clauses[0]);
    expect(clauseAt(layout, 11)).toBe(clauses[0]);
    expect(clauseAt(layout, 12)).toBe(clauses[1]);
    expect(clauseAt(layout, 19_995)).toBe(clauses[1999]);
  });

  it('breakFinder and firstFrom answer what a scan answers, asked in order or not', () => {
    const random = seededRandom(3);
    const text = Array.from({ length: 3000 }, () => (random() < 0.05 ? '，' : '字')).join('');
    const next = breakFinder(text, /[，。]/u);
    const scan = (from: number) => {
      let i = from;
      while (i < text.length && text[i] !== '，') i++;
      return i;
    };
    const froms = [...Array.from({ length: 3000 }, (_, i) => i), ...Array.from({ length: 500 }, () => Math.floor(random() * 3000))];
    for (const from of froms) expect(next(from)).toBe(scan(from));
    const matches = Array.from({ length: 300 }, (_, i) => ({ start: i * 3 }));
    for (const offset of [-1, 0, 1, 3, 4, 897, 898, 2000]) expect(firstFrom(matches, offset)).toBe(matches.findIndex((m) => m.start >= offset) === -1 ? matches.length : matches.findIndex((m) => m.start >= offset));
  });

  it('clauses break at every character JavaScript counts as a space, and at no other', () => {
    const word = (text: string): Token => ({ text, start: 0, end: text.length, kind: 'word' });
    const clauses = (text: string) => clausesOf(text, [word(text)]).map((c) => text.slice(c.start, c.end));
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      if (/[\s，。！？!?,;；：:~～…]/.test(char)) {
        // Two in a row break anywhere; marks and line ends break alone.
        expect(clauses(`好的${char}${char}谢谢`), `U+${code.toString(16)}`).toEqual(['好的', '谢谢']);
      } else if (code < 0xd800 || code > 0xdfff) {
        expect(clauses(`好的${char}${char}谢谢`).length, `U+${code.toString(16)}`).toBe(1);
      }
    }
    // One space breaks only between Chinese characters.
    expect(clauses('好的\u3000谢谢')).toEqual(['好的', '谢谢']);
    expect(clauses('OK\u3000thanks')).toEqual(['OK\u3000thanks']);
  });

  it('negators are found at the start of words only', () => {
    const text = '这个不行，可以无条件退换';
    const tokens: Token[] = [];
    let at = 0;
    for (const piece of ['这个', '不行', '，', '可以', '无条件', '退换']) {
      tokens.push({ text: piece, start: at, end: at + piece.length, kind: piece === '，' ? 'punctuation' : 'word' });
      at += piece.length;
    }
    expect(clausesOf(text, tokens).map((c) => c.negators)).toEqual([[2], [7]]);
    tokens[1] = { ...tokens[1], kind: 'punctuation' };
    expect(clausesOf(text, tokens).map((c) => c.negators)).toEqual([[], [7]]);
    // 不 inside a word (差不多) negates nothing; a list with gaps is read by where its tokens start.
    const inside = '差不多了，这个不行';
    const pieces: Token[] = [
      { text: '差不多', start: 0, end: 3, kind: 'word' },
      { text: '了', start: 3, end: 4, kind: 'word' },
      { text: '这个', start: 5, end: 7, kind: 'word' },
      { text: '不行', start: 7, end: 9, kind: 'word' },
    ];
    expect(clausesOf(inside, pieces).map((c) => c.negators)).toEqual([[], [7]]);
    expect(clausesOf('不错，没问题', [{ text: '不错', start: 0, end: 2, kind: 'word' }, { text: '没问题', start: 3, end: 6, kind: 'word' }]).map((c) => c.negators)).toEqual([[0], [3]]);
  });

  it('a matcher over thousands of phrases finds what a plain search finds, in tokenized text and anywhere', () => {
    const random = seededRandom(11);
    // A small alphabet makes phrases share prefixes; a wide one gives nodes hundreds of
    // children, whose edges meet in the table. Upper-case letters check that case is folded.
    const wide = Array.from({ length: 400 }, (_, i) => String.fromCharCode(0x4e00 + i * 7));
    for (const alphabet of [[...'不能退款您好亲我的订单AbCd'], [...wide, 'A', 'b']]) {
      const word = (length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const phrases = [...new Set(Array.from({ length: 3000 }, () => word(1 + Math.floor(random() * (alphabet.length > 100 ? 3 : 6)))))];
      const dictionary = toPhraseDictionary({ name: 'many', entries: phrases.map((phrase) => ({ phrase })) }, 'many.yaml');
      const matcher = new PhraseMatcher(dictionary.entries);
      expect(matcher.size).toBe(phrases.length);
      const folded = new Set(phrases.map((phrase) => phrase.toLowerCase()));
      const longest = Math.max(...phrases.map((phrase) => phrase.length));
      const tokensOf = (text: string): Token[] => [...text].map((char, i) => ({ text: char, start: i, end: i + 1, kind: 'word' }));
      // With the wide alphabet, texts are made of phrases, or most would match nothing.
      const textOf = () => (alphabet.length > 100 ? Array.from({ length: 12 }, () => phrases[Math.floor(random() * phrases.length)]).join('') : word(40));
      for (let round = 0; round < 50; round++) {
        const text = textOf();
        // Every offset is a token boundary: each start keeps its longest phrase, and a later start
        // inside it is dropped (one dictionary).
        const expected: [number, number][] = [];
        let covered = 0;
        for (let start = 0; start < text.length; start++) {
          let end = -1;
          for (let length = 1; length <= longest && start + length <= text.length; length++) {
            if (folded.has(text.slice(start, start + length).toLowerCase())) end = start + length;
          }
          if (end < 0 || start < covered) continue;
          expected.push([start, end]);
          covered = end;
        }
        expect(matcher.match(text, tokensOf(text)).map((m) => [m.start, m.end])).toEqual(expected);
        expect(matcher.matchAnywhere(text).map((m) => [m.start, m.end])).toEqual(expected);
      }
    }
  });

  it('a matcher with look-alikes and words of several characters finds what a plain search finds', () => {
    // Look-alikes (allows) hold the phrase at the start, further in, twice, or are the phrase
    // itself, letters in either case; some entries may start a longer word (prefix).
    const random = seededRandom(23);
    const alphabet = [...'亲自爱不客气好您AaBb'];
    const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const word = (length: number) => Array.from({ length }, () => pick(alphabet)).join('');
    const swapCase = (text: string) => text.replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
    for (let round = 0; round < 30; round++) {
      const phrases = [...new Set(Array.from({ length: 40 }, () => word(1 + Math.floor(random() * 3))))];
      const entries = phrases.map((phrase) => {
        const allows = Array.from({ length: Math.floor(random() * 4) }, () => {
          const around = pick(['start', 'inside', 'end', 'twice', 'same', 'other']);
          const inner = random() < 0.3 ? swapCase(phrase) : phrase;
          if (around === 'start') return inner + word(1 + Math.floor(random() * 2));
          if (around === 'inside') return word(1) + inner + word(1);
          if (around === 'end') return word(1 + Math.floor(random() * 2)) + inner;
          if (around === 'twice') return inner + word(1) + inner;
          if (around === 'same') return inner;
          return word(3);
        });
        return { phrase, allows, prefix: random() < 0.2 };
      });
      const dictionary = toPhraseDictionary({ name: 'many', entries }, 'many.yaml');
      const matcher = new PhraseMatcher(dictionary.entries);
      for (let t = 0; t < 40; t++) {
        const text = word(30);
        // Words of one to three characters.
        const tokens: Token[] = [];
        for (let at = 0; at < text.length; ) {
          const end = Math.min(text.length, at + 1 + Math.floor(random() * 3));
          tokens.push({ text: text.slice(at, end), start: at, end, kind: 'word' });
          at = end;
        }
        const edges = new Set(tokens.flatMap((token) => [token.start, token.end]));
        const covered = (allow: string, start: number, end: number) => {
          for (let at = Math.max(0, end - allow.length); at <= start; at++) if (text.startsWith(allow, at)) return true;
          return false;
        };
        // Candidates by start, then end, then entry; overlapping ones reduced to the longest starting first.
        const candidates: [number, number, string][] = [];
        for (const token of tokens) {
          for (let end = token.start + 1; end <= text.length; end++) {
            for (const entry of dictionary.entries) {
              if (text.slice(token.start, end).toLowerCase() !== entry.phrase.toLowerCase()) continue;
              if (!edges.has(end) && !entry.prefix) continue;
              if (entry.allows.some((allow) => covered(allow, token.start, end))) continue;
              candidates.push([token.start, end, entry.phrase]);
            }
          }
        }
        const expected: [number, number, string][] = [];
        for (const candidate of candidates) {
          const last = expected.at(-1);
          if (last && last[1] > candidate[0]) {
            if (last[0] === candidate[0] && candidate[1] > last[1]) expected[expected.length - 1] = candidate;
            continue;
          }
          expected.push(candidate);
        }
        expect(matcher.match(text, tokens).map((m) => [m.start, m.end, m.entry.phrase])).toEqual(expected);
      }
    }
  });

  it('clauses: an alternative question asks in both its clauses; a then-part follows its condition in the same sentence', () => {
    const fields = (text: string) =>
      clausesOf(text, [{ text, start: 0, end: text.length, kind: 'word' }]).map((c) => ({ question: c.question, consequent: c.consequent, condition: [...c.condition] }));
    expect(fields('您是取消不了，还是有什么别的问题呢？').map((c) => c.question)).toEqual([true, true]);
    // 还是 that does not ask (we still suggest…) makes no question of the clause before.
    expect(fields('这个取消不了，还是建议您拒收').map((c) => c.question)).toEqual([false, false]);
    expect(fields('若没有修改按钮，则表示订单已经修改不了').map((c) => [c.condition, c.consequent])).toEqual([
      [[0, 7], false],
      [[8, 8], true],
    ]);
    // A full stop ends the sentence: what follows is not the condition's then-part.
    expect(fields('若没有修改按钮。则表示订单已经修改不了').map((c) => c.consequent)).toEqual([false, false]);
  });

  it('overlapping matches reduce to the longest per dictionary, in a short reply and in one with thousands of matches', () => {
    const a = toPhraseDictionary({ name: 'a', entries: [{ phrase: '不能' }, { phrase: '不能退' }, { phrase: '退款' }] }, 'a.yaml');
    const b = toPhraseDictionary({ name: 'b', entries: [{ phrase: '能退' }] }, 'b.yaml');
    const matcher = new PhraseMatcher([...a.entries, ...b.entries]);
    // One character per token: every offset is a token boundary.
    const tokensOf = (text: string): Token[] => [...text].map((char, i) => ({ text: char, start: i, end: i + 1, kind: 'word' }));
    const unit = '不能退款，';
    const expected = (copies: number) =>
      Array.from({ length: copies }, (_, i) => [
        ['不能退', i * 5, i * 5 + 3],
        ['能退', i * 5 + 1, i * 5 + 3],
      ]).flat();
    for (const copies of [1, 3, 8, 2000]) {
      const text = unit.repeat(copies);
      const found = matcher.match(text, tokensOf(text)).map((m) => [m.phrase, m.start, m.end]);
      // 退款 overlaps 不能退 in the same dictionary: the longer match starting first is kept.
      expect(found, `${copies} copies`).toEqual(expected(copies));
    }
  });
});
