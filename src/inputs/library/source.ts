/**
 * Canned replies as they stand in their file: each reply knows where every one of
 * its characters came from, so findings point at the exact line and column and
 * fixes edit the file's own text (quoting, comments and layout stay as they are).
 */
import type { PositionMap } from '../../engine/tree.js';
import type { FileFinding } from '../placed.js';
import type { Reply } from '../replies.js';

export interface CannedReply extends Reply {
  /** Lines where the entry starts (list item, key, value): a disable comment right above any of them applies. */
  anchorLines: number[];
  title?: string;
  tags?: string[];
  category?: string;
}

/** A `kefu-lint-disable-next-line` comment. */
export interface DisableComment {
  line: number;
  column: number;
  /** The first line after the comment that is neither blank nor another comment. */
  targetLine: number;
  /** Rule ids; empty means every rule. */
  ruleIds: string[];
}

export interface CannedLibrary {
  replies: CannedReply[];
  disables: DisableComment[];
}

/**
 * Map every character of a decoded value to its place in `source` (the raw text of
 * the value, starting at file offset `base`). Handles quotes, YAML/JSON escapes,
 * indentation and folded line breaks; where the two cannot be aligned, the rest of
 * the value maps to the last aligned place, which keeps positions close and makes
 * fixes there impossible (see `sourceRange`).
 */
