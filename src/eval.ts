/**
 * The evaluation corpus runner: lints every labelled reply in `tests/eval/*.yaml`
 * standalone with all sixteen reply rules on, and scores each rule by precision and
 * recall against the labels. `npm run eval` prints the table and the misses, and
 * exits 1 when a rule is missing, unlabelled or below the thresholds.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod';
import { builtinRules } from '../rules/index.js';
import { formatPath, parseYamlWithLines, readTextFile, zodChinese } from './dictionary.js';
import { KefuLintError, isKefuLintError } from './errors.js';
import { createLinter, presetSeverity, type Linter, type RuleSetting } from './linter.js';
import { PACKAGE_ROOT } from './paths.js';

/** The reply-level rules of the domain, in documentation order; the corpus labels only these. */
export const REPLY_RULE_IDS = [
  'no-negative-phrasing',
  'courtesy-required',
  'no-first-person-overuse',
  'no-jargon',
  'no-unfulfillable-promise',
  'no-buck-passing',
  'no-blaming',
  'prefer-honorific',
  'no-slang',
  'no-shouting',
  'no-vague-answer',
  'no-privacy-leak',
  'no-absolute-claims',
  'no-rapid-fire-questions',
  'no-forbidden-words',
  'max-reply-length',
] as const;
export type ReplyRuleId = (typeof REPLY_RULE_IDS)[number];

export const DEFAULT_CORPUS_DIR = join(PACKAGE_ROOT, 'tests', 'eval');

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

/** A linter with every registered reply rule on: the recommended preset, with rules it leaves off switched on. */
export async function createEvalLinter(): Promise<Linter> {
  const rules: Record<string, RuleSetting> = {};
  for (const rule of builtinRules) {
    if (!(REPLY_RULE_IDS as readonly string[]).includes(rule.id)) rules[rule.id] = 'off';
    else if (presetSeverity(rule, 'recommended') === 'off') rules[rule.id] = rule.id === 'max-reply-length' ? 'info' : 'warning';
  }
  return createLinter({ preset: 'recommended', rules });
}

export type RuleStatus = 'pass' | 'fail' | 'missing' | 'unlabelled';

export interface RuleScore {
  ruleId: ReplyRuleId;
  status: RuleStatus;
  /** Entries labelled with the rule. */
  labelled: number;
  /** Entries of the rule's own file that must stay silent for it. */
  lookalikes: number;
  tp: number;
  fp: number;
  fn: number;
  /** null when the rule never fired (or is missing). */
  precision: number | null;
  /** null when nothing is labelled (or the rule is missing). */
  recall: number | null;
}

export interface EvalMiss {
  kind: 'fp' | 'fn';
  ruleId: ReplyRuleId;
  text: string;
  file: string;
  line?: number;
  /** For a false positive: the spans the rule flagged. */
  actual: string[];
}

export interface EvalReport {
  entries: number;
  thresholds: Thresholds;
  rules: RuleScore[];
  /** Micro-averaged over the registered rules. */
  overall: { tp: number; fp: number; fn: number; precision: number | null; recall: number | null };
  misses: EvalMiss[];
  passed: boolean;
}

/** Lint every entry standalone and score each reply rule against the labels. */
export function evaluateCorpus(linter: Linter, corpus: readonly CorpusEntry[], thresholds: Thresholds = DEFAULT_THRESHOLDS): EvalReport {
  const registered = new Set(linter.rules.filter((rule) => rule.severity !== 'off').map((rule) => rule.id));
  const counts = new Map(REPLY_RULE_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0, labelled: 0, lookalikes: 0 }]));
  const misses: EvalMiss[] = [];

  for (const entry of corpus) {
    const fired = new Map<string, string[]>();
    for (const finding of linter.lint(entry.text, { standalone: true })) {
      fired.set(finding.ruleId, [...(fired.get(finding.ruleId) ?? []), finding.actual]);
    }
    for (const id of REPLY_RULE_IDS) {
      const count = counts.get(id)!;
      const labelled = entry.rules.includes(id);
      const ignored = entry.dontCare.includes(id);
      if (labelled) count.labelled++;
      if (entry.focus === id && !labelled && !ignored) count.lookalikes++;
      if (!registered.has(id) || ignored) continue;
      const spans = fired.get(id);
      const at = { ruleId: id, text: entry.text, file: entry.file, line: entry.line };
      if (labelled && spans) count.tp++;
      else if (labelled) {
        count.fn++;
        misses.push({ kind: 'fn', ...at, actual: [] });
      } else if (spans) {
        count.fp++;
        misses.push({ kind: 'fp', ...at, actual: spans });
      }
    }
  }

  const rules = REPLY_RULE_IDS.map((ruleId): RuleScore => {
    const c = counts.get(ruleId)!;
    if (!registered.has(ruleId)) return { ruleId, status: 'missing', ...c, tp: 0, fp: 0, fn: 0, precision: null, recall: null };
    const precision = ratio(c.tp, c.tp + c.fp);
    const recall = ratio(c.tp, c.tp + c.fn);
    const status: RuleStatus =
      c.labelled === 0
        ? 'unlabelled'
        : (precision ?? 1) >= thresholds.precision && (recall ?? 0) >= thresholds.recall
          ? 'pass'
          : 'fail';
    return { ruleId, status, ...c, precision, recall };
  });

  const sum = (key: 'tp' | 'fp' | 'fn') => rules.reduce((total, rule) => total + rule[key], 0);
  const [tp, fp, fn] = [sum('tp'), sum('fp'), sum('fn')];
  return {
    entries: corpus.length,
    thresholds,
    rules,
    overall: { tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) },
    misses: misses.sort((a, b) => REPLY_RULE_IDS.indexOf(a.ruleId) - REPLY_RULE_IDS.indexOf(b.ruleId) || a.kind.localeCompare(b.kind)),
    passed: rules.every((rule) => rule.status === 'pass'),
  };
}

