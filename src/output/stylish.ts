/**
 * `--format stylish` (the default): findings grouped by file, one aligned row each
 * (place, level, reason, rule), then a count. The layout is the one unified's
 * reporters print, built row by row so that any number of findings prints in
 * linear time, and handed on in pieces (a transcript's can be more than one string can hold).
 */
import stringWidth from 'string-width';
import type { FileResult } from '../inputs/placed.js';
import type { KeptFinding } from './kept.js';
import { shownReason } from './text.js';

export interface FormatOptions {
  color?: boolean;
  quiet?: boolean;
}

const SOURCE = 'kefu-lint';
const LEVEL_ORDER = { error: 0, warning: 1, info: 2 } as const;

interface Style {
  bold: string;
  underline: string;
  normal: string;
  noUnderline: string;
  red: string;
  cyan: string;
  green: string;
  yellow: string;
  reset: string;
}

const PLAIN: Style = { bold: '', underline: '', normal: '', noUnderline: '', red: '', cyan: '', green: '', yellow: '', reset: '' };
const COLOR: Style = {
  bold: '\u001B[1m',
  underline: '\u001B[4m',
  normal: '\u001B[22m',
  noUnderline: '\u001B[24m',
  red: '\u001B[31m',
  cyan: '\u001B[36m',
  green: '\u001B[32m',
  yellow: '\u001B[33m',
  reset: '\u001B[39m',
};

/** What a row is made of: a finding as kept in memory or read back from a transcript's store. */
type Shown = KeptFinding;

function compareFindings(a: Shown, b: Shown): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    LEVEL_ORDER[a.severity] - LEVEL_ORDER[b.severity] ||
    a.ruleId.localeCompare(b.ruleId) ||
    shownReason(a).localeCompare(shownReason(b))
  );
}

/** `code` in a reason is shown in cyan. */
function styleReason(style: Style, reason: string): string {
  if (!style.cyan || !reason.includes('`')) return style.bold + reason + style.normal;
  return style.bold + reason.replace(/(`+)([^`]*?)\1/g, (code) => style.cyan + code + style.reset) + style.normal;
}

export function formatStylish(results: readonly FileResult[], options: FormatOptions): string {
  return [...stylishChunks(results, options)].join('');
}

/** Output gathered before it is handed on (characters). */
const CHUNK = 1 << 20;

/**
 * The stylish text in pieces of about a megabyte. `kept`: the findings a result
 * keeps outside its messages (a transcript's, see KeptFindings), read twice, once
 * for the widths of the columns and once for the rows, so they are never all in memory.
 */
export function* stylishChunks(results: readonly FileResult[], options: FormatOptions, kept?: (result: FileResult) => Iterable<KeptFinding> | undefined): Generator<string> {
  const style = options.color ? COLOR : PLAIN;
  const files = [...results].sort((a, b) => a.path.localeCompare(b.path));
  const sorted = new Map<FileResult, Shown[]>();
  const findingsOf = (result: FileResult): Iterable<Shown> => {
    const outside = kept?.(result);
    if (outside) return inGroups(outside);
    let list = sorted.get(result);
    if (!list) sorted.set(result, (list = [...result.messages].sort(compareFindings)));
    return list;
  };
  // First pass: each column's width, the counts, and which files have findings and errors.
  const widths: number[] = [];
  const known = new WidthCache();
  const counts = { error: 0, warning: 0, info: 0 };
  const found = new Map<FileResult, { any: boolean; error: boolean }>();
  for (const result of files) {
    const seen = { any: false, error: false };
    for (const finding of findingsOf(result)) {
      seen.any = true;
      seen.error ||= finding.severity === 'error';
      counts[finding.severity]++;
      rowOf(style, finding).forEach((cell, i) => {
        const size = known.width(cell);
        if (size > (widths[i] ?? 0)) widths[i] = size;
      });
    }
    found.set(result, seen);
  }
  // Second pass: the rows, padded to those widths, each line trimmed.
  let out = '';
  let lastHadFindings = false;
  for (const result of files) {
    const { any, error } = found.get(result)!;
    if (options.quiet && !any) continue;
    const worst = error ? style.red : any ? style.yellow : style.green;
    const name = style.underline + worst + result.path + style.reset + style.noUnderline;
    if (lastHadFindings) out += '\n';
    out += `${(any ? name : `${name}: no issues found`).trimEnd()}\n`;
    for (const finding of any ? findingsOf(result) : []) {
      let line = '';
      rowOf(style, finding).forEach((cell, i) => {
        line += cell + ' '.repeat((widths[i] ?? 0) + 1 - known.width(cell));
      });
      out += `${line.trimEnd()}\n`;
      if (out.length >= CHUNK) {
        yield out;
        out = '';
      }
    }
    lastHadFindings = any;
  }
  const byline = summaryLine(style, counts);
  if (byline) out += `\n${byline.trimEnd()}\n`;
  if (out.length > 0) yield out;
}

