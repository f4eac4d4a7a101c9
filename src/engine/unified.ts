/**
 * The engine as unified plugins: `kefuParse` turns a reply into an nlcst tree from
 * its tokens; `kefuRules` runs a linter's rules over that tree and reports each
 * finding as a vfile message, as unified pipelines expect.
 *   unified().use(kefuParse, { tokenizer }).use(kefuRules, { linter })
 */
import type { Root } from 'nlcst';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import type { LintContext } from './conversation.js';
import type { Linter } from './linter.js';
import type { Tokenizer } from './tokens.js';
import { buildTree } from './tree.js';

/** Context for the reply in `file.data.kefu` (history, standalone). */
declare module 'vfile' {
  interface DataMap {
    kefu: LintContext;
  }
}

export const kefuParse: Plugin<[{ tokenizer: Pick<Tokenizer, 'tokenize'> }], string, Root> = function (options) {
  this.parser = (document) => buildTree(document, options.tokenizer.tokenize(document));
};

export const kefuRules: Plugin<[{ linter: Linter }], Root> = function (options) {
  return (tree: Root, file: VFile) => {
    for (const finding of options.linter.lintTree(String(file.value), tree, file.data.kefu)) {
      const message = file.message(finding.reason, {
        place: { start: { line: finding.line, column: finding.column, offset: finding.start }, end: { line: finding.endLine, column: finding.endColumn, offset: finding.end } },
        ruleId: finding.ruleId,
        source: 'kefu-lint',
      });
      message.fatal = finding.severity === 'error' ? true : finding.severity === 'warning' ? false : undefined;
      message.actual = finding.actual;
      message.expected = finding.expected;
      message.url = finding.url;
    }
  };
};
