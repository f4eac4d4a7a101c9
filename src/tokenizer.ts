/**
 * Tokenization: jieba behind a small interface, so another segmenter can be
 * plugged in. jieba is loaded once per process; every word list it sees has been
 * validated first, because cppjieba aborts the whole process on malformed input.
 */
import { createRequire } from 'node:module';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { COMPACT_DICTIONARY } from './paths.js';
import { StringDecoder } from 'node:string_decoder';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KefuLintError } from './errors.js';
import { validateJiebaWord, type JiebaWord } from './dictionary.js';

export type TokenKind = 'word' | 'punctuation' | 'whitespace' | 'symbol' | 'emoji';

export interface Token {
  /** The token's text, exactly as it stands in the input. */
  text: string;
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
  kind: TokenKind;
}

export interface Tokenizer {
  /** Split `text` into tokens that cover it exactly, in order. */
  tokenize(text: string): Token[];
  /** Tokenize several texts at once (the same tokens as one by one, in one native call). */
  tokenizeMany?(texts: readonly string[]): Token[][];
  /** Teach the tokenizer extra words (already validated). */
  addWords(words: readonly JiebaWord[]): void;
}

interface JiebaBinding {
  DEFAULT_DICT: string;
  load(options: { dict?: string; userDict?: string; idfDict?: string; stopWordDict?: string }): void;
  cut(sentence: string, hmm?: boolean): string[];
  insertWord(word: string, tag?: string): boolean;
}

const require = createRequire(import.meta.url);

// Pieces jieba splits off an emoji sequence: variation selectors, ZWJ, skin tones,
// the keycap mark and tag characters. They belong to the previous token.
const EMOJI_JOINER = /^[\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]+$/u;
const NEEDS_MERGE = /[\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u{20E3}/u;
const WHITESPACE = /^\s+$/u;
const PUNCTUATION = /^[\p{P}~～]+$/u;
const SYMBOL = /^[\p{S}\p{C}]+$/u;

export function classifyToken(text: string): TokenKind {
  const first = text.charCodeAt(0);
  // Fast path: most tokens start with a CJK ideograph or an ASCII letter or digit.
  if ((first >= 0x4e00 && first <= 0x9fff) || (first >= 0x61 && first <= 0x7a) || (first >= 0x30 && first <= 0x39)) {
    if (text.length === 1 || !NEEDS_MERGE.test(text)) return 'word';
  }
  if (WHITESPACE.test(text)) return 'whitespace';
  if (EMOJI.test(text)) return 'emoji';
  if (PUNCTUATION.test(text)) return 'punctuation';
  if (SYMBOL.test(text)) return 'symbol';
  return 'word';
}

/**
 * Turn the pieces a segmenter returned into tokens with offsets. The pieces are
 * expected to concatenate to `text`; if a segmenter drops or changes characters,
 * the uncovered characters become tokens of their own so offsets stay exact.
 */
export function piecesToTokens(text: string, pieces: readonly string[]): Token[] {
  const tokens: Token[] = [];
  const merge = NEEDS_MERGE.test(text);
  let cursor = 0;
  for (const piece of pieces) {
    if (piece.length === 0) continue;
    let start = cursor;
    if (!text.startsWith(piece, cursor)) {
      const found = text.indexOf(piece, cursor);
      if (found < 0) continue;
      for (let i = cursor; i < found; i++) pushToken(tokens, text, i, i + 1, merge);
      start = found;
    }
    pushToken(tokens, text, start, start + piece.length, merge);
    cursor = start + piece.length;
  }
  for (let i = cursor; i < text.length; i++) pushToken(tokens, text, i, i + 1, merge);
  return tokens;
}

function pushToken(tokens: Token[], text: string, start: number, end: number, merge: boolean): void {
  const piece = text.slice(start, end);
  const previous = tokens[tokens.length - 1];
  if (
    merge &&
    previous &&
    previous.end === start &&
    (EMOJI_JOINER.test(piece) || (previous.text.endsWith('\u200D') && EMOJI.test(piece))) &&
    previous.kind !== 'whitespace'
  ) {
    previous.text += piece;
    previous.end = end;
    previous.kind = 'emoji';
    return;
  }
  tokens.push({ text: piece, start, end, kind: classifyToken(piece) });
}

let binding: JiebaBinding | undefined;
let loaded = false;
const knownWords = new Set<string>();

function loadBinding(): JiebaBinding {
  if (binding) return binding;
  try {
    binding = require('nodejieba') as JiebaBinding;
  } catch (error) {
    throw new KefuLintError(
      'tokenizer',
      `无法加载分词组件 nodejieba（${(error as Error).message}）。请在项目目录运行 npm rebuild nodejieba 后重试。`,
    );
  }
  return binding;
}

/** Small stand-ins for the keyword-extraction files, which the linter never uses. */
const MINIMAL_IDF = '客服 10.0\n';
const MINIMAL_STOP_WORDS = '的\n';

/** Words jieba's dictionary counts fewer times than this are left out… */
const COMPACT_MIN_FREQUENCY = 10;
/** …except place names (西湖区, 余杭县 …): the address check in no-privacy-leak reads them whole. */
const PLACE_NAME = /[省市区县]$/u;
const DICT_LINE = /^(\S+) (\d+) \S+$/;

/**
 * jieba's dictionary without its rare words: 109,000 of its 349,000 entries. The
 * rest are mostly compounds (客户关系, 品牌形象 → 客户|关系, 品牌|形象) and rare
 * terms, which jieba's HMM still groups when they are unknown. cppjieba builds
 * the dictionary trie twice, at about 330 bytes a word each time, so this takes
 * jieba from 230 MB to 70 MB and its load from 1 s to 0.3 s in every process and
 * worker thread. Rules match phrases across tokens; the customer-service words
 * this leaves out (客服, 网店, 查收 …) are pinned in dictionaries/user-words.txt.
 */
export function compactDictionary(text: string): string {
  const kept: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const match = DICT_LINE.exec(line);
    if (match && (Number(match[2]) >= COMPACT_MIN_FREQUENCY || PLACE_NAME.test(match[1]))) kept.push(line);
  }
  return kept.length > 0 ? kept.join('\n') + '\n' : '';
}

