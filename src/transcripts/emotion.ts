/**
 * The customer's emotion score (情绪温度计), 0–100 per customer message: emotion
 * words from dictionaries/emotion.yaml, the intensity of runs of ！/？, and
 * escalation, since anger carries over from one customer turn to the next.
 * 我要投诉！！！ → 60 (愤怒)
 */
import { builtinDictionaryPath, readPhraseDictionary, type PhraseDictionary } from '../dictionary.js';
import type { Turn } from '../rule.js';

export type EmotionLevel = '平静' | '不满' | '愤怒';

export interface EmotionScore {
  /** 0–100, including what carries over from earlier customer turns. */
  score: number;
  /** What this message alone expresses (words + punctuation), 0–100. */
  own: number;
  level: EmotionLevel;
  /** The emotion words found, in order. */
  words: string[];
  /** Points from runs of ！/？. */
  punctuation: number;
  /** Consecutive customer turns, ending with this one, whose own emotion did not drop. */
  streak: number;
}

const KIND_POINTS: Record<string, number> = { strong: 40, medium: 25, mild: 10 };
/** Share of the previous customer turn's score that carries over: anger does not reset between messages. */
const CARRY_OVER = 0.5;
/** Extra points per consecutive customer turn whose own emotion rose (escalation). */
const ESCALATION_STEP = 10;
const PUNCTUATION_RUN = /[!！?？]{2,}/gu;

export const UPSET_LEVEL = 30;
export const ANGRY_LEVEL = 60;

interface EmotionLexicon {
  pattern: RegExp;
  allows: RegExp | undefined;
  points: Map<string, number>;
}

let lexicon: EmotionLexicon | undefined;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(phrases: Iterable<string>): RegExp {
  const sorted = [...new Set(phrases)].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map(escape).join('|'), 'gu');
}

/** Compile a phrase dictionary whose entries' `kind` is strong | medium | mild. */
export function compileEmotionLexicon(dictionary: PhraseDictionary): EmotionLexicon {
  const points = new Map<string, number>();
  const allows: string[] = [];
  for (const entry of dictionary.entries) {
    const value = KIND_POINTS[entry.kind ?? ''];
    if (value === undefined) {
      throw new Error(`${dictionary.file ?? dictionary.name}:${entry.line ?? '?'}: emotion entry "${entry.phrase}" needs kind strong, medium or mild`);
    }
    for (const phrase of [entry.phrase, ...entry.variants]) points.set(phrase, Math.max(points.get(phrase) ?? 0, value));
    allows.push(...entry.allows);
  }
  return { pattern: alternation(points.keys()), allows: allows.length > 0 ? alternation(allows) : undefined, points };
}

function builtinLexicon(): EmotionLexicon {
  lexicon ??= compileEmotionLexicon(readPhraseDictionary(builtinDictionaryPath('emotion.yaml')));
  return lexicon;
}

/**
 * Customer text is not tokenized (it is context, not linted), so words are found
 * by substring; look-alikes such as 不投诉 or 垃圾袋 are listed as `allows`.
 */
function findEmotionWords(text: string, words: EmotionLexicon): { word: string; points: number }[] {
  const blocked: [number, number][] = [];
  if (words.allows) for (const m of text.matchAll(words.allows)) blocked.push([m.index, m.index + m[0].length]);
  const found: { word: string; points: number }[] = [];
  for (const m of text.matchAll(words.pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    if (blocked.some(([s, e]) => start < e && end > s)) continue;
    found.push({ word: m[0], points: words.points.get(m[0]) ?? 0 });
  }
  return found;
}

function punctuationPoints(text: string): number {
  let points = 0;
  for (const m of text.matchAll(PUNCTUATION_RUN)) points += 10 * (m[0].length - 1);
  return Math.min(points, 30);
}

export function emotionLevel(score: number): EmotionLevel {
  return score >= ANGRY_LEVEL ? '愤怒' : score >= UPSET_LEVEL ? '不满' : '平静';
}

/** Score one customer message given the score of the previous customer turn. */
export function scoreEmotion(text: string, previous?: EmotionScore): EmotionScore {
  const words = findEmotionWords(text, builtinLexicon());
  const wordPoints = words.reduce((sum, w) => sum + w.points, 0);
  const punctuation = punctuationPoints(text);
  const own = Math.min(100, wordPoints + punctuation);
  const carried = previous ? previous.score * CARRY_OVER : 0;
  const streak = previous && own > 0 && own >= previous.own ? previous.streak + 1 : 0;
  const score = Math.min(100, Math.round(own + carried + streak * ESCALATION_STEP));
  return { score, own, level: emotionLevel(score), words: words.map((w) => w.word), punctuation, streak };
}

/**
 * The emotion curve of a conversation: one score per customer turn (undefined
 * for agent turns), with escalation across turns.
 */
export function emotionCurve(turns: readonly Pick<Turn, 'role' | 'text'>[]): (EmotionScore | undefined)[] {
  let previous: EmotionScore | undefined;
  return turns.map((turn) => {
    if (turn.role !== 'customer') return undefined;
    // Each agent reply asks for the curve of the turns before it: remember each
    // turn's score (valid while its predecessor's score is the same object).
    const known = curveMemo.get(turn);
    if (known && known.previous === previous && known.text === turn.text) {
      previous = known.score;
      return previous;
    }
    const score = scoreEmotion(turn.text, previous);
    curveMemo.set(turn, { previous, text: turn.text, score });
    previous = score;
    return previous;
  });
}

const curveMemo = new WeakMap<object, { previous: EmotionScore | undefined; text: string; score: EmotionScore }>();
