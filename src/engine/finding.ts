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

/** A finding with an id that stays the same while the reply is edited around it. */
export type IdentifiedFinding<F extends Finding = Finding> = F & { id: string };

/**
 * Ids for findings that do not move when the agent types in front of them: made
 * from the rule, the matched text and which occurrence of that text (for that
 * rule) it is in the reply, never from offsets. 「你的订单」 stays the same finding
 * while the agent adds 「亲，」 before it.
 */
export function withStableIds<F extends Finding>(findings: readonly F[]): IdentifiedFinding<F>[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const key = `${finding.ruleId}\u0000${finding.actual}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return { ...finding, id: `${finding.ruleId}-${fnv1a(`${key}\u0000${occurrence}`)}` };
  });
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
