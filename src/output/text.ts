/** Wording shared by the output formats. */
import { builtinRules } from '../../rules/index.js';
import type { Finding } from '../engine/finding.js';

/** A finding's reason as shown to a person, with the rewrites they may choose. */
export function shownReason(finding: Pick<Finding, 'reason' | 'expected'>): string {
  return finding.expected.length > 0 ? `${finding.reason}（建议：${finding.expected.join(' / ')}）` : finding.reason;
}

const TITLES = new Map(builtinRules.map((rule) => [rule.id, rule.meta.title]));

/** A rule's Chinese name (DOMAIN.md), or its id for a rule of the user's own. */
export function ruleTitle(id: string): string {
  return TITLES.get(id) ?? id;
}

/** Script text that cannot close its element or open an HTML comment, for an inline <script>. */
export function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
