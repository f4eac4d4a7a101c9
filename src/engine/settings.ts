/**
 * Rule settings: which rules run, at what severity, with which options. Checked
 * in one place; the API, config files and command-line flags each word the same
 * problems for where they came from.
 */
import * as z from 'zod';
import { KefuLintError } from './errors.js';
import { formatPath, issuePath, zodChinese } from './dictionary.js';
import type { Rule } from './rule.js';
import { presetSeverity, SeveritySchema, type Preset, type SeverityOrOff } from './severity.js';

export const RuleSettingSchema = z.union([
  SeveritySchema,
  z.strictObject({ severity: SeveritySchema.optional(), options: z.record(z.string(), z.unknown()).optional() }),
]);
export type RuleSetting = z.input<typeof RuleSettingSchema>;
type ParsedSetting = z.output<typeof RuleSettingSchema>;

/** A problem with one rule's setting, for the caller to word and place. */
export type SettingProblem =
  | { kind: 'unknown-rule'; id: string; suggestion?: string }
  | { kind: 'bad-options'; id: string; path: PropertyKey[]; message: string; docs: string };

/** The first problem with `settings` for the known `rules`, or undefined. */
export function checkRuleSetting(rules: ReadonlyMap<string, Rule<any>>, id: string, setting: unknown): SettingProblem | undefined {
  const rule = rules.get(id);
  if (!rule) return { kind: 'unknown-rule', id, suggestion: closestName(id, [...rules.keys()]) };
  const options = typeof setting === 'object' && setting !== null ? (setting as { options?: unknown }).options : undefined;
  if (options === undefined) return undefined;
  const result = rule.options.safeParse(options, zodChinese);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const path = issuePath(issue);
  return { kind: 'bad-options', id, path, message: issue.message, docs: rule.meta.docs };
}

export function unknownRuleMessage(id: string, suggestion: string | undefined): string {
  const hint = suggestion ? `是否想写「${suggestion}」？` : '';
  return `未知规则「${id}」。${hint}运行 kefu-lint --list-rules 查看全部规则。`;
}

export function unknownRule(id: string, known: readonly string[]): KefuLintError {
  return new KefuLintError('options', unknownRuleMessage(id, closestName(id, known)));
}

export interface ResolvedRule {
  rule: Rule<any>;
  severity: SeverityOrOff;
  /** The rule's options, parsed with its schema (defaults filled in); absent for rules that are off. */
  options?: unknown;
}

/** Every rule with its severity and parsed options under a preset and settings. */
export function resolveRules(rules: ReadonlyMap<string, Rule<any>>, preset: Preset, settings: Record<string, ParsedSetting>): ResolvedRule[] {
  for (const [id, setting] of Object.entries(settings)) {
    const problem = checkRuleSetting(rules, id, setting);
    if (problem?.kind === 'unknown-rule') throw new KefuLintError('options', unknownRuleMessage(id, problem.suggestion));
    if (problem?.kind === 'bad-options') {
      throw new KefuLintError('options', `规则「${id}」的选项 ${formatPath(problem.path)} 无效：${problem.message}。请查看该规则的文档：${problem.docs}`);
    }
  }
  return [...rules.values()].map((rule) => {
    const setting = settings[rule.id];
    const configured = typeof setting === 'string' ? setting : setting?.severity;
    const severity = configured ?? presetSeverity(rule, preset);
    if (severity === 'off') return { rule, severity };
    const options = rule.options.parse((typeof setting === 'object' ? setting.options : undefined) ?? {});
    return { rule, severity, options };
  });
}

/** The candidate nearest to `word` by edit distance, if it is near enough to be a typo. */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
