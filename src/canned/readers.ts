/**
 * Canned-reply libraries (话术库) in the formats shops keep them: YAML, JSON, CSV,
 * Markdown and plain text. Each reader returns the replies with the exact place
 * of every character in the file, and the disable comments the format allows.
 */
import { extname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type Scalar } from 'yaml';
import { formatPath } from '../dictionary.js';
import { KefuLintError } from '../errors.js';
import { splitReplies } from '../inputs.js';
import { PositionMap } from '../tree.js';
import { alignValue, findDisableComments, type CannedLibrary, type CannedReply } from './source.js';

export type LibraryFormat = 'yaml' | 'json' | 'csv' | 'markdown' | 'text';

/** The library format for a file name, or undefined when kefu-lint does not read it as a library. */
export function libraryFormat(file: string): LibraryFormat | undefined {
  switch (extname(file).toLowerCase()) {
    case '.yaml':
    case '.yml':
      return 'yaml';
    case '.json':
      return 'json';
    case '.csv':
      return 'csv';
    case '.md':
    case '.markdown':
      return 'markdown';
    case '.txt':
      return 'text';
    default:
      return undefined;
  }
}

export function readLibrary(text: string, file: string, format: LibraryFormat): CannedLibrary {
  switch (format) {
    case 'yaml':
      return readYamlLibrary(text, file);
    case 'json':
      return readJsonLibrary(text, file);
    case 'csv':
      return readCsvLibrary(text, file);
    case 'markdown':
      return readMarkdownLibrary(text);
    case 'text':
      return readTextLibrary(text);
  }
}

const SHAPE_HINT = '话术库应为字符串列表，或含 text 字段（可选 title、tags）的对象列表，也可以按分类键分组。';

/** YAML: a list of strings or `{text, title?, tags?}` objects, possibly grouped under category keys. */
export function readYamlLibrary(text: string, file: string): CannedLibrary {
  return { replies: readTree(text, file, 'YAML'), disables: findDisableComments(text, 'hash') };
}

/** JSON is read with the YAML parser (JSON is YAML 1.2), which keeps every node's range. */
export function readJsonLibrary(text: string, file: string): CannedLibrary {
  try {
    JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    throw new KefuLintError('input', `JSON 语法错误：${(error as Error).message}。请检查逗号、引号和括号是否成对。`, { file, line });
  }
  return { replies: readTree(text, file, 'JSON'), disables: [] };
}

