/**
 * kefu-lint in a browser: the same engine and rules as the Node build, jieba in
 * WebAssembly, the dictionaries as data. `createLinter` is asynchronous (it
 * instantiates jieba); the linter it returns is the Node build's `Linter`, with
 * the same findings for the same text.
 *
 *   import { createLinter } from 'kefu-lint/browser';
 *   const linter = await createLinter();
 *   linter.lint('这个我们做不到');
 */
import { builtinRules } from '../../rules/index.js';
import type { PhraseDictionary } from '../engine/dictionary.js';
import { EmotionScorer, type EmotionScore } from '../engine/emotion.js';
import { createLinterWith, EMOTION_DICTIONARY, type EngineBase, type Linter, type LinterOptions } from '../engine/linter.js';
import type { Tokenizer } from '../engine/tokens.js';
import { createWasmTokenizer, type JiebaData } from './jieba.js';

/** Everything the browser build reads, made by the build from the shipped files. */
export interface BrowserData {
  jieba: JiebaData;
  dictionaries: PhraseDictionary[];
}

export interface BrowserKit {
  createLinter(options?: LinterOptions): Linter;
  scoreEmotion(text: string, previous?: EmotionScore): EmotionScore;
}

/** jieba is instantiated once per page; every linter shares it (it is never changed). */
export async function loadKit(data: BrowserData): Promise<BrowserKit> {
  const tokenizer: Tokenizer = await createWasmTokenizer(data.jieba);
  const base: EngineBase = {
    rules: builtinRules,
    dictionaries: new Map(data.dictionaries.map((dictionary) => [dictionary.name, dictionary])),
    tokenizer: () => tokenizer,
  };
  const emotion = base.dictionaries.get(EMOTION_DICTIONARY);
  const scorer = emotion ? new EmotionScorer(emotion) : undefined;
  return {
    createLinter: (options) => createLinterWith(base, options),
    scoreEmotion(text, previous) {
      if (!scorer) throw new Error('kefu-lint: the emotion lexicon is missing from the browser data');
      return scorer.score(text, previous);
    },
  };
}

export { withStableIds } from '../engine/finding.js';
export type { IdentifiedFinding } from '../engine/finding.js';
export { emotionLevel } from '../engine/emotion.js';
export { KefuLintError, isKefuLintError } from '../engine/errors.js';
export type { Finding, Edit } from '../engine/finding.js';
export type { Linter, LinterOptions, RuleInfo } from '../engine/linter.js';
export type { EmotionScore, EmotionLevel } from '../engine/emotion.js';
