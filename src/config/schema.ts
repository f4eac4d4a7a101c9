/**
 * What a config file may hold: the preset, rule settings, shop phrases (the
 * `shop-phrases` rule, built from data), extra jieba words, per-glob overrides and
 * ignored globs; and, for each key, what is allowed (said in every error).
 */
import * as z from 'zod';
import { JiebaWordSchema } from '../engine/dictionary.js';
import { RuleSettingSchema } from '../engine/settings.js';
import { normalizeSeverity, PRESETS, type Severity } from '../engine/severity.js';

export const CONFIG_FILES = ['kefu-lint.config.json', 'kefu-lint.config.yaml', 'kefu-lint.config.yml'] as const;
/** The key a package.json holds its kefu-lint config under. */
export const PACKAGE_KEY = 'kefu-lint';

const ShopPhraseSchema = z.strictObject({
  phrase: z.string().trim().min(1).max(60),
  rewrite: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  severity: z.enum(['info', 'warn', 'warning', 'error']).transform((name) => normalizeSeverity(name) as Severity).optional(),
  reason: z.string().min(1).optional(),
});
export type ShopPhrase = z.output<typeof ShopPhraseSchema>;

const settingsShape = {
  preset: z.enum(PRESETS).optional(),
  rules: z.record(z.string(), RuleSettingSchema).optional(),
  phrases: z.array(ShopPhraseSchema).optional(),
  words: z.array(JiebaWordSchema).optional(),
};

const OverrideSchema = z.strictObject({
  files: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  ...settingsShape,
});

export const ConfigSchema = z.strictObject({
  ...settingsShape,
  overrides: z.array(OverrideSchema).optional(),
  ignores: z.array(z.string().min(1)).optional(),
});
export type ConfigData = z.output<typeof ConfigSchema>;

const ALLOWED: Record<string, string> = {
  '': '可用的键：preset、rules、phrases、words、overrides、ignores',
  preset: `可选 ${PRESETS.join('、')}`,
  rules: '每条规则写级别（off、info、warn、error），或写 { severity, options }',
  phrases: '每项写 { phrase, rewrite, severity, reason }，phrase 必填',
  words: '每项写一个词，或 { word, freq, tag }',
  overrides: '每项写 { files, preset, rules, phrases, words }，files 必填',
  ignores: '写 glob 字符串列表，例如 ["drafts/**"]',
};

/** What may stand at a key path, for error messages. */
export function allowedAt(path: readonly PropertyKey[]): string {
  const inOverride = path[0] === 'overrides' && path.length > 2 && typeof path[2] === 'string' && path[2] in settingsShape;
  const top = inOverride ? path[2] : path[0];
  return ALLOWED[typeof top === 'string' ? top : ''] ?? ALLOWED[''];
}