/** Write the compact form of jieba's dictionary, a megabyte at a time (the whole text would stay in the heap). */
function writeCompactDictionary(source: string, target: string): void {
  let input: number;
  try {
    input = openSync(source, 'r');
  } catch (error) {
    throw new KefuLintError(
      'tokenizer',
      `无法读取 jieba 词典（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）。请在项目目录运行 npm rebuild nodejieba 后重试。`,
      { file: source },
    );
  }
  const output = openSync(target, 'w');
  try {
    const buffer = Buffer.alloc(1 << 20);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (;;) {
      const read = readSync(input, buffer, 0, buffer.length, null);
      const text = rest + (read > 0 ? decoder.write(buffer.subarray(0, read)) : decoder.end());
      const cut = read > 0 ? text.lastIndexOf('\n') + 1 : text.length;
      writeSync(output, compactDictionary(text.slice(0, cut)));
      rest = text.slice(cut);
      if (read === 0) break;
    }
  } finally {
    closeSync(input);
    closeSync(output);
  }
}

/** Write the compact dictionary to `target` (the build does this), replacing it whole. */
export function buildCompactDictionary(target: string): void {
  const temporary = `${target}.${process.pid}.tmp`;
  writeCompactDictionary(loadBinding().DEFAULT_DICT, temporary);
  renameSync(temporary, target);
}

/**
 * The process-wide jieba tokenizer. The first call loads jieba's dictionaries with
 * the given (validated) user words; later calls reuse it and add any new words.
 */
export function getJiebaTokenizer(userWords: readonly JiebaWord[]): Tokenizer {
  const jieba = loadBinding();
  if (!loaded) {
    for (const word of userWords) validateJiebaWord(word);
    const dir = mkdtempSync(join(tmpdir(), 'kefu-lint-'));
    try {
      const userDict = join(dir, 'user.dict.utf8');
      const idfDict = join(dir, 'idf.utf8');
      const stopWordDict = join(dir, 'stop_words.utf8');
      // The build writes the compact dictionary once; without it, make it now.
      let dict = COMPACT_DICTIONARY;
      if (!existsSync(dict)) writeCompactDictionary(jieba.DEFAULT_DICT, (dict = join(dir, 'jieba.dict.utf8')));
      writeFileSync(userDict, userWords.map(jiebaLine).join('\n') + '\n');
      writeFileSync(idfDict, MINIMAL_IDF);
      writeFileSync(stopWordDict, MINIMAL_STOP_WORDS);
      jieba.load({ dict, userDict: userWords.length > 0 ? userDict : undefined, idfDict, stopWordDict });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    loaded = true;
    for (const word of userWords) knownWords.add(word.word);
  }
  const tokenizer: Tokenizer = {
    tokenize(text) {
      // Lone surrogates would come back from native code as U+FFFD (3 bytes in
      // UTF-8, 1 unit here); making the string well-formed keeps offsets exact.
      const clean = text.toWellFormed();
      return piecesToTokens(clean, jieba.cut(clean, true));
    },
    tokenizeMany(texts) {
      if (texts.length < 2) return texts.map((text) => tokenizer.tokenize(text));
      // jieba never segments across a line break, so texts joined by \n come back
      // as the same pieces they would one by one, with the \n between them.
      const clean = texts.map((text) => text.toWellFormed());
      const joined = clean.join('\n');
      const tokens = piecesToTokens(joined, jieba.cut(joined, true));
      return splitTokens(tokens, clean) ?? texts.map((text) => tokenizer.tokenize(text));
    },
    addWords(words) {
      for (const word of words) validateJiebaWord(word);
      for (const word of words) {
        if (knownWords.has(word.word)) continue;
        jieba.insertWord(word.word, word.tag ?? 'x');
        knownWords.add(word.word);
      }
    },
  };
  // jieba may already be loaded (reloading costs over a second): insert what is new.
  tokenizer.addWords(userWords);
  return tokenizer;
}

/** Tokens of texts joined by \n, back into one list per text; undefined if a token crosses a join. */
export function splitTokens(tokens: readonly Token[], texts: readonly string[]): Token[][] | undefined {
  const lists: Token[][] = [];
  let index = 0;
  let offset = 0;
  for (const text of texts) {
    const end = offset + text.length;
    const list: Token[] = [];
    for (; index < tokens.length && tokens[index].start < end; index++) {
      const token = tokens[index];
      if (token.start < offset || token.end > end) return undefined;
      token.start -= offset;
      token.end -= offset;
      list.push(token);
    }
    lists.push(list);
    // The \n that joined this text to the next.
    if (index < tokens.length && tokens[index].start === end) {
      if (tokens[index].text !== '\n') return undefined;
      index++;
    }
    offset = end + 1;
  }
  return index === tokens.length ? lists : undefined;
}

function jiebaLine(word: JiebaWord): string {
  if (word.freq !== undefined) return `${word.word} ${word.freq} ${word.tag ?? 'n'}`;
  return word.word;
}
