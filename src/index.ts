/** kefu-lint: reply-quality linting for e-commerce customer service. */
export { createLinter, createLinterSync, PRESETS, presetSeverity } from './linter.js';
export type { Finding, Linter, LinterOptions, Preset, RuleInfo, RuleSetting } from './linter.js';
export { defineRule, docsUrl } from './rule.js';
export type { Edit, LintContext, ReplyContext, Rule, RuleCheck, RuleEnv, RuleMeta, RuleReport, Severity, SeverityOrOff, Turn } from './rule.js';
export { phraseRule } from './kinds.js';
export { kefuParse, kefuRules, rulePlugin } from './plugins.js';
export { buildTree } from './tree.js';
export { PhraseMatcher } from './matcher.js';
export type { PhraseMatch } from './matcher.js';
export type { Token, TokenKind, Tokenizer } from './tokenizer.js';
export { applyEdits } from './edits.js';
export { KefuLintError, isKefuLintError } from './errors.js';
export { builtinRules } from '../rules/index.js';