function readTree(text: string, file: string, kind: 'YAML' | 'JSON'): CannedReply[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, keepSourceTokens: false });
  const lineAt = (offset: number) => lines.linePos(offset).line;
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    throw new KefuLintError('input', `${kind} 语法错误（${error.code}）。请检查这一行的缩进、冒号和引号。`, {
      file,
      line: lineAt(error.pos[0]),
    });
  }
  const replies: CannedReply[] = [];
  const fail = (node: Node | Pair | null | undefined, path: (string | number)[], what: string): never => {
    const offset = (node && 'range' in node && node.range ? node.range[0] : undefined) ?? 0;
    throw new KefuLintError('input', `${formatPath(path)}：${what}${SHAPE_HINT}`, { file, line: lineAt(offset) });
  };
  const scalarReply = (node: Scalar, path: (string | number)[], extra: Partial<CannedReply>, anchors: number[]): CannedReply => {
    if (typeof node.value !== 'string') fail(node, path, `这里是 ${node.value === null ? '空值' : typeof node.value}，不是文字。`);
    const [start, end] = node.range!;
    const style =
      node.type === 'QUOTE_DOUBLE' ? 'double' : node.type === 'QUOTE_SINGLE' ? 'single' : node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? 'block' : 'plain';
    const value = node.value as string;
    const map = alignValue(value, text.slice(start, end), start, style);
    const first = lineAt(map[0] ?? start);
    return {
      text: value,
      offset: map[0] ?? start,
      line: first,
      column: lines.linePos(map[0] ?? start).col,
      sourceOffsets: map,
      anchorLines: [...new Set([...anchors, lineAt(start), first])],
      ...extra,
    };
  };
  const visit = (node: unknown, path: (string | number)[], category: string | undefined, anchors: number[]): void => {
    if (isScalar(node)) {
      replies.push(scalarReply(node, path, category ? { category } : {}, anchors));
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, [...path, index], category, []));
    } else if (isMap(node)) {
      const textPair = node.items.find((pair) => isScalar(pair.key) && pair.key.value === 'text');
      if (textPair) {
        readObject(node, textPair, path, category);
        return;
      }
      for (const pair of node.items) {
        if (!isScalar(pair.key)) fail(node, path, '分类名必须是文字。');
        const key = String((pair.key as Scalar).value);
        const keyLine = lineAt((pair.key as Scalar).range![0]);
        // A scalar under a key is a reply titled by its key; anything else is a category.
        if (isScalar(pair.value)) {
          replies.push(scalarReply(pair.value, [...path, key], { title: key, ...(category ? { category } : {}) }, [keyLine]));
        } else {
          visit(pair.value, [...path, key], category ? `${category}/${key}` : key, [keyLine]);
        }
      }
    } else if (node === null || node === undefined) {
      if (path.length > 0) fail(null, path, '这里是空的。');
    } else {
      fail(node as Node, path, '无法识别的内容。');
    }
  };
  const readObject = (node: import('yaml').YAMLMap, textPair: Pair, path: (string | number)[], category: string | undefined) => {
    const extra: Partial<CannedReply> = category ? { category } : {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value;
      if (key === 'text') continue;
      if (key === 'title') {
        if (!isScalar(value) || typeof value.value !== 'string') fail(pair.value as Node, [...path, key], 'title 应为文字。');
        extra.title = (value as Scalar).value as string;
      } else if (key === 'tags') {
        if (!isSeq(value) || !value.items.every((tag) => isScalar(tag) && typeof tag.value === 'string')) {
          fail(pair.value as Node, [...path, key], 'tags 应为文字列表。');
        }
        extra.tags = (value as import('yaml').YAMLSeq<Scalar<string>>).items.map((tag) => tag.value);
      } else {
        fail(pair.key as Node, [...path, key], `不认识的字段「${key}」（可用字段：text、title、tags）。`);
      }
    }
    if (!isScalar(textPair.value)) fail(textPair.value as Node, [...path, 'text'], 'text 应为文字。');
    const anchors = [lineAt(node.range![0]), lineAt((textPair.key as Scalar).range![0])];
    replies.push(scalarReply(textPair.value as Scalar, [...path, 'text'], extra, anchors));
  };
  visit(doc.contents, [], undefined, []);
  return replies;
}

const TEXT_COLUMNS = ['text', '内容', '话术'];
const ROLE_COLUMNS = ['role', '角色', 'sender', '发送方', 'speaker'];
const TITLE_COLUMNS = ['title', '标题'];
const TAG_COLUMNS = ['tags', '标签'];

interface CsvCell {
  value: string;
  /** File offset of each character of `value`, plus the end. */
  map: number[];
  line: number;
  column: number;
}

/**
 * A CSV scanner that keeps each cell's character offsets (csv-parse reports
 * records and byte counts, not the place of every character in a cell).
 * RFC 4180: quoted cells may hold commas, "" and line breaks.
 */
