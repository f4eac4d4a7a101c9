/**
 * Quoted passages in a reply: words the agent repeats from the customer, a page
 * or a label (“……”, 「……」, "……"), and titles (《……》). Rules about the agent's own tone skip them,
 * since rewording a quotation would misquote it.
 */
const CLOSING = new Map([
  ['“', '”'],
  ['「', '」'],
  ['『', '』'],
  ['‘', '’'],
  ['"', '"'],
  // A title is a name, not the agent's wording: 《你当像鸟飞往你的山》.
  ['《', '》'],
  ['〈', '〉'],
]);

/** [start, end) of each quotation, marks included; an unclosed quote ends nothing. */
export type Span = readonly [start: number, end: number];

const ANY_QUOTE = /[“「『‘"《〈]/u;
const NONE: Span[] = [];

export function quotedSpans(text: string): readonly Span[] {
  // Most replies quote nothing; one regex test is cheaper than the scan.
  if (!ANY_QUOTE.test(text)) return NONE;
  let spans: Span[] | undefined;
  let closing: string | undefined;
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (closing !== undefined) {
      if (char === closing) {
        (spans ??= []).push([open, i + 1]);
        closing = undefined;
      } else if (char === '\n') {
        // A quotation never runs past the end of a line: the quote was left open.
        closing = undefined;
      }
      continue;
    }
    const close = CLOSING.get(char);
    if (close !== undefined) {
      closing = close;
      open = i;
    }
  }
  return spans ?? NONE;
}

/** Does [start, end) lie inside one of `spans`? */
export function insideSpans(spans: readonly Span[], start: number, end: number): boolean {
  for (const [from, to] of spans) if (from <= start && end <= to) return true;
  return false;
}
