/**
 * Word lists as data: phrase dictionaries (entries with rewrites, look-alikes and
 * examples) and jieba user words. Everything is validated here before it reaches
 * the matcher or native code; reading the files is done by whoever holds them.
 */
import * as z from 'zod';
import { KefuLintError, type ErrorLocation } from './errors.js';

const zh = z.locales.zhCN();
/** Pass to zod's parse so its messages come in Chinese. */
export const zodChinese = { error: zh.localeError };

/** A key path as users read it: `rules.no-jargon.options[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '（顶层）';
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : String(key))).join('.').replace(/\.\[/g, '[');
}

/** Where a zod issue points; for an unknown key, at that key itself. */
export function issuePath(issue: z.core.$ZodIssue): PropertyKey[] {
  return issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
}

/** What cppjieba takes as a word: 1–32 characters, no whitespace, separators or control characters. */
export const JIEBA_WORD = /^[^\s|;#\p{Cc}\p{Cs}]{1,32}$/u;
const JIEBA_TAG = /^[a-zA-Z]{1,8}$/;

export interface JiebaWord {
  word: string;
  freq?: number;
  tag?: string;
  file?: string;
  line?: number;
}

/** A jieba word as options and config files give it: the word, or `{ word, freq, tag }`. */
export const JiebaWordSchema = z.union([
  z.string(),
  z.strictObject({ word: z.string(), freq: z.number().optional(), tag: z.string().optional() }),
]);
export type JiebaWordInput = z.input<typeof JiebaWordSchema>;

export function toJiebaWord(input: JiebaWordInput, where: ErrorLocation = {}): JiebaWord {
  const word: JiebaWord = typeof input === 'string' ? { word: input } : { ...input };
  if (where.file !== undefined) word.file = where.file;
  if (where.line !== undefined) word.line = where.line;
  validateJiebaWord(word);
  return word;
}

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

const phraseText = z.string().trim().min(1).max(60);

const PhraseEntrySchema = z.strictObject({
  phrase: phraseText,
  variants: z.array(phraseText).default([]),
  kind: z.string().min(1).optional(),
  reason: z.string().min(1).optional(),
  rewrites: z.array(z.string()).default([]),
  allows: z.array(phraseText).default([]),
  next: z.array(phraseText).optional(),
  final: z.boolean().default(false),
  /** The phrase may start a longer word: 亲 in 亲是……, 亲爱的 (look-alikes such as 亲自 go in `allows`). */
  prefix: z.boolean().default(false),
  examples: z
    .strictObject({
      hit: z.array(z.string().min(1)).default([]),
      miss: z.array(z.string().min(1)).default([]),
    })
    .default({ hit: [], miss: [] }),
});

const PhraseDictionarySchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  description: z.string().optional(),
  entries: z.array(PhraseEntrySchema).min(1),
});

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

/**
 * Validate a phrase dictionary given as data. `file` names it in errors; `lineOf`
 * (when the data came from a file) points an error at its line.
 */
export function toPhraseDictionary(data: unknown, file: string, lineOf?: (path: readonly PropertyKey[]) => number | undefined): PhraseDictionary {
  const parsed = PhraseDictionarySchema.safeParse(data, zodChinese);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const hint = '请按 dictionaries/README.md 的格式修改。';
    if (lineOf) throw new KefuLintError('dictionary', `${formatPath(issue.path)}：${issue.message}。${hint}`, { file, line: lineOf(issue.path) });
    throw new KefuLintError('dictionary', `词表 ${file} 的 ${formatPath(issue.path)} ${issue.message}。${hint}`);
  }
  return {
    name: parsed.data.name,
    description: parsed.data.description,
    file,
    entries: parsed.data.entries.map((entry, index) => {
      const placed: PhraseEntry = { ...entry, dictionary: parsed.data.name };
      if (lineOf) {
        placed.file = file;
        placed.line = lineOf(['entries', index]);
      }
      return placed;
    }),
  };
}
