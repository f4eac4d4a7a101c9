/**
 * Findings put together: a whole-span rewrite takes in the fixes of the findings
 * inside its span.
 */
import type { Finding } from './finding.js';

/**
 * A suggestion that rewrites a whole span (您好，……) must not carry the problems
 * found inside it: where a suggestion repeats its span's text, the findings inside
 * that span are applied to it too — each one's safe fix, or else its first rewrite.
 * 你的订单已经发货了！！！ → 您好，您的订单已经发货了！ (not 您好，你的订单已经发货了！！！)
 */
export function composeSuggestions(findings: Finding[]): Finding[] {
  for (const outer of findings) {
    if (outer.expected.length === 0) continue;
    // The widest findings inside the span, none inside another (不好意思 covers 你 in 你搞错了).
    const inner: Finding[] = [];
    // Another whole-span rewrite (您好，……) is not a replacement for the text inside.
    const wraps = (suggestion: string, actual: string) => suggestion.startsWith(actual) || suggestion.endsWith(actual);
    const replacement = (f: Finding) => f.fix?.text ?? (f.expected[0] !== undefined && !wraps(f.expected[0], f.actual) ? f.expected[0] : undefined);
    const candidates = findings
      .filter((f) => f !== outer && outer.start <= f.start && f.end <= outer.end && replacement(f) !== undefined)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    for (const f of candidates) if (inner.length === 0 || f.start >= inner[inner.length - 1].end) inner.push(f);
    if (inner.length === 0) continue;
    let revised = '';
    let cursor = outer.start;
    for (const f of inner) {
      revised += outer.actual.slice(cursor - outer.start, f.start - outer.start) + replacement(f)!;
      cursor = f.end;
    }
    revised += outer.actual.slice(cursor - outer.start);
    if (revised !== outer.actual) outer.expected = outer.expected.map((suggestion) => suggestion.replace(outer.actual, () => revised));
  }
  return findings;
}