export function scanCsv(text: string): CsvCell[][] {
  const rows: CsvCell[][] = [];
  let row: CsvCell[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const atRowEnd = () => i >= text.length || text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n');
  while (i <= text.length) {
    const cellLine = line;
    const cellColumn = i - lineStart + 1;
    let value = '';
    const map: number[] = [];
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) break;
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            map.push(i);
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (text[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
        map.push(i);
        value += text[i++];
      }
      // Anything between the closing quote and the separator is kept, as csv-parse's relax mode would.
      while (i < text.length && text[i] !== ',' && !atRowEnd()) {
        map.push(i);
        value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && !atRowEnd()) {
        map.push(i);
        value += text[i++];
      }
    }
    map.push(map.length > 0 ? map[map.length - 1] + 1 : i);
    row.push({ value, map, line: cellLine, column: cellColumn });
    if (text[i] === ',') {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    if (i >= text.length) break;
    i += text[i] === '\r' ? 2 : 1;
    line++;
    lineStart = i;
    if (i >= text.length) break;
  }
  return rows.filter((cells) => !(cells.length === 1 && cells[0].value.trim() === ''));
}

function findColumn(header: readonly CsvCell[], names: readonly string[]): number {
  return header.findIndex((cell) => names.includes(cell.value.trim().toLowerCase()));
}

/**
 * A CSV is a canned library when its header has a text column (text / 内容 / 话术)
 * and no role column; a CSV with a role column is a conversation transcript.
 */
export function isCannedCsv(text: string): boolean {
  const header = scanCsv(text.slice(0, Math.max(text.indexOf('\n'), 0) || text.length))[0] ?? [];
  return findColumn(header, TEXT_COLUMNS) >= 0 && findColumn(header, ROLE_COLUMNS) < 0;
}

export function readCsvLibrary(text: string, file: string): CannedLibrary {
  const rows = scanCsv(text);
  const header = rows[0] ?? [];
  const textColumn = findColumn(header, TEXT_COLUMNS);
  if (textColumn < 0) {
    throw new KefuLintError('input', `CSV 表头里没有话术列。请把话术所在的列命名为 ${TEXT_COLUMNS.join('、')} 之一。`, { file, line: 1 });
  }
  const titleColumn = findColumn(header, TITLE_COLUMNS);
  const tagColumn = findColumn(header, TAG_COLUMNS);
  const replies: CannedReply[] = [];
  const positions = new PositionMap(text);
  for (const row of rows.slice(1)) {
    const cell = row[textColumn];
    if (!cell || cell.value.trim() === '') continue;
    const start = positions.point(cell.map[0]);
    const reply: CannedReply = {
      text: cell.value,
      line: start.line,
      column: start.column,
      offset: cell.map[0],
      sourceOffsets: cell.map,
      anchorLines: [row[0].line],
    };
    if (titleColumn >= 0 && row[titleColumn]?.value) reply.title = row[titleColumn].value;
    if (tagColumn >= 0 && row[tagColumn]?.value) reply.tags = row[tagColumn].value.split(/[,，;；|]/).map((t) => t.trim()).filter(Boolean);
    replies.push(reply);
  }
  return { replies, disables: [] };
}

const LIST_ITEM = /^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/;
const SKIPPED_LINE = /^\s*(?:#{1,6}(?:\s|$)|<!--.*-->\s*$|\||>|(?:[-*_]\s*){3,}$)/;

/**
 * Markdown: every list item and every paragraph is a reply, taken verbatim from
 * the file; headings, tables, quotes, comments and code blocks are not replies.
 */
export function readMarkdownLibrary(text: string): CannedLibrary {
  const lines = text.split('\n');
  const replies: CannedReply[] = [];
  let offset = 0;
  let inFence = false;
  let current: { start: number; end: number; line: number; column: number; item: boolean } | undefined;
  const close = () => {
    if (current) {
      replies.push({
        text: text.slice(current.start, current.end),
        line: current.line,
        column: current.column,
        offset: current.start,
        anchorLines: [current.line],
      });
    }
    current = undefined;
  };
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineStart = offset;
    offset += raw.length + 1;
    if (/^\s*(```|~~~)/.test(line)) {
      close();
      inFence = !inFence;
      return;
    }
    if (inFence) return;
    if (line.trim() === '' || SKIPPED_LINE.test(line) || (index === 0 && line === '---')) {
      close();
      return;
    }
    const contentEnd = lineStart + line.trimEnd().length;
    const item = LIST_ITEM.exec(line);
    if (item) {
      close();
      const start = lineStart + item[0].length;
      current = { start, end: contentEnd, line: index + 1, column: item[0].length + 1, item: true };
      return;
    }
    if (current) {
      current.end = contentEnd;
      return;
    }
    const indent = line.length - line.trimStart().length;
    current = { start: lineStart + indent, end: contentEnd, line: index + 1, column: indent + 1, item: false };
  });
  close();
  return { replies: replies.filter((reply) => reply.text.trim() !== ''), disables: findDisableComments(text, 'html') };
}

/** Plain text: one reply per line; `# kefu-lint-disable-next-line` lines are comments. */
export function readTextLibrary(text: string): CannedLibrary {
  const replies = splitReplies(text)
    .filter((reply) => !/^\s*#\s*kefu-lint-disable-next-line\b/.test(reply.text))
    .map((reply): CannedReply => ({ ...reply, anchorLines: [reply.line] }));
  return { replies, disables: findDisableComments(text, 'hash') };
}
