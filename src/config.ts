/**
 * Configuration files: kefu-lint.config.json, kefu-lint.config.yaml (.yml) or a
 * "kefu-lint" key in package.json, found by walking up from each linted file.
 * A config holds the preset, rule settings, shop phrases (a phrase rule built
 * from data), extra jieba words, per-glob overrides and ignored globs. Every
 * mistake is an error naming the file, the key path, its line and what is allowed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as z from 'zod';
import { glob } from 'tinyglobby';
import { builtinRules } from '../rules/index.js';
import { formatPath, parseYamlWithLines, readTextFile, validateJiebaWord, zodChinese, type JiebaWord } from './dictionary.js';
import { KefuLintError } from './errors.js';
import { createLinter, createLinterSync, PRESETS, RuleSettingSchema, unknownRule, type Finding, type Linter, type LinterOptions, type Preset, type RuleSetting } from './linter.js';
import { defineRule, type Rule, type Severity } from './rule.js';
import { reportMatches } from './rule.js';
import { PACKAGE_ROOT } from './paths.js';
import { pathToFileURL } from 'node:url';
import type { ConversationResult, ConversationTurn } from './transcripts/conversation.js';

export const CONFIG_FILES = ['kefu-lint.config.json', 'kefu-lint.config.yaml', 'kefu-lint.config.yml'] as const;
export const PACKAGE_KEY = 'kefu-lint';
export const SHOP_PHRASES_RULE = 'shop-phrases';
const SHOP_DICTIONARY = 'shop-phrases';

const SEVERITIES = ['info', 'warn', 'warning', 'error'] as const;

const ShopPhraseSchema = z.strictObject({
  phrase: z.string().trim().min(1).max(60),
  rewrite: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  severity: z.enum(SEVERITIES).optional(),
  reason: z.string().min(1).optional(),
});

const WordSchema = z.union([
  z.string(),
  z.strictObject({ word: z.string(), freq: z.number().optional(), tag: z.string().optional() }),
]);

const settings = {
  preset: z.enum(PRESETS).optional(),
  rules: z.record(z.string(), RuleSettingSchema).optional(),
  phrases: z.array(ShopPhraseSchema).optional(),
  words: z.array(WordSchema).optional(),
};

const OverrideSchema = z.strictObject({
  files: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  ...settings,
});

export const ConfigSchema = z.strictObject({
  ...settings,
  overrides: z.array(OverrideSchema).optional(),
  ignores: z.array(z.string().min(1)).optional(),
});

export type ConfigData = z.output<typeof ConfigSchema>;
export type ShopPhrase = z.output<typeof ShopPhraseSchema>;

export interface LoadedConfig {
  /** Absolute path of the file the config came from. */
  file: string;
  dir: string;
  data: ConfigData;
}

const ALLOWED: Record<string, string> = {
  '': '可用的键：preset、rules、phrases、words、overrides、ignores',
  preset: `可选 ${PRESETS.join('、')}`,
  rules: '每条规则写级别（off、info、warn、error），或写 { severity, options }',
  phrases: '每项写 { phrase, rewrite, severity, reason }，phrase 必填',
  words: '每项写一个词，或 { word, freq, tag }',
  overrides: '每项写 { files, preset, rules, phrases, words }，files 必填',
  ignores: '写 glob 字符串列表，例如 ["drafts/**"]',
};

function allowedFor(path: readonly PropertyKey[]): string {
  const inOverride = path[0] === 'overrides' && path.length > 2 && typeof path[2] === 'string' && path[2] in settings;
  const top = inOverride ? path[2] : path[0];
  return ALLOWED[typeof top === 'string' ? top : ''] ?? ALLOWED[''];
}

