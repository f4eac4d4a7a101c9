/**
 * The evaluation corpus runner: lints every labelled reply in `tests/eval/*.yaml`
 * standalone with all reply rules on, and scores each rule by precision and
 * recall against the labels. `npm run eval` prints the table and the misses, and
 * exits 1 when a rule is missing, unlabelled or below the thresholds.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import stringWidth from 'string-width';
import { builtinRules } from '../../rules/index.js';
import { isKefuLintError } from '../../src/engine/errors.js';
import type { Linter } from '../../src/engine/linter.js';
import { presetSeverity } from '../../src/engine/severity.js';
import type { RuleSetting } from '../../src/engine/settings.js';
import { createLinter } from '../../src/linter.js';
import { DEFAULT_THRESHOLDS, readCorpus, REPLY_RULE_IDS, where, type CorpusEntry, type ReplyRuleId, type Thresholds } from './corpus.js';

export { DEFAULT_THRESHOLDS, readCorpus, readCorpusFile, REPLY_RULE_IDS } from './corpus.js';
export type { CorpusEntry, Thresholds } from './corpus.js';

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
function formatReport(report: EvalReport): string {
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
  const widths = header.map((_, column) => Math.max(...table.map((row) => stringWidth(row[column]))));
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

/** CLI: `node dist/tools/eval/eval.js [corpus dir or files…]`; returns the exit status. */
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

function pad(text: string, width: number, right: boolean): string {
  const space = ' '.repeat(Math.max(0, width - stringWidth(text)));
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
