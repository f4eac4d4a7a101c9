import stringWidth from 'string-width';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileFinding } from '../../src/inputs/placed.js';
import { displayWidth, formatStylish } from '../../src/output/stylish.js';

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

describe('column widths', () => {
  /** What the widths were before stretches were measured apart: counted directly, or string-width on the whole cell. */
  function wholeCell(cell: string): number {
    let width = 0;
    for (const char of cell) {
      const code = char.charCodeAt(0);
      if (code >= 0x20 && code <= 0x7e) width += 1;
      else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3000 && code <= 0x303e) || (code >= 0xff01 && code <= 0xff60)) width += 2;
      else return stringWidth(cell);
    }
    return width;
  }

  // Characters that join graphemes or change widths next to plain ones: ellipsis, emoji with
  // skin tone and ZWJ, keycaps, variation selectors, combining marks, ideographic tone marks,
  // an Arabic prepended mark, flags, Hangul jamo, controls and colour codes.
  const PIECES = ['a', '1', '#', ' ', '字', '您', '。', '「', '」', '（', '～', '〰', '…', '……', '·', '😀', '👍🏻', '👨‍👩‍👧', '\u200d', '\ufe0f', '\u20e3', '\u0301', '\u302a', '\u0600', '🇨🇳', '\u1100\u1161', 'é', '\t', '\n', '\u001b[31m', '\u001b[39m', '\u00ad', '\u2028', 'Ａ', 'ｶ', '\ud83d'];

  it('give every cell the width string-width gives it whole', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }), (pieces) => {
        const cell = pieces.join('');
        expect(displayWidth(cell)).toBe(wholeCell(cell));
      }),
      { numRuns: 20_000 },
    );
  });

  it('measure only the stretches around other characters', () => {
    const measured: string[] = [];
    const width = displayWidth('建议：我们可以尝试为您…… / 这边帮您看看😀有没有', (part) => (measured.push(part), stringWidth(part)));
    expect(measured).toEqual(['您…… ', '看😀有']);
    expect(width).toBe(stringWidth('建议：我们可以尝试为您…… / 这边帮您看看😀有没有'));
  });
});