export function alignValue(value: string, source: string, base: number, style: 'plain' | 'single' | 'double' | 'block'): number[] {
  const map = new Array<number>(value.length + 1);
  let j = 0;
  if (style === 'single' || style === 'double') j = 1;
  if (style === 'block') {
    // Skip the header line (| or > with indicators).
    const newline = source.indexOf('\n');
    j = newline < 0 ? source.length : newline + 1;
  }
  let i = 0;
  while (i < value.length) {
    if (j >= source.length) {
      map[i++] = base + source.length;
      continue;
    }
    const c = value[i];
    const s = source[j];
    if (style === 'double' && s === '\\') {
      const next = source[j + 1];
      if (next === '\n' || next === '\r') {
        // An escaped line break joins lines and produces nothing.
        j += next === '\r' && source[j + 2] === '\n' ? 3 : 2;
        while (j < source.length && (source[j] === ' ' || source[j] === '\t')) j++;
        continue;
      }
      const length = next === 'x' ? 4 : next === 'u' ? 6 : next === 'U' ? 10 : 2;
      const produced = next === 'U' ? String.fromCodePoint(parseInt(source.slice(j + 2, j + 10), 16) || 0).length : 1;
      for (let k = 0; k < produced && i < value.length; k++) map[i++] = base + j;
      j += length;
      continue;
    }
    if (style === 'single' && s === "'" && source[j + 1] === "'") {
      map[i++] = base + j;
      j += 2;
      continue;
    }
    if (s === c) {
      map[i++] = base + j++;
      continue;
    }
    if (isSpace(c) && isSpace(s)) {
      // A folded line break or collapsed indentation: one value character for one or more source characters.
      map[i++] = base + j++;
      continue;
    }
    if (isSpace(s) || (s === '"' && style === 'double') || (s === "'" && style === 'single')) {
      j++;
      continue;
    }
    // Cannot align: keep the rest close to here.
    while (i < value.length) map[i++] = base + j;
  }
  map[value.length] = value.length > 0 ? map[value.length - 1] + 1 : base + j;
  return map;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

const DISABLE = /^\s*(?:#|<!--)\s*kefu-lint-disable-next-line\b([^]*?)(?:-->)?\s*$/;

/** Find disable comments written with `#` (YAML, plain text) or `<!-- -->` (Markdown). */
export function findDisableComments(text: string, syntax: 'hash' | 'html'): DisableComment[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const isComment = (line: string) => (syntax === 'hash' ? /^\s*#/.test(line) : /^\s*<!--.*-->\s*$/.test(line));
  const comments: DisableComment[] = [];
  lines.forEach((line, index) => {
    const opener = syntax === 'hash' ? /^\s*#/ : /^\s*<!--/;
    if (!opener.test(line)) return;
    const match = DISABLE.exec(line);
    if (!match) return;
    let target = index + 1;
    while (target < lines.length && (lines[target].trim() === '' || isComment(lines[target]))) target++;
    comments.push({
      line: index + 1,
      column: line.search(/\S/) + 1,
      targetLine: target + 1,
      ruleIds: match[1]
        .split(/[,，\s]+/)
        .map((id) => id.trim())
        .filter(Boolean),
    });
  });
  return comments;
}

/**
 * Drop findings a disable comment covers, and report each comment (or rule id in
 * it) that covered nothing, so stale exemptions do not pile up. Settled batch by
 * batch, in order: a comment is judged with the last reply it covers (or the
 * reply after it), so a large file need not be held whole.
 */
export function disableSettler(replies: readonly CannedReply[], disables: readonly DisableComment[], positions: PositionMap) {
  const byLine = new Map<number, number[]>();
  disables.forEach((comment, i) => byLine.set(comment.targetLine, [...(byLine.get(comment.targetLine) ?? []), i]));
  const used = disables.map(() => new Set<string>());
  // The reply with which each comment is judged.
  const owner = disables.map(() => -1);
  replies.forEach((reply, index) => {
    for (const line of reply.anchorLines) for (const i of byLine.get(line) ?? []) owner[i] = index;
  });
  disables.forEach((comment, i) => {
    if (owner[i] >= 0) return;
    let low = 0;
    let high = replies.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (replies[mid].line > comment.line) high = mid;
      else low = mid + 1;
    }
    owner[i] = Math.max(0, Math.min(low, replies.length - 1));
  });
  /** The kept findings of the replies from `first` on, with the comments judged there; `last`: the final batch. */
  return (first: number, findingsByReply: readonly FileFinding[][], last: boolean): FileFinding[] => {
    const kept: FileFinding[] = [];
    findingsByReply.forEach((findings, offset) => {
      const reply = replies[first + offset];
      const covering = [...new Set(reply.anchorLines.flatMap((line) => byLine.get(line) ?? []))].sort((a, b) => a - b);
      for (const finding of findings) {
        const cover = covering.find((i) => disables[i].ruleIds.length === 0 || disables[i].ruleIds.includes(finding.ruleId));
        if (cover !== undefined) used[cover].add(disables[cover].ruleIds.length === 0 ? '*' : finding.ruleId);
        else kept.push(finding);
      }
    });
    const end = first + findingsByReply.length;
    disables.forEach((comment, i) => {
      if (owner[i] < first || (owner[i] >= end && !last)) return;
      const unused = comment.ruleIds.length === 0 ? (used[i].size === 0 ? ['*'] : []) : comment.ruleIds.filter((id) => !used[i].has(id));
      for (const id of unused) kept.push(unusedDisable(comment, id, positions));
    });
    return kept.sort((a, b) => a.line - b.line || a.column - b.column);
  };
}

/** A finding for a disable comment (or one rule id in it) that covered nothing. */
function unusedDisable(comment: DisableComment, id: string, positions: PositionMap): FileFinding {
  const what = id === '*' ? '这条 kefu-lint-disable-next-line 注释' : `kefu-lint-disable-next-line 注释中的「${id}」`;
  return {
    ruleId: 'unused-disable',
    severity: 'warning',
    start: positions.offset(comment.line, comment.column),
    end: positions.offset(comment.line, comment.column) + 1,
    reason: `${what}没有屏蔽任何问题（第 ${comment.targetLine} 行没有${id === '*' ? '' : '该规则的'}发现）。请删除它，或检查规则 id 与位置是否正确。`,
    line: comment.line,
    column: comment.column,
    endLine: comment.line,
    endColumn: comment.column + 1,
    actual: id === '*' ? 'kefu-lint-disable-next-line' : id,
    expected: [],
    url: '',
  };
}