/** Parse and validate a config file's text. `file` is only used in messages. */
export function parseConfig(text: string, file: string): ConfigData {
  const isPackage = /(^|[\\/])package\.json$/.test(file);
  const isJson = /\.json$/i.test(file);
  if (isJson) {
    try {
      JSON.parse(text);
    } catch (error) {
      const position = /position (\d+)/.exec((error as Error).message);
      const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
      throw new KefuLintError('config', `JSON 语法错误：${(error as Error).message}。请检查逗号、引号和括号。`, { file, line });
    }
  }
  const parsedText = parseYamlWithLines(text, file, 'config');
  const prefix: PropertyKey[] = isPackage ? [PACKAGE_KEY] : [];
  const raw = isPackage ? (parsedText.value as Record<string, unknown> | null)?.[PACKAGE_KEY] : parsedText.value;
  const fail = (path: readonly PropertyKey[], message: string): never => {
    throw new KefuLintError('config', `配置项 ${formatPath([...prefix, ...path])} ${message}`, {
      file,
      line: parsedText.lineOf([...prefix, ...path]),
    });
  };
  const parsed = ConfigSchema.safeParse(raw ?? {}, zodChinese);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    const isSeverity = (path[0] === 'rules' && path.length <= 3) || (path[0] === 'overrides' && path[2] === 'rules' && path.length <= 5);
    const missing = issue.code !== 'unrecognized_keys' && valueAt(raw, path) === undefined;
    const what = missing ? '缺失' : isSeverity && issue.code === 'invalid_union' ? '的级别无效' : `无效：${issue.message}`;
    fail(path, `${what}。${allowedFor(path)}。`);
  }
  const data = parsed.data!;
  checkSettings(data, [], fail);
  data.overrides?.forEach((override, index) => checkSettings(override, ['overrides', index], fail));
  return data;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const knownRules = (): Map<string, Rule<any>> => new Map(builtinRules.map((rule) => [rule.id, rule]));

/** What zod cannot see: rule ids, each rule's own options, jieba word syntax. */
function checkSettings(
  section: { rules?: Record<string, unknown>; words?: z.output<typeof WordSchema>[] },
  base: PropertyKey[],
  fail: (path: readonly PropertyKey[], message: string) => never,
): void {
  const rules = knownRules();
  for (const [id, setting] of Object.entries(section.rules ?? {})) {
    const path = [...base, 'rules', id];
    if (id === SHOP_PHRASES_RULE) {
      if (typeof setting === 'object' && setting && 'options' in setting) fail([...path, 'options'], `没有选项：店铺话术请写在 phrases 里。`);
      continue;
    }
    const rule = rules.get(id);
    if (!rule) {
      const hint = unknownRule(id, [...rules.keys(), SHOP_PHRASES_RULE]).message;
      fail(path, `是未知规则。${hint}`);
    }
    const options = typeof setting === 'object' && setting ? (setting as { options?: unknown }).options : undefined;
    if (options !== undefined) {
      const result = rule!.options.safeParse(options, zodChinese);
      if (!result.success) {
        const issue = result.error.issues[0];
        const issuePath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
        fail([...path, 'options', ...issuePath], `无效：${issue.message}。可用选项见 ${rule!.meta.docs}`);
      }
    }
  }
  section.words?.forEach((word, index) => {
    const value = typeof word === 'string' ? { word } : word;
    try {
      validateJiebaWord(value);
    } catch (error) {
      fail([...base, 'words', index], `无效：${(error as Error).message}`);
    }
  });
}

export function loadConfig(file: string): LoadedConfig {
  const absolute = resolve(file);
  return { file: absolute, dir: dirname(absolute), data: parseConfig(readTextFile(file, 'config'), file) };
}

