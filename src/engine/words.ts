/**
 * Tokenizers as one linter sees them: its own extra words on top of a shared
 * segmenter, and a check on segmenters the caller plugs in.
 *
 * A linter's `words` (config `words`, shop phrases) must not change what any other
 * linter in the process finds, so they are never taught to the shared segmenter.
 * Each occurrence of one of the words becomes one token of its own, and the text
 * between occurrences is segmented as usual. Jieba never joins characters across
 * a word it has been taught with a high frequency, so this is what jieba would
 * give with the word inserted, without changing jieba for anyone else.
 */
import { KefuLintError, type ErrorCode } from './errors.js';
import { classifyToken, type Token, type TokenKind, type Tokenizer } from './tokens.js';

const KINDS: ReadonlySet<TokenKind> = new Set(['word', 'punctuation', 'whitespace', 'symbol', 'emoji']);

interface Node {
  children: Map<number, Node>;
  word?: boolean;
}

function trieOf(words: readonly string[]): Node {
  const root: Node = { children: new Map() };
  for (const word of words) {
    let node = root;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      let child = node.children.get(code);
      if (!child) node.children.set(code, (child = { children: new Map() }));
      node = child;
    }
    node.word = true;
  }
  return root;
}

/** Leftmost-longest occurrences of the words, none overlapping, as [start, end). */
function occurrences(root: Node, text: string): [number, number][] {
  const found: [number, number][] = [];
  for (let start = 0; start < text.length; ) {
    let end = -1;
    let node: Node | undefined = root;
    for (let i = start; i < text.length; i++) {
      node = node.children.get(text.charCodeAt(i));
      if (!node) break;
      if (node.word) end = i + 1;
    }
    if (end > 0) {
      found.push([start, end]);
      start = end;
    } else start++;
  }
  return found;
}

/** `base`, with `words` kept whole as tokens of their own. With no words, `base` itself. */
export function withWords(base: Tokenizer, words: readonly { word: string }[]): Tokenizer {
  const list = [...new Set(words.map((w) => w.word))].filter((w) => w.length > 0);
  if (list.length === 0) return base;
  const root = trieOf(list);
  const tokenize = (text: string, found = occurrences(root, text)): Token[] => {
    if (found.length === 0) return base.tokenize(text);
    const tokens: Token[] = [];
    let at = 0;
    const cut = (end: number) => {
      if (end <= at) return;
      for (const token of base.tokenize(text.slice(at, end))) tokens.push({ ...token, start: token.start + at, end: token.end + at });
    };
    for (const [start, end] of found) {
      cut(start);
      tokens.push({ text: text.slice(start, end), start, end, kind: 'word' });
      at = end;
    }
    cut(text.length);
    return tokens;
  };
  return {
    tokenize,
    tokenizeMany(texts) {
      // Texts without any of the words go to the segmenter together; each text is scanned once.
      const found = texts.map((text) => occurrences(root, text));
      const plain = texts.filter((_, index) => found[index].length === 0);
      const batch = base.tokenizeMany ? base.tokenizeMany(plain) : plain.map((text) => base.tokenize(text));
      let next = 0;
      return texts.map((text, index) => (found[index].length === 0 ? batch[next++] : tokenize(text, found[index])));
    },
  };
}

/**
 * A caller's segmenter, checked on every call: its tokens must cover the text
 * exactly, in order, each with the text it claims. A segmenter that breaks this
 * would silently lose findings, so it is an error instead.
 */
export function checkedTokenizer(custom: Tokenizer): Tokenizer {
  const complaint = '自定义分词器返回的词元无效';
  return {
    tokenize: (text) => checkTokens(text, custom.tokenize(text), complaint),
    tokenizeMany: (texts) => texts.map((text) => checkTokens(text, custom.tokenize(text), complaint)),
  };
}

/**
 * `tokens` if they cover `text` exactly, in order, each with the text it claims; else a
 * KefuLintError (`code`) opening with `complaint` (a function: made only when needed).
 */
export function checkTokens(text: string, tokens: unknown, complaint: string | (() => string), code: ErrorCode = 'options'): Token[] {
  const badTokens = (detail: string) =>
    new KefuLintError(code, `${typeof complaint === 'string' ? complaint : complaint()}：${detail}。词元必须按顺序、不重叠、不遗漏地覆盖原文。`);
  if (!Array.isArray(tokens)) throw badTokens('不是数组');
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (typeof token !== 'object' || token === null || typeof token.start !== 'number' || typeof token.end !== 'number' || typeof token.text !== 'string') {
      throw badTokens(`第 ${i + 1} 个词元缺少 text/start/end`);
    }
    if (token.start !== at || token.end <= token.start || token.end > text.length || token.text.length !== token.end - token.start || !text.startsWith(token.text, at)) {
      throw badTokens(`第 ${i + 1} 个词元「${String(token.text).slice(0, 20)}」的位置 ${token.start}–${token.end} 与原文不符（应从 ${at} 开始，且 text 等于原文这一段）`);
    }
    if (!KINDS.has(token.kind)) tokens[i] = { ...token, kind: classifyToken(token.text) };
    at = token.end;
  }
  if (at !== text.length) throw badTokens(`词元只覆盖到第 ${at} 个字符，原文有 ${text.length} 个`);
  return tokens as Token[];
}
