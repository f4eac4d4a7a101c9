import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { FileFinding } from '../../src/inputs/placed.js';
import { formatStylish } from '../../src/output/stylish.js';

function finding(line: number): FileFinding {
  return {
    ruleId: 'no-shouting',
    severity: 'warning',
    reason: '连用 3 个标点「！！！」像在吼叫。',
    start: 10,
    end: 13,
    line,
    column: 10,
    endLine: line,
    endColumn: 13,
    actual: '！！！',
    expected: ['！'],
  };
}

describe('stylish output', () => {
  it('prints 100,000 findings, one aligned row each, without running out of stack', () => {
    const messages = Array.from({ length: 100_000 }, (_, i) => finding(i + 1));
    const out = formatStylish([{ path: 'r.txt', messages }], {});
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('r.txt');
    expect(lines).toHaveLength(1 + 100_000 + 2);
    expect(lines.at(-1)).toBe('⚠ 100000 warnings');
    // Rows are padded to the widest place column: the reason starts in the same column everywhere.
    const column = (row: string) => row.indexOf('warning');
    expect(column(lines[1])).toBe(column(lines[100_000]));
  });

  it('aligns columns by display width: CJK counts two, emoji by string-width', () => {
    const wide = { ...finding(1), reason: '😀 表情' };
    const narrow = { ...finding(2), reason: 'ab' };
    const cjk = { ...finding(3), reason: '中文理由，很长' };
    const lines = formatStylish([{ path: 'r.txt', messages: [wide, narrow, cjk] }], {}).split('\n');
    const ruleColumn = (row: string) => stringWidth(row.slice(0, row.indexOf('no-shouting')));
    expect(ruleColumn(lines[1])).toBe(ruleColumn(lines[2]));
    expect(ruleColumn(lines[2])).toBe(ruleColumn(lines[3]));
    // The widest reason (中文理由，很长 and its suggestion) sets the column.
    expect(lines[3].indexOf('no-shouting') - lines[3].indexOf('中文理由')).toBe('中文理由，很长（建议：！） '.length);
  });
});
