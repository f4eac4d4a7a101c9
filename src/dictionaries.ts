/**
 * The word lists shipped in `dictionaries/`, read from their files: `*.yaml`
 * phrase lists and `user-words.txt` (jieba user words, `word [freq tag]` per line).
 * Problems name the file and line.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toPhraseDictionary, validateJiebaWord, type JiebaWord, type PhraseDictionary } from './engine/dictionary.js';
import { KefuLintError } from './engine/errors.js';
import { DICTIONARY_CACHE, DICTIONARY_DIR } from './paths.js';
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

/**
 * The build parses and checks every shipped list once and keeps the result, with a
 * hash of each file it came from. A list is taken from there only while its file
 * is unchanged; otherwise (an edited list, no build yet) it is read from the file.
 */
interface DictionaryCache {
  version: 1;
  lists: Record<string, { sha1: string; dictionary: PhraseDictionary }>;
}

let cache: DictionaryCache | undefined;

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

function cachedList(name: string): PhraseDictionary {
  const file = builtinDictionaryPath(`${name}.yaml`);
  const text = readTextFile(file, 'dictionary');
  const kept = loadCache().lists[name];
  if (kept && kept.sha1 === sha1(text)) return kept.dictionary;
  return parsePhraseDictionary(text, file);
}

function loadCache(): DictionaryCache {
  if (cache) return cache;
  try {
    const data = JSON.parse(readFileSync(DICTIONARY_CACHE, 'utf8')) as DictionaryCache;
    cache = data?.version === 1 && typeof data.lists === 'object' && data.lists !== null ? data : undefined;
  } catch {
    // No cache (a checkout not built yet) or an unreadable one: the files are read instead.
  }
  return (cache ??= { version: 1, lists: {} });
}

/** Build step: parse and check every shipped list, and keep them with their files' hashes. */
export function writeDictionaryCache(target: string): void {
  const lists: DictionaryCache['lists'] = {};
  for (const entry of readdirSync(DICTIONARY_DIR).filter((name) => name.endsWith('.yaml')).sort()) {
    const file = builtinDictionaryPath(entry);
    const text = readTextFile(file, 'dictionary');
    lists[entry.slice(0, -'.yaml'.length)] = { sha1: sha1(text), dictionary: parsePhraseDictionary(text, file) };
  }
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ version: 1, lists } satisfies DictionaryCache));
  renameSync(temporary, target);
}

/** The shipped phrase lists by name, read once per process. */
export function builtinDictionaries(names: Iterable<string>): Map<string, PhraseDictionary> {
  phraseLists ??= new Map();
  const wanted = new Map<string, PhraseDictionary>();
  for (const name of names) {
    let dictionary = phraseLists.get(name);
    if (!dictionary) phraseLists.set(name, (dictionary = cachedList(name)));
    wanted.set(name, dictionary);
  }
  return wanted;
}

/** The shipped jieba user words, read once per process. */
export function builtinWords(): JiebaWord[] {
  userWords ??= readJiebaWords(builtinDictionaryPath('user-words.txt'));
  return userWords;
}
