/** Applying safe fixes: sort, skip overlaps, report what was left. */
import type { Edit } from './rule.js';

export interface EditResult {
  output: string;
  applied: Edit[];
  skipped: Edit[];
}

export function applyEdits(text: string, edits: readonly Edit[]): EditResult {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const applied: Edit[] = [];
  const skipped: Edit[] = [];
  let output = '';
  let cursor = 0;
  for (const edit of sorted) {
    const [start, end] = edit.range;
    if (start < cursor || end < start || end > text.length) {
      skipped.push(edit);
      continue;
    }
    output += text.slice(cursor, start) + edit.text;
    cursor = end;
    applied.push(edit);
  }
  output += text.slice(cursor);
  return { output, applied, skipped };
}
