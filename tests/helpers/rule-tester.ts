/**
 * A table-driven tester shared by every rule: `valid` texts must stay silent,
 * `invalid` texts must give exactly the listed findings of that rule.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinRules, createLinter, type Finding, type LintContext, type Linter, type LinterOptions } from '../../src/index.js';

export interface ExpectedFinding {
  /** The offending text. */
  actual: string;
  /** Rewrites that must be among the suggestions (each given as a substring). */
  suggests?: string[];
  /** The reason must contain this. */
  reason?: string;
  severity?: Finding['severity'];
  /** Offsets, when the test wants to pin the span. */
  start?: number;
  end?: number;
}

export type Case = string | { text: string; context?: LintContext; options?: Record<string, unknown> };

export interface InvalidCase {
  text: string;
  context?: LintContext;
  options?: Record<string, unknown>;
  findings: ExpectedFinding[];
  /** Text after `linter.fix()`, for fixable rules. */
  fixed?: string;
}

export function onlyRule(ruleId: string, options?: Record<string, unknown>, extra: LinterOptions = {}): LinterOptions {
  const rules: Record<string, 'off' | { severity: 'warning'; options?: Record<string, unknown> }> = {};
  for (const rule of builtinRules) rules[rule.id] = 'off';
  rules[ruleId] = { severity: 'warning', options };
  return { ...extra, rules: { ...rules, ...(extra.rules as object) } } as LinterOptions;
}

export function testRule(ruleId: string, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    const linters = new Map<string, Linter>();
    let base: Linter;
    beforeAll(async () => {
      base = await createLinter(onlyRule(ruleId));
    });
    const linterFor = async (options?: Record<string, unknown>) => {
      if (!options) return base;
      const key = JSON.stringify(options);
      if (!linters.has(key)) linters.set(key, await createLinter(onlyRule(ruleId, options)));
      return linters.get(key)!;
    };

    for (const entry of cases.valid) {
      const item = typeof entry === 'string' ? { text: entry } : entry;
      it(`stays silent: ${item.text}`, async () => {
        const linter = await linterFor(item.options);
        const found = linter.lint(item.text, item.context).filter((f) => f.ruleId === ruleId);
        expect(found.map((f) => f.actual)).toEqual([]);
      });
    }

    for (const item of cases.invalid) {
      it(`flags: ${item.text}`, async () => {
        const linter = await linterFor(item.options);
        const found = linter.lint(item.text, item.context).filter((f) => f.ruleId === ruleId);
        expect(found.map((f) => f.actual)).toEqual(item.findings.map((f) => f.actual));
        item.findings.forEach((want, i) => {
          const got = found[i];
          expect(item.text.slice(got.start, got.end)).toBe(got.actual);
          if (want.start !== undefined) expect(got.start).toBe(want.start);
          if (want.end !== undefined) expect(got.end).toBe(want.end);
          if (want.reason) expect(got.reason).toContain(want.reason);
          if (want.severity) expect(got.severity).toBe(want.severity);
          for (const suggestion of want.suggests ?? []) {
            expect(got.expected.some((e) => e.includes(suggestion)), `suggestions ${JSON.stringify(got.expected)} should include ${suggestion}`).toBe(true);
          }
        });
        if (item.fixed !== undefined) {
          expect(linter.fix(item.text, item.context)).toBe(item.fixed);
          expect(linter.fix(item.fixed, item.context)).toBe(item.fixed);
        }
      });
    }
  });
}
