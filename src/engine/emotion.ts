/**
 * The customer's emotion score (情绪温度计), 0–100 per customer message. It follows
 * feeling, not topic: emotion words from the `emotion` dictionary (complaints,
 * accusations, threats; not 退款 or 退货), angry rhetorical questions (凭什么……,
 * 不是……吗, 怎么还……), the intensity of runs of ！/？, and escalation across
 * turns. A calm or polite message (谢谢, 好的, 不好意思) counts half and ends what
 * carried over: the score comes down when the customer calms.
 * 我要投诉！！！ → 65 (愤怒); 请问能退款吗 → 0
 */
import type { PhraseDictionary } from './dictionary.js';
import { KefuLintError } from './errors.js';
import { PhraseMatcher } from './matcher.js';

/** Characters of one customer message the score reads. */
const MAX_SCORED_CHARS = 20_000;

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

const KIND_POINTS: Record<string, number> = { strong: 45, medium: 30, defect: 30, mild: 15, calm: 0 };
/** Asking whether a problem could happen (会掉毛吗, 如果起球怎么办) is not having it. */
const HYPOTHETICAL = /如果|万一|要是|会不会|[吗么]/u;
/** Angry rhetorical questions and reproaches: the shape of a sentence, not a word. */
const RHETORICAL = [
  /凭什么/u,
  /难道/u,
  /(?:这|你们?|那你)不(?:是|就)[^，。,.!?！？]{0,15}[吗嘛么]/u,
  /怎么(?:还|又|就|这么|那么|老是|总是|一直|现在还|到现在)/u,
  /为什么(?:还|要|不|又|这么|那么)/u,
  /(?:有|还)没有人/u,
  /你们?(?:也|就|都)?(?:该|应该)/u,
  /你(?:自己)?(?:想想|说说|说对不对)|你自己看看/u,
  /你让我怎么/u,
  /别跟我说/u,
  /明明/u,
  /(?:还|到底)要等多久/u,
  // 3天了, 四五天了, 都一个星期过去了: waiting, counted.
  /(?:\d+|[一二两三四五六七八九十几]+)个?(?:天|星期|礼拜|周)(?:了|过去了)/u,
];
/** Matches where any of RHETORICAL does: most messages have none, and are passed over with one scan instead of one per pattern. */
const ANY_RHETORICAL = new RegExp(RHETORICAL.map((pattern) => `(?:${pattern.source})`).join('|'), 'u');
const RHETORICAL_POINTS = 30;
/** Share of the previous customer turn's score that carries over: anger does not reset between messages. */
const CARRY_OVER = 0.5;
/** Extra points per consecutive customer turn whose own emotion rose (escalation). */
const ESCALATION_STEP = 10;

const UPSET_LEVEL = 30;
const ANGRY_LEVEL = 60;

export function emotionLevel(score: number): EmotionLevel {
  return score >= ANGRY_LEVEL ? '愤怒' : score >= UPSET_LEVEL ? '不满' : '平静';
}

/** Is this UTF-16 unit one of ! ！ ? ？ */
function isLoudMark(code: number): boolean {
  return code === 0x21 || code === 0xff01 || code === 0x3f || code === 0xff1f;
}

/** 10 points for each ！/？ after the first in a run of them (！！ 10, ？？？ 20), at most 30. */
function punctuationPoints(text: string): number {
  let points = 0;
  let run = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && isLoudMark(text.charCodeAt(i))) {
      run++;
      continue;
    }
    if (run >= 2) points += 10 * (run - 1);
    run = 0;
  }
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
  score(whole: string, previous?: EmotionScore): EmotionScore {
    // A message longer than any chat message is scored on its start: bounded time and memory.
    const text = whole.length > MAX_SCORED_CHARS ? whole.slice(0, MAX_SCORED_CHARS) : whole;
    const found = this.matcher.matchAnywhere(text);
    const hypothetical = HYPOTHETICAL.test(text);
    const words = found.filter((w) => w.entry.kind !== 'calm' && !(hypothetical && w.entry.kind === 'defect'));
    const calm = found.some((w) => w.entry.kind === 'calm');
    const strong = words.some((w) => w.entry.kind === 'strong');
    const wordPoints = words.reduce((sum, w) => sum + KIND_POINTS[w.entry.kind!], 0);
    // A rhetorical question counts once, and not again where an emotion word already stands (怎么还没).
    const rhetorical = ANY_RHETORICAL.test(text) && RHETORICAL.some((pattern) => {
      const m = pattern.exec(text);
      return m !== null && !words.some((w) => w.start < m.index + m[0].length && m.index < w.end);
    })
      ? RHETORICAL_POINTS
      : 0;
    const punctuation = punctuationPoints(text);
    const raw = Math.min(100, wordPoints + rhetorical + punctuation);
    // A polite message asking about a problem is a request: it counts half, unless it threatens or accuses.
    const own = calm && !strong ? Math.floor(raw / 2) : raw;
    const carried = previous && !calm && own > 0 ? previous.score * CARRY_OVER : 0;
    const streak = previous && own > 0 && own >= previous.own ? previous.streak + 1 : 0;
    const score = Math.min(100, Math.round(own + carried + streak * ESCALATION_STEP));
    return { score, own, level: emotionLevel(score), words: words.map((w) => text.slice(w.start, w.end)), punctuation, streak };
  }

  /**
   * The emotion curve of a conversation: one score per customer turn (undefined
   * for agent turns), with escalation across turns. Each agent reply asks for the
   * curve of the turns before it, so every turn's score is remembered, unless
   * `remember` is false: a whole conversation scored once (a transcript's) would
   * only fill the memo.
   */
  curve(turns: readonly { role: 'agent' | 'customer'; text: string }[], remember = true): (EmotionScore | undefined)[] {
    let previous: EmotionScore | undefined;
    return turns.map((turn) => {
      if (turn.role !== 'customer') return undefined;
      if (!remember) return (previous = this.score(turn.text, previous));
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