/** The config file nearest to `dir` (itself or a parent), or undefined. */
export function findConfigFile(dir: string, cache = new Map<string, string | null>()): string | undefined {
  const visited: string[] = [];
  let current = resolve(dir);
  let found: string | null = null;
  for (;;) {
    const cached = cache.get(current);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(current);
    const candidate = CONFIG_FILES.map((name) => join(current, name)).find((path) => existsSync(path));
    if (candidate) {
      found = candidate;
      break;
    }
    const pkg = join(current, 'package.json');
    if (existsSync(pkg) && hasPackageKey(pkg)) {
      found = pkg;
      break;
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dirVisited of visited) cache.set(dirVisited, found);
  return found ?? undefined;
}

function hasPackageKey(pkg: string): boolean {
  try {
    const data = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
    return data !== null && typeof data === 'object' && PACKAGE_KEY in data;
  } catch {
    // A broken package.json that is not ours to read is not a kefu-lint config.
    return false;
  }
}

/** Settings given on the command line; they win over every config. */
export interface CliSettings {
  preset?: Preset;
  rules?: Record<string, RuleSetting>;
}

export interface ResolvedSettings {
  preset: Preset;
  rules: Record<string, RuleSetting>;
  phrases: ShopPhrase[];
  words: (string | JiebaWord)[];
}

/** Merge a config's base settings, the overrides matching the file, then the command line. */
export function mergeSettings(
  config: ConfigData | undefined,
  matchingOverrides: readonly number[],
  cli: CliSettings = {},
): ResolvedSettings {
  const merged: ResolvedSettings = { preset: 'recommended', rules: {}, phrases: [], words: [] };
  const sections = [config, ...matchingOverrides.map((index) => config?.overrides?.[index])];
  for (const section of sections) {
    if (!section) continue;
    if (section.preset) merged.preset = section.preset;
    Object.assign(merged.rules, section.rules ?? {});
    merged.phrases.push(...(section.phrases ?? []));
    merged.words.push(...(section.words ?? []));
  }
  if (cli.preset) merged.preset = cli.preset;
  Object.assign(merged.rules, cli.rules ?? {});
  return merged;
}

/** Linter options for resolved settings: shop phrases become the `shop-phrases` rule and its dictionary. */
export function toLinterOptions(settings: ResolvedSettings): LinterOptions {
  const phraseWords = settings.phrases.map((p) => p.phrase).filter((word) => /^[^\s|;#\p{Cc}\p{Cs}]{1,32}$/u.test(word));
  return {
    preset: settings.preset,
    rules: settings.rules,
    plugins: [shopPhrasesRule(settings.phrases.length > 0)],
    dictionaries:
      settings.phrases.length > 0
        ? [
            {
              name: SHOP_DICTIONARY,
              entries: settings.phrases.map((p) => ({
                phrase: p.phrase,
                rewrites: p.rewrite === undefined ? [] : Array.isArray(p.rewrite) ? p.rewrite : [p.rewrite],
                ...(p.reason ? { reason: p.reason } : {}),
              })),
            },
          ]
        : [],
    // Shop phrases are words of their own: without this, jieba may cut through them and they never match.
    words: [...settings.words, ...phraseWords],
  };
}

function shopPhrasesRule(hasPhrases: boolean): Rule<Record<string, never>> {
  return defineRule({
    id: SHOP_PHRASES_RULE,
    meta: {
      title: '店铺话术规范',
      description: '回复中用了店铺配置（phrases）里不建议使用的说法。',
      scope: 'reply',
      severity: 'warning',
      fixable: false,
      hasSuggestions: true,
      docs: pathToFileURL(join(PACKAGE_ROOT, 'docs', 'rules.md')).href + `#${SHOP_PHRASES_RULE}`,
    },
    options: z.strictObject({}),
    dictionaries: hasPhrases ? [SHOP_DICTIONARY] : [],
    create() {
      if (!hasPhrases) return () => {};
      return (reply) => reportMatches(reply, reply.matches(SHOP_DICTIONARY), '回复中用了店铺不建议使用的说法。');
    },
  });
}

/** A linter for one resolved config; shop phrases keep the severity each was given. */
export interface ConfiguredLinter {
  linter: Linter;
  lint(text: string): Finding[];
}

export async function createConfiguredLinter(settings: ResolvedSettings, linterOptions: Partial<LinterOptions> = {}): Promise<ConfiguredLinter> {
  const linter = await createLinter({ ...toLinterOptions(settings), ...linterOptions });
  const severities = phraseSeverities(settings);
  return {
    linter,
    lint: (text) => applyPhraseSeverities(linter.lint(text, { standalone: true }), severities),
  };
}

/** Shop phrases given their own severity, by lower-cased phrase. */
function phraseSeverities(settings: ResolvedSettings): Map<string, Severity> {
  const severities = new Map<string, Severity>();
  for (const phrase of settings.phrases) {
    if (phrase.severity) severities.set(phrase.phrase.toLowerCase(), phrase.severity === 'warn' ? 'warning' : phrase.severity);
  }
  return severities;
}

function applyPhraseSeverities<T extends Finding>(findings: T[], severities: ReadonlyMap<string, Severity>): T[] {
  if (severities.size === 0) return findings;
  for (const finding of findings) {
    if (finding.ruleId !== SHOP_PHRASES_RULE) continue;
    finding.severity = severities.get(finding.actual.toLowerCase()) ?? finding.severity;
  }
  return findings;
}

/**
 * How a transcript's linter is built: from the settings a config resolved to
 * (the command line), or from plain linter options (library callers). Both are
 * plain data, so worker threads can build the same linter.
 */
export type LinterSpec = { settings: ResolvedSettings } | { options: Omit<LinterOptions, 'plugins' | 'tokenizer'> };

export interface ConversationLinter {
  lintConversation(messages: readonly ConversationTurn[]): ConversationResult;
}

/** A conversation linter for a spec; shop phrases keep the severity each was given. */
export function createConversationLinterSync(spec: LinterSpec): ConversationLinter {
  if ('options' in spec) return createLinterSync(spec.options);
  const linter = createLinterSync(toLinterOptions(spec.settings));
  const severities = phraseSeverities(spec.settings);
  return {
    lintConversation(messages) {
      const result = linter.lintConversation(messages);
      for (const message of result.messages) applyPhraseSeverities(message.findings, severities);
      applyPhraseSeverities(result.findings, severities);
      return result;
    },
  };
}

/**
 * Finds the config of each file and hands out one linter per distinct resolved
 * configuration, so a folder of libraries loads jieba and the dictionaries once.
 */
export class ConfigResolver {
  private readonly explicit?: LoadedConfig;
  private readonly discovered = new Map<string, string | null>();
  private readonly configs = new Map<string, LoadedConfig>();
  private readonly globs = new Map<string, Promise<Set<string>>>();
  private readonly linters = new Map<string, Promise<ConfiguredLinter>>();

  constructor(
    private readonly options: { configPath?: string; cli?: CliSettings; linterOptions?: Partial<LinterOptions> } = {},
  ) {
    if (options.configPath) this.explicit = loadConfig(options.configPath);
  }

  /** The config that applies to a file (the --config one, else the nearest), or undefined. */
  configFor(file: string): LoadedConfig | undefined {
    if (this.explicit) return this.explicit;
    const found = findConfigFile(dirname(resolve(file)), this.discovered);
    if (!found) return undefined;
    let config = this.configs.get(found);
    if (!config) {
      config = loadConfig(found);
      this.configs.set(found, config);
    }
    return config;
  }

  async settingsFor(file: string): Promise<{ ignored: boolean; settings: ResolvedSettings }> {
    const config = this.configFor(file);
    const absolute = resolve(file);
    if (config?.data.ignores?.length && (await this.matches(config, 'ignores', config.data.ignores)).has(absolute)) {
      return { ignored: true, settings: mergeSettings(undefined, [], this.options.cli) };
    }
    const matching: number[] = [];
    for (const [index, override] of (config?.data.overrides ?? []).entries()) {
      const patterns = Array.isArray(override.files) ? override.files : [override.files];
      if ((await this.matches(config!, `overrides.${index}`, patterns)).has(absolute)) matching.push(index);
    }
    return { ignored: false, settings: mergeSettings(config?.data, matching, this.options.cli) };
  }

  /** The linter for a file, or undefined when the file is ignored. */
  async linterFor(file: string): Promise<ConfiguredLinter | undefined> {
    const { ignored, settings } = await this.settingsFor(file);
    if (ignored) return undefined;
    const key = JSON.stringify(settings);
    let linter = this.linters.get(key);
    if (!linter) {
      linter = createConfiguredLinter(settings, this.options.linterOptions);
      this.linters.set(key, linter);
    }
    return linter;
  }

  /** How many distinct linters were built (for tests and diagnostics). */
  get linterCount(): number {
    return this.linters.size;
  }

  // Globs are relative to the config's folder; each set is expanded once.
  private matches(config: LoadedConfig, key: string, patterns: readonly string[]): Promise<Set<string>> {
    const cacheKey = `${config.file}#${key}`;
    let set = this.globs.get(cacheKey);
    if (!set) {
      set = glob([...patterns], { cwd: config.dir, absolute: true, dot: true, ignore: ['**/node_modules/**'] }).then(
        (files) => new Set(files.map((f) => resolve(f))),
      );
      this.globs.set(cacheKey, set);
    }
    return set;
  }
}
