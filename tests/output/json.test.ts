/**
 * `--format json` is written finding by finding, without copying each finding:
 * the output must be what JSON.stringify gives for the fields in their order.
 */
import { describe, expect, it } from 'vitest';
import type { FileFinding } from '../../src/inputs/placed.js';
import { jsonChunks } from '../../src/output/json.js';

const base: FileFinding = {
  ruleId: 'no-negative-phrasing',
  severity: 'warning',
  reason: '「不行」语气生硬，说明原因并给出"替代"方案。\n第二行\\',
  start: 3,
  end: 5,
  line: 2,
  column: 4,
  endLine: 2,
  endColumn: 6,
  actual: '不行',
  expected: ['这边暂时无法直接办理', '建议您……'],
  url: 'https://example.com/rules/no-negative-phrasing',
};

describe('json output', () => {
  it('writes the first fields in order, then the others in the finding’s order, leaving out offsets, links and undefined values', () => {
    const transcript: FileFinding = { ...base, fix: { range: [3, 5], text: '' }, conversation: 'C1', messageIndex: 0, agent: undefined, time: '2024-05-01T08:00:00+08:00' };
    // Fields in another order than the output's: the output's order wins for the first ones.
    const shuffled = Object.fromEntries(Object.entries(transcript).reverse()) as FileFinding;
    const text = [...jsonChunks([{ path: 'a.jsonl', messages: [base, shuffled] }, { path: 'b.txt', messages: [] }])].join('');
    const parsed = JSON.parse(text);
    expect(parsed).toEqual([
      { path: 'a.jsonl', messages: [expect.any(Object), expect.any(Object)] },
      { path: 'b.txt', messages: [] },
    ]);
    const first = ['ruleId', 'severity', 'reason', 'line', 'column', 'endLine', 'endColumn', 'actual', 'expected'];
    expect(Object.keys(parsed[0].messages[0])).toEqual(first);
    expect(Object.keys(parsed[0].messages[1])).toEqual([...first, 'time', 'messageIndex', 'conversation', 'fix']);
    expect(parsed[0].messages[1].reason).toBe(base.reason);
    expect(parsed[0].messages[1].fix).toEqual({ range: [3, 5], text: '' });
    // The same text JSON.stringify makes of those fields.
    const pick = (finding: FileFinding, keys: string[]) => Object.fromEntries(keys.map((key) => [key, finding[key as keyof FileFinding]]));
    expect(text).toContain(JSON.stringify(pick(base, first)));
  });
});
