/**
 * A finding: the one shape a problem has from the rule that reports it to every
 * output. Readers move it into file coordinates; formatters pick its fields.
 */
import type { Severity } from './severity.js';

/** A mechanical edit that cannot change the meaning; `range` is in UTF-16 offsets. */
export interface Edit {
  range: [number, number];
  text: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  reason: string;
  /** UTF-16 offsets into the linted text. */
  start: number;
  end: number;
  /** 1-based line and column. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The offending text. */
  actual: string;
  /** Suggested rewrites, for a person to choose. */
  expected: string[];
  /** A safe edit `fix()` and `--fix` may apply. */
  fix?: Edit;
  url: string;
}
