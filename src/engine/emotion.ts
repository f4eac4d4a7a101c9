/**
 * The customer's emotion score (情绪温度计), 0–100 per customer message: emotion
 * words from the `emotion` dictionary, the intensity of runs of ！/？, and
 * escalation, since anger carries over from one customer turn to the next.
 * 我要投诉！！！ → 60 (愤怒)
 */
import type { PhraseDictionary } from './dictionary.js';
import { KefuLintError } from './errors.js';
import { PhraseMatcher } from './matcher.js';

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

const UPSET_LEVEL = 30;
const ANGRY_LEVEL = 60;

export function emotionLevel(score: number): EmotionLevel {
  return score >= ANGRY_LEVEL ? '愤怒' : score >= UPSET_LEVEL ? '不满' : '平静';
}

function punctuationPoints(text: string): number {
  let points = 0;
  for (const m of text.matchAll(PUNCTUATION_RUN)) points += 10 * (m[0].length - 1);
  return Math.min(points, 30);
}

/** Scores customer messages with one emotion dictionary (entries of kind strong | medium | mild). */
export class EmotionScorer {
  private readonly matcher: PhraseMatcher;
  /** Each turn's score, valid while its predecessor's score is the same object. */
  private readonly memo = new WeakMap<object, { previous: EmotionScore | undefined; text: string; score: EmotionScore }>();

  constructor(dictionary: PhraseDictionary) {
    for (const entry of dictionary.entries) {
      if (KIND_POINTS[entry.kind ?? ''] === undefined) {
        throw new KefuLintError('dictionary', `情绪词「${entry.phrase}」需要 kind：strong、medium 或 mild。`, {
          file: dictionary.file,
          line: entry.line,
        });
      }
    }
    this.matcher = new PhraseMatcher(dictionary.entries);
  }

  /**
   * Score one customer message given the score of the previous customer turn.
   * Customer text is not tokenized (it is context, not linted), so words are found
   * at any position; look-alikes such as 不投诉 or 垃圾袋 are listed as `allows`.
   */
  score(text: string, previous?: EmotionScore): EmotionScore {
    const words = this.matcher.matchAnywhere(text);
    const wordPoints = words.reduce((sum, w) => sum + KIND_POINTS[w.entry.kind!], 0);
    const punctuation = punctuationPoints(text);
    const own = Math.min(100, wordPoints + punctuation);
    const carried = previous ? previous.score * CARRY_OVER : 0;
    const streak = previous && own > 0 && own >= previous.own ? previous.streak + 1 : 0;
    const score = Math.min(100, Math.round(own + carried + streak * ESCALATION_STEP));
    return { score, own, level: emotionLevel(score), words: words.map((w) => text.slice(w.start, w.end)), punctuation, streak };
  }

  /**
   * The emotion curve of a conversation: one score per customer turn (undefined
   * for agent turns), with escalation across turns. Each agent reply asks for the
   * curve of the turns before it, so every turn's score is remembered.
   */
  curve(turns: readonly { role: 'agent' | 'customer'; text: string }[]): (EmotionScore | undefined)[] {
    let previous: EmotionScore | undefined;
    return turns.map((turn) => {
      if (turn.role !== 'customer') return undefined;
      const known = this.memo.get(turn);
      if (known && known.previous === previous && known.text === turn.text) {
        previous = known.score;
        return previous;
      }
      const score = this.score(turn.text, previous);
      this.memo.set(turn, { previous, text: turn.text, score });
      previous = score;
      return previous;
    });
  }
}
