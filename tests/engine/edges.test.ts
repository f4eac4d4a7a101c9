/**
 * Token edges: what the rule pass reads instead of token objects. Each shortcut
 * must answer exactly what the token objects answer: the edges and kinds of a
 * segmenter's pieces, the matcher's lists by dictionary, the words outside
 * spans.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { someTokenOutside, tokensOutside, type ReplyLayout } from '../../src/engine/context.js';
import { toPhraseDictionary } from '../../src/engine/dictionary.js';
import { edgesOfPieces, edgesOfTokens } from '../../src/engine/edges.js';
import { PhraseMatcher, type PhraseMatch } from '../../src/engine/matcher.js';
import type { SpanKind, TextSpan } from '../../src/engine/spans.js';
import { piecesToTokens, type Token } from '../../src/engine/tokens.js';

const FRAGMENTS = ['亲', '您好', '不', '行', '，', '。', ' ', '\n', '😊', '👍🏻', '👨\u200d👩\u200d👧', '🇨🇳', '1️⃣', '\u200d', '\ufe0f', '🏻', '\u{E0067}', '©', 'ok', '12', '¥', '\ud83d', '~', '…'];

/** A text and pieces cut from it at random places, some of them dropped, emptied or changed as a segmenter might. */
const cutText = fc
  .tuple(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 }), fc.array(fc.nat(4), { maxLength: 40 }), fc.nat(20), fc.constantFrom('none', 'drop', 'empty', 'change'))
  .map(([parts, cuts, where, damage]) => {
    const text = parts.join('');
    const pieces: string[] = [];
    let at = 0;
    for (const cut of cuts) {
      if (at >= text.length) break;
      const end = Math.min(text.length, at + 1 + cut);
      pieces.push(text.slice(at, end));
      at = end;
    }
    if (at < text.length) pieces.push(text.slice(at));
    const index = pieces.length > 0 ? where % pieces.length : 0;
    if (pieces.length > 0 && damage === 'drop') pieces.splice(index, 1);
    if (damage === 'empty') pieces.splice(index, 0, '');
    if (pieces.length > 0 && damage === 'change') pieces[index] = '变';
    return { text, pieces };
  });

describe('token edges', () => {
  it('of a segmenter’s pieces: the ends, kinds and tokens piecesToTokens makes, whatever the pieces', () => {
    fc.assert(
      fc.property(cutText, ({ text, pieces }) => {
        const tokens = piecesToTokens(text, pieces);
        const edges = edgesOfPieces(text, pieces);
        expect(edges.count).toBe(tokens.length);
        expect([...edges.ends].slice(0, edges.count)).toEqual(tokens.map((t) => t.end));
        expect(edges.starts).toBeUndefined();
        expect(tokens.map((_, i) => edges.kindOf(i))).toEqual(tokens.map((t) => t.kind));
        expect(edges.tokens()).toEqual(tokens);
        expect(edges.tokens()).toBe(edges.tokens());
      }),
      { numRuns: 2000 },
    );
  });

  it('of a list with gaps keep where each token starts', () => {
    const tokens: Token[] = [
      { text: '这个', start: 0, end: 2, kind: 'word' },
      { text: '不行', start: 3, end: 5, kind: 'word' },
    ];
    expect(edgesOfTokens(tokens).starts).toEqual([0, 3]);
    expect(edgesOfTokens(piecesToTokens('这个不行', ['这个', '不行'])).starts).toBeUndefined();
  });

});

describe('the matcher’s lists by dictionary', () => {
  it('hold what match() gives, split by dictionary, in order', () => {
    const a = toPhraseDictionary({ name: 'a', entries: [{ phrase: '不能' }, { phrase: '不能退', allows: ['不能退款吗'] }, { phrase: '退款' }, { phrase: '能', prefix: true }] }, 'a.yaml');
    const b = toPhraseDictionary({ name: 'b', entries: [{ phrase: '能退' }, { phrase: '退' }, { phrase: '款吗', next: ['？'] }] }, 'b.yaml');
    const matcher = new PhraseMatcher([...a.entries, ...b.entries]);
    const words = fc.array(fc.constantFrom('不', '能', '退', '款', '吗', '？', '，', '不能', '退款', '能退'), { maxLength: 16 });
    fc.assert(
      fc.property(words, fc.nat(3), (parts, first) => {
        const text = parts.join('');
        let at = 0;
        const tokens: Token[] = parts.map((part) => ({ text: part, start: at, end: (at += part.length), kind: 'word' }));
        const lists: (PhraseMatch[] | undefined)[] = [];
        matcher.matchInto(text, edgesOfTokens(tokens), lists, first);
        const all = matcher.match(text, tokens);
        const names = [...matcher.dictionaries];
        expect(lists.length).toBeLessThanOrEqual(first + names.length);
        names.forEach((name, i) => {
          const expected = all.filter((m) => m.entry.dictionary === name);
          expect(lists[first + i] ?? []).toEqual(expected);
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a word outside spans', () => {
  it('is found from the edges exactly when tokensOutside keeps one', () => {
    const kinds: SpanKind[] = ['url', 'quote', 'emoticon', 'placeholder', 'lost'];
    const spans = fc.array(fc.tuple(fc.nat(20), fc.nat(6), fc.constantFrom(...kinds)), { maxLength: 5 });
    fc.assert(
      fc.property(cutText, spans, ({ text, pieces }, raw) => {
        const tokens = piecesToTokens(text, pieces);
        const layout = { spans: raw.map(([start, length, kind]): TextSpan => ({ start, end: start + length + 1, kind })).sort((x, y) => x.start - y.start) } as unknown as ReplyLayout;
        const notParticle = (word: string) => !/^[哦呢]+$/u.test(word);
        const expected = tokensOutside(layout, tokens).some((t) => t.kind === 'word' && notParticle(t.text));
        expect(someTokenOutside(text, layout, edgesOfPieces(text, pieces), 'word', notParticle)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
