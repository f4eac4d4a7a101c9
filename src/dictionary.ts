/**
 * Word lists as data. Two kinds of file live in `dictionaries/`:
 * - `*.yaml` phrase lists: entries with rewrites, look-alikes and examples;
 * - `*.words.txt` jieba user words (`word [freq tag]` per line, `#` comments).
 * Everything is validated here, with the file and line of each problem, before
 * any of it reaches the matcher or native code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DICTIONARY_DIR } from './paths.js';
import * as z from 'zod';
import { parseDocument, LineCounter, isNode } from 'yaml';
import { KefuLintError } from './errors.js';

const zh = z.locales.zhCN();
export const zodChinese = { error: zh.localeError };

export interface JiebaWord {
  word: string;
  freq?: number;
  tag?: string;
  file?: string;
  line?: number;
}

const JIEBA_WORD = /^[^\s|;#\p{Cc}\p{Cs}]{1,32}$/u;
const JIEBA_TAG = /^[a-zA-Z]{1,8}$/;

/** Throws a KefuLintError unless cppjieba can take `word` safely. */
export function validateJiebaWord(word: JiebaWord): void {
  const where = { file: word.file, line: word.line };
  if (typeof word.word !== 'string' || !JIEBA_WORD.test(word.word)) {
    throw new KefuLintError(
      'dictionary',
      `分词词条「${String(word.word)}」无效：词条须为 1–32 个字符，不能含空白、|、;、# 或控制字符。请修改或删除这一行。`,
      where,
    );
  }
  if (word.freq !== undefined && !(Number.isInteger(word.freq) && word.freq > 0 && word.freq <= 1e9)) {
    throw new KefuLintError(
      'dictionary',
      `分词词条「${word.word}」的词频「${word.freq}」无效：须为 1 到 1000000000 之间的整数。`,
      where,
    );
  }
  if (word.tag !== undefined && !JIEBA_TAG.test(word.tag)) {
    throw new KefuLintError(
      'dictionary',
      `分词词条「${word.word}」的词性「${word.tag}」无效：须为 1–8 个英文字母，例如 n、v、nz。`,
      where,
    );
  }
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

const phraseText = z.string().trim().min(1).max(60);

export const PhraseEntrySchema = z.strictObject({
  phrase: phraseText,
  variants: z.array(phraseText).default([]),
  kind: z.string().min(1).optional(),
  reason: z.string().min(1).optional(),
  rewrites: z.array(z.string()).default([]),
  allows: z.array(phraseText).default([]),
  next: z.array(phraseText).optional(),
  final: z.boolean().default(false),
  examples: z
    .strictObject({
      hit: z.array(z.string().min(1)).default([]),
      miss: z.array(z.string().min(1)).default([]),
    })
    .default({ hit: [], miss: [] }),
});

export const PhraseDictionarySchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  description: z.string().optional(),
  entries: z.array(PhraseEntrySchema).min(1),
});

export type PhraseEntryInput = z.input<typeof PhraseEntrySchema>;

export interface PhraseEntry extends z.output<typeof PhraseEntrySchema> {
  /** Name of the dictionary the entry comes from. */
  dictionary: string;
  /** Where the entry stands, for error messages and docs. */
  file?: string;
  line?: number;
}

export interface PhraseDictionary {
  name: string;
  description?: string;
  file?: string;
  entries: PhraseEntry[];
}

/** Validate a phrase dictionary given as data (from the API or a config file). */
export function toPhraseDictionary(data: unknown, source: string): PhraseDictionary {
  const parsed = PhraseDictionarySchema.safeParse(data, zodChinese);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KefuLintError(
      'dictionary',
      `词表 ${source} 的 ${formatPath(issue.path)} ${issue.message}。请按 dictionaries/README.md 的格式修改。`,
    );
  }
  return {
    name: parsed.data.name,
    description: parsed.data.description,
    file: source,
    entries: parsed.data.entries.map((entry) => ({ ...entry, dictionary: parsed.data.name })),
  };
}

/** Parse a YAML phrase dictionary, reporting problems with their line numbers. */
export function parsePhraseDictionary(text: string, file: string): PhraseDictionary {
  const data = parseYamlWithLines(text, file, 'dictionary');
  const parsed = PhraseDictionarySchema.safeParse(data.value, zodChinese);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KefuLintError(
      'dictionary',
      `${formatPath(issue.path)}：${issue.message}。请按 dictionaries/README.md 的格式修改。`,
      { file, line: data.lineOf(issue.path) },
    );
  }
  return {
    name: parsed.data.name,
    description: parsed.data.description,
    file,
    entries: parsed.data.entries.map((entry, index) => ({
      ...entry,
      dictionary: parsed.data.name,
      file,
      line: data.lineOf(['entries', index]),
    })),
  };
}

export function readPhraseDictionary(file: string): PhraseDictionary {
  return parsePhraseDictionary(readTextFile(file, 'dictionary'), file);
}

export interface YamlWithLines {
  value: unknown;
  /** 1-based line of the node at `path`, or of its nearest existing parent. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** Parse YAML keeping enough of the document to point errors at lines. */
export function parseYamlWithLines(
  text: string,
  file: string,
  code: 'dictionary' | 'config' | 'input',
): YamlWithLines {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new KefuLintError(code, `YAML 语法错误（${error.code}）。请检查这一行的缩进、冒号和引号。`, {
      file,
      line,
    });
  }
  return {
    value: doc.toJS(),
    lineOf(path) {
      for (let length = path.length; length >= 0; length--) {
        const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length) as unknown[], true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '（顶层）';
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : String(key))).join('.').replace(/\.\[/g, '[');
}

/** Read a UTF-8 text file, turning file-system errors into readable ones. */
export function readTextFile(file: string, code: 'dictionary' | 'config' | 'input'): string {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const what = err.code === 'ENOENT' ? '文件不存在' : err.code === 'EISDIR' ? '这是一个目录，不是文件' : `无法读取（${err.code ?? err.message}）`;
    throw new KefuLintError(code, `${what}。请检查路径是否正确。`, { file });
  }
  return decodeUtf8(buffer, file, code);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode strict UTF-8; binary files and other encodings get a clear error. */
export function decodeUtf8(buffer: Uint8Array, file: string, code: 'dictionary' | 'config' | 'input'): string {
  const nul = buffer.indexOf(0);
  if (nul >= 0) {
    throw new KefuLintError(code, '这是二进制文件（含 NUL 字节），不是文本。请只传入 UTF-8 文本文件。', {
      file,
      line: lineAtByte(buffer, nul),
    });
  }
  try {
    return utf8.decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    const bad = firstInvalidUtf8(buffer);
    throw new KefuLintError(
      code,
      '不是有效的 UTF-8 文本。如果是 GBK 编码，请先转换为 UTF-8（例如 iconv -f GBK -t UTF-8）。',
      { file, line: lineAtByte(buffer, bad) },
    );
  }
}

function lineAtByte(buffer: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (buffer[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(buffer: Uint8Array): number {
  // Decode line by line to find the first line that fails.
  let start = 0;
  while (start < buffer.length) {
    let end = buffer.indexOf(0x0a, start);
    if (end < 0) end = buffer.length;
    try {
      utf8.decode(buffer.subarray(start, end));
    } catch {
      return start;
    }
    start = end + 1;
  }
  return 0;
}

/** The dictionaries shipped with kefu-lint. */
export function builtinDictionaryPath(name: string): string {
  return join(DICTIONARY_DIR, name);
}
