/**
 * What the phrase matcher accepts at the end of a phrase: each phrase as the trie
 * ends it, with its entry's look-alikes (`allows`) and following words (`next`)
 * read off once, so accepting a match compares it only with the few look-alikes
 * that can cover it.
 */
import type { PhraseEntry } from './dictionary.js';

/**
 * A phrase as the trie ends it, with what accepting a match of it needs read off
 * the entry once: its look-alikes (`allows`) by the character that must stand
 * next to the match for one of them to cover it, so a match is checked only
 * against the few that can.
 */
export interface Terminal {
  entry: PhraseEntry;
  /** Where the entry's dictionary stands in the matcher's `dictionaries`. */
  dictionary: number;
  phrase: string;
  prefix: boolean;
  /** No `next` and no look-alikes: every match on a token boundary is accepted. */
  plain: boolean;
  /** Look-alikes that are the phrase itself (letters perhaps in another case). */
  allowsSame: string[] | undefined;
  /** Look-alikes starting with the phrase, by the code unit after it. */
  allowsAfter: Map<number, string[]> | undefined;
  /** Look-alikes holding the phrase further in, by the code unit before it: [look-alike, where the phrase stands in it]. */
  allowsBefore: Map<number, [string, number][]> | undefined;
}

const CLAUSE_END = /[\s，。！？!?,.;；：:~～…、)）】」』"”]/u;

/** A code unit with A–Z as a–z: the trie holds letters folded. */
export function foldCase(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** The terminal of `phrase` (one form of `entry`, whose dictionary is the matcher's `dictionary`-th). */
export function terminalOf(entry: PhraseEntry, dictionary: number, phrase: string): Terminal {
  const terminal: Terminal = {
    entry,
    dictionary,
    phrase,
    prefix: entry.prefix,
    plain: !entry.next && entry.allows.length === 0,
    allowsSame: undefined,
    allowsAfter: undefined,
    allowsBefore: undefined,
  };
  const folded = foldText(phrase);
  for (const allow of entry.allows) {
    const foldedAllow = foldText(allow);
    // Everywhere the phrase stands in the look-alike (letters in either case, as the trie matches them).
    for (let at = foldedAllow.indexOf(folded); at >= 0; at = foldedAllow.indexOf(folded, at + 1)) {
      if (at > 0) {
        const before = allow.charCodeAt(at - 1);
        const list = (terminal.allowsBefore ??= new Map()).get(before);
        if (list) list.push([allow, at]);
        else terminal.allowsBefore.set(before, [[allow, at]]);
      } else if (allow.length > phrase.length) {
        const after = allow.charCodeAt(phrase.length);
        const list = (terminal.allowsAfter ??= new Map()).get(after);
        if (list) list.push(allow);
        else terminal.allowsAfter.set(after, [allow]);
      } else {
        (terminal.allowsSame ??= []).push(allow);
      }
    }
  }
  return terminal;
}

/** `text` with its letters A–Z in lower case, as foldCase reads them. */
function foldText(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** Written without closures: it runs for most matches, and allocating here cost 600 bytes a reply. */
export function accepts(terminal: Terminal, text: string, start: number, end: number): boolean {
  if (terminal.plain) return true;
  const { entry } = terminal;
  const next = entry.next;
  if (next) {
    let followed = false;
    for (let k = 0; k < next.length && !followed; k++) followed = text.startsWith(next[k], end);
    // Only a phrase not followed by one of its words needs the character after it.
    if (!followed && !(entry.final && (end >= text.length || CLAUSE_END.test(text[end])))) return false;
  }
  return !insideAllowed(terminal, text, start, end);
}

/**
 * Is [start, end) inside an occurrence of one of the entry's look-alikes? Only
 * those that agree with the character after the match (the phrase opens them)
 * or before it (the phrase stands further in) are compared.
 */
function insideAllowed(terminal: Terminal, text: string, start: number, end: number): boolean {
  const same = terminal.allowsSame;
  if (same) for (let k = 0; k < same.length; k++) if (text.startsWith(same[k], start)) return true;
  const after = end < text.length ? terminal.allowsAfter?.get(text.charCodeAt(end)) : undefined;
  if (after) for (let k = 0; k < after.length; k++) if (text.startsWith(after[k], start)) return true;
  const before = start > 0 ? terminal.allowsBefore?.get(text.charCodeAt(start - 1)) : undefined;
  if (before) {
    for (let k = 0; k < before.length; k++) {
      const at = before[k][1];
      if (at <= start && text.startsWith(before[k][0], start - at)) return true;
    }
  }
  return false;
}
