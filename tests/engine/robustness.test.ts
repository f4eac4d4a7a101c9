import { beforeAll, describe, expect, it } from 'vitest';
import { createLinter, type Linter } from '../../src/index.js';

// Inputs a host chat tool may pass by accident. Each must come back with findings,
// not exhaust memory or hang the process.
describe('pathological replies', () => {
  let linter: Linter;
  beforeAll(async () => {
    linter = await createLinter();
  });

  it('a very long row of emoji is one finding with the real count', () => {
    const findings = linter.lint('亲😀' + '😀'.repeat(50_000)).filter((f) => f.ruleId === 'no-shouting');
    expect(findings).toHaveLength(1);
    expect(findings[0].reason).toContain('50001');
  });

  it('a long reply with many look-alike candidates is linted in full', () => {
    const text = '您好，这个不行。如果不行的话您告诉我们。'.repeat(5_000);
    const findings = linter.lint(text).filter((f) => f.ruleId === 'no-negative-phrasing');
    expect(findings).toHaveLength(5_000);
    expect(findings[4_999].start).toBe(text.lastIndexOf('这个不行') + 2);
  });

  it('long runs of digits, punctuation, NUL and lone surrogates do not crash', () => {
    expect(linter.lint('1'.repeat(100_000)).map((f) => f.ruleId)).toContain('max-reply-length');
    const bangs = linter.lint('您好' + '！'.repeat(100_000)).find((f) => f.ruleId === 'no-shouting');
    expect(bangs?.fix).toEqual({ range: [2, 100_002], text: '！' });
    expect(() => linter.lint('\u0000\uD800'.repeat(5_000))).not.toThrow();
  });
});
