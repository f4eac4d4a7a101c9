/** Findings placed in their source file: what every formatter reads. */
import type { Finding } from './linter.js';
import type { Reply } from './inputs.js';

export interface FileFinding extends Omit<Finding, 'start' | 'end'> {
  /** `fix.range` is in offsets of the whole file. */
  /** Extra fields for transcripts (conversation, message index, agent). */
  [key: string]: unknown;
}

export interface FileResult {
  path: string;
  messages: FileFinding[];
}

/** Move a reply's findings from reply coordinates to file coordinates. */
export function placeFindings(reply: Reply, findings: readonly Finding[]): FileFinding[] {
  return findings.map(({ start, end, fix, ...finding }) => ({
    ...finding,
    ...(fix ? { fix: { range: [reply.offset + fix.range[0], reply.offset + fix.range[1]] as [number, number], text: fix.text } } : {}),
    line: reply.line + finding.line - 1,
    column: finding.line === 1 ? reply.column + finding.column - 1 : finding.column,
    endLine: reply.line + finding.endLine - 1,
    endColumn: finding.endLine === 1 ? reply.column + finding.endColumn - 1 : finding.endColumn,
  }));
}

export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
}

export function countFindings(results: readonly FileResult[]): Totals {
  const totals: Totals = { errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const result of results) {
    for (const message of result.messages) {
      if (message.severity === 'error') totals.errors++;
      else if (message.severity === 'warning') totals.warnings++;
      else totals.infos++;
      if (message.fix) totals.fixable++;
    }
  }
  return totals;
}
