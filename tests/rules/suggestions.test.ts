/**
 * Suggestions that lint clean, as a property over every dictionary example and
 * every eval corpus: a suggestion put in place of its span must neither keep a
 * problem found inside that span nor bring a new one into it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createLinter, type Finding, type LintContext, type Linter } from '../../src/index.js';
import { exampleAndEvalTexts } from '../helpers/texts.js';

const texts = exampleAndEvalTexts();
const contexts: [string, LintContext][] = [
  ['a canned reply', { standalone: true }],
  ['a reply in a chat', { history: [{ role: 'customer', text: '我的快递怎么还没到？都三天了' }] }],
];

/** Every suggestion of every finding that leaves a problem in (or brings one into) its own span. */
function unclean(linter: Linter, text: string, context: LintContext): string[] {
  const problems: string[] = [];
  const before = linter.lint(text, context);
  for (const finding of before) {
    for (const suggestion of finding.expected) {
      const revised = text.slice(0, finding.start) + suggestion + text.slice(finding.end);
      const from = finding.start;
      const to = finding.start + suggestion.length;
      const had = (f: Finding) => before.some((b) => b.ruleId === f.ruleId && b.start < finding.end && finding.start < b.end);
      // A problem found inside the span before (not one that covered the span as a whole, such as a reply with no courtesy marker).
      const within = (f: Finding) =>
        before.some((b) => b !== finding && b.ruleId === f.ruleId && finding.start <= b.start && b.end <= finding.end && (b.start > finding.start || b.end < finding.end));
      for (const after of linter.lint(revised, context)) {
        // A problem no rewrite can settle (a reply too long, 我 used too often) is not the suggestion's to fix.
        const settleable = after.fix !== undefined || after.expected.length > 0;
        const inside = from <= after.start && after.end <= to && after.end > after.start && settleable && (within(after) || !had(after));
        const brought = after.start < to && from < after.end && !had(after);
        if (inside || brought) problems.push(`「${text}」 ${finding.ruleId} →「${suggestion}」 still has ${after.ruleId}「${after.actual}」`);
      }
    }
  }
  return problems;
}

describe('suggestions lint clean', () => {
  let linter: Linter;
  beforeAll(async () => {
    linter = await createLinter({ rules: { 'max-reply-length': 'warn' } });
  });
  it(`holds on ${texts.length} dictionary examples and eval texts`, () => {
    expect(texts.length).toBeGreaterThan(1000);
  });
  for (const [name, context] of contexts) {
    it(`for ${name}`, () => {
      expect(texts.flatMap((text) => unclean(linter, text, context))).toEqual([]);
    });
  }
});
