/**
 * The labelled corpora (tests/eval, tests/eval-holdout, tests/eval-blind): replies written for the project,
 * each with the reply rules it must trigger (`rules`) and the ones not scored
 * (`dontCare`). Every problem names the file and line.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as z from 'zod';
import { builtinRules } from '../../rules/index.js';
import { formatPath, zodChinese } from '../../src/engine/dictionary.js';
import { KefuLintError } from '../../src/engine/errors.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { readTextFile } from '../../src/text/read.js';
import { parseYamlWithLines } from '../../src/text/yaml.js';

/** The reply-level rules, in documentation order; the corpus labels only these. */
export const REPLY_RULE_IDS = builtinRules.filter((rule) => rule.meta.scope === 'reply').map((rule) => rule.id) as [string, ...string[]];
export type ReplyRuleId = string;

const DEFAULT_CORPUS_DIR = join(PACKAGE_ROOT, 'tests', 'eval');

export interface Thresholds {
  precision: number;
  recall: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { precision: 0.95, recall: 0.9 };

const ruleIdSchema = z.enum(REPLY_RULE_IDS, {
  error: (issue) => `未知规则「${String(issue.input)}」（只能标注 ${REPLY_RULE_IDS.length} 条回复规则之一）`,
});

const entrySchema = z
  .strictObject({
    text: z.string().trim().min(1),
    rules: z.array(ruleIdSchema),
    dontCare: z.array(ruleIdSchema).optional(),
    note: z.string().optional(),
  })
  .superRefine((entry, ctx) => {
    for (const id of entry.dontCare ?? []) {
      if (entry.rules.includes(id)) ctx.addIssue({ code: 'custom', path: ['dontCare'], message: `规则「${id}」同时出现在 rules 与 dontCare 中` });
    }
    if (new Set(entry.rules).size !== entry.rules.length) ctx.addIssue({ code: 'custom', path: ['rules'], message: 'rules 中有重复的规则' });
  });

const corpusFileSchema = z.strictObject({
  /** The rule this file exercises: its entries that do not label it are that rule's look-alikes. */
  focus: ruleIdSchema.optional(),
  description: z.string().optional(),
  entries: z.array(entrySchema).min(1),
});

export interface CorpusEntry {
  text: string;
  rules: ReplyRuleId[];
  dontCare: ReplyRuleId[];
  note?: string;
  /** The rule the entry's file exercises, if any. */
  focus?: ReplyRuleId;
  file: string;
  line?: number;
}

/** Read and validate one corpus file; every problem names the file and line. */
export function readCorpusFile(file: string): CorpusEntry[] {
  const yaml = parseYamlWithLines(readTextFile(file, 'input'), file, 'input');
  const parsed = corpusFileSchema.safeParse(yaml.value, zodChinese);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KefuLintError('input', `评测语料 ${formatPath(issue.path)}：${issue.message}。请按 tests/eval 中其他文件的格式修改。`, {
      file,
      line: yaml.lineOf(issue.path),
    });
  }
  const { focus, entries } = parsed.data;
  return entries.map((entry, index) => ({
    text: entry.text,
    rules: entry.rules,
    dontCare: entry.dontCare ?? [],
    note: entry.note,
    focus,
    file,
    line: yaml.lineOf(['entries', index]),
  }));
}

/** Read every `*.yaml` file of a directory (or the given files); a text may appear only once. */
export function readCorpus(paths: readonly string[] = [DEFAULT_CORPUS_DIR]): CorpusEntry[] {
  const files = paths.flatMap((path) =>
    statSync(path, { throwIfNoEntry: false })?.isDirectory()
      ? readdirSync(path)
          .filter((name) => name.endsWith('.yaml'))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
  if (files.length === 0) throw new KefuLintError('input', `在 ${paths.join('、')} 中没有找到评测语料（*.yaml）。`);
  const seen = new Map<string, CorpusEntry>();
  const corpus: CorpusEntry[] = [];
  for (const file of files) {
    for (const entry of readCorpusFile(file)) {
      const first = seen.get(entry.text);
      if (first) {
        throw new KefuLintError('input', `评测语料重复：「${entry.text}」已在 ${where(first)} 出现过。请删除其中一条。`, {
          file: entry.file,
          line: entry.line,
        });
      }
      seen.set(entry.text, entry);
      corpus.push(entry);
    }
  }
  return corpus;
}


export function where(entry: { file: string; line?: number }): string {
  const file = relative(process.cwd(), entry.file) || entry.file;
  return entry.line === undefined ? file : `${file}:${entry.line}`;
}
