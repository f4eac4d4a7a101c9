/**
 * A reply as an nlcst-style syntax tree built from its tokens:
 * Root > Paragraph > Sentence > Word | Punctuation | Symbol | WhiteSpace.
 * Emoji are Symbol nodes marked `data.emoji`. Every node has exact positions, and
 * the root carries the reply's clauses and non-language spans (context.ts).
 */
import type {
  Paragraph,
  Punctuation,
  Root,
  Sentence,
  SentenceContent,
  Symbol as SymbolNode,
  WhiteSpace,
  Word,
} from 'nlcst';
import type { Point, Position } from 'unist';
import { layoutOf, type ReplyLayout } from './context.js';
import type { Token } from './tokens.js';

declare module 'nlcst' {
  interface SymbolData {
    emoji?: boolean;
  }
  interface RootData {
    /** The tokens the tree was built from, so rules never tokenize again. */
    tokens?: readonly Token[];
    /** Clauses and non-language spans (see context.ts). */
    layout?: ReplyLayout;
  }
}

const SENTENCE_END = /[。！？!?…~～]$/u;

/** Maps UTF-16 offsets to 1-based line and column. */
export class PositionMap {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  point(offset: number): Point {
    const starts = this.lineStarts;
    if (starts.length === 1) return { line: 1, column: offset + 1, offset };
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1, offset };
  }

  /** The UTF-16 offset of a 1-based line and column. */
  offset(line: number, column: number): number {
    return (this.lineStarts[line - 1] ?? 0) + column - 1;
  }

  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }
}

export function buildTree(text: string, tokens: readonly Token[], layout: ReplyLayout = layoutOf(text, tokens)): Root {
  const map = new PositionMap(text);
  const root: Root = { type: 'RootNode', children: [], position: map.position(0, text.length), data: { tokens, layout } };
  let paragraph: Paragraph | undefined;
  let sentence: Sentence | undefined;

  const closeSentence = () => {
    if (sentence && paragraph) {
      sentence.position = map.position(sentence.children[0].position!.start.offset!, lastEnd(sentence));
      paragraph.children.push(sentence);
    }
    sentence = undefined;
  };
  const closeParagraph = () => {
    closeSentence();
    if (paragraph && paragraph.children.length > 0) {
      paragraph.position = map.position(paragraph.children[0].position!.start.offset!, lastEnd(paragraph));
      root.children.push(paragraph);
    }
    paragraph = undefined;
  };

  for (const token of tokens) {
    const position = map.position(token.start, token.end);
    if (token.kind === 'whitespace') {
      const node: WhiteSpace = { type: 'WhiteSpaceNode', value: token.text, position };
      if (token.text.includes('\n')) {
        closeParagraph();
        root.children.push(node);
      } else if (sentence) {
        sentence.children.push(node);
      } else if (paragraph) {
        paragraph.children.push(node);
      } else {
        root.children.push(node);
      }
      continue;
    }
    paragraph ??= { type: 'ParagraphNode', children: [] };
    sentence ??= { type: 'SentenceNode', children: [] };
    sentence.children.push(tokenNode(token, position));
    if (token.kind === 'punctuation' && SENTENCE_END.test(token.text)) closeSentence();
  }
  closeParagraph();
  return root;
}

function tokenNode(token: Token, position: Position): SentenceContent {
  switch (token.kind) {
    case 'punctuation': {
      const node: Punctuation = { type: 'PunctuationNode', value: token.text, position };
      return node;
    }
    case 'symbol':
    case 'emoji': {
      const node: SymbolNode = { type: 'SymbolNode', value: token.text, position };
      if (token.kind === 'emoji') node.data = { emoji: true };
      return node;
    }
    default: {
      const node: Word = {
        type: 'WordNode',
        children: [{ type: 'TextNode', value: token.text, position }],
        position,
      };
      return node;
    }
  }
}

function lastEnd(node: Paragraph | Sentence): number {
  return node.children[node.children.length - 1].position!.end.offset!;
}