function rowOf(style: Style, finding: Shown): string[] {
  const label = (finding.severity === 'error' ? style.red : style.yellow) + finding.severity + style.reset;
  const place = `${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}`;
  return [place, label, styleReason(style, shownReason(finding)), finding.ruleId, SOURCE];
}

/**
 * Findings in the report's order (line, column, then message) put in the stylish
 * order: only findings at the same place can change places, so each such group
 * is sorted on its own (a stable sort of the whole list gives the same order).
 */
function* inGroups(findings: Iterable<Shown>): Generator<Shown> {
  let group: Shown[] = [];
  for (const finding of findings) {
    if (group.length > 0 && (finding.line !== group[0].line || finding.column !== group[0].column)) {
      yield* group.length > 1 ? group.sort(compareFindings) : group;
      group = [];
    }
    group.push(finding);
  }
  yield* group.sort(compareFindings);
}

function summaryLine(style: Style, counts: { error: number; warning: number; info: number }): string {
  let line = '';
  if (counts.error) line = `${style.red}✖${style.reset} ${counts.error} error${counts.error === 1 ? '' : 's'}`;
  if (counts.warning) line = `${line ? `${line}, ` : ''}${style.yellow}⚠${style.reset} ${counts.warning} warning${counts.warning === 1 ? '' : 's'}`;
  const total = counts.error + counts.warning + counts.info;
  if (!line) return '';
  return total !== counts.error && total !== counts.warning ? `${total} messages (${line})` : line;
}

/**
 * Display widths of cells, as string-width gives them (CJK and full-width
 * characters count two). Reasons repeat, and so do the stretches string-width
 * measures, so widths are remembered (up to a bound: a transcript's reasons can
 * be millions).
 */
class WidthCache {
  private readonly known = new Map<string, number>();
  private readonly measured = new Map<string, number>();
  private readonly measure = (part: string): number => remembered(this.measured, part, stringWidth);

  width(cell: string): number {
    return remembered(this.known, cell, (text) => displayWidth(text, this.measure));
  }
}

const WIDTHS_KEPT = 1 << 16;

function remembered(known: Map<string, number>, key: string, compute: (key: string) => number): number {
  let value = known.get(key);
  if (value === undefined) {
    value = compute(key);
    if (known.size < WIDTHS_KEPT) known.set(key, value);
  }
  return value;
}

/** Width of a character counted directly (plain ASCII, CJK ideographs and punctuation, full-width forms), or 0. */
function directWidth(code: number): number {
  if (code >= 0x20 && code <= 0x7e) return 1;
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3000 && code <= 0x303e) || (code >= 0xff01 && code <= 0xff60) ? 2 : 0;
}

/**
 * A character that is a grapheme of its own unless a character that is not one
 * of these stands next to it: directly counted, and not one of the ideographic
 * tone marks U+302A–302F, which attach to the character before them.
 */
function standsAlone(code: number): boolean {
  return directWidth(code) > 0 && !(code >= 0x302a && code <= 0x302f);
}

/**
 * The width string-width gives `cell`. A cell of directly counted characters is
 * counted here, as before. Otherwise each stretch of other characters (emoji,
 * combining marks, …), together with the character before and the one after it,
 * goes to `measure` (string-width, which splits into graphemes and is slow), and
 * the characters between stretches are counted here: no grapheme crosses the edge
 * of a stretch, so the sum is what string-width gives the whole cell. A cell with
 * escape codes (colour) is measured whole.
 */
export function displayWidth(cell: string, measure: (part: string) => number = stringWidth): number {
  let width = 0;
  for (let i = 0; i < cell.length; i++) {
    const code = directWidth(cell.charCodeAt(i));
    if (code === 0) return cell.includes('\u001B') || cell.includes('\u009B') ? measure(cell) : mixedWidth(cell, measure);
    width += code;
  }
  return width;
}

function mixedWidth(cell: string, measure: (part: string) => number): number {
  const alone = (at: number) => at >= cell.length || standsAlone(cell.charCodeAt(at));
  let width = 0;
  for (let i = 0; i < cell.length; ) {
    if (alone(i) && alone(i + 1)) {
      width += directWidth(cell.charCodeAt(i++));
      continue;
    }
    // From here (the character before the first other one) to the first character after the
    // last other one that has no other one after it, that character included.
    let end = i + 1;
    while (end < cell.length && !(alone(end) && alone(end + 1))) end++;
    end = Math.min(end + 1, cell.length);
    width += measure(cell.slice(i, end));
    i = end;
  }
  return width;
}
