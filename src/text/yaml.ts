/** YAML (and JSON, which is YAML 1.2) parsed with enough of the document kept to point errors at lines. */
import { isNode, LineCounter, parseDocument } from 'yaml';
import { KefuLintError, type ErrorCode } from '../engine/errors.js';

export interface YamlWithLines {
  value: unknown;
  /** 1-based line of the node at `path`, or of its nearest existing parent. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export function parseYamlWithLines(text: string, file: string, code: Extract<ErrorCode, 'dictionary' | 'config' | 'input'>): YamlWithLines {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new KefuLintError(code, `YAML 语法错误（${error.code}）。请检查这一行的缩进、冒号和引号。`, {
      file,
      line,
    });
  }
  return {
    value: doc.toJS(),
    lineOf(path) {
      for (let length = path.length; length >= 0; length--) {
        const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length) as unknown[], true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}