const STATUS_LABEL: Record<RuleStatus, string> = {
  pass: '通过',
  fail: '未达标',
  missing: 'missing（规则未注册）',
  unlabelled: '无标注命中',
};

/** The report as a plain-text table followed by the false positives and negatives. */
export function formatReport(report: EvalReport): string {
  const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
  const header = ['规则', '标注命中', '对照', 'TP', 'FP', 'FN', '精确率', '召回率', '状态'];
  const rows = report.rules.map((rule) =>
    rule.status === 'missing'
      ? [rule.ruleId, String(rule.labelled), String(rule.lookalikes), '—', '—', '—', '—', '—', STATUS_LABEL.missing]
      : [
          rule.ruleId,
          String(rule.labelled),
          String(rule.lookalikes),
          String(rule.tp),
          String(rule.fp),
          String(rule.fn),
          percent(rule.precision),
          percent(rule.recall),
          STATUS_LABEL[rule.status],
        ],
  );
  const o = report.overall;
  const footer = ['合计（已注册规则，微平均）', '', '', String(o.tp), String(o.fp), String(o.fn), percent(o.precision), percent(o.recall), ''];
  const table = [header, ...rows, footer];
  const widths = header.map((_, column) => Math.max(...table.map((row) => displayWidth(row[column]))));
  const line = (row: string[]) => row.map((cell, column) => pad(cell, widths[column], column >= 1 && column <= 7)).join('  ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');

  const out = [
    `评测语料 ${report.entries} 条；阈值：精确率 ≥ ${percent(report.thresholds.precision)}，召回率 ≥ ${percent(report.thresholds.recall)}。`,
    '',
    line(header),
    rule,
    ...rows.map(line),
    rule,
    line(footer),
  ];
  for (const kind of ['fp', 'fn'] as const) {
    const list = report.misses.filter((miss) => miss.kind === kind);
    out.push('', kind === 'fp' ? `误报 FP（规则触发了，但没有标注）：${list.length} 条` : `漏报 FN（已标注，但规则没有触发）：${list.length} 条`);
    let current: string | undefined;
    for (const miss of list) {
      if (miss.ruleId !== current) {
        current = miss.ruleId;
        out.push(`  ${current}`);
      }
      const flagged = miss.kind === 'fp' ? `  → 标出：${miss.actual.map((a) => `「${a}」`).join('')}` : '';
      out.push(`    ${where(miss)}  「${miss.text}」${flagged}`);
    }
  }
  const missing = report.rules.filter((r) => r.status === 'missing').map((r) => r.ruleId);
  if (missing.length > 0) out.push('', `尚未注册的规则（${missing.length} 条）：${missing.join('、')}。`);
  out.push('', report.passed ? '结果：全部规则达标。' : '结果：有规则未达标（见上表）。');
  return out.join('\n');
}

/** CLI: `node dist/src/eval.js [corpus dir or files…]`; returns the exit status. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write('用法：kefu-lint-eval [语料目录或文件…]\n默认读取 tests/eval/*.yaml，打印每条规则的精确率与召回率；有规则未达标时退出码为 1。\n');
    return 0;
  }
  try {
    const corpus = readCorpus(argv.length > 0 ? argv.map((path) => resolve(path)) : undefined);
    const linter = await createEvalLinter();
    const report = evaluateCorpus(linter, corpus);
    process.stdout.write(`${formatReport(report)}\n`);
    return report.passed ? 0 : 1;
  } catch (error) {
    if (!isKefuLintError(error)) throw error;
    process.stderr.write(`kefu-lint-eval: ${error.message}\n`);
    return 2;
  }
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function where(entry: { file: string; line?: number }): string {
  const file = relative(process.cwd(), entry.file) || entry.file;
  return entry.line === undefined ? file : `${file}:${entry.line}`;
}

/** Terminal columns: CJK and other wide characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

function pad(text: string, width: number, right: boolean): string {
  const space = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? space + text : text + space;
}

function isEntryPoint(): boolean {
  const invoked = process.argv[1];
  if (!invoked) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(invoked)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main().then((status) => {
    process.exitCode = status;
  });
}
