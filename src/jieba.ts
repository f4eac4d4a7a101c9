/**
 * jieba in this process (nodejieba, native) behind the engine's `Tokenizer`
 * interface. jieba is loaded once per process; every word list it sees has been
 * validated first, because cppjieba aborts the whole process on malformed input.
 */
import { createRequire } from 'node:module';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateJiebaWord, type JiebaWord } from './engine/dictionary.js';
import { edgesOfPieces } from './engine/edges.js';
import { KefuLintError } from './engine/errors.js';
import { piecesToPacked } from './engine/packed.js';
import { cutInChunks, piecesToTokens, splitTokens, type Tokenizer } from './engine/tokens.js';
import { COMPACT_DICTIONARY } from './paths.js';

interface JiebaBinding {
  DEFAULT_DICT: string;
  DEFAULT_HMM_DICT: string;
  load(options: { dict?: string; userDict?: string; idfDict?: string; stopWordDict?: string }): void;
  cut(sentence: string, hmm?: boolean): string[];
}

const require = createRequire(import.meta.url);

let binding: JiebaBinding | undefined;

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
 * terms, which jieba's HMM still groups when they are unknown. nodejieba builds
 * the dictionary trie twice, at about 330 bytes a word each time (once to cut, once
 * for TextRank keyword extraction, which the linter never uses and nodejieba's API
 * cannot skip: 41 and 37 MB with this dictionary), so this takes jieba from 230 MB
 * to 78 MB and its load from 1 s to 0.3 s in every process and worker thread.
 * Rules match phrases across tokens; the customer-service words this leaves out
 * (客服, 网店, 查收 …) are pinned in dictionaries/user-words.txt.
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

let shared: Tokenizer | undefined;

/**
 * The process-wide jieba tokenizer, loaded once with the shipped user words and
 * never changed afterwards: a linter's own words are kept by the linter (see
 * engine/words.ts), so no linter changes what another one finds.
 */
export function getJiebaTokenizer(userWords: readonly JiebaWord[]): Tokenizer {
  if (shared) return shared;
  const jieba = loadBinding();
  for (const word of userWords) validateJiebaWord(word);
  const dir = mkdtempSync(join(tmpdir(), 'kefu-lint-'));
  try {
    const userDict = join(dir, 'user.dict.utf8');
    const idfDict = join(dir, 'idf.utf8');
    const stopWordDict = join(dir, 'stop_words.utf8');
    // The build writes the compact dictionary once; without it, make it now.
    let dict = COMPACT_DICTIONARY;
    if (!existsSync(dict)) writeCompactDictionary(jieba.DEFAULT_DICT, (dict = join(dir, 'jieba.dict.utf8')));
    writeFileSync(userDict, jiebaUserDictionary(userWords));
    writeFileSync(idfDict, MINIMAL_IDF);
    writeFileSync(stopWordDict, MINIMAL_STOP_WORDS);
    jieba.load({ dict, userDict: userWords.length > 0 ? userDict : undefined, idfDict, stopWordDict });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // jieba never segments across a line break, so texts joined by \n come back as
  // the same pieces they would one by one, with the \n between them.
  const cutJoined = (texts: readonly string[]) => {
    const clean = texts.map((text) => (text.isWellFormed() ? text : text.toWellFormed()));
    const joined = clean.join('\n');
    return { clean, joined, pieces: cutInChunks(joined, (piece) => jieba.cut(piece, true)) };
  };
  // Lone surrogates would come back from native code as U+FFFD (3 bytes in
  // UTF-8, 1 unit here); making the string well-formed keeps offsets exact.
  const cutOne = <T>(text: string, into: (clean: string, pieces: readonly string[]) => T): T => {
    const clean = text.isWellFormed() ? text : text.toWellFormed();
    return into(clean, cutInChunks(clean, (piece) => jieba.cut(piece, true)));
  };
  const tokenizer: Tokenizer = {
    tokenize: (text) => cutOne(text, piecesToTokens),
    tokenizeEdges: (text) => cutOne(text, edgesOfPieces),
    tokenizeMany(texts) {
      if (texts.length < 2) return texts.map((text) => tokenizer.tokenize(text));
      const { clean, joined, pieces } = cutJoined(texts);
      return splitTokens(piecesToTokens(joined, pieces), clean) ?? texts.map((text) => tokenizer.tokenize(text));
    },
    tokenizeManyPacked(texts) {
      if (texts.length < 2) return undefined;
      const { clean, joined, pieces } = cutJoined(texts);
      return piecesToPacked(joined, pieces, clean);
    },
  };
  return (shared = tokenizer);
}

function jiebaLine(word: JiebaWord): string {
  if (word.freq !== undefined) return `${word.word} ${word.freq} ${word.tag ?? 'n'}`;
  return word.word;
}

/** The user dictionary file jieba is given (the browser build gives its jieba the same text). */
export function jiebaUserDictionary(words: readonly JiebaWord[]): string {
  return words.map(jiebaLine).join('\n') + '\n';
}

/** cppjieba's HMM model, as nodejieba ships it. */
export function jiebaHmmModel(): string {
  return readFileSync(loadBinding().DEFAULT_HMM_DICT, 'utf8');
}
