/** Scanning a reply's text forward without going over the same characters again, and finding a place in a list in order. */

/**
 * The first offset at or after `from` whose character `isBreak` accepts (or the
 * text's length). The last answer is kept, so asking again from inside the same
 * stretch (phrase after phrase along a reply) scans each character once, not once
 * per phrase.
 */
export function breakFinder(text: string, isBreak: RegExp): (from: number) => number {
  let from0 = 0;
  let found = -1;
  return (from) => {
    if (found >= 0 && from >= from0 && from <= found) return found;
    let i = from;
    while (i < text.length && !isBreak.test(text[i])) i++;
    from0 = from;
    found = i;
    return i;
  };
}

/** The index of the first item (of a list in order of start: matches, spans) starting at or after `offset`. */
export function firstFrom(items: readonly { start: number }[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (items[mid].start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
