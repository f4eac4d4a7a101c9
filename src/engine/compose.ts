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
  // Another whole-span rewrite (您好，……) is not a replacement for the text inside.
  const wraps = (suggestion: string, actual: string) => suggestion.startsWith(actual) || suggestion.endsWith(actual);
  const replacement = (f: Finding) => f.fix?.text ?? (f.expected[0] !== undefined && !wraps(f.expected[0], f.actual) ? f.expected[0] : undefined);
  // `findings` are sorted by start, then end: the ones inside a span follow it closely, so
  // a reply with thousands of findings is not compared pair by pair.
  for (let index = 0; index < findings.length; index++) {
    const outer = findings[index];
    if (outer.expected.length === 0) continue;
    let first = index;
    while (first > 0 && findings[first - 1].start === outer.start) first--;
    const candidates: Finding[] = [];
    for (let j = first; j < findings.length && findings[j].start <= outer.end; j++) {
      const f = findings[j];
      if (f !== outer && f.end <= outer.end && replacement(f) !== undefined) candidates.push(f);
    }
    candidates.sort((a, b) => a.start - b.start || b.end - a.end);
    // The widest findings inside the span, none inside another (不好意思 covers 你 in 你搞错了).
    const inner: Finding[] = [];
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
