/**
 * Property tests over generated input: arbitrary Unicode replies mixed with the
 * phrases the rules look for, transcripts with arbitrary fields, and arbitrary
 * `words`. Whatever comes in, the only error is a KefuLintError, every span lies
 * in the text with `actual` equal to its slice, `fix` is idempotent, and no linter
 * changes what another one finds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinter, isKefuLintError, lintTranscripts, type Finding, type Linter } from '../../src/index.js';

/** Pieces that make rules fire, and pieces that trouble offsets (emoji, surrogates, line ends). */
const PIECES = [
  '您好', '你', '你们', '亲', '不行', '做不到', '没办法', '不客气', '不好意思', '我', '我觉得', '一定', '保证', '明天', '送到',
  '揽收', '工单', 'yyds', '亲爱哒', '！！！', '？？', '?', '吗', '13812345678', '如果', '的话', '，', '。', '\n', '\r\n', ' ',
  '😀', '👍🏻', '👨‍👩‍👧', '\uFE0F', '\u200D', '\uD800', '\uDC00', '\u0000', '「', '」', '“', 'https://a.cn/x?y=1', '#E-s01', '[数字x]',
];

const reply = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }), { maxLength: 30 })
  .map((parts) => parts.join(''));

function checkSpans(text: string, findings: readonly Finding[]): void {
  for (const f of findings) {
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeGreaterThanOrEqual(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(f.actual).toBe(text.slice(f.start, f.end));
    const before = text.slice(0, f.start).split('\n');
    expect(f.line).toBe(before.length);
    expect(f.column).toBe(before[before.length - 1].length + 1);
    if (f.fix) {
      expect(f.fix.range[0]).toBeGreaterThanOrEqual(0);
      expect(f.fix.range[1]).toBeLessThanOrEqual(text.length);
    }
  }
}

let linter: Linter;
beforeAll(async () => {
  linter = await createLinter({ preset: 'strict' });
});

describe('generated replies', () => {
  it('lint: spans within the text, actual equals the slice, fix idempotent', () => {
    fc.assert(
      fc.property(reply, (text) => {
        const findings = linter.lint(text);
        checkSpans(text, findings);
        const fixed = linter.fix(text);
        expect(linter.fix(fixed)).toBe(fixed);
      }),
      { numRuns: 400 },
    );
  });

  it('lint with a generated history: same invariants', () => {
    const turn = fc.record({ role: fc.constantFrom('agent' as const, 'customer' as const), text: reply });
    fc.assert(
      fc.property(reply, fc.array(turn, { maxLength: 4 }), (text, history) => {
        checkSpans(text, linter.lint(text, { history }));
      }),
      { numRuns: 200 },
    );
  });
});

describe('generated words', () => {
  it('a linter with any words is made or refused with a KefuLintError, and never changes another linter', async () => {
    const sample = ['这个我们做不到', '您好，你的订单明天一定送到！！！', '亲，我觉得我已经说清楚了'];
    const before = sample.map((text) => linter.lint(text));
    const word = fc.oneof(fc.constantFrom('们做', '做不', '你的', '订单明', '送到！', ' ', '', '\n', 'a b'), fc.string({ unit: 'binary', maxLength: 6 }));
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 5 }), async (words) => {
        let other: Linter | undefined;
        try {
          other = await createLinter({ preset: 'strict', words });
        } catch (error) {
          expect(isKefuLintError(error), String(error)).toBe(true);
        }
        if (other) for (const text of sample) checkSpans(text, other.lint(text));
        expect(sample.map((text) => linter.lint(text))).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});

describe('generated transcripts', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-fuzz-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const field = fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('agent', 'customer', '客服', '买家', 'c1', 'c2', '2024-05-01 10:00:00', 1714528800, 1e300, -1));
  const message = fc.record(
    { conversation: fc.oneof(fc.constantFrom('c1', 'c2'), field), role: fc.oneof(fc.constantFrom('agent', 'customer'), field), text: fc.oneof(reply, field), time: field, agent: field },
    { requiredKeys: [] },
  );

  it('lintConversation with arbitrary turns: a result or a KefuLintError', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 6 }), (turns) => {
        try {
          const result = linter.lintConversation(turns as never);
          result.messages.forEach((m, i) => checkSpans((turns[i] as { text: string }).text, m.findings));
        } catch (error) {
          expect(isKefuLintError(error), String(error)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a JSON Lines transcript of arbitrary records: read and reported, bad lines as problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(message.map((m) => JSON.stringify(m)), fc.string({ maxLength: 20 })), { maxLength: 12 }), async (lines) => {
        const file = join(dir, 't.jsonl');
        writeFileSync(file, lines.join('\n') + '\n');
        const problems: number[] = [];
        try {
          const report = await lintTranscripts([{ name: file, input: file }], { keepFindings: true, onProblem: (_f, p) => problems.push(p.line) });
          for (const finding of report.findings.get(file) ?? []) {
            expect(finding.line).toBeGreaterThanOrEqual(1);
            expect(finding.line).toBeLessThanOrEqual(lines.length);
          }
          for (const line of problems) expect(line).toBeLessThanOrEqual(lines.length + 1);
        } catch (error) {
          expect(isKefuLintError(error), String(error)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
