/**
 * `--format stylish` (the default): findings grouped by file, one aligned row each
 * (place, level, reason, rule), then a count. The layout is the one unified's
 * reporters print, built row by row so that any number of findings prints in
 * linear time.
 */
import stringWidth from 'string-width';
import type { FileFinding, FileResult } from '../inputs/placed.js';
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

function compareFindings(a: FileFinding, b: FileFinding): number {
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
  const style = options.color ? COLOR : PLAIN;
  const rows: (string | string[])[] = [];
  const counts = { error: 0, warning: 0, info: 0 };
  let lastHadFindings = false;
  for (const result of [...results].sort((a, b) => a.path.localeCompare(b.path))) {
    const findings = [...result.messages].sort(compareFindings);
    if (options.quiet && findings.length === 0) continue;
    const worst = findings.some((f) => f.severity === 'error') ? style.red : findings.length > 0 ? style.yellow : style.green;
    const name = style.underline + worst + result.path + style.reset + style.noUnderline;
    if (lastHadFindings) rows.push('');
    rows.push(findings.length > 0 ? name : `${name}: no issues found`);
    for (const finding of findings) {
      counts[finding.severity]++;
      const label = (finding.severity === 'error' ? style.red : style.yellow) + finding.severity + style.reset;
      const place = `${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}`;
      rows.push([place, label, styleReason(style, shownReason(finding)), finding.ruleId, SOURCE]);
    }
    lastHadFindings = findings.length > 0;
  }
  const byline = summaryLine(style, counts);
  if (byline) rows.push('', byline);
  return rows.length > 0 ? serialize(rows) + '\n' : '';
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
 * Display width of a cell: CJK and full-width characters count two. Plain ASCII,
 * CJK ideographs and CJK punctuation are counted directly; anything else (emoji,
 * combining marks, escape codes) goes to string-width. Reasons repeat, so widths
 * are remembered.
 */
function cellWidth(cell: string, known: Map<string, number>): number {
  let width = known.get(cell);
  if (width !== undefined) return width;
  width = 0;
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    if (code >= 0x20 && code <= 0x7e) width += 1;
    else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3000 && code <= 0x303e) || (code >= 0xff01 && code <= 0xff60)) width += 2;
    else {
      width = stringWidth(cell);
      break;
    }
  }
  known.set(cell, width);
  return width;
}

/** Rows of cells padded to the widest cell of each column (CJK counts two), each line trimmed. */
function serialize(rows: readonly (string | string[])[]): string {
  const widths: number[] = [];
  const cellWidths = new Map<string[], number[]>();
  const known = new Map<string, number>();
  for (const row of rows) {
    if (typeof row === 'string') continue;
    const sizes = row.map((cell) => cellWidth(cell, known));
    cellWidths.set(row, sizes);
    sizes.forEach((size, i) => {
      if (size > (widths[i] ?? 0)) widths[i] = size;
    });
  }
  const lines: string[] = [];
  for (const row of rows) {
    if (typeof row === 'string') {
      lines.push(row.trimEnd());
      continue;
    }
    const sizes = cellWidths.get(row)!;
    let line = '';
    row.forEach((cell, i) => {
      line += cell + ' '.repeat((widths[i] ?? 0) + 1 - sizes[i]);
    });
    lines.push(line.trimEnd());
  }
  return lines.join('\n');
}
