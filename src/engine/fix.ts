/**
 * Safe fixes: apply the mechanical edits findings carry (never suggested rewrites),
 * sorted, skipping overlaps, pass after pass until nothing more applies. One loop
 * serves a single reply (`linter.fix`) and a whole file (`--fix`).
 */
import type { Edit } from './finding.js';

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

/** Enough passes for fixes that only become possible after another one; a bound keeps a bad rule from looping. */
const MAX_PASSES = 10;

export interface FixOutcome<F> {
  output: string;
  changed: boolean;
  /** Edits applied over all passes. */
  applied: number;
  /** Findings left in `output`. */
  findings: F[];
}

/**
 * Apply fixes pass after pass, linting the new text each time, until nothing more
 * applies. Overlapping fixes are never applied together (see applyEdits); the
 * later one is tried again on the next pass.
 */
export function fixUntilStable<F extends { fix?: Edit }>(text: string, lint: (text: string) => F[]): FixOutcome<F> {
  let output = text;
  let findings = lint(output);
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const edits = findings.flatMap((finding) => (finding.fix ? [finding.fix] : []));
    if (edits.length === 0) break;
    const result = applyEdits(output, edits);
    if (result.applied.length === 0 || result.output === output) break;
    applied += result.applied.length;
    output = result.output;
    findings = lint(output);
  }
  return { output, changed: output !== text, applied, findings };
}
