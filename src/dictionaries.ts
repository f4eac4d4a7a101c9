/**
 * The word lists shipped in `dictionaries/`, read from their files: `*.yaml`
 * phrase lists and `user-words.txt` (jieba user words, `word [freq tag]` per line).
 * Problems name the file and line.
 */
import { join } from 'node:path';
import { toPhraseDictionary, validateJiebaWord, type JiebaWord, type PhraseDictionary } from './engine/dictionary.js';
import { KefuLintError } from './engine/errors.js';
import { DICTIONARY_DIR } from './paths.js';
import { readTextFile } from './text/read.js';
import { parseYamlWithLines } from './text/yaml.js';

/** Parse a YAML phrase dictionary, reporting problems with their line numbers. */
export function parsePhraseDictionary(text: string, file: string): PhraseDictionary {
  const yaml = parseYamlWithLines(text, file, 'dictionary');
  return toPhraseDictionary(yaml.value, file, yaml.lineOf);
}

export function readPhraseDictionary(file: string): PhraseDictionary {
  return parsePhraseDictionary(readTextFile(file, 'dictionary'), file);
}

/** Parse a jieba user-word file: `word`, or `word freq tag`, one per line. */
export function parseJiebaWords(text: string, file: string): JiebaWord[] {
  const words: JiebaWord[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/[ \t]+/);
    const where = { file, line: index + 1 };
    if (fields.length !== 1 && fields.length !== 3) {
      throw new KefuLintError(
        'dictionary',
        `这一行有 ${fields.length} 个字段，分词词条应写成「词」或「词 词频 词性」（例如：运费险 50000 n）。`,
        where,
      );
    }
    const word: JiebaWord = { word: fields[0], file, line: index + 1 };
    if (fields.length === 3) {
      if (!/^\d+$/.test(fields[1])) {
        throw new KefuLintError('dictionary', `词频「${fields[1]}」不是正整数（例如：运费险 50000 n）。`, where);
      }
      word.freq = Number(fields[1]);
      word.tag = fields[2];
    }
    validateJiebaWord(word);
    words.push(word);
  });
  return words;
}

export function readJiebaWords(file: string): JiebaWord[] {
  return parseJiebaWords(readTextFile(file, 'dictionary'), file);
}

/** A file shipped in dictionaries/. */
export function builtinDictionaryPath(name: string): string {
  return join(DICTIONARY_DIR, name);
}

let phraseLists: Map<string, PhraseDictionary> | undefined;
let userWords: JiebaWord[] | undefined;

/** The shipped phrase lists by name, read once per process. */
export function builtinDictionaries(names: Iterable<string>): Map<string, PhraseDictionary> {
  phraseLists ??= new Map();
  const wanted = new Map<string, PhraseDictionary>();
  for (const name of names) {
    let dictionary = phraseLists.get(name);
    if (!dictionary) phraseLists.set(name, (dictionary = readPhraseDictionary(builtinDictionaryPath(`${name}.yaml`))));
    wanted.set(name, dictionary);
  }
  return wanted;
}

/** The shipped jieba user words, read once per process. */
export function builtinWords(): JiebaWord[] {
  userWords ??= readJiebaWords(builtinDictionaryPath('user-words.txt'));
  return userWords;
}
