/**
 * The library entry point: the engine with the built-in rules, the shipped word
 * lists and jieba. `createLinter` reads the dictionaries and builds the matchers
 * once; the linter's `lint` is synchronous and keeps no state between calls.
 */
import { builtinRules } from '../rules/index.js';
import { builtinDictionaries, builtinWords } from './dictionaries.js';
import type { EmotionScore } from './engine/emotion.js';
import { EmotionScorer } from './engine/emotion.js';
import { createLinterWith, EMOTION_DICTIONARY, type EngineBase, type Linter, type LinterOptions } from './engine/linter.js';
import type { Turn } from './engine/conversation.js';
import { getJiebaTokenizer } from './jieba.js';

let base: EngineBase | undefined;

/** The built-in rules, every list they read plus the emotion lexicon, and jieba. */
function builtinBase(): EngineBase {
  base ??= {
    rules: builtinRules,
    dictionaries: builtinDictionaries([...builtinRules.flatMap((rule) => rule.dictionaries ?? []), EMOTION_DICTIONARY]),
    tokenizer: () => getJiebaTokenizer(builtinWords()),
  };
  return base;
}

export async function createLinter(options: LinterOptions = {}): Promise<Linter> {
  return createLinterSync(options);
}

/** Like `createLinter`, for worker threads and scripts that cannot await. */
export function createLinterSync(options: LinterOptions = {}): Linter {
  return createLinterWith(builtinBase(), options);
}

let scorer: EmotionScorer | undefined;
const builtinScorer = () => (scorer ??= new EmotionScorer(builtinBase().dictionaries.get(EMOTION_DICTIONARY)!));

/** Score one customer message with the shipped emotion lexicon, given the previous customer turn's score. */
export function scoreEmotion(text: string, previous?: EmotionScore): EmotionScore {
  return builtinScorer().score(text, previous);
}

/** The emotion curve of a conversation: a score per customer turn, undefined for agent turns. */
export function emotionCurve(turns: readonly Pick<Turn, 'role' | 'text'>[]): (EmotionScore | undefined)[] {
  return builtinScorer().curve(turns);
}
