/**
 * Canned replies in YAML or JSON: a list of strings or `{text, title?, tags?}`
 * objects, possibly grouped under category keys. JSON is read with the YAML
 * parser (JSON is YAML 1.2), which keeps every node's range, so each reply knows
 * where its characters stand even through quotes and escapes.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { formatPath } from '../../engine/dictionary.js';
import { KefuLintError } from '../../engine/errors.js';
import { alignValue, findDisableComments, type CannedLibrary, type CannedReply } from './source.js';

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
  return new TreeReader(text, file, kind).read();
}

type Path = (string | number)[];

/** Walks a parsed library document, turning each string into a reply with its place. */
class TreeReader {
  private readonly lines = new LineCounter();
  private readonly replies: CannedReply[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly kind: 'YAML' | 'JSON',
  ) {}

  read(): CannedReply[] {
    const doc = parseDocument(this.text, { lineCounter: this.lines, prettyErrors: false, keepSourceTokens: false });
    if (doc.errors.length > 0) {
      const error = doc.errors[0];
      throw new KefuLintError('input', `${this.kind} 语法错误（${error.code}）。请检查这一行的缩进、冒号和引号。`, {
        file: this.file,
        line: this.lineAt(error.pos[0]),
      });
    }
    this.visit(doc.contents, [], undefined, []);
    return this.replies;
  }

  private lineAt(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  private fail(node: Node | Pair | null | undefined, path: Path, what: string): never {
    const offset = (node && 'range' in node && node.range ? node.range[0] : undefined) ?? 0;
    throw new KefuLintError('input', `${formatPath(path)}：${what}${SHAPE_HINT}`, { file: this.file, line: this.lineAt(offset) });
  }

  private scalarReply(node: Scalar, path: Path, extra: Partial<CannedReply>, anchors: number[]): CannedReply {
    if (typeof node.value !== 'string') this.fail(node, path, `这里是 ${node.value === null ? '空值' : typeof node.value}，不是文字。`);
    const [start, end] = node.range!;
    const style =
      node.type === 'QUOTE_DOUBLE' ? 'double' : node.type === 'QUOTE_SINGLE' ? 'single' : node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? 'block' : 'plain';
    const value = node.value as string;
    const map = alignValue(value, this.text.slice(start, end), start, style);
    const first = this.lineAt(map[0] ?? start);
    return {
      text: value,
      offset: map[0] ?? start,
      line: first,
      column: this.lines.linePos(map[0] ?? start).col,
      sourceOffsets: map,
      anchorLines: [...new Set([...anchors, this.lineAt(start), first])],
      ...extra,
    };
  }

  private visit(node: unknown, path: Path, category: string | undefined, anchors: number[]): void {
    if (isScalar(node)) {
      this.replies.push(this.scalarReply(node, path, category ? { category } : {}, anchors));
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => this.visit(item, [...path, index], category, []));
    } else if (isMap(node)) {
      this.visitMap(node, path, category);
    } else if (node === null || node === undefined) {
      if (path.length > 0) this.fail(null, path, '这里是空的。');
    } else {
      this.fail(node as Node, path, '无法识别的内容。');
    }
  }

  /** A map is one reply object (it has `text`), or categories of replies. */
  private visitMap(node: YAMLMap, path: Path, category: string | undefined): void {
    const textPair = node.items.find((pair) => isScalar(pair.key) && pair.key.value === 'text');
    if (textPair) return this.readObject(node, textPair, path, category);
    for (const pair of node.items) {
      if (!isScalar(pair.key)) this.fail(node, path, '分类名必须是文字。');
      const key = String((pair.key as Scalar).value);
      const keyLine = this.lineAt((pair.key as Scalar).range![0]);
      // A scalar under a key is a reply titled by its key; anything else is a category.
      if (isScalar(pair.value)) {
        this.replies.push(this.scalarReply(pair.value, [...path, key], { title: key, ...(category ? { category } : {}) }, [keyLine]));
      } else {
        this.visit(pair.value, [...path, key], category ? `${category}/${key}` : key, [keyLine]);
      }
    }
  }

  private readObject(node: YAMLMap, textPair: Pair, path: Path, category: string | undefined): void {
    const extra: Partial<CannedReply> = category ? { category } : {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value;
      if (key === 'text') continue;
      if (key === 'title') {
        if (!isScalar(value) || typeof value.value !== 'string') this.fail(pair.value as Node, [...path, key], 'title 应为文字。');
        extra.title = (value as Scalar).value as string;
      } else if (key === 'tags') {
        if (!isSeq(value) || !value.items.every((tag) => isScalar(tag) && typeof tag.value === 'string')) {
          this.fail(pair.value as Node, [...path, key], 'tags 应为文字列表。');
        }
        extra.tags = (value as YAMLSeq<Scalar<string>>).items.map((tag) => tag.value);
      } else {
        this.fail(pair.key as Node, [...path, key], `不认识的字段「${key}」（可用字段：text、title、tags）。`);
      }
    }
    if (!isScalar(textPair.value)) this.fail(textPair.value as Node, [...path, 'text'], 'text 应为文字。');
    const anchors = [this.lineAt(node.range![0]), this.lineAt((textPair.key as Scalar).range![0])];
    this.replies.push(this.scalarReply(textPair.value as Scalar, [...path, 'text'], extra, anchors));
  }
}
