/** Wording shared by the output formats. */
import type { Finding } from '../engine/finding.js';

/** A finding's reason as shown to a person, with the rewrites they may choose. */
export function shownReason(finding: Pick<Finding, 'reason' | 'expected'>): string {
  return finding.expected.length > 0 ? `${finding.reason}（建议：${finding.expected.join(' / ')}）` : finding.reason;
}
