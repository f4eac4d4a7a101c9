/**
 * A table-driven tester for rules, built-in or your own (`kefu-lint/testing`):
 * `valid` texts must stay silent, `invalid` texts must give exactly the listed
 * findings of the rule (spans, reasons, suggestions, and the text after safe
 * fixes). It runs in any test framework with `describe` and `it` (set
 * `RuleTester.describe` / `RuleTester.it`, or let it find them as globals).
 *
 *   new RuleTester({ plugins: [myRule] }).run('my-rule', { valid: ['您好'], invalid: [{ text: '你好', findings: [{ actual: '你' }] }] });
 */
import assert from 'node:assert/strict';
import { builtinRules } from '../rules/index.js';
import type { LintContext } from './engine/conversation.js';
import type { Finding } from './engine/finding.js';
import type { Linter, LinterOptions } from './engine/linter.js';
import { createLinter } from './linter.js';

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

export type ValidCase = string | { text: string; context?: LintContext; options?: Record<string, unknown> };

export interface InvalidCase {
  text: string;
  context?: LintContext;
  options?: Record<string, unknown>;
  findings: ExpectedFinding[];
  /** Text after `linter.fix()`, for fixable rules. */
  fixed?: string;
}

type Describe = (name: string, body: () => void) => void;
type It = (name: string, body: () => Promise<void> | void) => void;

/** Linter options with only `ruleId` on (at warning), the other rules off. */
export function onlyRule(ruleId: string, options?: Record<string, unknown>, extra: LinterOptions = {}): LinterOptions {
  const rules: Record<string, 'off' | { severity: 'warning'; options?: Record<string, unknown> }> = {};
  for (const rule of [...builtinRules, ...(extra.plugins ?? [])]) rules[rule.id] = 'off';
  rules[ruleId] = { severity: 'warning', options };
  return { ...extra, rules: { ...rules, ...(extra.rules as object) } } as LinterOptions;
}

export class RuleTester {
  static describe: Describe | undefined;
  static it: It | undefined;

  private readonly linters = new Map<string, Promise<Linter>>();

  /** `options`: extra linter options (custom rules as `plugins`, dictionaries, words). */
  constructor(private readonly options: LinterOptions = {}) {}

  run(ruleId: string, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
    const describe = RuleTester.describe ?? (globalThis as { describe?: Describe }).describe;
    const it = RuleTester.it ?? (globalThis as { it?: It }).it;
    if (!describe || !it) throw new Error('RuleTester needs describe() and it(): set RuleTester.describe and RuleTester.it from your test framework.');
    describe(ruleId, () => {
      for (const entry of cases.valid) {
        const item = typeof entry === 'string' ? { text: entry } : entry;
        it(`stays silent: ${item.text}`, async () => {
          const found = await this.findings(ruleId, item.options, item.text, item.context);
          assert.deepEqual(found.map((f) => f.actual), []);
        });
      }
      for (const item of cases.invalid) it(`flags: ${item.text}`, () => this.checkInvalid(ruleId, item));
    });
  }

  private async checkInvalid(ruleId: string, item: InvalidCase): Promise<void> {
    const found = await this.findings(ruleId, item.options, item.text, item.context);
    assert.deepEqual(found.map((f) => f.actual), item.findings.map((f) => f.actual));
    item.findings.forEach((want, i) => {
      const got = found[i];
      assert.equal(item.text.slice(got.start, got.end), got.actual);
      if (want.start !== undefined) assert.equal(got.start, want.start);
      if (want.end !== undefined) assert.equal(got.end, want.end);
      if (want.reason) assert.ok(got.reason.includes(want.reason), `reason「${got.reason}」should contain「${want.reason}」`);
      if (want.severity) assert.equal(got.severity, want.severity);
      for (const suggestion of want.suggests ?? []) {
        assert.ok(got.expected.some((e) => e.includes(suggestion)), `suggestions ${JSON.stringify(got.expected)} should include ${suggestion}`);
      }
    });
    if (item.fixed !== undefined) {
      const linter = await this.linter(ruleId, item.options);
      assert.equal(linter.fix(item.text, item.context), item.fixed);
      assert.equal(linter.fix(item.fixed, item.context), item.fixed);
    }
  }

  private async findings(ruleId: string, options: Record<string, unknown> | undefined, text: string, context?: LintContext): Promise<Finding[]> {
    return (await this.linter(ruleId, options)).lint(text, context).filter((f) => f.ruleId === ruleId);
  }

  private linter(ruleId: string, options?: Record<string, unknown>): Promise<Linter> {
    const key = `${ruleId}\n${JSON.stringify(options ?? null)}`;
    let linter = this.linters.get(key);
    if (!linter) this.linters.set(key, (linter = createLinter(onlyRule(ruleId, options, this.options))));
    return linter;
  }
}
