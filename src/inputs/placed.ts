/**
 * Findings placed in their source file: the same finding a rule reported, with
 * line, column, offsets and fix moved from the reply to the file. This is what
 * every output format reads.
 */
import type { Finding } from '../engine/finding.js';
import type { PositionMap } from '../engine/tree.js';
import type { Reply } from './replies.js';

export interface FileFinding extends Finding {
  /** Transcripts: the conversation, the message's index in it (0-based), its agent and time. */
  conversation?: string;
  messageIndex?: number;
  agent?: string;
  /** ISO-8601. */
  time?: string;
}

export interface FileResult {
  path: string;
  messages: FileFinding[];
  /** --fix-dry-run: the file as --fix would write it, when that differs. */
  output?: string;
}

/**
 * Where a file's findings go as they are made, when a run does not keep them all
 * (--format json writes them as it goes): files in order, each opened, given its
 * findings in order, then closed.
 */
export interface ResultSink {
  open(path: string): void;
  add(messages: readonly FileFinding[]): void;
  /** `output`: the fixed text, for --fix-dry-run with a report format. */
  close(output?: string): void;
}

/** File offsets of a span of a reply. */
export function sourceRange(reply: Reply, start: number, end: number): [number, number] {
  if (!reply.sourceOffsets) return [reply.offset + start, reply.offset + end];
  const map = reply.sourceOffsets;
  const from = map[Math.min(start, map.length - 1)];
  const to = end > start ? map[Math.min(end - 1, map.length - 1)] + 1 : from;
  return [from, Math.max(from, to)];
}

/**
 * Move a reply's findings from reply coordinates to file coordinates. A fix
 * survives only where its span is written verbatim in the file (`source`), not
 * inside an escape sequence or a folded line.
 */
export function placeFindings(reply: Reply, findings: readonly Finding[], positions: Pick<PositionMap, 'point'>, source: string): FileFinding[] {
  return findings.map((finding) => {
    const [start, end] = sourceRange(reply, finding.start, finding.end);
    const first = positions.point(start);
    const last = positions.point(end);
    // Built field by field (the order output formats keep), never with delete: that
    // would turn a hundred thousand findings into slow, large dictionary objects.
    const { ruleId, severity, reason, actual, expected, url, fix } = finding;
    const placed: FileFinding = { ruleId, severity, reason, start, end, line: first.line, column: first.column, endLine: last.line, endColumn: last.column, actual, expected, url };
    if (fix) {
      const range = sourceRange(reply, fix.range[0], fix.range[1]);
      if (!reply.sourceOffsets || source.slice(range[0], range[1]) === reply.text.slice(fix.range[0], fix.range[1])) placed.fix = { range, text: fix.text };
    }
    return placed;
  });
}

export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
}

/** The findings in `results`, added to those counted elsewhere (`counted`, say of findings kept outside the results). */
export function countFindings(results: readonly FileResult[], counted?: Totals): Totals {
  const totals: Totals = counted ? { ...counted } : { errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const result of results) addTotals(totals, result.messages);
  return totals;
}

/** Count `messages` into `totals`. */
export function addTotals(totals: Totals, messages: readonly FileFinding[]): void {
  for (const message of messages) {
    if (message.severity === 'error') totals.errors++;
    else if (message.severity === 'warning') totals.warnings++;
    else totals.infos++;
    if (message.fix) totals.fixable++;
  }
}
