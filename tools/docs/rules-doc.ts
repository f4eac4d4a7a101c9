/**
 * The rule reference, docs/rules.md, generated from the rules' own metadata so it
 * cannot drift from the code: `npm run docs` rewrites it, and a test fails when the
 * committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRules } from '../../rules/index.js';
import { presetSeverity } from '../../src/engine/severity.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import type { Rule } from '../../src/engine/rule.js';
import type { SeverityOrOff } from '../../src/engine/severity.js';

export const RULES_DOC = join(PACKAGE_ROOT, 'docs', 'rules.md');

const SEVERITY_NAMES: Record<SeverityOrOff, string> = { error: 'error', warning: 'warn', info: 'info', off: 'off' };

function row(rule: Rule<any>): string {
  const cells = [
    `[\`${rule.id}\`](../rules/${rule.id}.md)`,
    rule.meta.title,
    rule.meta.description.replace(/\|/g, '\\|'),
    rule.meta.scope === 'conversation' ? '会话' : '单条回复',
    SEVERITY_NAMES[presetSeverity(rule, 'recommended')],
    SEVERITY_NAMES[presetSeverity(rule, 'strict')],
    rule.meta.fixable ? '✓' : '',
    rule.meta.hasSuggestions ? '✓' : '',
  ];
  return `| ${cells.join(' | ')} |`;
}

export function renderRulesDoc(rules: readonly Rule<any>[] = builtinRules): string {
  return [
    '# 规则一览',
    '',
    '<!-- 本文件由 `npm run docs` 根据规则元数据生成，请勿手工修改。 -->',
    '',
    '级别列是该规则在 `recommended` 与 `strict` 预设中的默认级别；「可自动修复」的规则可由 `--fix` 安全修改，',
    '「改写建议」只给出供人选择的写法，从不自动应用。',
    '',
    '| 规则 | 名称 | 检查什么 | 范围 | recommended | strict | 可自动修复 | 改写建议 |',
    '|---|---|---|---|---|---|---|---|',
    ...rules.map(row),
    '',
    '## 由配置与注释产生的检查',
    '',
    '- `shop-phrases`（店铺话术规范）：配置文件 `phrases` 里列出的说法，每条可设改写（rewrite）、级别（severity）与原因（reason）；默认级别 warn。',
    '- `unused-disable`（多余的屏蔽注释）：`kefu-lint-disable-next-line` 注释没有屏蔽任何问题时报告，级别 warn。',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(RULES_DOC, renderRulesDoc());
  process.stdout.write(`已生成 ${RULES_DOC}\n`);
}
